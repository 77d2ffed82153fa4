/**
 * Reading a run report back (`run.json`) for a baseline or a comparison: a run directory or the
 * file itself. The version and kind are checked first (a newer report gets a clear "unsupported
 * version", not a field error), then the shape, and every error names the file and the field.
 * Unknown fields are allowed: additive changes keep `v: 1` (docs/scenarios/reports.md).
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { LightsoutError } from "../../errors.js";
import { RUN_REPORT_KIND, RUN_REPORT_VERSION, type RunReport } from "./run-report.js";

const attribution = z.enum(["product", "twin", "judge", "infrastructure"]);
const pair = z.tuple([z.number(), z.number()]);
const counts = z.object({ trials: z.number(), satisfied: z.number(), rate: z.number() });

const trialSummary = z.object({
  index: z.number(),
  seed: z.number(),
  satisfied: z.boolean(),
  attribution: attribution.optional(),
  reasons: z.array(z.string()),
  durationMs: z.number(),
  perturbations: z.array(z.string()),
  trajectoryFile: z.string().optional(),
});

const scenarioReport = z.object({
  id: z.string(),
  title: z.string(),
  file: z.string(),
  weight: z.number(),
  mustPass: z.boolean(),
  tags: z.array(z.string()),
  trials: z.number().int().min(0),
  satisfied: z.number().int().min(0),
  excluded: z.object({ twin: z.number(), judge: z.number(), infrastructure: z.number() }),
  rate: z.number().nullable(),
  clopperPearson: pair.nullable(),
  passAtK: z.record(z.string(), z.number()),
  passHatK: z.record(z.string(), z.number()),
  trialDetails: z.array(trialSummary),
});

const reason = z.object({ predicate: z.string(), passed: z.boolean(), detail: z.string() });

const comparison = z.object({
  alpha: z.number(),
  scenarios: z.array(
    z.object({
      id: z.string(),
      baseline: counts,
      current: counts,
      drop: z.number(),
      pValue: z.number(),
      qValue: z.number(),
      brokeFromPerfect: z.boolean(),
      newlyFailing: z.boolean(),
    }),
  ),
  newlyFailing: z.array(z.string()),
  onlyInBaseline: z.array(z.string()),
  onlyInCurrent: z.array(z.string()),
  stratified: z.object({ drop: z.number(), standardError: z.number(), z: z.number(), pValue: z.number() }).nullable(),
  mcnemar: z.object({ b: z.number(), c: z.number(), pairs: z.number(), pValue: z.number() }).nullable(),
});

const runReportSchema = z.object({
  v: z.literal(RUN_REPORT_VERSION),
  kind: z.literal(RUN_REPORT_KIND),
  runId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  app: z.object({ command: z.string(), kind: z.enum(["service", "command"]) }),
  seed: z.number(),
  trialsPerScenario: z.number(),
  threshold: z.number(),
  alpha: z.number(),
  satisfaction: z
    .object({
      value: z.number(),
      lower: z.number(),
      upper: z.number(),
      interval: pair,
      standardError: z.number(),
      clusteredStandardError: z.number().nullable(),
      designEffect: z.number().nullable(),
      effectiveSampleSize: z.number(),
    })
    .nullable(),
  gate: z.object({ passed: z.boolean(), reasons: z.array(reason) }),
  minimumDetectableDrop: z.number().nullable(),
  attribution: z.object({ product: z.number(), twin: z.number(), judge: z.number(), infrastructure: z.number() }),
  scenarios: z.array(scenarioReport),
  baseline: z.object({ runId: z.string(), comparison, newlyFailing: z.array(z.string()) }).optional(),
  visible: z.object({ satisfaction: z.number().nullable(), gap: z.number().nullable(), alarm: z.boolean() }).optional(),
  leaks: z.array(z.object({ source: z.string(), scenarioId: z.string(), kind: z.string() })),
});

/** `scenarios[2].trialDetails[0].seed` from zod's path. */
function fieldName(path: readonly PropertyKey[]): string {
  let name = "";
  for (const key of path) name += typeof key === "number" ? `[${key}]` : `${name ? "." : ""}${String(key)}`;
  return name || "(top level)";
}

/** Where the report of `path` is: `run.json` inside a directory, or the file itself. */
export function resolveRunReportPath(path: string): { file: string; directory: string } {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    throw new LightsoutError("INPUT", `cannot read run report ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (isDirectory) return { file: join(path, "run.json"), directory: path };
  return { file: path, directory: dirname(path) };
}

/** Validates parsed JSON as a run report; `file` only names the source in errors. */
export function parseRunReport(json: unknown, file: string): RunReport {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new LightsoutError("INPUT", `${file}: not a run report: expected a JSON object`);
  }
  const record = json as Record<string, unknown>;
  if (record["kind"] !== RUN_REPORT_KIND) {
    throw new LightsoutError("INPUT", `${file}: kind: expected "${RUN_REPORT_KIND}", got ${JSON.stringify(record["kind"]) ?? "nothing"}`);
  }
  if (record["v"] !== RUN_REPORT_VERSION) {
    throw new LightsoutError("INPUT", `${file}: v: unsupported run report version ${JSON.stringify(record["v"]) ?? "(missing)"}; this lightsout reads v ${RUN_REPORT_VERSION}`);
  }
  const result = runReportSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : "";
    throw new LightsoutError("INPUT", `${file}: ${fieldName(issue.path)}: ${issue.message}${more}`);
  }
  // The input, not zod's copy: unknown (newer, additive) fields are kept.
  return json as RunReport;
}

/** Reads and validates a run report from a run directory (its `run.json`) or a report file. */
export function readRunReport(path: string): RunReport {
  const { file } = resolveRunReportPath(path);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new LightsoutError("INPUT", `cannot read run report ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LightsoutError("INPUT", `${file}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseRunReport(json, file);
}
