/**
 * `lightsout run` through the CLI, in-process, with the model served over HTTP by the OpenAI
 * provider twin (the demo's scripted policy), as a real provider would be: the stop rules (the
 * iteration limit, the budget) end the run unshipped with exit 1 and say why; bad input is one
 * line and exit 2, before anything is created.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createMemoryIo } from "../src/cli/memory-io.js";
import { runCli } from "../src/cli/main.js";
import { createDemoPolicy } from "../src/factory/demo/demo-policy.js";
import type { FactoryReport } from "../src/factory/run-report.js";
import { openRunStore } from "../src/store/index.js";
import { createOpenAITwin, openaiApiKey, serveTwin, setPolicy, type ServedTwin } from "../src/twins/index.js";

const EXAMPLE = join(import.meta.dirname, "..", "examples", "incident-bridge");
const scratch = mkdtempSync(join(tmpdir(), "lightsout-factory-run-"));
let served: ServedTwin;
let env: Record<string, string>;

beforeAll(async () => {
  const twin = createOpenAITwin({ seed: 3 });
  setPolicy(twin.tenant(), createDemoPolicy({ exampleDir: EXAMPLE }));
  served = await serveTwin(twin);
  env = { OPENAI_API_KEY: openaiApiKey(twin.tenant()), OPENAI_BASE_URL: `${served.baseUrl}/v1` };
});

afterAll(async () => {
  await served?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const DEMO_FLAGS = ["--holdout", join(EXAMPLE, "holdout"), "--visible", join(EXAMPLE, "scenarios"), "--trials", "2", "--threshold", "0.7", "--seed", "2", "--model", "openai:gpt-5"];

async function run(args: string[], environment: Record<string, string> = env) {
  const io = createMemoryIo({ cwd: scratch, env: environment });
  const code = await runCli(["run", join(EXAMPLE, "SPEC.md"), ...args], io);
  return { code, stderr: io.stderrText(), stdout: io.stdoutText() };
}

function reportOf(runDir: string): FactoryReport {
  return JSON.parse(readFileSync(join(scratch, runDir, "report.json"), "utf8")) as FactoryReport;
}

describe("lightsout run: stop rules", () => {
  test("--max-iterations 1: the first iteration fails the gate, the run stops unshipped with exit 1", async () => {
    const { code, stderr } = await run([...DEMO_FLAGS, "--max-iterations", "1", "--run-dir", "limited"]);
    expect(code, stderr).toBe(1);
    const report = reportOf("limited");
    expect(report.status).toBe("not-shipped");
    expect(report.stopReason).toBe("max-iterations");
    expect(report.iterations).toHaveLength(1);
    expect(report.iterations[0]!.gatePassed).toBe(false);
    expect(report.scripted).toBe(false);
    expect(stderr).toContain("NOT SHIPPED: the iteration limit was reached");
    expect(readFileSync(join(scratch, "limited", "report.md"), "utf8")).toContain("the iteration limit was reached");
    // No feedback is written for an iteration that will not be followed by another.
    expect(existsSync(join(scratch, "limited", "workspace", "FEEDBACK.md"))).toBe(false);
    const subjects = execFileSync("git", ["log", "--format=%s"], { cwd: join(scratch, "limited", "workspace"), encoding: "utf8" });
    expect(subjects).toMatch(/^iteration 1: .* gate failed$/m);
    const store = await openRunStore({ cwd: scratch, env: {} });
    try {
      const ends = (await store.query({ runId: report.runId, type: "note" })).map((record) => record.payload);
      expect(ends).toContainEqual(expect.objectContaining({ event: "run-end", status: "not-shipped", stopReason: "max-iterations" }));
    } finally {
      await store.close();
    }
  }, 120_000);

  test("--budget-usd: once the model calls have spent it, the run stops unshipped with exit 1 and the report says budget", async () => {
    const { code, stderr } = await run([...DEMO_FLAGS, "--budget-usd", "0.001", "--run-dir", "budget"]);
    expect(code, stderr).toBe(1);
    const report = reportOf("budget");
    expect(report.stopReason).toBe("budget");
    expect(report.budgetUsd).toBe(0.001);
    expect(report.cost.totalUsd).toBeGreaterThanOrEqual(0.001);
    expect(stderr).toContain("NOT SHIPPED: the budget is spent");
    expect(readFileSync(join(scratch, "budget", "report.md"), "utf8")).toContain("the budget was spent");
    // The stage that met the spent budget says so.
    expect(readFileSync(join(scratch, "budget", "implement", "status.json"), "utf8")).toMatch(/budget of \$0\.00 is spent/);
  }, 120_000);
});

describe("lightsout run: bad input is one line and exit 2", () => {
  test("a missing spec", async () => {
    const io = createMemoryIo({ cwd: scratch, env });
    const code = await runCli(["run", "nope/SPEC.md", "--holdout", join(EXAMPLE, "holdout"), "--run-dir", "missing"], io);
    expect(code).toBe(2);
    expect(io.stderrText().trim().split("\n")).toEqual([expect.stringMatching(/^lightsout: the spec .*nope\/SPEC\.md does not exist$/)]);
    expect(existsSync(join(scratch, "missing"))).toBe(false);
  });

  test("a workspace inside the holdout directory, and a holdout directory inside the workspace", async () => {
    const inside = await run(["--holdout", join(EXAMPLE, "holdout"), "--workspace", join(EXAMPLE, "holdout", "ws"), "--model", "openai:gpt-5", "--run-dir", "inside"]);
    expect(inside.code).toBe(2);
    expect(inside.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^lightsout: the workspace .* is inside the holdout directory .*: the agents would see the holdouts/)]);
    expect(existsSync(join(EXAMPLE, "holdout", "ws"))).toBe(false);

    const holdoutCopy = join(scratch, "ws2", "holdout");
    mkdirSync(holdoutCopy, { recursive: true });
    execFileSync("cp", ["-r", join(EXAMPLE, "holdout", "."), holdoutCopy]);
    const around = await run(["--holdout", holdoutCopy, "--workspace", join(scratch, "ws2"), "--model", "openai:gpt-5", "--run-dir", "around"]);
    expect(around.code).toBe(2);
    expect(around.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^lightsout: the holdout directory .* is inside the workspace .*: the agents would see the holdouts/)]);
  });

  test("no --holdout", async () => {
    const { code, stderr } = await run(["--model", "openai:gpt-5"]);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toEqual(["lightsout: lightsout run needs --holdout DIR: the scenarios the gate is on, kept out of the agents' sight"]);
  });

  test("no model and no key: the LLM layer's one-line LLM_CONFIG error", async () => {
    const noModel = await run(["--holdout", join(EXAMPLE, "holdout"), "--run-dir", "nomodel"], {});
    expect(noModel.code).toBe(2);
    expect(noModel.stderr.trim().split("\n")).toHaveLength(1);
    expect(noModel.stderr).toMatch(/no model/);
    const noKey = await run(["--holdout", join(EXAMPLE, "holdout"), "--model", "openai:gpt-5", "--run-dir", "nokey"], {});
    expect(noKey.code).toBe(2);
    expect(noKey.stderr.trim().split("\n")).toHaveLength(1);
    expect(noKey.stderr).toMatch(/OPENAI_API_KEY/);
    expect(existsSync(join(scratch, "nokey"))).toBe(false);
  });

  test("--resume of a directory that is not a run", async () => {
    const io = createMemoryIo({ cwd: scratch, env });
    expect(await runCli(["run", "--resume", "nowhere"], io)).toBe(2);
    expect(io.stderrText().trim().split("\n")).toEqual([expect.stringMatching(/^lightsout: .*nowhere\/factory\.json: not a factory run directory/)]);
  });
});
