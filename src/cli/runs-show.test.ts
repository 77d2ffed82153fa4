import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { afterEach, expect, test } from "vitest";
import { createSqliteRunStore, type StoredRecord } from "../store/index.js";
import { createMemoryIo } from "./memory-io.js";
import { reportError } from "./report-error.js";
import { addRunsShowCommand } from "./runs-show.js";

const directories: string[] = [];
function workspace(): string {
  const directory = mkdtempSync(join(tmpdir(), "lightsout-cli-runs-show-"));
  directories.push(directory);
  return directory;
}
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** `lightsout runs show ...` in-process, as main.ts will wire it, on the store file `runs.sqlite`. */
async function run(argv: string[], cwd: string) {
  const io = createMemoryIo({ cwd, env: { LIGHTSOUT_STORE_URL: "sqlite:runs.sqlite" } });
  let code = 0;
  const program = new Command("lightsout").exitOverride().configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  addRunsShowCommand(program.command("runs"), io, (exitCode) => (code = exitCode));
  try {
    await program.parseAsync(["runs", "show", ...argv], { from: "user" });
  } catch (error) {
    code = error instanceof CommanderError ? 2 : reportError(error, io);
  }
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

const AT = Date.UTC(2026, 10, 24, 6, 0, 0);

/** run -> plan -> implement, and a retry of implement forked from plan. */
async function seed(cwd: string): Promise<StoredRecord[]> {
  const store = createSqliteRunStore({ path: join(cwd, "runs.sqlite") });
  const root = await store.append({ runId: "run-a", type: "run", payload: { spec: "hello.md" }, at: AT });
  const plan = await store.append({ runId: "run-a", parentId: root.id, type: "stage", key: "plan", payload: { node: "plan" }, at: AT + 1_000 });
  const implement = await store.append({ runId: "run-a", parentId: plan.id, type: "stage", version: 2, payload: { node: "implement", text: "x".repeat(300) }, at: AT + 2_000 });
  const verdict = await store.append({ runId: "run-a", parentId: implement.id, type: "verdict", payload: { satisfied: false }, at: AT + 3_000 });
  const retry = await store.append({ runId: "run-a", parentId: plan.id, type: "stage", payload: { node: "implement", attempt: 2 }, blobs: [await store.putBlob("diff")], at: AT + 4_000 });
  await store.append({ runId: "run-b", type: "run", payload: {}, at: AT });
  await store.close();
  return [root, plan, implement, verdict, retry] as StoredRecord[];
}

test("prints the run's records in append order, one line each, long payloads cut", async () => {
  const cwd = workspace();
  await seed(cwd);
  const result = await run(["run-a"], cwd);
  expect(result.code).toBe(0);
  const lines = result.stdout.trimEnd().split("\n");
  expect(lines).toHaveLength(5);
  expect(lines[0]).toBe('     1  rec_000000000001  2026-11-24 06:00:00Z  run  {"spec":"hello.md"}');
  expect(lines[1]).toBe('     2  rec_000000000002  2026-11-24 06:00:01Z  stage key=plan  {"node":"plan"}');
  expect(lines[2]).toMatch(/^ {5}3 {2}rec_000000000003 {2}2026-11-24 06:00:02Z {2}stage v2 {2}\{"node":"implement","text":"x+…$/);
  expect(lines[2]?.length).toBeLessThan(250);
  expect(lines[4]).toBe('     5  rec_000000000005  2026-11-24 06:00:04Z  stage blobs=1  {"node":"implement","attempt":2}');
});

test("--tree indents each record under its parent, so the retry shows as a branch", async () => {
  const cwd = workspace();
  await seed(cwd);
  const result = await run(["run-a", "--tree"], cwd);
  const shape = result.stdout.trimEnd().split("\n").map((line) => line.slice(48).replace(/ {2}\{.*$/, ""));
  expect(shape).toEqual(["run", "  stage key=plan", "    stage v2", "      verdict", "    stage blobs=1"]);
});

test("--type keeps only that type; --json prints the records whole", async () => {
  const cwd = workspace();
  const [, plan, implement, , retry] = await seed(cwd);
  const stages = await run(["run-a", "--type", "stage", "--json"], cwd);
  expect(stages.code).toBe(0);
  expect(JSON.parse(stages.stdout)).toEqual(JSON.parse(JSON.stringify([plan, implement, retry])));
  const verdicts = await run(["run-a", "--type", "verdict", "--tree"], cwd);
  expect(verdicts.stdout).toMatch(/^ {5}4 .* {6}verdict {2}\{"satisfied":false\}\n$/);
});

test("an unknown run is one line naming the store, exit 2", async () => {
  const cwd = workspace();
  await seed(cwd);
  expect(await run(["run-z"], cwd)).toEqual({ code: 2, stdout: "", stderr: 'lightsout: no run "run-z" in the store runs.sqlite (lightsout runs list shows the runs there)\n' });
});
