/**
 * Crash safety of the SQLite store: a writer killed with SIGKILL at random moments in the middle
 * of appending loses nothing `append` had returned, leaves no half record and no run summary out
 * of step with its records, and, restarted, re-appends with the same keys without duplicating.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { createSqliteRunStore } from "../src/store/sqlite-run-store.js";

const directory = mkdtempSync(join(tmpdir(), "lightsout-store-crash-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const TOTAL = 400;
// .mts: the temporary directory has no package.json saying "type": "module".
const WRITER = join(directory, "writer.mts");
// Appends records 0..TOTAL-1 (keys make a restart re-append the same ones), each with a payload of
// a few kilobytes and every third with a fresh blob, printing each index once append returned.
writeFileSync(
  WRITER,
  `import { createSqliteRunStore } from ${JSON.stringify(join(import.meta.dirname, "..", "src", "store", "sqlite-run-store.ts"))};
const store = createSqliteRunStore({ path: process.argv[2] });
const root = await store.append({ runId: "crash", type: "run", key: "root", payload: { spec: "crash.md" } });
let parent = root.id;
for (let index = 0; index < ${TOTAL}; index += 1) {
  const blobs = index % 3 === 0 ? [await store.putBlob("blob " + index + " ".repeat(index * 10))] : [];
  const record = await store.append({ runId: "crash", parentId: parent, type: "note", key: "note-" + index, payload: { index, text: "x".repeat(1000 + (index % 7) * 1000) }, blobs });
  parent = record.id;
  process.stdout.write(index + "\\n");
}
await store.close();
`,
);

function runWriter(path: string, killAfter: number | undefined): Promise<{ acknowledged: number[]; code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", WRITER, path], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let killing = false;
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (killAfter === undefined || killing || stdout.split("\n").length - 1 < killAfter) return;
      killing = true;
      // A moment after the k-th acknowledgement: somewhere inside a later append.
      setTimeout(() => child.kill("SIGKILL"), Math.floor(Math.random() * 5));
    });
    child.on("exit", (code, signal) => resolve({ acknowledged: stdout.split("\n").filter((line) => line !== "").map(Number), code, signal, stderr }));
  });
}

test("SIGKILL mid-append loses nothing acknowledged, leaves no half record, and a restart does not duplicate", async () => {
  const path = join(directory, "store.sqlite");
  const acknowledged = new Set<number>();
  for (const killAfter of [20, 90, 170, 260]) {
    const result = await runWriter(path, killAfter);
    expect(result.signal, result.stderr).toBe("SIGKILL");
    for (const index of result.acknowledged) acknowledged.add(index);

    const database = new Database(path, { readonly: true });
    expect(database.pragma("integrity_check", { simple: true })).toBe("ok");
    database.close();
    const store = createSqliteRunStore({ path });
    const records = await store.query({ runId: "crash" });
    const indexes = records.slice(1).map((record) => record.payload["index"] as number);
    // Every acknowledged append is there; the records are a prefix 0..n, each once and whole.
    for (const index of acknowledged) expect(indexes).toContain(index);
    expect(indexes).toEqual(indexes.map((_, position) => position));
    for (const record of records.slice(1)) expect(String(record.payload["text"]).length).toBeGreaterThanOrEqual(1000);
    for (const ref of records.flatMap((record) => record.blobs)) expect((await store.getBlob(ref.sha256))?.byteLength).toBe(ref.size);
    expect((await store.listRuns())[0]?.records).toBe(records.length);
    await store.close();
  }
  const finished = await runWriter(path, undefined);
  expect(finished.code, finished.stderr).toBe(0);
  const store = createSqliteRunStore({ path });
  expect(await store.query({ runId: "crash" })).toHaveLength(TOTAL + 1);
  await store.close();
}, 120_000);
