/**
 * The optional YAML front matter of a spec, between `---` lines at the very top: the machine
 * fields (name, model, budget, services, how to start the app). Validated with zod and located
 * with the scenario format's helpers, so a mistake is reported at its file line, with a "did you
 * mean" for a mistyped key.
 */
import { z } from "zod";
import { schemaProblems } from "../scenarios/format/issues.js";
import { describeValue, isRecord, strictMapping } from "../scenarios/format/schema-helpers.js";
import { locatePath, parseLocatable, positionOfOffset, type LocatableSource } from "../scenarios/format/source-positions.js";
import type { SpecApp } from "./model.js";
import type { SpecIssue } from "./issues.js";

export const SPEC_NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const specFrontMatterSchema = strictMapping(
  {
    name: z
      .string()
      .regex(SPEC_NAME_PATTERN, { error: "expected a kebab-case name: lowercase letters and digits joined by single dashes (incident-bridge)" })
      .meta({ description: "A kebab-case id; defaults to the # Title made kebab-case." })
      .optional(),
    model: z.string().min(1, { error: "expected a non-empty provider:model" }).meta({ description: "The provider:model the agents use, such as openai:gpt-5.1." }).optional(),
    budget_usd: z
      .number({ error: (issue) => `expected a number of US dollars, got ${describeValue(issue.input)}` })
      .positive({ error: "expected a budget above 0" })
      .meta({ description: "A spending cap for the run's model calls, in US dollars." })
      .optional(),
    services: z
      .array(z.string().min(1, { error: "expected a non-empty service name" }), { error: (issue) => `expected a list of service names ([slack, jira]), got ${describeValue(issue.input)}` })
      .meta({ description: "The twins the software integrates with: slack, jira, ..." })
      .optional(),
    app: strictMapping(
      {
        command: z.string().min(1, { error: "expected a non-empty shell command" }).meta({ description: "The shell command that starts the app in the workspace." }),
        kind: z
          .enum(["service", "command"], { error: (issue) => `expected "service" or "command", got ${describeValue(issue.input)}` })
          .meta({ description: "service (default): started per trial and waited for; command: not started, cli steps run it." })
          .optional(),
        ready_path: z
          .string()
          .regex(/^\//, { error: "expected a path starting with / (/health)" })
          .meta({ description: "The app is ready when GET <path> answers below 500." })
          .optional(),
      },
      "a mapping with command (and optionally kind, ready_path)",
    )
      .meta({ description: "How the scenario runner starts the built software (as scenarios run --app, --app-kind, --ready-path)." })
      .optional(),
  },
  "a mapping of front matter fields (name, model, budget_usd, services, app)",
);

export type SpecFrontMatterInput = z.infer<typeof specFrontMatterSchema>;

export interface FrontMatter {
  name?: string;
  model?: string;
  budgetUsd?: number;
  services: string[];
  app?: SpecApp;
  keyLines: Partial<Record<"name" | "model" | "budget_usd" | "services" | "app", number>>;
  serviceLines: number[];
}

export interface SplitFrontMatter {
  /** The YAML text, or undefined when the spec has no front matter. */
  yaml?: string;
  /** The file line of the YAML's first line. */
  yamlLine: number;
  /** The 0-based index of the first line after the front matter. */
  bodyStart: number;
  issues: SpecIssue[];
}

const FENCE = /^---\s*$/;
const CLOSE = /^(---|\.\.\.)\s*$/;

/** Finds the front matter block; an opening `---` without a closing one is an error at line 1. */
export function splitFrontMatter(lines: readonly string[], file: string): SplitFrontMatter {
  if (lines.length === 0 || !FENCE.test(lines[0]!.replace(/^\uFEFF/, ""))) return { yamlLine: 1, bodyStart: 0, issues: [] };
  const close = lines.findIndex((line, index) => index > 0 && CLOSE.test(line));
  if (close === -1) {
    return {
      yamlLine: 2,
      bodyStart: lines.length,
      issues: [{ file, line: 1, column: 1, severity: "error", rule: "front-matter", message: "the front matter opened with --- on line 1 is never closed", hint: "end it with a --- line before the # Title" }],
    };
  }
  return { yaml: lines.slice(1, close).join("\n"), yamlLine: 2, bodyStart: close + 1, issues: [] };
}

function located(source: LocatableSource, path: (string | number)[], at: "value" | "key", firstLine: number): { line: number; column: number } {
  const position = locatePath(source, path, at);
  return { line: position.line + firstLine - 1, column: position.column };
}

/** Parses and validates the YAML of the front matter; problems come back as issues, never thrown. */
export function parseFrontMatter(yaml: string, firstLine: number, file: string): { frontMatter?: FrontMatter; issues: SpecIssue[] } {
  const source = parseLocatable(yaml);
  if (source.document.errors.length > 0) {
    return {
      issues: source.document.errors.map((error) => {
        const position = positionOfOffset(source, error.pos[0]);
        return { file, line: position.line + firstLine - 1, column: position.column, severity: "error", rule: "front-matter", message: `invalid YAML in the front matter: ${error.message.split("\n")[0]}`, hint: "the front matter is YAML: key: value, one per line" };
      }),
    };
  }
  const raw = (source.document.toJS() as unknown) ?? {};
  if (!isRecord(raw)) {
    return { issues: [{ file, line: firstLine, column: 1, severity: "error", rule: "front-matter", message: `expected the front matter to be a mapping of fields, got ${describeValue(raw)}`, hint: "write name:, model:, services:, app: ... one per line" }] };
  }
  const parsed = specFrontMatterSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      issues: schemaProblems(parsed.error, raw).map((problem) => {
        const where = located(source, problem.path, problem.at, firstLine);
        return { file, ...where, severity: "error", rule: "front-matter", message: `${problem.path.join(".")}: ${problem.message}`, hint: "see docs/spec/format.md#front-matter" };
      }),
    };
  }
  const data = parsed.data;
  const keyLines: FrontMatter["keyLines"] = {};
  for (const key of ["name", "model", "budget_usd", "services", "app"] as const) {
    if (data[key] !== undefined) keyLines[key] = located(source, [key], "key", firstLine).line;
  }
  const services = data.services ?? [];
  const app: SpecApp | undefined = data.app && {
    command: data.app.command,
    ...(data.app.kind !== undefined ? { kind: data.app.kind } : {}),
    ...(data.app.ready_path !== undefined ? { readyPath: data.app.ready_path } : {}),
  };
  return {
    frontMatter: {
      ...(data.name !== undefined ? { name: data.name } : {}),
      ...(data.model !== undefined ? { model: data.model.trim() } : {}),
      ...(data.budget_usd !== undefined ? { budgetUsd: data.budget_usd } : {}),
      services,
      ...(app ? { app } : {}),
      keyLines,
      serviceLines: services.map((_, index) => located(source, ["services", index], "value", firstLine).line),
    },
    issues: [],
  };
}
