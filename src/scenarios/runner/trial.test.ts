import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Judge, Scenario, Step, Trajectory } from "../model.js";
import { runTrial, type TrialAppOptions } from "./trial.js";
import { type TwinUniverse, startTwinUniverse, trialTenantId } from "./twin-universe.js";

/** A local judge: satisfied when nothing failed; otherwise the first failure's attribution. */
const judge: Judge = {
  name: "test",
  async judge(_scenario, trajectory) {
    if (trajectory.aborted) return { satisfied: false, reasons: [trajectory.aborted.reason], attribution: trajectory.aborted.attribution };
    const step = trajectory.steps.find((record) => !record.ok);
    if (step) return { satisfied: false, reasons: [step.error ?? ""], attribution: step.attribution ?? "product" };
    const expectation = trajectory.expectations.find((result) => !result.passed);
    if (expectation) return { satisfied: false, reasons: [expectation.detail], attribution: "product" };
    return { satisfied: true, reasons: [] };
  },
};

function scenarioOf(overrides: Partial<Scenario>): Scenario {
  return {
    id: "unit",
    title: "unit",
    story: "",
    weight: 1,
    mustPass: false,
    tags: [],
    twins: { slack: {} },
    vars: {},
    perturbations: [],
    steps: [],
    expectations: [],
    timeoutMs: 10_000,
    source: { file: "unit.yaml", text: "" },
    ...overrides,
  };
}

const commandApp: TrialAppOptions = { command: "true", kind: "command" };
const parentEnv = { PATH: process.env["PATH"], HOME: "/home/someone", FOO_TOKEN: "leaked-token", OPENAI_API_KEY: "sk-leak" };

let universe: TwinUniverse;
beforeAll(async () => {
  universe = await startTwinUniverse(["slack", "jira"]);
});
afterAll(async () => {
  await universe.close();
});

const run = (scenario: Scenario, options: { app?: TrialAppOptions; seed?: number; signal?: AbortSignal } = {}): Promise<Trajectory> =>
  runTrial(scenario, { universe, app: options.app ?? commandApp, index: 0, seed: options.seed ?? 1, judge, parentEnv, ...(options.signal ? { signal: options.signal } : {}) });

