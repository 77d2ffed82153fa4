import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { afterEach, expect, test } from "vitest";
import { createSqliteRunStore, type StoredRecord } from "../store/index.js";
import { createMemoryIo } from "./memory-io.js";
import { reportError } from "./report-error.js";
import { addRunsExportCommand } from "./runs-export.js";

const directories: string[] = [];
function workspace(): string {
  const directory = mkdtempSync(join(tmpdir(), "lightsout-cli-runs-export-"));
  directories.push(directory);
  return directory;
}
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** `lightsout runs export ...` in-process, as main.ts will wire it. */
async function run(argv: string[], cwd: string) {
  const io = createMemoryIo({ cwd, env: {} });
  let code = 0;
  const program = new Command("lightsout").exitOverride().configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  addRunsExportCommand(program.command("runs"), io, (exitCode) => (code = exitCode));
  try {
    await program.parseAsync(["runs", "export", ...argv], { from: "user" });
  } catch (error) {
    code = error instanceof CommanderError ? 2 : reportError(error, io);
  }
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

const BINARY = Uint8Array.from([0, 1, 2, 254, 255]);

async function seed(cwd: string): Promise<StoredRecord[]> {
  const store = createSqliteRunStore({ path: join(cwd, "runs.sqlite") });
  const transcript = await store.putBlob("a transcript ✓");
  const binary = await store.putBlob(BINARY);
  await store.putBlob("a blob no record of this run names");
  const root = await store.append({ runId: "run-a", type: "run", payload: { spec: "hello.md" }, blobs: [transcript], at: 1_000 });
  const turn = await store.append({ runId: "run-a", parentId: root.id, type: "agent-turn", key: "t1", payload: { n: 1 }, blobs: [binary, transcript], at: 2_000 });
  await store.append({ runId: "run-b", type: "run", payload: { secret: "not in run-a's export" }, at: 3_000 });
  await store.close();
  return [root, turn] as StoredRecord[];
}

test("writes the run's records in order, then each blob they name once, base64, one JSON object per line", async () => {
  const cwd = workspace();
  const [root, turn] = await seed(cwd);
  const result = await run(["run-a", "--store", "runs.sqlite"], cwd);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe("");
  const lines = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines).toEqual([
    { v: 1, kind: "record", ...JSON.parse(JSON.stringify(root)) },
    { v: 1, kind: "record", ...JSON.parse(JSON.stringify(turn)) },
    { v: 1, kind: "blob", sha256: root?.blobs[0]?.sha256, size: 16, base64: Buffer.from("a transcript ✓").toString("base64") },
    { v: 1, kind: "blob", sha256: turn?.blobs[0]?.sha256, size: 5, base64: "AAEC/v8=" },
  ]);
  expect(Buffer.from(String(lines[3]?.["base64"]), "base64")).toEqual(Buffer.from(BINARY));
});

test("-o writes the same lines to a file, relative to the working directory", async () => {
  const cwd = workspace();
  await seed(cwd);
  const toStdout = await run(["run-a", "--store", "runs.sqlite"], cwd);
  expect(await run(["run-a", "--store", "runs.sqlite", "-o", "run-a.jsonl"], cwd)).toEqual({ code: 0, stdout: "", stderr: "" });
  expect(readFileSync(join(cwd, "run-a.jsonl"), "utf8")).toBe(toStdout.stdout);
});

test("an unknown run, or a file that cannot be written, is one line on stderr, exit 2", async () => {
  const cwd = workspace();
  await seed(cwd);
  expect(await run(["run-z", "--store", "runs.sqlite"], cwd)).toEqual({ code: 2, stdout: "", stderr: 'lightsout: no run "run-z" in the store runs.sqlite (lightsout runs list shows the runs there)\n' });
  const unwritable = await run(["run-a", "--store", "runs.sqlite", "-o", "missing/dir/run.jsonl"], cwd);
  expect(unwritable.code).toBe(2);
  expect(unwritable.stderr).toMatch(/^lightsout: cannot write missing\/dir\/run\.jsonl: ENOENT/);
});
