/**
 * The handler interface (spec 4.1) and what the engine gives a handler besides the spec's four
 * arguments: cancellation, events, the run's clock and randomness, and a way to run a branch
 * of the graph (used by the parallel handler) without handlers knowing the engine.
 */
import type { Context } from "../context.js";
import type { EmittedEvent } from "../events.js";
import type { Graph, GraphNode } from "../graph.js";
import type { Outcome } from "../outcome.js";
import type { ArtifactStore } from "../artifact-store.js";
import type { Interviewer } from "../interviewers/question.js";

export interface BranchResult {
  /** The id of the first node of the branch. */
  branch: string;
  outcome: Outcome;
  /** Nodes the branch executed, in order. */
  completedNodes: string[];
  /** The node where the branch stopped without executing it (a fan-in or exit), if any. */
  stoppedAt?: string;
  context: Context;
}

export interface HandlerRuntime {
  signal: AbortSignal;
  emit(event: EmittedEvent): void;
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Uniform in [0, 1); seeded when the run is given a seed. */
  random(): number;
  artifacts: ArtifactStore;
  interviewer: Interviewer;
  /** Runs the graph from `startNodeId` on `context` until a node for which `stopAt` is true. */
  runBranch(startNodeId: string, context: Context, options: { stopAt: (node: GraphNode) => boolean; logsRoot: string; signal?: AbortSignal }): Promise<BranchResult>;
  /** The preamble for this node under its resolved fidelity (spec 5.4, 9.2), empty under `full`. */
  fidelity: { mode: string; threadId: string; preamble: string };
}

export interface Handler {
  /**
   * Returns the outcome, or nothing when the handler leaves the outcome to the status-file
   * contract: the engine then reads `{logsRoot}/{node.id}/status.json`, or synthesizes SUCCESS
   * when the node has `auto_status=true` (spec Appendix C).
   */
  execute(node: GraphNode, context: Context, graph: Graph, logsRoot: string, runtime: HandlerRuntime): Promise<Outcome | undefined | void>;
}

/** What a codergen backend returns: the response text, or an outcome it decided itself. */
export type CodergenResult = string | Outcome;

/** What the codergen handler gives its backend besides the handler runtime. */
export interface CodergenRuntime extends HandlerRuntime {
  /**
   * This stage's directory, `{logsRoot}/{node.id}`, where prompt.md and status.json go. Inside a
   * parallel branch logsRoot is the branch's own, so a backend writing its files here keeps the
   * branches apart (the run's top-level directory would mix them).
   */
  stageDir: string;
}

export interface CodergenBackend {
  run(node: GraphNode, prompt: string, context: Context, runtime: CodergenRuntime): Promise<CodergenResult>;
  /**
   * The backend keeps `full`-fidelity threads on disk and restores them in a new process, so a
   * resumed run need not degrade its first `full` stage to `summary:high` (spec 5.3).
   */
  readonly persistsThreads?: boolean;
}