describe("runTrial", () => {
  test("cli steps see the twins' URLs and credentials but no secret of the parent; captures feed later steps", async () => {
    const steps: Step[] = [
      { kind: "cli", id: "env", run: "printenv SLACK_API_URL; printenv SLACK_BOT_TOKEN; printenv HOME", timeoutMs: 5_000, expectExit: 0, capture: { listing: "stdout" } },
      { kind: "cli", id: "secrets", run: "printenv FOO_TOKEN || printenv OPENAI_API_KEY || echo none", timeoutMs: 5_000 },
      { kind: "cli", id: "echo", run: "cat", stdin: "${captured.listing}", timeoutMs: 5_000 },
    ];
    const trajectory = await run(scenarioOf({ steps, expectations: [{ id: "none", query: { kind: "step", step: "secrets", where: { stdout: "none\n" } } }] }));
    expect(trajectory.verdict).toEqual({ satisfied: true, reasons: [] });
    const [slackUrl, botToken, home] = String((trajectory.steps[0]!.outcome as { stdout: string }).stdout).trim().split("\n");
    expect(slackUrl).toBe(`${universe.get("slack").origin}/t/${trialTenantId("unit", 0)}/api/`);
    expect(botToken).toMatch(/^xoxb-/);
    expect(home).toBe("/home/someone");
    expect((trajectory.steps[2]!.outcome as { stdout: string }).stdout).toBe((trajectory.steps[0]!.outcome as { stdout: string }).stdout);
    expect(JSON.stringify(trajectory)).not.toContain("leaked-token");
  });

  test("twin calls, the virtual clock and waits act on the trial's own tenant, which is gone afterwards", async () => {
    const steps: Step[] = [
      { kind: "advance-clock", twin: "slack", ms: 3_600_000 },
      { kind: "twin", id: "post", twin: "slack", call: "chat.postMessage", body: { channel: "general", text: "${vars.word}" }, capture: { ts: "response.body.ts" } },
      { kind: "wait", id: "seen", until: { kind: "records", twin: "slack", collection: "messages/*", where: { ts: "${captured.ts}" } }, timeoutMs: 1_000, intervalMs: 10, capture: { text: "match.text" } },
    ];
    const trajectory = await run(scenarioOf({ vars: { word: { kind: "one-of", values: ["hello", "bonjour"] } }, steps }));
    expect(trajectory.verdict.satisfied).toBe(true);
    expect(trajectory.steps.map((record) => record.summary)).toEqual(["advance slack clock 3600 s", "twin slack chat.postMessage", "wait slack records messages/*"]);
    expect(trajectory.steps[2]!.captured).toEqual({ text: trajectory.vars["word"] });
    expect(trajectory.twins["slack"]!.tenant).toBe(trialTenantId("unit", 0));
    expect(trajectory.twins["slack"]!.stateDiff).toContainEqual(expect.objectContaining({ change: "added", after: expect.objectContaining({ text: trajectory.vars["word"] }) }));
    const ts = Number((trajectory.steps[1]!.captured as { ts: string }).ts);
    expect(ts).toBeGreaterThanOrEqual(Date.UTC(2026, 0, 1, 1) / 1000);
    expect(universe.get("slack").twin.tenants().map((tenant) => tenant.id)).toEqual(["default"]);
  });

  test("a template that does not resolve fails its step as infrastructure, and later steps do not run", async () => {
    const steps: Step[] = [
      { kind: "cli", run: "echo ${vars.missing}", timeoutMs: 1_000 },
      { kind: "cli", id: "never", run: "echo never", timeoutMs: 1_000 },
    ];
    const trajectory = await run(scenarioOf({ steps, expectations: [{ id: "ran", query: { kind: "step", step: "never", where: { exitCode: 0 } } }] }));
    expect(trajectory.steps).toHaveLength(1);
    expect(trajectory.steps[0]).toMatchObject({ ok: false, attribution: "infrastructure" });
    expect(trajectory.steps[0]!.error).toContain("template error: unknown template reference ${vars.missing}");
    expect(trajectory.expectations).toEqual([expect.objectContaining({ id: "ran", passed: false })]);
  });

  test("the deadline aborts a running step: infrastructure, naming the step", async () => {
    const steps: Step[] = [{ kind: "cli", run: "true", timeoutMs: 1_000 }, { kind: "sleep", id: "nap", ms: 30_000 }];
    const trajectory = await run(scenarioOf({ steps, timeoutMs: 300 }));
    expect(trajectory.aborted).toEqual({ attribution: "infrastructure", reason: "the trial passed its 300 ms deadline during step 2 (nap)" });
    expect(trajectory.steps[1]).toMatchObject({ index: 1, id: "nap", ok: false, attribution: "infrastructure" });
    expect(trajectory.verdict.attribution).toBe("infrastructure");
  });

  test("a fixture that does not apply aborts the trial as infrastructure with the field's path", async () => {
    const trajectory = await run(scenarioOf({ twins: { slack: { fixture: { users: [{ name: 3 }] } } } }));
    expect(trajectory.aborted?.attribution).toBe("infrastructure");
    expect(trajectory.aborted?.reason).toMatch(/^unit\.yaml: the slack fixture does not apply: .*users\[0\]\.name/);
    expect(universe.get("slack").twin.tenants().map((tenant) => tenant.id)).toEqual(["default"]);
  });

  test("a suite cancel signal aborts the trial as cancelled", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const trajectory = await run(scenarioOf({ steps: [{ kind: "sleep", ms: 30_000 }] }), { signal: controller.signal });
    expect(trajectory.aborted).toEqual({ attribution: "infrastructure", reason: "the suite run was cancelled during step 1 (sleep 30 s)" });
  });

  test("an app that cannot start aborts the trial as infrastructure with its stderr", async () => {
    const app: TrialAppOptions = { command: `${JSON.stringify(process.execPath)} -e "console.error('no config'); process.exit(2)"` };
    const trajectory = await run(scenarioOf({ steps: [{ kind: "http", method: "GET", path: "/" }] }), { app });
    expect(trajectory.aborted).toEqual({ attribution: "infrastructure", reason: "the app could not start: exited with code 2: no config" });
    expect(trajectory.steps).toEqual([]);
    expect(trajectory.app).toMatchObject({ exitCode: 2, stderr: "no config\n" });
  });
});
