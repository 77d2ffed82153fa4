/**
 * Small, explicit suite runs and trajectories for the report tests (test data: `*.fixture.ts` is
 * not built into dist/): every field of the shared model filled with plain values.
 */
import type { Attribution, ScenarioResult, StepRecord, SuiteRun, Trajectory, TrialSummary } from "../model.js";

/** `"ppfx"`: p = satisfied, f = product failure, x = infrastructure, t = twin, j = judge. */
export type TrialCode = "p" | "f" | "x" | "t" | "j";

const CHARGE: Record<Exclude<TrialCode, "p">, Attribution> = { f: "product", x: "infrastructure", t: "twin", j: "judge" };

export function sampleTrials(scenarioId: string, codes: string, seedBase = 100): TrialSummary[] {
  return [...codes].map((code, index): TrialSummary => {
    const satisfied = code === "p";
    const attribution = satisfied ? undefined : CHARGE[code as Exclude<TrialCode, "p">];
    if (!satisfied && attribution === undefined) throw new Error(`unknown trial code ${code}`);
    return {
      index,
      seed: seedBase + index,
      satisfied,
      ...(attribution ? { attribution } : {}),
      reasons: satisfied ? [] : [`${attribution} failure in ${scenarioId} trial ${index}`],
      durationMs: 1000 + index,
      perturbations: index % 2 === 1 ? ["slow-slack"] : [],
      trajectoryFile: `trajectories/${scenarioId}/${index}.json`,
    };
  });
}

export function sampleScenario(id: string, codes: string, extra: Partial<ScenarioResult> = {}): ScenarioResult {
  return { id, title: `Title of ${id}`, weight: 1, mustPass: false, tags: ["sample"], file: `scenarios/${id}.yaml`, trials: sampleTrials(id, codes), ...extra };
}

export function sampleRun(scenarios: ScenarioResult[], extra: Partial<SuiteRun> = {}): SuiteRun {
  return {
    v: 1,
    runId: "run-a",
    startedAt: "2025-01-02T03:04:05.000Z",
    finishedAt: "2025-01-02T03:05:05.000Z",
    durationMs: 60_000,
    app: { command: "node app.js", kind: "service" },
    seed: 7,
    trialsPerScenario: Math.max(0, ...scenarios.map((scenario) => scenario.trials.length)),
    concurrency: 2,
    scenarios,
    ...extra,
  };
}

export function sampleStep(index: number, id: string, extra: Partial<StepRecord> = {}): StepRecord {
  return { index, id, kind: "http", summary: `POST /${id}`, startMs: index * 10, durationMs: 5, ok: true, outcome: { status: 200, body: { ok: true } }, ...extra };
}

export function sampleTrajectory(scenarioId: string, seed: number, extra: Partial<Trajectory> = {}): Trajectory {
  return {
    v: 1,
    scenarioId,
    trialIndex: 0,
    seed,
    startedAt: "2025-01-02T03:04:05.000Z",
    durationMs: 1000,
    vars: {},
    perturbations: [],
    steps: [sampleStep(0, "create"), sampleStep(1, "announce")],
    twins: {
      slack: {
        tenant: "t1",
        requests: [{ method: "chat.postMessage", status: 200, body: { channel: "C1", text: "hello" } }],
        deliveries: [],
        stateDiff: [],
      },
    },
    expectations: [{ id: "posted", passed: true, detail: "1 matching request" }],
    verdict: { satisfied: true, reasons: [] },
    ...extra,
  };
}
