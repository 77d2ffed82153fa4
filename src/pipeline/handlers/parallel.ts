/**
 * The parallel handler (spec 4.8): runs every outgoing branch on an isolated clone of the
 * context, at most `max_parallel` at a time, until each reaches a fan-in node. The results go
 * to `parallel.results` for the fan-in; the run continues at the fan-in node where the branches
 * converge (see docs/decisions/0004-parallel-branches.md).
 */
import { readInteger, handlerTypeOf } from "../attributes.js";
import { LightsoutError, errorMessage } from "../../errors.js";
import type { Context } from "../context.js";
import type { Graph, GraphNode } from "../graph.js";
import { outgoingEdges } from "../graph.js";
import { isSuccessful, type Outcome } from "../outcome.js";
import type { BranchResult, Handler, HandlerRuntime } from "./handler.js";
import type { ParallelResultRecord } from "./parallel-results.js";

function changedValues(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (key === "outcome" || key === "current_node" || key.startsWith("internal.")) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(value)) changes[key] = value;
  }
  return changes;
}

function toRecord(result: BranchResult, parentValues: Record<string, unknown>): ParallelResultRecord {
  const contextUpdates = changedValues(parentValues, result.context.snapshot());
  const score = Number(result.context.get("score", Number.NaN));
  return {
    id: result.branch,
    status: result.outcome.status,
    ...(Number.isFinite(score) ? { score } : {}),
    ...(result.outcome.notes || result.outcome.failureReason ? { notes: result.outcome.failureReason ?? result.outcome.notes } : {}),
    contextUpdates,
  };
}

/** The nearest fan-in node downstream of the fan-out, for when no branch got as far as it. */
function nearestFanIn(graph: Graph, fanOut: GraphNode): string | undefined {
  const seen = new Set([fanOut.id]);
  const queue = outgoingEdges(graph, fanOut.id).map((edge) => edge.to);
  for (let index = 0; index < queue.length; index++) {
    const id = queue[index]!;
    if (seen.has(id)) continue;
    seen.add(id);
    const candidate = graph.nodes.get(id);
    if (!candidate) continue;
    if (handlerTypeOf(candidate.attributes) === "parallel.fan_in") return id;
    queue.push(...outgoingEdges(graph, id).map((edge) => edge.to));
  }
  return undefined;
}

export function createParallelHandler(): Handler {
  return {
    async execute(node: GraphNode, context: Context, graph: Graph, logsRoot: string, runtime: HandlerRuntime): Promise<Outcome> {
      const branches = outgoingEdges(graph, node.id);
      if (branches.length === 0) return { status: "fail", failureReason: `parallel node ${node.id} has no outgoing branches` };
      const joinPolicy = node.attributes["join_policy"] ?? "wait_all";
      const maxParallel = Math.max(1, readInteger(node.attributes, "max_parallel", 4));
      const started = runtime.now();
      runtime.emit({ type: "parallel-start", nodeId: node.id, branchCount: branches.length });

      // first_success cancels the branches still running once one succeeds.
      const controller = new AbortController();
      const onRunAbort = () => controller.abort(runtime.signal.reason);
      runtime.signal.addEventListener("abort", onRunAbort, { once: true });
      const parentValues = context.snapshot();
      const results: (BranchResult | undefined)[] = new Array(branches.length);
      let nextIndex = 0;

      const worker = async (): Promise<void> => {
        while (nextIndex < branches.length) {
          const index = nextIndex++;
          const edge = branches[index]!;
          if (controller.signal.aborted) {
            results[index] = { branch: edge.to, outcome: { status: "skipped", notes: "cancelled: another branch succeeded first" }, completedNodes: [], context: context.clone() };
            continue;
          }
          const branchStarted = runtime.now();
          runtime.emit({ type: "parallel-branch-start", nodeId: node.id, branch: edge.to, index });
          let result: BranchResult;
          try {
            result = await runtime.runBranch(edge.to, context.clone(), {
              stopAt: (candidate) => handlerTypeOf(candidate.attributes) === "parallel.fan_in",
              logsRoot,
              signal: controller.signal,
            });
          } catch (error) {
            if (runtime.signal.aborted) throw error;
            const cancelled = LightsoutError.isInstance(error) && error.code === "CANCELLED";
            result = {
              branch: edge.to,
              outcome: cancelled ? { status: "skipped", notes: "cancelled: another branch succeeded first" } : { status: "fail", failureReason: errorMessage(error) },
              completedNodes: [],
              context: context.clone(),
            };
          }
          results[index] = result;
          const succeeded = isSuccessful(result.outcome.status);
          runtime.emit({ type: "parallel-branch-end", nodeId: node.id, branch: edge.to, index, durationMs: runtime.now() - branchStarted, success: succeeded });
          if (joinPolicy === "first_success" && succeeded) controller.abort(new LightsoutError("CANCELLED", "another branch succeeded first"));
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.min(maxParallel, branches.length) }, worker));
      } finally {
        runtime.signal.removeEventListener("abort", onRunAbort);
      }

      const finished = results.filter((result): result is BranchResult => result !== undefined);
      const records = finished.map((result) => toRecord(result, parentValues));
      const successCount = finished.filter((result) => isSuccessful(result.outcome.status)).length;
      const failureCount = finished.filter((result) => result.outcome.status === "fail").length;
      runtime.emit({ type: "parallel-end", nodeId: node.id, durationMs: runtime.now() - started, successCount, failureCount });

      const joins = new Set(finished.map((result) => result.stoppedAt).filter((id): id is string => id !== undefined));
      const contextUpdates = { "parallel.results": records, "parallel.success_count": successCount, "parallel.failure_count": failureCount };
      if (joins.size > 1) {
        return { status: "fail", failureReason: `branches of ${node.id} stop at different nodes (${[...joins].join(", ")}); they must converge at one fan-in node`, contextUpdates };
      }
      // Branches that failed early never reach the fan-in; it still has to judge them.
      const joinNode = [...joins][0] ?? nearestFanIn(graph, node);
      const jump = joinNode ? { jumpTo: joinNode } : {};
      if (!joinNode) {
        return { status: "fail", failureReason: `no branch of ${node.id} reached a fan-in node (shape=tripleoctagon)`, contextUpdates };
      }
      if (joinPolicy === "first_success") {
        return successCount > 0
          ? { status: "success", notes: `${successCount} of ${branches.length} branches succeeded`, contextUpdates, ...jump }
          : { status: "fail", failureReason: "no branch succeeded", contextUpdates, ...jump };
      }
      return failureCount === 0
        ? { status: "success", notes: `all ${branches.length} branches succeeded`, contextUpdates, ...jump }
        : { status: "partial_success", notes: `${failureCount} of ${branches.length} branches failed`, contextUpdates, ...jump };
    },
  };
}
