/**
 * Where the run goes after a stage: the handler's jump (the parallel handler's fan-in), else
 * edge selection; for a failed stage the order is fail edge (a matching condition), then the
 * retry-target chain, then the remaining selection steps (spec 3.3 with 3.7; ADR 0002).
 */
import { handlerTypeOf } from "./attributes.js";
import type { Context } from "./context.js";
import { selectConditionEdge, selectUnconditionalEdge } from "./edge-selection.js";
import type { EdgeSelectionReason } from "./events.js";
import { retryTarget } from "./goal-gates.js";
import { type Graph, type GraphEdge, type GraphNode, outgoingEdges } from "./graph.js";
import type { Outcome } from "./outcome.js";

export interface Route {
  to: string;
  edge?: GraphEdge;
  reason: EdgeSelectionReason | "jump";
}

export function routeAfterStage(node: GraphNode, graph: Graph, outcome: Outcome, context: Context): Route | undefined {
  if (outcome.jumpTo) return { to: outcome.jumpTo, reason: "jump" };
  // A fan-out's outgoing edges are its branches, already run: never routes out of it.
  const handlerType = handlerTypeOf(node.attributes);
  if (handlerType === "parallel") {
    const target = outcome.status === "fail" ? retryTarget(node, graph) : undefined;
    return target ? { to: target, reason: "failure-route" } : undefined;
  }
  const edges = outgoingEdges(graph, node.id);
  const byCondition = selectConditionEdge(edges, outcome, context);
  if (byCondition) return { to: byCondition.edge.to, edge: byCondition.edge, reason: byCondition.reason };
  if (outcome.status === "fail") {
    const target = retryTarget(node, graph);
    if (target) return { to: target, reason: "failure-route" };
    // A human gate's edges are the human's choices: a gate that failed (skipped, no answer)
    // must not take one of them as if it had been chosen.
    if (handlerType === "wait.human") return undefined;
  }
  const selection = selectUnconditionalEdge(edges, outcome);
  return selection ? { to: selection.edge.to, edge: selection.edge, reason: selection.reason } : undefined;
}
