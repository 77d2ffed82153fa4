import fc from "fast-check";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { Context } from "../context.js";
import { addNode, createGraph } from "../graph.js";
import { STAGE_STATUSES, type Outcome } from "../outcome.js";
import { readStatusFile } from "../status-file.js";
import { compareResults, createFanInHandler, heuristicSelect, type FanInEvaluator, type FanInHandlerOptions } from "./fan-in.js";
import type { ParallelResultRecord } from "./parallel-results.js";
import { createTestRuntime, outcomeOf } from "./test-runtime.js";

async function fanIn(results: unknown, options: FanInHandlerOptions = {}, attributes: Record<string, string> = {}): Promise<{ outcome: Outcome; stageDir: string }> {
  const graph = createGraph();
  const node = addNode(graph, "merge", { shape: "tripleoctagon", ...attributes });
  const context = new Context(results === undefined ? {} : { "parallel.results": results });
  const logsRoot = mkdtempSync(join(tmpdir(), "lightsout-"));
  const outcome = outcomeOf(await createFanInHandler(options).execute(node, context, graph, logsRoot, createTestRuntime()));
  return { outcome, stageDir: join(logsRoot, "merge") };
}

const results: ParallelResultRecord[] = [
  { id: "c", status: "success", score: 1, contextUpdates: { "branch.answer": "c", shared: "c" } },
  { id: "b", status: "success", score: 5, contextUpdates: { "branch.answer": "b", "parallel.fan_in.best_id": "spoofed" } },
  { id: "a", status: "fail", score: 9 },
];

describe("heuristicSelect", () => {
  it("ranks by status, then higher score, then id", () => {
    expect(heuristicSelect(results)?.id).toBe("b");
    expect(heuristicSelect([{ id: "z", status: "partial_success", score: 100 }, { id: "y", status: "success" }])?.id).toBe("y");
    expect(heuristicSelect([{ id: "z", status: "retry" }, { id: "y", status: "retry" }])?.id).toBe("y");
    expect(heuristicSelect([{ id: "z", status: "fail" }, { id: "y", status: "retry" }])?.id).toBe("y");
    expect(heuristicSelect([])).toBeUndefined();
  });

  it("orders any set of results totally, whatever their input order", () => {
    const record = fc.record({ id: fc.string({ minLength: 1 }), status: fc.constantFrom(...STAGE_STATUSES), score: fc.option(fc.integer(), { nil: undefined }) });
    fc.assert(
      fc.property(fc.uniqueArray(record, { minLength: 1, selector: (item) => item.id }), (items) => {
        const best = heuristicSelect(items)!;
        expect(heuristicSelect([...items].reverse())).toEqual(best);
        for (const item of items) expect(compareResults(best, item)).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe("createFanInHandler", () => {
  it("selects the best branch and adopts its context updates", async () => {
    const { outcome, stageDir } = await fanIn(results);
    expect(outcome).toEqual({
      status: "success",
      contextUpdates: { "branch.answer": "b", "parallel.fan_in.best_id": "b", "parallel.fan_in.best_outcome": "success" },
      notes: "Selected best candidate: b (heuristic)",
    });
    expect(readStatusFile(stageDir)).toEqual(outcome);
  });

  it("reads results stored as JSON text", async () => {
    expect((await fanIn(JSON.stringify(results))).outcome.contextUpdates?.["parallel.fan_in.best_id"]).toBe("b");
  });

  it("fails when there are no results", async () => {
    expect((await fanIn(undefined)).outcome).toEqual({ status: "fail", failureReason: "No parallel results to evaluate" });
    expect((await fanIn([])).outcome).toEqual({ status: "fail", failureReason: "No parallel results to evaluate" });
  });

  it("fails with the reason when the results are malformed", async () => {
    expect((await fanIn([{ id: "a" }])).outcome.failureReason).toContain('parallel.results[0] has status undefined');
  });

  it("fails when every branch failed or was skipped", async () => {
    const { outcome } = await fanIn([
      { id: "a", status: "fail", notes: "tests red" },
      { id: "b", status: "skipped" },
    ]);
    expect(outcome).toEqual({ status: "fail", failureReason: "all 2 parallel branches failed", notes: "a: fail (tests red); b: skipped" });
  });

  it("succeeds with a retry candidate when no branch did better", async () => {
    const { outcome } = await fanIn([
      { id: "a", status: "fail" },
      { id: "b", status: "retry" },
    ]);
    expect(outcome.contextUpdates).toMatchObject({ "parallel.fan_in.best_id": "b", "parallel.fan_in.best_outcome": "retry" });
  });

  it("lets an evaluator choose when the node has a prompt", async () => {
    const evaluate = vi.fn<FanInEvaluator>(async () => "c");
    const { outcome } = await fanIn(results, { evaluate }, { prompt: "Pick the clearest answer" });
    expect(evaluate).toHaveBeenCalledWith("Pick the clearest answer", results, expect.anything());
    expect(outcome.contextUpdates).toEqual({ "branch.answer": "c", shared: "c", "parallel.fan_in.best_id": "c", "parallel.fan_in.best_outcome": "success" });
    expect(outcome.notes).toBe("Selected best candidate: c (evaluator)");
  });

  it("does not call the evaluator without a prompt", async () => {
    const evaluate = vi.fn<FanInEvaluator>(async () => "c");
    await fanIn(results, { evaluate });
    expect(evaluate).not.toHaveBeenCalled();
  });

  it("falls back to the heuristic when the evaluator fails or names no branch", async () => {
    const throwing = await fanIn(results, { evaluate: async () => Promise.reject(new Error("model down")) }, { prompt: "p" });
    expect(throwing.outcome.contextUpdates?.["parallel.fan_in.best_id"]).toBe("b");
    expect(throwing.outcome.notes).toBe("Selected best candidate: b (heuristic (evaluator unusable: model down))");
    const unknown = await fanIn(results, { evaluate: async () => "zzz" }, { prompt: "p" });
    expect(unknown.outcome.notes).toContain('it chose "zzz", which is not a branch');
  });
});
