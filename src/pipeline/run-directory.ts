/**
 * The run directory (spec 5.6): manifest.json, checkpoint.json, a stage journal, one folder per
 * node, artifacts/. The journal (`journal.jsonl`) records each completed stage before the
 * checkpoint is written, so a run killed between the two still knows the stage completed.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Graph } from "./graph.js";
import type { Outcome } from "./outcome.js";

export const MANIFEST_FILE = "manifest.json";
export const JOURNAL_FILE = "journal.jsonl";

export interface Manifest {
  v: 1;
  run_id: string;
  name: string;
  goal: string;
  label: string;
  source: string | null;
  started_at: string;
  resumed_at: string[];
}

export function writeManifest(logsRoot: string, graph: Graph, runId: string, startedAt: number): void {
  mkdirSync(logsRoot, { recursive: true });
  const path = join(logsRoot, MANIFEST_FILE);
  let manifest: Manifest = {
    v: 1,
    run_id: runId,
    name: graph.name,
    goal: graph.attributes["goal"] ?? "",
    label: graph.attributes["label"] ?? "",
    source: graph.source ?? null,
    started_at: new Date(startedAt).toISOString(),
    resumed_at: [],
  };
  if (existsSync(path)) {
    try {
      const previous = JSON.parse(readFileSync(path, "utf8")) as Manifest;
      if (previous.run_id === runId) manifest = { ...previous, resumed_at: [...(previous.resumed_at ?? []), new Date(startedAt).toISOString()] };
    } catch {
      // A damaged manifest is rewritten; the checkpoint is what resume relies on.
    }
  }
  writeFileSync(path, JSON.stringify(manifest, null, 2));
}

export interface JournalEntry {
  v: 1;
  run_id: string;
  step: number;
  node: string;
  outcome: Outcome;
}

export function appendJournal(logsRoot: string, entry: JournalEntry): void {
  appendFileSync(join(logsRoot, JOURNAL_FILE), `${JSON.stringify(entry)}\n`);
}

/** The journal entry for `step`, if the stage completed; torn last lines are ignored. */
export function findJournalEntry(logsRoot: string, runId: string, step: number): JournalEntry | undefined {
  const path = join(logsRoot, JOURNAL_FILE);
  if (!existsSync(path)) return undefined;
  const lines = readFileSync(path, "utf8").split("\n");
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index]!.trim();
    if (!line) continue;
    try {
      const entry = JSON.parse(line) as JournalEntry;
      if (entry.run_id === runId && entry.step === step) return entry;
      if (entry.run_id === runId && entry.step < step) return undefined;
    } catch {
      continue;
    }
  }
  return undefined;
}
