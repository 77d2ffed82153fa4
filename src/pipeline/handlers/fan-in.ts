/**
 * Consolidates the branches of a preceding parallel node (spec 4.9): picks the best result, by
 * an evaluator (an LLM ranking) when the node has a prompt and one is given, else by status and
 * score. The winner's context updates are adopted, so the stages after the fan-in see what the
 * chosen branch produced. Decisions: docs/decisions/0035-fan-in-selection-and-merge.md.
 */
import { join } from "node:path";
import { errorMessage } from "../../errors.js";
import { fail, success, type Outcome, type StageStatus } from "../outcome.js";
import { writeStatusFile } from "../status-file.js";
import type { Handler, HandlerRuntime } from "./handler.js";
import { PARALLEL_RESULTS_KEY, parseParallelResults, type ParallelResultRecord } from "./parallel-results.js";

/** Ranks candidates for the node's prompt and returns the id of the best one. */
export type FanInEvaluator = (prompt: string, results: readonly ParallelResultRecord[], runtime: HandlerRuntime) => Promise<string>;

export interface FanInHandlerOptions {
  evaluate?: FanInEvaluator;
}

const STATUS_RANK: Record<StageStatus, number> = { success: 0, partial_success: 1, retry: 2, fail: 3, skipped: 4 };

/** Best first: by status (success, partial, retry, fail, skipped), then higher score, then id. */
export function compareResults(left: ParallelResultRecord, right: ParallelResultRecord): number {
  return (
    STATUS_RANK[left.status] - STATUS_RANK[right.status] ||
    (right.score ?? 0) - (left.score ?? 0) ||
    (left.id < right.id ? -1 : left.id > right.id ? 1 : 0)
  );
}

/** The heuristic choice of spec 4.9; undefined for no results. */
export function heuristicSelect(results: readonly ParallelResultRecord[]): ParallelResultRecord | undefined {
  return [...results].sort(compareResults)[0];
}

export function createFanInHandler({ evaluate }: FanInHandlerOptions = {}): Handler {
  return {
    async execute(node, context, _graph, logsRoot, runtime) {
      const outcome = await consolidate(node.attributes["prompt"] ?? "", context.get(PARALLEL_RESULTS_KEY), runtime, evaluate);
      try {
        writeStatusFile(join(logsRoot, node.id), outcome);
      } catch (error) {
        return fail(errorMessage(error));
      }
      return outcome;
    },
  };
}

async function consolidate(prompt: string, value: unknown, runtime: HandlerRuntime, evaluate: FanInEvaluator | undefined): Promise<Outcome> {
  if (value === undefined || value === null) return fail("No parallel results to evaluate");
  const results = parseParallelResults(value);
  if ("error" in results) return fail(results.error);
  if (results.length === 0) return fail("No parallel results to evaluate");
  // Skipped branches produced nothing to choose from, so they count with the failed ones.
  if (results.every((result) => result.status === "fail" || result.status === "skipped")) {
    return fail(`all ${results.length} parallel branches failed`, { notes: describeFailures(results) });
  }

  let best = heuristicSelect(results)!;
  let how = "heuristic";
  if (prompt.trim() !== "" && evaluate) {
    const chosen = await chooseByEvaluator(evaluate, prompt, results, runtime);
    if ("result" in chosen) {
      best = chosen.result;
      how = "evaluator";
    } else {
      how = `heuristic (evaluator unusable: ${chosen.problem})`;
    }
  }
  return success({
    contextUpdates: {
      ...best.contextUpdates,
      "parallel.fan_in.best_id": best.id,
      "parallel.fan_in.best_outcome": best.status,
    },
    notes: `Selected best candidate: ${best.id} (${how})`,
  });
}

/** An evaluator that throws or names no candidate falls back to the heuristic rather than failing the run. */
async function chooseByEvaluator(
  evaluate: FanInEvaluator,
  prompt: string,
  results: readonly ParallelResultRecord[],
  runtime: HandlerRuntime,
): Promise<{ result: ParallelResultRecord } | { problem: string }> {
  let chosenId: string;
  try {
    chosenId = await evaluate(prompt, results, runtime);
  } catch (error) {
    return { problem: errorMessage(error) };
  }
  const result = results.find((candidate) => candidate.id === chosenId);
  return result ? { result } : { problem: `it chose ${JSON.stringify(chosenId)}, which is not a branch` };
}

function describeFailures(results: readonly ParallelResultRecord[]): string {
  return results.map((result) => `${result.id}: ${result.status}${result.notes ? ` (${result.notes})` : ""}`).join("; ");
}
