/**
 * Choosing the next edge after a node completes (spec 3.3): condition match, then preferred
 * label, then suggested next ids, then highest weight, then the lexically first target.
 * A failed stage first looks for a matching condition (its fail edge) and then for a retry
 * target; only then for the other steps (spec 3.7, docs/decisions/0002-failure-routing.md).
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

/** Step 1 alone: the best edge whose condition holds. */
export function selectConditionEdge(edges: GraphEdge[], outcome: Outcome, context: Context): EdgeSelection | undefined {
  const matched = edges.filter((edge) => hasCondition(edge) && evaluateCondition(edge.attributes["condition"]!, outcome, context));
  return matched.length > 0 ? { edge: bestByWeightThenLexical(matched)!, reason: "condition" } : undefined;
}

/** `edges` are the node's outgoing edges in declaration order. */
export function selectEdge(edges: GraphEdge[], outcome: Outcome, context: Context): EdgeSelection | undefined {
  if (edges.length === 0) return undefined;
  return selectConditionEdge(edges, outcome, context) ?? selectUnconditionalEdge(edges, outcome);
}

/** Steps 2 to 5, over the edges without a condition. */
export function selectUnconditionalEdge(edges: GraphEdge[], outcome: Outcome): EdgeSelection | undefined {
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
