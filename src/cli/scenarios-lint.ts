/**
 * `lightsout scenarios lint PATH... [--holdout] [--json]`: load and lint scenario files (a file, or
 * every *.yaml / *.yml under a directory) and print `file:line:col: error [rule] message` lines and
 * a summary. Translation only: the work is `lintScenarioPaths` (src/scenarios/format). Exit 0 when
 * there is no error (warnings allowed), 1 when there are errors, 2 when a path does not exist or
 * holds no scenario file.
 */
import { existsSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import type { Command } from "commander";
import { LightsoutError } from "../errors.js";
import { formatDiagnostic, lintScenarioPaths, type ScenarioDiagnostic } from "../scenarios/format/index.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo, writeLine } from "./io.js";

export interface ScenariosLintOptions {
  holdout?: boolean;
  json?: boolean;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Paths as the user would type them: relative to the working directory when inside it. */
function displayPath(file: string, cwd: string): string {
  const shown = relative(cwd, file);
  return shown === "" || shown.startsWith("..") || isAbsolute(shown) ? file : shown;
}

export function lintScenariosCommand(paths: string[], options: ScenariosLintOptions, io: CliIo): ExitCode {
  const missing = paths.filter((path) => !existsSync(resolve(io.cwd, path)));
  if (missing.length > 0) {
    for (const path of missing) writeLine(io.stderr, `lightsout: ${path}: no such file or directory`);
    return ExitCode.usage;
  }
  let result: ReturnType<typeof lintScenarioPaths>;
  try {
    result = lintScenarioPaths(
      paths.map((path) => resolve(io.cwd, path)),
      { holdout: options.holdout === true },
    );
  } catch (error) {
    if (!LightsoutError.isInstance(error)) throw error;
    writeLine(io.stderr, `lightsout: ${error.message}`);
    return ExitCode.usage;
  }
  const diagnostics: ScenarioDiagnostic[] = result.diagnostics.map((diagnostic) => ({ ...diagnostic, file: displayPath(diagnostic.file, io.cwd) }));
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error").length;
  const warnings = diagnostics.length - errors;
  if (options.json) {
    writeLine(io.stdout, JSON.stringify({ scenarios: result.scenarios.length, errors, warnings, diagnostics }, null, 2));
  } else {
    for (const diagnostic of diagnostics) writeLine(io.stdout, formatDiagnostic(diagnostic));
    writeLine(io.stdout, `${plural(result.scenarios.length, "scenario")}, ${plural(errors, "error")}, ${plural(warnings, "warning")}`);
  }
  return errors > 0 ? ExitCode.failure : ExitCode.success;
}

export function addScenariosLintCommand(scenarios: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  scenarios
    .command("lint")
    .description("check scenario files for errors and warnings without running them")
    .argument("<paths...>", "scenario files, or directories to search for *.yaml / *.yml (fixtures/ and dot-directories are skipped)")
    .option("--holdout", "holdout scenarios: every file needs a canary, unique across files")
    .option("--json", "print {scenarios, errors, warnings, diagnostics} as JSON on stdout")
    .addHelpText("after", "\nExit status: 0 no errors (warnings allowed), 1 errors found, 2 a path does not exist or holds no scenario.\nFormat reference: docs/scenarios/format.md")
    .action((paths: string[], options: ScenariosLintOptions) => finish(lintScenariosCommand(paths, options, io)));
}
