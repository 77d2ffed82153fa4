import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { openRunStore, parseStoreUrl, resolveStoreLocation, withRunStore } from "./open-run-store.js";

const directories: string[] = [];
function tempDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), "lightsout-open-store-"));
  directories.push(directory);
  return directory;
}
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

test("postgres:// and postgresql:// URLs name Postgres; sqlite: and plain paths name SQLite files", () => {
  expect(parseStoreUrl("postgres://u:p@db:5432/runs", "/w")).toEqual({ kind: "postgres", connectionString: "postgres://u:p@db:5432/runs" });
  expect(parseStoreUrl("postgresql://db/runs", "/w")).toEqual({ kind: "postgres", connectionString: "postgresql://db/runs" });
  expect(parseStoreUrl("sqlite:runs.sqlite", "/w")).toEqual({ kind: "sqlite", path: "/w/runs.sqlite" });
  expect(parseStoreUrl("sqlite:///var/runs.sqlite", "/w")).toEqual({ kind: "sqlite", path: "/var/runs.sqlite" });
  expect(parseStoreUrl("sqlite::memory:", "/w")).toEqual({ kind: "sqlite", path: ":memory:" });
  expect(parseStoreUrl("data/runs.sqlite", "/w")).toEqual({ kind: "sqlite", path: "/w/data/runs.sqlite" });
  expect(parseStoreUrl("/abs/runs.sqlite", "/w")).toEqual({ kind: "sqlite", path: "/abs/runs.sqlite" });
});

test("a bad URL is one STORE line saying what is accepted, and never shows a password", () => {
  expect(() => parseStoreUrl("mysql://root:secret@db/runs", "/w")).toThrow(expect.objectContaining({ code: "STORE", message: 'the store URL has an unsupported scheme "mysql:": use postgres://..., sqlite:PATH or a file path' }));
  expect(() => parseStoreUrl("sqlite:", "/w", "LIGHTSOUT_STORE_URL")).toThrow(expect.objectContaining({ code: "STORE", message: 'LIGHTSOUT_STORE_URL "sqlite:" names no file: use sqlite:PATH, e.g. sqlite:.lightsout/store.sqlite' }));
  expect(() => parseStoreUrl("  ", "/w")).toThrow(expect.objectContaining({ code: "STORE", message: "the store URL is empty: use postgres://..., sqlite:PATH or a file path" }));
  expect(() => parseStoreUrl("postgres://u:secret@", "/w")).toThrow(expect.objectContaining({ code: "STORE", message: expect.not.stringContaining("secret") }));
});

test("the URL option wins over LIGHTSOUT_STORE_URL, which wins over the default file", () => {
  const env = { LIGHTSOUT_STORE_URL: "sqlite:from-env.sqlite" };
  expect(resolveStoreLocation({ url: "given.sqlite", cwd: "/w", env })).toEqual({ kind: "sqlite", path: "/w/given.sqlite", isDefault: false });
  expect(resolveStoreLocation({ cwd: "/w", env })).toEqual({ kind: "sqlite", path: "/w/from-env.sqlite", isDefault: false });
  expect(resolveStoreLocation({ cwd: "/w", env: {} })).toEqual({ kind: "sqlite", path: "/w/.lightsout/store.sqlite", isDefault: true });
  expect(() => resolveStoreLocation({ cwd: "/w", env: { LIGHTSOUT_STORE_URL: "redis://x" } })).toThrow(/^LIGHTSOUT_STORE_URL has an unsupported scheme "redis:"/);
});

test("the default store is created under .lightsout/ in the working directory and keeps its records", async () => {
  const cwd = tempDirectory();
  await withRunStore({ cwd, env: {} }, (store) => store.append({ runId: "r", type: "run", payload: { spec: "a.md" } }));
  expect(existsSync(join(cwd, ".lightsout", "store.sqlite"))).toBe(true);
  const store = await openRunStore({ cwd, env: {} });
  expect((await store.listRuns()).map((run) => run.root.payload)).toEqual([{ spec: "a.md" }]);
  await store.close();
});

test("withRunStore closes the store when the work fails", async () => {
  const cwd = tempDirectory();
  let opened: { close: () => Promise<void> } | undefined;
  await expect(
    withRunStore({ cwd, env: {}, url: "sqlite::memory:" }, async (store) => {
      opened = store;
      throw new Error("work failed");
    }),
  ).rejects.toThrow("work failed");
  await expect((opened as unknown as { get: (id: string) => Promise<unknown> }).get("rec_000000000001")).rejects.toMatchObject({ code: "STORE", message: "the in-memory SQLite store is closed" });
});

test("with create: false a missing SQLite file is a STORE error and no file is left behind", async () => {
  const cwd = tempDirectory();
  await expect(openRunStore({ cwd, env: {}, url: "typo.sqlite", create: false })).rejects.toMatchObject({
    code: "STORE",
    message: "no run store at typo.sqlite: nothing has been recorded there yet (--store or LIGHTSOUT_STORE_URL name another store)",
  });
  expect(existsSync(join(cwd, "typo.sqlite"))).toBe(false);
  await expect(openRunStore({ cwd, env: {}, create: false })).rejects.toMatchObject({ message: expect.stringMatching(/^no run store at \.lightsout\/store\.sqlite: /) });
  expect(existsSync(join(cwd, ".lightsout"))).toBe(false);
});
