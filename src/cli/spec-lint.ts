/**
 * `lightsout spec lint SPEC.md [--scenarios PATH...] [--json]`: read a spec, lint it, and print
 * `file:line:col: severity rule: message (hint)` lines and a summary. Translation only: the work
 * is `lintSpecFile` (src/spec). Exit 0 when there is no error (warnings allowed), 1 when there
 * are errors, 2 when the spec or a scenario path cannot be read.
 */
import { existsSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import type { Command } from "commander";
import { LightsoutError } from "../errors.js";
import { formatSpecIssue, lintSpecFile, type SpecIssue } from "../spec/index.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo, writeLine } from "./io.js";

export interface SpecLintOptions {
  scenarios?: string[];
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

export function lintSpecCommand(file: string, options: SpecLintOptions, io: CliIo): ExitCode {
  const missing = [file, ...(options.scenarios ?? [])].filter((path) => !existsSync(resolve(io.cwd, path)));
  if (missing.length > 0) {
    for (const path of missing) writeLine(io.stderr, `lightsout: ${path}: no such file or directory`);
    return ExitCode.usage;
  }
  let result: ReturnType<typeof lintSpecFile>;
  try {
    result = lintSpecFile(resolve(io.cwd, file), { scenarioPaths: (options.scenarios ?? []).map((path) => resolve(io.cwd, path)) });
  } catch (error) {
    if (!LightsoutError.isInstance(error)) throw error;
    writeLine(io.stderr, `lightsout: ${error.message}`);
    return ExitCode.usage;
  }
  const issues: SpecIssue[] = result.issues.map((issue) => ({ ...issue, file: displayPath(issue.file, io.cwd) }));
  const errors = issues.filter((issue) => issue.severity === "error").length;
  const warnings = issues.length - errors;
  const requirements = result.spec?.requirements.length ?? 0;
  if (options.json) {
    writeLine(io.stdout, JSON.stringify({ file, name: result.spec?.name ?? null, requirements, errors, warnings, issues }, null, 2));
  } else {
    for (const issue of issues) writeLine(io.stdout, formatSpecIssue(issue));
    writeLine(io.stdout, `${file}: ${plural(requirements, "requirement")}, ${plural(errors, "error")}, ${plural(warnings, "warning")}`);
  }
  return errors > 0 ? ExitCode.failure : ExitCode.success;
}

export function addSpecLintCommand(spec: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  spec
    .command("lint")
    .description("check a spec (SPEC.md) for missing sections, uncheckable requirements, contradictions and uncovered requirements")
    .argument("<spec>", "the spec, a Markdown file")
    .option("--scenarios <paths...>", "scenario files or directories: warn about requirements no scenario is tagged with")
    .option("--json", "print {file, name, requirements, errors, warnings, issues} as JSON on stdout")
    .addHelpText("after", "\nExit status: 0 no errors (warnings allowed), 1 errors found, 2 the spec or a scenario cannot be read.\nFormat and rules: docs/spec/README.md")
    .action((file: string, options: SpecLintOptions) => finish(lintSpecCommand(file, options, io)));
}
