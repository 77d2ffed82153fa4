/** `lightsout twins list [--json]`: the twins `twins up` can serve, one line each. */
import type { Command } from "commander";
import { ExitCode } from "./exit-codes.js";
import { type CliIo, writeLine } from "./io.js";
import { loadTwinCatalog, type TwinCatalog } from "./twin-catalog.js";

export interface TwinsListOptions {
  json?: boolean;
}

export async function twinsListCommand(options: TwinsListOptions, io: CliIo, catalog?: TwinCatalog): Promise<ExitCode> {
  const { factories, summaries } = catalog ?? (await loadTwinCatalog());
  const names = Object.keys(factories);
  const width = Math.max(0, ...names.map((name) => name.length));
  for (const name of names) {
    const description = summaries[name] ?? "";
    writeLine(io.stdout, options.json ? JSON.stringify({ name, description }) : `${name.padEnd(width)}  ${description}`.trimEnd());
  }
  return ExitCode.success;
}

export function addTwinsListCommand(twins: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  twins
    .command("list")
    .description("list the twins, one line each")
    .option("--json", "one JSON object per twin per line: name, description")
    .action(async (options: TwinsListOptions) => finish(await twinsListCommand(options, io)));
}
