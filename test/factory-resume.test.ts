/**
 * A factory run survives its process: killed with SIGKILL mid-run, or cancelled with Ctrl-C, it
 * resumes from the engine's checkpoint with `--resume RUN_DIR` and ships, and no stage that had
 * completed runs again (the engine's journal has every step once; iteration 1 is committed once).
 */
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { createMemoryIo } from "../src/cli/memory-io.js";
import { runCli } from "../src/cli/main.js";
import type { FactoryReport } from "../src/factory/run-report.js";
import { openRunStore } from "../src/store/index.js";

const ENTRY = join(import.meta.dirname, "..", "src", "cli", "entry.ts");
const scratch = mkdtempSync(join(tmpdir(), "lightsout-factory-resume-"));
const storePath = join(scratch, "store.sqlite");

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function journal(runDir: string): { step: number; node: string }[] {
  return readFileSync(join(runDir, "journal.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { step: number; node: string });
}

function expectEveryStageOnce(runDir: string): void {
  const entries = journal(runDir);
  expect(new Set(entries.map((entry) => entry.step)).size, "a step journaled twice").toBe(entries.length);
  expect(entries.map((entry) => entry.node)).toEqual(["start", "plan", "implement", "visible_checks", "evaluate", "feedback", "implement", "visible_checks", "evaluate", "exit"]);
  const subjects = execFileSync("git", ["log", "--format=%s"], { cwd: join(runDir, "workspace"), encoding: "utf8" }).trim().split("\n");
  expect(subjects.filter((subject) => subject.startsWith("iteration 1:"))).toHaveLength(1);
  expect(subjects[0]).toMatch(/^iteration 2: .* gate passed$/);
}

async function resume(runDir: string) {
  const io = createMemoryIo({ cwd: scratch, env: {} });
  const code = await runCli(["demo", "--resume", runDir, "--store", storePath], io);
  return { code, stderr: io.stderrText() };
}

test("SIGKILL in the middle of the run, then --resume: it ships, and no completed stage runs again", async () => {
  const runDir = join(scratch, "killed");
  const killed = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", ENTRY, "demo", "--run-dir", runDir, "--store", storePath], { stdio: ["ignore", "pipe", "pipe"], env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      // Once iteration 1's holdout evaluation has reported: the run is half-way, mid-stage or just past one.
      if (/iteration 1: satisfaction/.test(stderr)) child.kill("SIGKILL");
    });
    child.on("exit", (code, signal) => resolve({ code, signal, stderr }));
  });
  expect(killed.signal, killed.stderr).toBe("SIGKILL");
  expect(existsSync(join(runDir, "checkpoint.json"))).toBe(true);

  const { code, stderr } = await resume(runDir);
  expect(code, stderr).toBe(0);
  expect(stderr).toContain("resuming run");
  expectEveryStageOnce(runDir);
  const report = JSON.parse(readFileSync(join(runDir, "report.json"), "utf8")) as FactoryReport;
  expect(report.status).toBe("shipped");
  expect(report.iterations.map((iteration) => iteration.gatePassed)).toEqual([false, true]);
}, 180_000);

test("Ctrl-C: exit 130 with a checkpoint and a cancelled record; --resume completes it", async () => {
  const runDir = join(scratch, "cancelled");
  const io = createMemoryIo({ cwd: scratch, env: {} });
  const running = runCli(["demo", "--run-dir", runDir, "--store", storePath], io);
  await io.waitForStderr(/\[iteration 1\] implement: success/);
  io.interrupt("SIGINT");
  expect(await running, io.stderrText()).toBe(130);
  expect(io.stderrText()).toMatch(/resume with: lightsout demo --resume /);
  expect(existsSync(join(runDir, "checkpoint.json"))).toBe(true);
  const cancelled = JSON.parse(readFileSync(join(runDir, "report.json"), "utf8")) as FactoryReport;
  expect(cancelled.status).toBe("cancelled");
  const store = await openRunStore({ url: storePath, cwd: scratch });
  try {
    const notes = (await store.query({ runId: cancelled.runId, type: "note" })).map((record) => record.payload);
    expect(notes).toContainEqual(expect.objectContaining({ event: "run-end", status: "cancelled" }));
  } finally {
    await store.close();
  }

  const { code, stderr } = await resume(runDir);
  expect(code, stderr).toBe(0);
  expectEveryStageOnce(runDir);
}, 180_000);
