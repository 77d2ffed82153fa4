/**
 * `lightsout demo` end to end, in-process through the CLI, offline and without keys: the example
 * spec, a real agent session in a sandboxed git workspace driven by the scripted stand-in through
 * the OpenAI twin, the app evaluated on the Slack and Jira twins against the holdouts. Iteration 1
 * misses the holdouts that rate-limit Slack; feedback; iteration 2 fixes it and ships.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createMemoryIo } from "../src/cli/memory-io.js";
import { runCli } from "../src/cli/main.js";
import type { FactoryReport } from "../src/factory/run-report.js";
import { loadScenarioDir } from "../src/scenarios/format/index.js";
import { openRunStore, type StoredRecord } from "../src/store/index.js";

const HOLDOUT = join(import.meta.dirname, "..", "examples", "incident-bridge", "holdout");
const scratch = mkdtempSync(join(tmpdir(), "lightsout-factory-demo-"));
const runDir = join(scratch, "run");
const workspace = join(runDir, "workspace");
let code: number;
let stderr: string;
let report: FactoryReport;
let records: StoredRecord[] = [];

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  const io = createMemoryIo({ cwd: scratch, env: {} });
  code = await runCli(["demo", "--run-dir", "run"], io);
  stderr = io.stderrText();
  report = JSON.parse(readFileSync(join(runDir, "report.json"), "utf8")) as FactoryReport;
  const store = await openRunStore({ cwd: scratch, env: {} });
  try {
    records = await store.query({ runId: report.runId });
  } finally {
    await store.close();
  }
}, 150_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("lightsout demo", () => {
  test("ships in two iterations: the first misses the rate-limited holdouts, the second passes the gate", () => {
    expect(code, stderr).toBe(0);
    expect(report.status).toBe("shipped");
    expect(report.stopReason).toBe("gate-passed");
    expect(report.iterations.map((iteration) => iteration.gatePassed)).toEqual([false, true]);
    const [first, second] = report.iterations;
    expect(first!.satisfaction).toBeLessThan(0.7);
    expect(first!.scenarios.filter((scenario) => scenario.satisfied < scenario.trials).map((scenario) => scenario.id).sort()).toEqual(["back-to-back-ops-incidents", "bulk-import-mixed-priorities"]);
    expect(second!.satisfaction).toBeCloseTo(1, 9);
    expect(second!.lower).toBeGreaterThanOrEqual(0.7);
    expect(report.finalGate?.passed).toBe(true);
  });

  test("says on screen and in the report that the model is a scripted stand-in", () => {
    expect(stderr).toContain("model: scripted stand-in (no LLM); set OPENAI_API_KEY / --model to run a real model");
    expect(report.scripted).toBe(true);
    expect(readFileSync(join(runDir, "report.md"), "utf8")).toContain("model: scripted stand-in (no LLM); set OPENAI_API_KEY / --model to run a real model");
  });

  test("shows progress: iteration, stage, satisfaction so far and dollars spent", () => {
    expect(stderr).toMatch(/\[iteration 1\] holdout evaluation: fail, 4\/8 trials satisfied · satisfaction so far 0\.33 \[0\.16, 0\.61\], gate failed · \$0\.\d{4} spent/);
    expect(stderr).toMatch(/\[iteration 2\] implement: success .* \$0\.\d{4} spent/);
    expect(stderr).toContain("SHIPPED");
  });

  test("report.md has the satisfaction per iteration with intervals, cost and the final gate", () => {
    const markdown = readFileSync(join(runDir, "report.md"), "utf8");
    expect(markdown).toMatch(/\| 1 \| 0\.33 \[0\.16, 0\.61\] \| failed \|/);
    expect(markdown).toMatch(/\| 2 \| 1\.00 \[0\.73, 1\.00\] \| passed \|/);
    expect(markdown).toContain("Final gate: **passed**");
    expect(report.cost.totalUsd).toBeGreaterThan(0);
    expect(report.iterations.reduce((sum, iteration) => sum + iteration.costUsd, 0)).toBeCloseTo(report.cost.totalUsd, 9);
  });

  test("the files come from the agent loop: iteration 1 wrote the sources, iteration 2 patched app.mjs", () => {
    expect(report.iterations[0]!.filesChanged).toEqual(expect.arrayContaining(["PLAN.md", "app.mjs", "bridge.mjs", "slack.mjs"]));
    expect(report.iterations[1]!.filesChanged).toContain("app.mjs");
    expect(readFileSync(join(workspace, "app.mjs"), "utf8")).toContain("await startBridge()");
    const events = readFileSync(join(runDir, "implement", "agent-events.jsonl"), "utf8");
    expect(events).toContain('"toolName":"apply_patch"');
  });

  test("the workspace is a git repository with one commit per iteration, satisfaction in the message", () => {
    const subjects = execFileSync("git", ["log", "--format=%s"], { cwd: workspace, encoding: "utf8" }).trim().split("\n");
    expect(subjects).toHaveLength(3);
    expect(subjects[0]).toMatch(/^iteration 2: .*app\.mjs.* — satisfaction 1\.00 \[0\.73, 1\.00\], gate passed$/);
    expect(subjects[1]).toMatch(/^iteration 1: .* — satisfaction 0\.33 \[0\.16, 0\.61\], gate failed$/);
    expect(subjects[2]).toMatch(/^factory: /);
  });

  test("no holdout canary or holdout id anywhere in the workspace or its git history", () => {
    const canaries = loadScenarioDir(HOLDOUT).map((scenario) => scenario.canary!);
    expect(canaries.length).toBeGreaterThanOrEqual(3);
    const history = execFileSync("git", ["log", "-p", "--all", "--format=%B"], { cwd: workspace, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const texts = [history, ...filesUnder(workspace).filter((file) => !file.includes(`${join(workspace, ".git")}`)).map((file) => readFileSync(file, "utf8"))];
    for (const text of texts) {
      expect(text).not.toMatch(/lightsout-canary-/);
      for (const scenario of loadScenarioDir(HOLDOUT)) expect(text).not.toContain(scenario.id);
    }
    expect(readFileSync(join(workspace, "FEEDBACK.md"), "utf8")).toContain("Feedback on iteration 1");
  });

  test("the run store has the run, its stages, agent turns, tool calls, trials and verdicts", () => {
    const types = new Set(records.map((record) => record.type));
    for (const type of ["run", "iteration", "stage", "agent-turn", "tool-call", "evaluation", "trial", "verdict", "feedback"]) expect(types, type).toContain(type);
    const root = records.find((record) => record.type === "run")!;
    expect(root.payload).toMatchObject({ spec: "incident-bridge", scripted: true });
    expect(JSON.stringify(root.payload)).not.toMatch(/sk-|api[_-]?key/i);
    const holdoutVerdicts = records.filter((record) => record.type === "verdict" && record.payload["suite"] === "holdout");
    expect(holdoutVerdicts).toHaveLength(16);
    expect(holdoutVerdicts.filter((record) => record.payload["satisfied"] === false)).toHaveLength(4);
    // Holdout verdicts carry ids, seeds and attributions, never the expectations' text.
    for (const verdict of holdoutVerdicts) expect(verdict.payload["reasons"]).toBeUndefined();
  });

  test("the run directory keeps the checkpoint: resuming a finished demo re-runs nothing", async () => {
    expect(existsSync(join(runDir, "checkpoint.json"))).toBe(true);
    const io = createMemoryIo({ cwd: scratch, env: {} });
    const started = Date.now();
    expect(await runCli(["demo", "--resume", "run", "--quiet"], io)).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(execFileSync("git", ["log", "--format=%s"], { cwd: workspace, encoding: "utf8" }).trim().split("\n")).toHaveLength(3);
  });
});
