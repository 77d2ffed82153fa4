/**
 * `lightsout scenarios compare RUN_A RUN_B [--json] [--report out.html]`: did B regress from A?
 * A RUN is a run directory (run.json and trajectories/) or a run.json file. Translation only: the
 * comparison is `compareRunReports` (src/scenarios/report). Exit 0 when B has no significant
 * regression and no newly failing scenario, 1 otherwise, 2 on unreadable or malformed input.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import type { Command } from "commander";
import { LightsoutError } from "../errors.js";
import type { Trajectory } from "../scenarios/model.js";
import { compareRunReports, formatComparison, readRunReport, resolveRunReportPath, toHtmlReport, type RunReport } from "../scenarios/report/index.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo, writeLine } from "./io.js";

export interface ScenariosCompareOptions {
  json?: boolean;
  report?: string;
}

function isTrajectory(value: unknown): value is Trajectory {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return record["v"] === 1 && Array.isArray(record["steps"]) && Array.isArray(record["expectations"]) && typeof record["twins"] === "object" && record["twins"] !== null;
}

/**
 * Reads trajectories from each report's run directory. A missing or malformed one is a warning,
 * not an error: the comparison stands without its divergence.
 */
function trajectoryLoader(directories: Map<RunReport, string>, io: CliIo): (report: RunReport, file: string) => Trajectory | undefined {
  return (report, file) => {
    const directory = directories.get(report);
    if (directory === undefined) return undefined;
    const path = resolve(directory, file);
    if (!path.startsWith(directory + sep)) {
      writeLine(io.stderr, `lightsout: warning: trajectory ${file} of run ${report.runId} is outside its run directory; not read`);
      return undefined;
    }
    try {
      const json: unknown = JSON.parse(readFileSync(path, "utf8"));
      if (isTrajectory(json)) return json;
      writeLine(io.stderr, `lightsout: warning: ${path} is not a trajectory (v 1 with steps, twins, expectations); no divergence shown`);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
      writeLine(io.stderr, `lightsout: warning: cannot read trajectory ${path}: ${reason}; no divergence shown`);
    }
    return undefined;
  };
}

function writeReport(path: string, html: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, html);
  } catch (error) {
    throw new LightsoutError("INPUT", `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

export function compareScenarioRunsCommand(runA: string, runB: string, options: ScenariosCompareOptions, io: CliIo): ExitCode {
  const load = (path: string) => {
    const absolute = resolve(io.cwd, path);
    return { report: readRunReport(absolute), directory: resolve(resolveRunReportPath(absolute).directory) };
  };
  const a = load(runA);
  const b = load(runB);
  const directories = new Map([
    [a.report, a.directory],
    [b.report, b.directory],
  ]);
  const comparison = compareRunReports(a.report, b.report, { loadTrajectory: trajectoryLoader(directories, io) });
  if (options.json) writeLine(io.stdout, JSON.stringify(comparison, null, 2));
  else for (const line of formatComparison(comparison)) writeLine(io.stdout, line);
  if (options.report) {
    const path = resolve(io.cwd, options.report);
    writeReport(path, toHtmlReport(b.report, comparison));
    if (!options.json) writeLine(io.stdout, `report: ${path}`);
  }
  const regressed = comparison.regression.significant || comparison.newlyFailing.length > 0;
  return regressed ? ExitCode.failure : ExitCode.success;
}

export function addScenariosCompareCommand(scenarios: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  scenarios
    .command("compare")
    .description("compare two scenario runs: per-scenario tests, the suite regression, newly failing scenarios and where they diverge")
    .argument("<runA>", "the earlier run: a run directory or its run.json")
    .argument("<runB>", "the later run, tested for a regression from runA")
    .option("--json", "print the comparison as JSON")
    .option("--report <file.html>", "also write an HTML report of runB with the comparison")
    .addHelpText("after", "\nExit status: 0 no significant regression and no newly failing scenario, 1 otherwise, 2 unreadable or malformed run.\nReference: docs/scenarios/reports.md")
    .action((runA: string, runB: string, options: ScenariosCompareOptions) => finish(compareScenarioRunsCommand(runA, runB, options, io)));
}
