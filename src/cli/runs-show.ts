/**
 * `lightsout runs show RUN_ID [--store URL] [--tree] [--type T] [--json]`: a run's records in
 * append order, one line each (sequence, id, time, type, key, payload), or indented by parent
 * with --tree so retries and forks show as branches. An unknown run is one line on stderr and
 * exit 2. Translation only: the records come from `query` on the store (src/store).
 */
import type { Command } from "commander";
import { describeStoreLocation, recordTree, resolveStoreLocation, type StoredRecord, withRunStore } from "../store/index.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo, writeLine } from "./io.js";
import { formatTime, STORE_OPTION_HELP } from "./runs-list.js";

export interface RunsShowOptions {
  store?: string;
  tree?: boolean;
  type?: string;
  json?: boolean;
}

/** Payloads are shown whole with --json; a line shows their start. */
const PAYLOAD_WIDTH = 160;

function recordLine(record: StoredRecord, indent: string): string {
  const payload = JSON.stringify(record.payload);
  const shown = payload.length > PAYLOAD_WIDTH ? `${payload.slice(0, PAYLOAD_WIDTH - 1)}…` : payload;
  const version = record.version === 1 ? "" : ` v${record.version}`;
  const key = record.key === undefined ? "" : ` key=${record.key}`;
  const blobs = record.blobs.length === 0 ? "" : ` blobs=${record.blobs.length}`;
  return `${String(record.sequence).padStart(6)}  ${record.id}  ${formatTime(record.at)}  ${indent}${record.type}${version}${key}${blobs}  ${shown}`;
}

/** The message for a run the store does not have, naming the store, so a wrong --store is obvious. */
export function unknownRunMessage(runId: string, options: { store?: string }, io: CliIo): string {
  const location = describeStoreLocation(resolveStoreLocation({ url: options.store, cwd: io.cwd, env: io.env }), io.cwd);
  return `lightsout: no run ${JSON.stringify(runId)} in the store ${location} (lightsout runs list shows the runs there)`;
}

export async function runsShowCommand(runId: string, options: RunsShowOptions, io: CliIo): Promise<ExitCode> {
  const records = await withRunStore({ url: options.store, cwd: io.cwd, env: io.env, create: false }, (store) => store.query({ runId }));
  if (records.length === 0) {
    writeLine(io.stderr, unknownRunMessage(runId, options, io));
    return ExitCode.usage;
  }
  const wanted = (record: StoredRecord): boolean => options.type === undefined || record.type === options.type;
  if (options.json) {
    writeLine(io.stdout, JSON.stringify(records.filter(wanted), null, 2));
    return ExitCode.success;
  }
  // The tree is built from every record, so a filtered record keeps its depth in the run.
  const entries = options.tree ? recordTree(records) : records.map((record) => ({ record, depth: 0 }));
  for (const { record, depth } of entries) if (wanted(record)) writeLine(io.stdout, recordLine(record, "  ".repeat(depth)));
  return ExitCode.success;
}

export function addRunsShowCommand(runs: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  runs
    .command("show")
    .description("print a run's records in order, or as a tree by parent")
    .argument("<run-id>", "the run (lightsout runs list shows them)")
    .option("--store <url>", STORE_OPTION_HELP)
    .option("--tree", "indent each record under its parent: retries and forks show as branches")
    .option("--type <type>", "only records of this type (run, stage, agent-turn, tool-call, trial, verdict, ...)")
    .option("--json", "print the records as a JSON array, payloads whole")
    .addHelpText("after", "\nExit status: 0 success, 2 unknown run or the store cannot be opened.\nReference: docs/store/README.md")
    .action(async (runId: string, options: RunsShowOptions) => finish(await runsShowCommand(runId, options, io)));
}
