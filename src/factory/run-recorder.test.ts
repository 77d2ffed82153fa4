import { describe, expect, it } from "vitest";
import type { Trajectory } from "../scenarios/model.js";
import { createMemoryRunStore } from "../store/index.js";
import type { RunStore } from "../store/types.js";
import { createRunRecorder } from "./run-recorder.js";

const trajectory = (scenarioId: string, satisfied: boolean): Trajectory =>
  ({ v: 1, scenarioId, trialIndex: 0, seed: 7, startedAt: "", durationMs: 5, vars: {}, perturbations: [], steps: [], twins: {}, expectations: [], verdict: { satisfied, reasons: satisfied ? [] : ["expected the announcement text"], ...(satisfied ? {} : { attribution: "product" as const }) } }) as Trajectory;

function recordOnce(store: RunStore) {
  const recorder = createRunRecorder(store, "run-1");
  recorder.start({ spec: "demo" });
  recorder.iteration(1, {});
  recorder.stageStart(2, "implement", 1);
  recorder.agentEvent(2, "implement", { kind: "tool-call-end", callId: "c1", toolName: "write_file", output: "x".repeat(5000), isError: false, sessionId: "s", timestamp: 0 });
  recorder.stageEnd(2, "implement", { status: "success" });
  recorder.evaluation(1, "holdout", { satisfaction: 0.5 }, [trajectory("hidden", false), trajectory("other", true)]);
  recorder.evaluation(1, "visible", { satisfaction: 0 }, [trajectory("seen", false)]);
  return recorder.flush();
}

describe("createRunRecorder", () => {
  it("records the run as a tree: run > iteration > stage > tool call, evaluation > trial > verdict", async () => {
    const store = createMemoryRunStore();
    expect(await recordOnce(store)).toBeUndefined();
    const records = await store.query({ runId: "run-1" });
    const byType = (type: string) => records.filter((record) => record.type === type);
    const root = byType("run")[0]!;
    const iteration = byType("iteration")[0]!;
    expect(iteration.parentId).toBe(root.id);
    const stage = byType("stage").find((record) => record.payload["phase"] === "start")!;
    expect(stage.parentId).toBe(iteration.id);
    const call = byType("tool-call")[0]!;
    expect(call.parentId).toBe(stage.id);
    expect(call.payload["truncated"]).toBe(true);
    expect(call.blobs).toHaveLength(1);
    expect(byType("trial")).toHaveLength(3);
    expect(byType("verdict")).toHaveLength(3);
  });

  it("keeps a holdout verdict's reasons (the expectations' words) out of the store, not a visible one's", async () => {
    const store = createMemoryRunStore();
    await recordOnce(store);
    const verdicts = await store.query({ runId: "run-1", type: "verdict" });
    const hidden = verdicts.find((record) => record.payload["scenarioId"] === "hidden")!;
    expect(hidden.payload).toMatchObject({ satisfied: false, attribution: "product", seed: 7 });
    expect(hidden.payload["reasons"]).toBeUndefined();
    expect(verdicts.find((record) => record.payload["scenarioId"] === "seen")!.payload["reasons"]).toEqual(["expected the announcement text"]);
  });

  it("adds nothing when a resumed run records the same things again (idempotency keys)", async () => {
    const store = createMemoryRunStore();
    await recordOnce(store);
    const count = (await store.query({ runId: "run-1" })).length;
    await recordOnce(store);
    expect(await store.query({ runId: "run-1" })).toHaveLength(count);
  });

  it("does not throw when the store fails: the first error is kept for the report", async () => {
    const broken: RunStore = { ...createMemoryRunStore(), append: async () => Promise.reject(new Error("disk full")) };
    expect(await recordOnce(broken)).toBe("disk full");
  });
});
