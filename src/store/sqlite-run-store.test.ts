import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, expect, test } from "vitest";
import { runStoreContract } from "../testing/run-store-contract.js";
import { createSqliteRunStore } from "./sqlite-run-store.js";

const directories: string[] = [];
function tempDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), "lightsout-store-"));
  directories.push(directory);
  return directory;
}
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

runStoreContract(
  "sqlite file",
  async () => {
    const directory = mkdtempSync(join(tmpdir(), "lightsout-store-"));
    const path = join(directory, "store.sqlite");
    const store = createSqliteRunStore({ path });
    return {
      store,
      path,
      cleanup: async () => {
        await store.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  },
  { reopen: async ({ path }) => createSqliteRunStore({ path }) },
);

runStoreContract("sqlite :memory:", async () => {
  const store = createSqliteRunStore({ path: ":memory:" });
  return { store, cleanup: () => store.close() };
});

test("the file is in WAL mode, at the latest schema version, with the tables and indexes the queries use", async () => {
  const path = join(tempDirectory(), "store.sqlite");
  await createSqliteRunStore({ path, clock: () => 7 }).close();
  const database = new Database(path, { readonly: true });
  try {
    expect(database.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(database.prepare("select version, applied_at from schema_migrations").all()).toEqual([{ version: 1, applied_at: 7 }]);
    const indexes = (database.prepare("select name from sqlite_master where type = 'index' and name not like 'sqlite_%' order by name").all() as Array<{ name: string }>).map((row) => row.name);
    expect(indexes).toEqual(["records_parent", "records_run", "records_run_key", "records_type", "runs_started"]);
  } finally {
    database.close();
  }
});

test("reopening a store applies no migration twice", async () => {
  const path = join(tempDirectory(), "store.sqlite");
  await createSqliteRunStore({ path }).close();
  await createSqliteRunStore({ path }).close();
  const database = new Database(path, { readonly: true });
  expect(database.prepare("select count(*) as count from schema_migrations").get()).toEqual({ count: 1 });
  database.close();
});

test("a store written by a newer lightsout is refused with the versions, not guessed at", () => {
  const path = join(tempDirectory(), "store.sqlite");
  const database = new Database(path);
  database.exec("create table schema_migrations (version integer primary key, applied_at bigint not null); insert into schema_migrations values (1, 0), (99, 0)");
  database.close();
  expect(() => createSqliteRunStore({ path })).toThrow(expect.objectContaining({ code: "STORE", message: `the SQLite store at ${path} has schema version 99, newer than this lightsout knows (1): upgrade lightsout to use it` }));
});

test("a file that is not a database, or a missing directory, is one STORE error naming the path", () => {
  const directory = tempDirectory();
  const notDatabase = join(directory, "notes.txt");
  writeFileSync(notDatabase, "these are not the records you are looking for ".repeat(100));
  expect(() => createSqliteRunStore({ path: notDatabase })).toThrow(expect.objectContaining({ code: "STORE", message: `cannot open the SQLite store at ${notDatabase}: file is not a database` }));
  const missing = join(directory, "missing", "store.sqlite");
  expect(() => createSqliteRunStore({ path: missing })).toThrow(expect.objectContaining({ code: "STORE", message: expect.stringMatching(/^cannot open the SQLite store at .*missing\/store\.sqlite: .*directory does not exist/) }));
});

test("a refused append rolls back: the run's summary and the records stay as they were", async () => {
  const store = createSqliteRunStore({ path: join(tempDirectory(), "store.sqlite") });
  const root = await store.append({ runId: "r", type: "run", payload: {} });
  await expect(store.append({ runId: "r", parentId: root.id, type: "note", payload: {}, blobs: [{ sha256: "a".repeat(64), size: 1 }] })).rejects.toMatchObject({ code: "STORE" });
  expect(await store.listRuns()).toEqual([{ runId: "r", root, records: 1, firstAt: root.at, lastAt: root.at }]);
  await store.close();
});

test("two stores on one file see each other's appends, and a key used through one is taken for the other", async () => {
  const path = join(tempDirectory(), "store.sqlite");
  const first = createSqliteRunStore({ path });
  const second = createSqliteRunStore({ path });
  const root = await first.append({ runId: "r", type: "run", payload: {} });
  const once = await second.append({ runId: "r", parentId: root.id, type: "note", key: "once", payload: { from: "second" } });
  expect(await first.append({ runId: "r", parentId: root.id, type: "note", key: "once", payload: { from: "first" } })).toEqual(once);
  expect(await first.query({ runId: "r" })).toEqual([root, once]);
  expect((await second.listRuns())[0]?.records).toBe(2);
  await first.close();
  await second.close();
});
