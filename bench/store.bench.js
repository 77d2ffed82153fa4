// The SQLite run store's append rate against the floor under it: a raw better-sqlite3 prepared
// INSERT of the same rows into the same table (same indexes, WAL, same synchronous setting), one
// transaction per row, measured in the same rounds (A, B, A, B, ...). Each append also checks
// its key, its parent and its run, and updates the run's summary, all through kysely; the ratio
// is what that costs. Twice: with durability "full" (the default, an fsync per append, which
// dominates) and "normal" (no fsync, so the ratio shows the store's own work). bench/README.md.
// Usage: node bench/store.bench.js (after npm run build); STORE_BENCH_ROWS=500 for a quick look.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { createSqliteRunStore } from "../dist/store/index.js";
import { interleave, summarize, time } from "./measure.js";

const ROWS = Number(process.env.STORE_BENCH_ROWS ?? 500);
const ROUNDS = 3;

/** The rows both sides write: a chain under one root, each with a key and a ~300-byte payload. */
function payload(index) {
  return { node: `stage_${index}`, status: "success", notes: `completed stage ${index}; `.repeat(10), tokens: { input: 1200 + index, output: 300 } };
}

function freshPath(directories) {
  const directory = mkdtempSync(path.join(tmpdir(), "lightsout-store-bench-"));
  directories.push(directory);
  return path.join(directory, "store.sqlite");
}

async function appendThroughStore(directories, durability) {
  const store = createSqliteRunStore({ path: freshPath(directories), durability });
  const milliseconds = await time(async () => {
    let parentId;
    for (let index = 0; index < ROWS; index++) {
      const record = await store.append({ runId: "bench", parentId, type: index === 0 ? "run" : "stage", key: `k${index}`, payload: payload(index) });
      parentId = record.id;
    }
  });
  await store.close();
  return milliseconds;
}

async function insertRaw(directories, durability) {
  // The store creates the schema; then plain better-sqlite3 writes the same rows into it.
  const file = freshPath(directories);
  await createSqliteRunStore({ path: file }).close();
  const database = new Database(file);
  database.pragma("journal_mode = WAL");
  database.pragma(`synchronous = ${durability === "full" ? "FULL" : "NORMAL"}`);
  const insert = database.prepare("insert into records (run_id, parent_sequence, type, version, key, payload, blobs, at) values (?, ?, ?, 1, ?, ?, '[]', ?)");
  const insertOne = database.transaction((parent, index) => insert.run("bench", parent, index === 0 ? "run" : "stage", `k${index}`, JSON.stringify(payload(index)), Date.now()).lastInsertRowid);
  const milliseconds = await time(async () => {
    let parent = null;
    for (let index = 0; index < ROWS; index++) parent = insertOne.immediate(parent, index);
  });
  database.close();
  return milliseconds;
}

async function measure(directories, durability) {
  const samples = await interleave({ store: () => appendThroughStore(directories, durability), raw: () => insertRaw(directories, durability) }, { rounds: ROUNDS });
  const perRow = (values) => values.map((milliseconds) => (milliseconds * 1000) / ROWS);
  const perSecond = (values) => values.map((milliseconds) => (ROWS * 1000) / milliseconds);
  const ratios = samples.store.map((milliseconds, round) => milliseconds / samples.raw[round]);
  const sync = durability === "full" ? "FULL" : "NORMAL";
  return {
    title: `run store: ${ROWS} appends to a fresh SQLite file, durability "${durability}" (WAL, synchronous=${sync}), median of ${ROUNDS}`,
    rows: [
      { name: "store.append (SQLite run store)", value: summarize(perSecond(samples.store)), unit: "appends/s" },
      { name: "baseline: raw prepared INSERT, 1 tx/row", value: summarize(perSecond(samples.raw)), unit: "rows/s" },
      { name: "store.append, per record", value: summarize(perRow(samples.store)), unit: "µs" },
      { name: "baseline, per row", value: summarize(perRow(samples.raw)), unit: "µs" },
      { name: "ratio store / baseline (time per row)", value: summarize(ratios), unit: "x" },
    ],
  };
}

export async function runStoreBenchmark() {
  const directories = [];
  try {
    const reports = [await measure(directories, "full"), await measure(directories, "normal")];
    reports[1].notes = ["each append: checks, key lookup, parent lookup, insert, run summary update, in one immediate transaction, through kysely"];
    return reports;
  } finally {
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { printReport } = await import("./report.js");
  printReport(await runStoreBenchmark());
}
