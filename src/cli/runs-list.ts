/**
 * `lightsout runs list [--store URL] [--limit N] [--json]`: the runs in the store, newest first,
 * one line each: run id, when it started, how many records, the last activity, and what the run
 * is (its spec or pipeline, its status) as its root record says. Translation only: the work is
 * `listRuns` on the store `openRunStore` picks (src/store).
 */
import type { Command } from "commander";
import { describeRun, type RunSummary, withRunStore } from "../store/index.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo, writeLine } from "./io.js";
import { integerAtLeast } from "./number-options.js";

export interface RunsListOptions {
  store?: string;
  limit?: number;
  json?: boolean;
}

export const DEFAULT_RUNS_LIMIT = 20;

/** `2026-11-24 06:47:18Z`: UTC to the second, the same on every machine. */
export function formatTime(at: number): string {
  return new Date(at).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd());
}

function summaryRow(summary: RunSummary): string[] {
  const { subject, status } = describeRun(summary);
  const what = [subject, status === undefined ? undefined : `status ${status}`].filter((part) => part !== undefined).join(", ");
  return [summary.runId, formatTime(summary.firstAt), String(summary.records), formatTime(summary.lastAt), what];
}

export async function runsListCommand(options: RunsListOptions, io: CliIo): Promise<ExitCode> {
  const summaries = await withRunStore({ url: options.store, cwd: io.cwd, env: io.env, create: false }, (store) => store.listRuns({ limit: options.limit ?? DEFAULT_RUNS_LIMIT }));
  if (options.json) {
    writeLine(io.stdout, JSON.stringify(summaries, null, 2));
  } else if (summaries.length === 0) {
    writeLine(io.stdout, "no runs yet");
  } else {
    for (const line of table([["RUN", "STARTED", "RECORDS", "LAST ACTIVITY", "WHAT"], ...summaries.map(summaryRow)])) writeLine(io.stdout, line);
  }
  return ExitCode.success;
}

/** The --store option every `runs` command takes. */
export const STORE_OPTION_HELP = "the run store: postgres://..., sqlite:PATH or a file path (default: $LIGHTSOUT_STORE_URL, else .lightsout/store.sqlite)";

export function addRunsListCommand(runs: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  runs
    .command("list")
    .description("list the runs in the store, newest first")
    .option("--store <url>", STORE_OPTION_HELP)
    .option("--limit <n>", `at most this many runs (default ${DEFAULT_RUNS_LIMIT})`, integerAtLeast("--limit", 1))
    .option("--json", "print the run summaries (runId, root record, records, firstAt, lastAt) as a JSON array")
    .addHelpText("after", "\nExit status: 0 success, 2 the store cannot be opened.\nReference: docs/store/README.md")
    .action(async (options: RunsListOptions) => finish(await runsListCommand(options, io)));
}
