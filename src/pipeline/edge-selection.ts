/**
 * Choosing the next edge after a node completes (spec 3.3): condition match, then preferred
 * label, then suggested next ids, then highest weight, then the lexically first target.
 * On FAIL only condition-matched edges are eligible (spec 3.7, failure routing): an
 * unconditional edge is the success path and is never taken by a failed stage.
 */
import { readInteger } from "./attributes.js";
import { evaluateCondition } from "./conditions.js";
import type { Context } from "./context.js";
import type { EdgeSelectionReason } from "./events.js";
import type { GraphEdge } from "./graph.js";
import { normalizeLabel } from "./labels.js";
import type { Outcome } from "./outcome.js";

export interface EdgeSelection {
  edge: GraphEdge;
  reason: EdgeSelectionReason;
}

function weightOf(edge: GraphEdge): number {
  return readInteger(edge.attributes, "weight", 0);
}

export function bestByWeightThenLexical(edges: GraphEdge[]): GraphEdge | undefined {
  let best: GraphEdge | undefined;
  for (const edge of edges) {
    if (!best) {
      best = edge;
      continue;
    }
    const weight = weightOf(edge);
    const bestWeight = weightOf(best);
    if (weight > bestWeight || (weight === bestWeight && edge.to < best.to)) best = edge;
  }
  return best;
}

function hasCondition(edge: GraphEdge): boolean {
  return (edge.attributes["condition"] ?? "").trim() !== "";
}

/** `edges` are the node's outgoing edges in declaration order. */
export function selectEdge(edges: GraphEdge[], outcome: Outcome, context: Context): EdgeSelection | undefined {
  if (edges.length === 0) return undefined;

  const matched = edges.filter((edge) => hasCondition(edge) && evaluateCondition(edge.attributes["condition"]!, outcome, context));
  if (matched.length > 0) {
    const best = bestByWeightThenLexical(matched)!;
    return { edge: best, reason: "condition" };
  }
  if (outcome.status === "fail") return undefined;

  const unconditional = edges.filter((edge) => !hasCondition(edge));
  if (outcome.preferredLabel) {
    const wanted = normalizeLabel(outcome.preferredLabel);
    const byLabel = unconditional.find((edge) => normalizeLabel(edge.attributes["label"] ?? "") === wanted);
    if (byLabel) return { edge: byLabel, reason: "preferred-label" };
  }
  for (const suggested of outcome.suggestedNextIds ?? []) {
    const bySuggestion = unconditional.find((edge) => edge.to === suggested);
    if (bySuggestion) return { edge: bySuggestion, reason: "suggested-id" };
  }
  if (unconditional.length === 0) return undefined;
  const best = bestByWeightThenLexical(unconditional)!;
  const tied = unconditional.filter((edge) => weightOf(edge) === weightOf(best));
  return { edge: best, reason: tied.length > 1 ? "lexical" : "weight" };
}
