/** Goal gate enforcement (spec 3.4) and failure routing targets (spec 3.7). */
import { readBoolean } from "./attributes.js";
import type { Graph, GraphNode } from "./graph.js";
import { isSuccessful, type Outcome } from "./outcome.js";

/** The first visited goal-gate node whose latest outcome is not a success, if any. */
export function findUnsatisfiedGoalGate(graph: Graph, nodeOutcomes: Record<string, Outcome>): GraphNode | undefined {
  for (const [nodeId, outcome] of Object.entries(nodeOutcomes)) {
    const node = graph.nodes.get(nodeId);
    if (node && readBoolean(node.attributes, "goal_gate") && !isSuccessful(outcome.status)) return node;
  }
  return undefined;
}

function existing(graph: Graph, target: string | undefined): string | undefined {
  return target && graph.nodes.has(target) ? target : undefined;
}

/** Where a failed stage goes when no fail edge matches: its retry_target, then fallback_retry_target. */
export function failureRouteTarget(node: GraphNode, graph: Graph): string | undefined {
  return existing(graph, node.attributes["retry_target"]) ?? existing(graph, node.attributes["fallback_retry_target"]);
}

/** Where an unsatisfied goal gate sends the run: node targets first, then the graph's. */
export function goalGateRetryTarget(node: GraphNode, graph: Graph): string | undefined {
  return (
    failureRouteTarget(node, graph) ??
    existing(graph, graph.attributes["retry_target"]) ??
    existing(graph, graph.attributes["fallback_retry_target"])
  );
}
