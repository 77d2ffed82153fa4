/**
 * Context fidelity (spec 5.4): how much of the run so far a node's LLM session carries.
 * `full` reuses a session keyed by a thread id; every other mode starts fresh and is given a
 * preamble synthesized here from the run's state (spec 9.2, the preamble transform).
 */
import { FIDELITY_MODES, type FidelityMode } from "./attributes.js";
import type { Graph, GraphEdge, GraphNode } from "./graph.js";
import type { Outcome } from "./outcome.js";

export const DEFAULT_FIDELITY: FidelityMode = "compact";

function asMode(value: string | undefined): FidelityMode | undefined {
  return value && (FIDELITY_MODES as readonly string[]).includes(value) ? (value as FidelityMode) : undefined;
}

/** Edge fidelity, then node fidelity, then graph default_fidelity, then `compact`. */
export function resolveFidelity(node: GraphNode, graph: Graph, incomingEdge?: GraphEdge): FidelityMode {
  return (
    asMode(incomingEdge?.attributes["fidelity"]) ??
    asMode(node.attributes["fidelity"]) ??
    asMode(graph.attributes["default_fidelity"]) ??
    DEFAULT_FIDELITY
  );
}

/**
 * The session key under `full` fidelity: node thread_id, then edge thread_id, then the graph's
 * default thread, then the innermost enclosing subgraph's derived class, then the previous node.
 */
export function resolveThreadId(node: GraphNode, graph: Graph, incomingEdge: GraphEdge | undefined, previousNodeId: string | undefined): string {
  return (
    node.attributes["thread_id"] ||
    incomingEdge?.attributes["thread_id"] ||
    graph.attributes["thread_id"] ||
    node.subgraphClasses[node.subgraphClasses.length - 1] ||
    previousNodeId ||
    node.id
  );
}

export interface PreambleState {
  goal: string;
  runId: string;
  completedNodes: string[];
  nodeOutcomes: Record<string, Outcome>;
  context: Record<string, unknown>;
  logs: readonly string[];
}

/** Rough characters per token, to keep preambles inside the budgets the spec gives. */
const CHARS_PER_TOKEN = 4;
const BUDGET_TOKENS: Record<string, number> = { compact: 1000, "summary:low": 600, "summary:medium": 1500, "summary:high": 3000 };
const RECENT_STAGES: Record<string, number> = { compact: 50, "summary:low": 3, "summary:medium": 8, "summary:high": 20 };

function isInternalKey(key: string): boolean {
  return key.startsWith("internal.") || key === "outcome" || key === "preferred_label" || key === "current_node";
}

function formatValue(value: unknown, limit: number): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? "";
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

function stageLine(nodeId: string, outcome: Outcome | undefined, withNotes: boolean): string {
  const status = outcome?.status ?? "unknown";
  const notes = withNotes && (outcome?.notes || outcome?.failureReason) ? `: ${formatValue(outcome.failureReason ?? outcome.notes, 160)}` : "";
  return `- ${nodeId}: ${status}${notes}`;
}

/** The carry-over text for a fresh session; empty under `full` (the session itself carries it). */
export function buildPreamble(mode: FidelityMode, state: PreambleState): string {
  if (mode === "full") return "";
  const header = [`Goal: ${state.goal || "(none)"}`, `Run: ${state.runId}`];
  if (mode === "truncate") return header.join("\n");

  const recent = state.completedNodes.slice(-(RECENT_STAGES[mode] ?? 10));
  const withNotes = mode !== "summary:low" && mode !== "compact";
  const lines = [...header, "", `Completed stages (${state.completedNodes.length}, most recent last):`];
  for (const nodeId of recent) lines.push(stageLine(nodeId, state.nodeOutcomes[nodeId], withNotes));

  const valueLimit = mode === "summary:high" ? 400 : mode === "summary:medium" ? 160 : 80;
  const entries = Object.entries(state.context).filter(([key]) => !isInternalKey(key));
  if (entries.length > 0 && mode !== "summary:low") {
    lines.push("", "Context:");
    for (const [key, value] of entries) lines.push(`- ${key} = ${formatValue(value, valueLimit)}`);
  }
  if (mode === "summary:high" || mode === "summary:medium") {
    const events = state.logs.slice(mode === "summary:high" ? -30 : -10);
    if (events.length > 0) lines.push("", "Recent events:", ...events.map((entry) => `- ${formatValue(entry, valueLimit)}`));
  }
  const budget = (BUDGET_TOKENS[mode] ?? 1000) * CHARS_PER_TOKEN;
  const text = lines.join("\n");
  return text.length > budget ? `${text.slice(0, budget - 1)}…` : text;
}
