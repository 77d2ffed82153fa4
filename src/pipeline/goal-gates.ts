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

/**
 * The retry-target chain: the node's retry_target, its fallback_retry_target, then the graph's
 * two. Used when a failed stage has no fail edge (spec 3.7) and when a goal gate is unsatisfied
 * at exit (spec 3.4). Targets that name no node are skipped (lint warns about them).
 */
export function retryTarget(node: GraphNode, graph: Graph): string | undefined {
  return (
    existing(graph, node.attributes["retry_target"]) ??
    existing(graph, node.attributes["fallback_retry_target"]) ??
    existing(graph, graph.attributes["retry_target"]) ??
    existing(graph, graph.attributes["fallback_retry_target"])
  );
}
