import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { afterEach, expect, test } from "vitest";
import { createSqliteRunStore } from "../store/index.js";
import { createMemoryIo } from "./memory-io.js";
import { reportError } from "./report-error.js";
import { addRunsListCommand } from "./runs-list.js";

const directories: string[] = [];
function workspace(): string {
  const directory = mkdtempSync(join(tmpdir(), "lightsout-cli-runs-list-"));
  directories.push(directory);
  return directory;
}
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** `lightsout runs list ...` in-process, as main.ts will wire it. */
async function run(argv: string[], cwd: string, env: Record<string, string> = {}) {
  const io = createMemoryIo({ cwd, env });
  let code = 0;
  const program = new Command("lightsout").exitOverride().configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  addRunsListCommand(program.command("runs"), io, (exitCode) => (code = exitCode));
  try {
    await program.parseAsync(["runs", "list", ...argv], { from: "user" });
  } catch (error) {
    code = error instanceof CommanderError ? 2 : reportError(error, io);
  }
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

async function seed(path: string): Promise<void> {
  const store = createSqliteRunStore({ path });
  const first = await store.append({ runId: "run-a", type: "run", payload: { spec: "specs/hello.md", status: "success" }, at: Date.UTC(2026, 10, 24, 6, 0, 0) });
  await store.append({ runId: "run-a", parentId: first.id, type: "stage", payload: {}, at: Date.UTC(2026, 10, 24, 6, 5, 30) });
  await store.append({ runId: "run-b", type: "run", payload: { pipeline: "demo.dot" }, at: Date.UTC(2026, 10, 24, 7, 0, 0) });
  await store.close();
}

test("lists the default store's runs newest first, with start, count, last activity and what they are", async () => {
  const cwd = workspace();
  mkdirSync(join(cwd, ".lightsout"));
  await seed(join(cwd, ".lightsout", "store.sqlite"));
  const result = await run([], cwd);
  expect(result).toEqual({
    code: 0,
    stdout: [
      "RUN    STARTED               RECORDS  LAST ACTIVITY         WHAT",
      "run-b  2026-11-24 07:00:00Z  1        2026-11-24 07:00:00Z  pipeline demo.dot",
      "run-a  2026-11-24 06:00:00Z  2        2026-11-24 06:05:30Z  spec specs/hello.md, status success",
      "",
    ].join("\n"),
    stderr: "",
  });
});

test("--store and LIGHTSOUT_STORE_URL pick the store; --limit and --json", async () => {
  const cwd = workspace();
  await seed(join(cwd, "elsewhere.sqlite"));
  const limited = await run(["--store", "sqlite:elsewhere.sqlite", "--limit", "1", "--json"], cwd);
  expect(limited.code).toBe(0);
  const summaries = JSON.parse(limited.stdout) as Array<{ runId: string; records: number; root: { payload: unknown } }>;
  expect(summaries).toEqual([expect.objectContaining({ runId: "run-b", records: 1, root: expect.objectContaining({ payload: { pipeline: "demo.dot" } }) })]);
  const fromEnv = await run([], cwd, { LIGHTSOUT_STORE_URL: "elsewhere.sqlite" });
  expect(fromEnv.stdout.split("\n")).toHaveLength(4);
});

test("an empty store says so; a store that does not exist is one line, exit 2, and is not created", async () => {
  const cwd = workspace();
  await createSqliteRunStore({ path: join(cwd, "empty.sqlite") }).close();
  expect(await run(["--store", "empty.sqlite"], cwd)).toEqual({ code: 0, stdout: "no runs yet\n", stderr: "" });
  expect(await run([], cwd)).toEqual({
    code: 2,
    stdout: "",
    stderr: "lightsout: no run store at .lightsout/store.sqlite: nothing has been recorded there yet (--store or LIGHTSOUT_STORE_URL name another store)\n",
  });
  expect(existsSync(join(cwd, ".lightsout"))).toBe(false);
});

test("a bad store URL or --limit is one line on stderr, exit 2", async () => {
  const cwd = workspace();
  expect(await run(["--store", "mysql://root:pw@db/x"], cwd)).toEqual({ code: 2, stdout: "", stderr: 'lightsout: the store URL has an unsupported scheme "mysql:": use postgres://..., sqlite:PATH or a file path\n' });
  const badLimit = await run(["--limit", "0"], cwd);
  expect(badLimit.code).toBe(2);
  expect(badLimit.stderr).toMatch(/--limit must be an integer >= 1, got "0"/);
});
