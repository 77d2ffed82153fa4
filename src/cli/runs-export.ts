/**
 * `lightsout runs export RUN_ID [--store URL] [-o FILE]`: the run as JSON Lines (its records in
 * order, then the blobs they name, base64) on stdout or into FILE, written whole or not at all.
 * The format is `exportRunLines` (src/store/run-export.ts); an unknown run exits 2.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { errorMessage } from "../errors.js";
import { exportRunLines, withRunStore } from "../store/index.js";
import { writeFileAtomically } from "../write-file-atomically.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo, writeLine } from "./io.js";
import { STORE_OPTION_HELP } from "./runs-list.js";
import { unknownRunMessage } from "./runs-show.js";

export interface RunsExportOptions {
  store?: string;
  output?: string;
}

export async function runsExportCommand(runId: string, options: RunsExportOptions, io: CliIo): Promise<ExitCode> {
  return withRunStore({ url: options.store, cwd: io.cwd, env: io.env, create: false }, async (store) => {
    const lines = await exportRunLines(store, runId);
    if (!lines) {
      writeLine(io.stderr, unknownRunMessage(runId, options, io));
      return ExitCode.usage;
    }
    if (options.output === undefined) {
      for await (const line of lines) writeLine(io.stdout, line);
      return ExitCode.success;
    }
    const collected: string[] = [];
    for await (const line of lines) collected.push(`${line}\n`);
    try {
      writeFileAtomically(resolve(io.cwd, options.output), collected.join(""));
    } catch (error) {
      writeLine(io.stderr, `lightsout: cannot write ${options.output}: ${errorMessage(error)}`);
      return ExitCode.usage;
    }
    return ExitCode.success;
  });
}

export function addRunsExportCommand(runs: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  runs
    .command("export")
    .description("write a run as JSON Lines: its records in order, then the blobs they name (base64)")
    .argument("<run-id>", "the run (lightsout runs list shows them)")
    .option("--store <url>", STORE_OPTION_HELP)
    .option("-o, --output <file>", "write to this file instead of stdout (whole or not at all)")
    .addHelpText("after", '\nEach line is {"v":1,"kind":"record",...} or {"v":1,"kind":"blob","sha256","size","base64"}.\nExit status: 0 success, 2 unknown run or the store cannot be opened.\nReference: docs/store/README.md')
    .action(async (runId: string, options: RunsExportOptions) => finish(await runsExportCommand(runId, options, io)));
}
