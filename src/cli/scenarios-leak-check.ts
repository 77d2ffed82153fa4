/**
 * `lightsout scenarios leak-check --holdout DIR PATH... [--no-git-history] [--json]`: proves that no
 * holdout scenario reached the agents' workspace. Prints one `source:line: canary|verbatim of
 * <scenario id>: "<excerpt>"` line per leak. Translation only: the work is `findLeaks` and
 * `collectWorkspaceSources` (src/scenarios/holdouts). Exit 0 clean, 1 leaks found, 2 bad input.
 */
import { existsSync, realpathSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import type { Command } from "commander";
import { LightsoutError } from "../errors.js";
import { loadScenarioDir } from "../scenarios/format/index.js";
import { collectWorkspaceSources, findLeaks, type LeakFinding, type LeakSource } from "../scenarios/holdouts/index.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo, writeLine } from "./io.js";

export interface ScenariosLeakCheckOptions {
  holdout: string;
  /** Commander's `--no-git-history` sets this false; true by default. */
  gitHistory?: boolean;
  json?: boolean;
}

/** Paths as the user would type them: relative to the working directory when inside it. */
function displayPath(path: string, cwd: string): string {
  if (path.startsWith("git:")) return path;
  const shown = relative(cwd, path);
  return shown === "" || shown.startsWith("..") || isAbsolute(shown) ? path : shown;
}

function isInside(inner: string, outer: string): boolean {
  const path = relative(outer, inner);
  return path === "" || (!path.startsWith("..") && !isAbsolute(path));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

export function leakCheckCommand(paths: string[], options: ScenariosLeakCheckOptions, io: CliIo): ExitCode {
  try {
    const holdoutPath = resolve(io.cwd, options.holdout);
    if (!existsSync(holdoutPath)) throw new LightsoutError("INPUT", `${options.holdout}: no such file or directory`);
    const missing = paths.find((path) => !existsSync(resolve(io.cwd, path)));
    if (missing !== undefined) throw new LightsoutError("INPUT", `${missing}: no such file or directory`);
    const scenarios = loadScenarioDir(holdoutPath);

    const sources: LeakSource[] = [];
    for (const path of paths) {
      const resolved = resolve(io.cwd, path);
      if (isInside(realpathSync(holdoutPath), realpathSync(resolved))) writeLine(io.stderr, `lightsout: note: the holdouts (${options.holdout}) are inside ${path}: whoever works there can read them`);
      sources.push(...collectWorkspaceSources(resolved, { gitHistory: options.gitHistory !== false }));
    }
    const leaks: LeakFinding[] = findLeaks(scenarios, sources).map((leak) => ({ ...leak, source: displayPath(leak.source, io.cwd) }));

    if (options.json) writeLine(io.stdout, JSON.stringify({ scenarios: scenarios.length, sources: sources.length, leaks }, null, 2));
    else {
      for (const leak of leaks) writeLine(io.stdout, `${leak.source}:${leak.line}: ${leak.kind} of ${leak.scenarioId}: ${JSON.stringify(leak.excerpt)}`);
      const leaked = new Set(leaks.map((leak) => leak.scenarioId)).size;
      writeLine(
        io.stdout,
        leaks.length === 0
          ? `no leaks: ${plural(scenarios.length, "holdout scenario")} checked against ${plural(sources.length, "source")}`
          : `${plural(leaks.length, "leak")} of ${plural(leaked, "holdout scenario")} in ${plural(sources.length, "source")} checked`,
      );
    }
    return leaks.length > 0 ? ExitCode.failure : ExitCode.success;
  } catch (error) {
    if (!LightsoutError.isInstance(error)) throw error;
    writeLine(io.stderr, `lightsout: ${error.message}`);
    return ExitCode.usage;
  }
}

export function addScenariosLeakCheckCommand(scenarios: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  scenarios
    .command("leak-check")
    .description("check that no holdout scenario (its canary, or 12 words in a row of its text) is in the given files, directories or their git history")
    .argument("<paths...>", "the agents' workspace: files and directories to scan (git history included when one is in a git repository)")
    .requiredOption("--holdout <dir>", "the holdout scenarios (a directory of *.yaml / *.yml, or one file)")
    .option("--no-git-history", "scan the files only, not every committed version")
    .option("--json", "print {scenarios, sources, leaks} as JSON on stdout")
    .addHelpText("after", "\nExit status: 0 no leak, 1 leaks found, 2 a path does not exist or a holdout file is invalid.\nThe excerpts are holdout text: do not show them to the agents. Reference: docs/scenarios/holdouts.md")
    .action((paths: string[], options: ScenariosLeakCheckOptions) => finish(leakCheckCommand(paths, options, io)));
}
