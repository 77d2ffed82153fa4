/**
 * The execution engine (spec 3): walks the graph from the start node, executes each node's
 * handler with its retry policy, selects the next edge, enforces goal gates, checkpoints after
 * every node and resumes from a checkpoint. It is a function with its dependencies passed in:
 * a server starts it, watches it through `onEvent`, answers its human gates through the
 * interviewer it gave, and cancels it through `signal`.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { LightsoutError, errorMessage } from "../errors.js";
import { readInteger } from "./attributes.js";
import { ArtifactStore } from "./artifact-store.js";
import { type Checkpoint, loadCheckpoint, saveCheckpoint } from "./checkpoint.js";
import { Context } from "./context.js";
import { routeAfterStage } from "./routing.js";
import type { EmittedEvent, EventListener, PipelineEvent } from "./events.js";
import { buildPreamble, type PreambleState, resolveFidelity, resolveThreadId } from "./fidelity.js";
import type { FidelityMode } from "./attributes.js";
import { findUnsatisfiedGoalGate, retryTarget } from "./goal-gates.js";
import { type Graph, type GraphEdge, type GraphNode, findStartNodes, isExitNode } from "./graph.js";
import type { BranchResult, CodergenBackend, HandlerRuntime } from "./handlers/handler.js";
import { createDefaultRegistry } from "./handlers/defaults.js";
import type { HandlerRegistry } from "./handlers/registry.js";
import type { Interviewer } from "./interviewers/question.js";
import { SKIPPED } from "./interviewers/question.js";
import type { Outcome } from "./outcome.js";
import { abortableSleep, seededRandom } from "./random.js";
import { appendJournal, findJournalEntry, writeManifest } from "./run-directory.js";
import { type StageDependencies, executeStage } from "./stage-executor.js";
import { writeStatusFile } from "./status-file.js";

export interface RunPipelineOptions {
  /** The run directory: checkpoint, manifest, journal, one folder per stage. */
  logsRoot: string;
  /** Handlers; by default the nine built-in types with `backend` behind codergen. */
  registry?: HandlerRegistry;
  /** The LLM backend of codergen nodes; absent means simulation mode. */
  backend?: CodergenBackend;
  /** Answers human gates; by default every question is skipped (the gate fails). */
  interviewer?: Interviewer;
  onEvent?: EventListener;
  signal?: AbortSignal;
  /** Continue the run found in `logsRoot` from its checkpoint. */
  resume?: boolean;
  /** Seeds retry jitter and the run id. */
  seed?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  initialContext?: Record<string, unknown>;
  runId?: string;
  /** Where tool commands run and child pipelines are found; defaults to the current directory. */
  workingDirectory?: string;
  /** A guard against graphs that loop forever; counts executed stages. Default: unlimited. */
  maxSteps?: number;
}

export interface PipelineResult {
  status: "success" | "fail" | "cancelled";
  outcome: Outcome;
  runId: string;
  logsRoot: string;
  completedNodes: string[];
  nodeOutcomes: Record<string, Outcome>;
  context: Record<string, unknown>;
  durationMs: number;
}

interface RunState {
  runId: string;
  context: Context;
  completedNodes: string[];
  nodeOutcomes: Record<string, Outcome>;
  nodeRetries: Record<string, number>;
  step: number;
  restarts: number;
  lastFidelity?: string;
}

const noInterviewer: Interviewer = { ask: async () => SKIPPED };

function mirrorGraphAttributes(graph: Graph, context: Context): void {
  for (const [key, value] of Object.entries(graph.attributes)) context.set(`graph.${key}`, value);
}

/** The fidelity a handler sees; the preamble is built on first read, since most handlers never ask. */
function lazyFidelity(mode: FidelityMode, threadId: string, state: () => PreambleState): HandlerRuntime["fidelity"] {
  let preamble: string | undefined;
  return {
    mode,
    threadId,
    get preamble(): string {
      preamble ??= buildPreamble(mode, state());
      return preamble;
    },
  };
}

function stageLogsRoot(logsRoot: string, restarts: number): string {
  return restarts === 0 ? logsRoot : join(logsRoot, `restart-${restarts}`);
}

export async function runPipeline(graph: Graph, options: RunPipelineOptions): Promise<PipelineResult> {
  const now = options.now ?? Date.now;
  const random = options.random ?? (options.seed !== undefined ? seededRandom(options.seed) : Math.random);
  const sleep = options.sleep ?? abortableSleep;
  const signal = options.signal ?? new AbortController().signal;
  const logsRoot = resolve(options.logsRoot);
  const workingDirectory = resolve(options.workingDirectory ?? process.cwd());
  const startedAt = now();
  mkdirSync(logsRoot, { recursive: true });

  let checkpoint: Checkpoint | undefined;
  let state: RunState;
  if (options.resume) {
    checkpoint = loadCheckpoint(logsRoot);
    state = {
      runId: checkpoint.runId || options.runId || randomUUID(),
      context: new Context(checkpoint.context, checkpoint.logs),
      completedNodes: [...checkpoint.completedNodes],
      nodeOutcomes: { ...checkpoint.nodeOutcomes },
      nodeRetries: { ...checkpoint.nodeRetries },
      step: checkpoint.step,
      restarts: checkpoint.restarts,
      ...(checkpoint.lastFidelity ? { lastFidelity: checkpoint.lastFidelity } : {}),
    };
  } else {
    const context = new Context(options.initialContext ?? {});
    mirrorGraphAttributes(graph, context);
    state = { runId: options.runId ?? randomUUID(), context, completedNodes: [], nodeOutcomes: {}, nodeRetries: {}, step: 0, restarts: 0 };
  }

  const listener = options.onEvent;
  const emit = (event: EmittedEvent): void => {
    if (!listener) return;
    try {
      listener({ ...event, timestamp: now(), runId: state.runId } as PipelineEvent);
    } catch {
      // A failing observer must never break the run it observes.
    }
  };
  const result = (status: PipelineResult["status"], outcome: Outcome): PipelineResult => ({
    status,
    outcome,
    runId: state.runId,
    logsRoot,
    completedNodes: [...state.completedNodes],
    nodeOutcomes: { ...state.nodeOutcomes },
    context: state.context.snapshot(),
    durationMs: now() - startedAt,
  });

  if (checkpoint?.finished) {
    // The run had already ended: resuming reports its result and re-runs nothing.
    return result(checkpoint.finished.status, checkpoint.finished.outcome);
  }

  writeManifest(logsRoot, graph, state.runId, startedAt);
  emit({ type: "pipeline-start", name: graph.name, logsRoot, resumed: checkpoint !== undefined });

  const artifacts = new ArtifactStore(logsRoot, undefined, now);
  const interviewer = options.interviewer ?? noInterviewer;
  const registry =
    options.registry ??
    createDefaultRegistry({
      ...(options.backend ? { backend: options.backend } : {}),
      workingDirectory,
      runChildPipeline: (childGraph, childOptions) =>
        runPipeline(childGraph, { ...childOptions, interviewer, ...(options.backend ? { backend: options.backend } : {}), now, sleep, random }),
    });
  const maxSteps = options.maxSteps ?? Number.POSITIVE_INFINITY;
  const maxRestarts = readInteger(graph.attributes, "max_restarts", 50);
  let branchStageIndex = 0;

  const baseRuntime: Omit<HandlerRuntime, "signal" | "fidelity"> = {
    emit,
    now,
    sleep,
    random,
    artifacts,
    interviewer,
    runBranch: (startNodeId, context, branchOptions) => runBranch(startNodeId, context, branchOptions),
  };
  const dependenciesFor = (fidelity: HandlerRuntime["fidelity"], runSignal: AbortSignal): StageDependencies => ({
    registry,
    emit,
    now,
    sleep,
    random,
    signal: runSignal,
    runtime: { ...baseRuntime, fidelity },
  });

  /** Runs part of the graph for a parallel branch, on its own context, without checkpoints. */
  async function runBranch(startNodeId: string, context: Context, branchOptions: { stopAt: (node: GraphNode) => boolean; logsRoot: string; signal?: AbortSignal }): Promise<BranchResult> {
    const completedNodes: string[] = [];
    const retries: Record<string, number> = {};
    let outcome: Outcome = { status: "success" };
    let currentId: string | undefined = startNodeId;
    let steps = 0;
    while (currentId !== undefined) {
      const node = graph.nodes.get(currentId);
      if (!node) return { branch: startNodeId, outcome: { status: "fail", failureReason: `branch reached unknown node ${currentId}` }, completedNodes, context };
      if (branchOptions.stopAt(node) || isExitNode(graph, node)) return { branch: startNodeId, outcome, completedNodes, stoppedAt: node.id, context };
      if (++steps > Math.min(maxSteps, 10_000)) return { branch: startNodeId, outcome: { status: "fail", failureReason: `branch from ${startNodeId} did not reach a fan-in node within ${steps - 1} stages` }, completedNodes, context };
      context.set("current_node", node.id);
      const fidelity = lazyFidelity(resolveFidelity(node, graph), resolveThreadId(node, graph, undefined, completedNodes.at(-1)), () => ({
        goal: graph.attributes["goal"] ?? "",
        runId: state.runId,
        completedNodes,
        nodeOutcomes: {},
        context: context.toJSON(),
        logs: context.logs,
      }));
      const stage = await executeStage(node, context, graph, branchOptions.logsRoot, ++branchStageIndex, dependenciesFor(fidelity, branchOptions.signal ?? signal), retries);
      outcome = stage.outcome;
      completedNodes.push(node.id);
      context.applyUpdates(outcome.contextUpdates);
      context.set("outcome", outcome.status);
      if (!stage.statusWritten) writeStatusFile(join(branchOptions.logsRoot, node.id), outcome);
      if (outcome.jumpTo) {
        currentId = outcome.jumpTo;
        continue;
      }
      currentId = routeAfterStage(node, graph, outcome, context)?.to;
    }
    return { branch: startNodeId, outcome, completedNodes, context };
  }

  const writeCheckpoint = (currentNode: string, nextNode: string | undefined, finished?: Checkpoint["finished"]): void => {
    const path = saveCheckpoint(logsRoot, {
      v: 1,
      runId: state.runId,
      timestamp: now(),
      currentNode,
      ...(nextNode !== undefined ? { nextNode } : {}),
      step: state.step,
      completedNodes: state.completedNodes,
      nodeRetries: state.nodeRetries,
      nodeOutcomes: state.nodeOutcomes,
      context: state.context.toJSON(),
      logs: [...state.context.logs],
      ...(state.lastFidelity ? { lastFidelity: state.lastFidelity } : {}),
      restarts: state.restarts,
      ...(finished ? { finished } : {}),
    });
    emit({ type: "checkpoint-save", nodeId: currentNode, path });
  };

  const finish = (status: "success" | "fail", outcome: Outcome, lastNode: string): PipelineResult => {
    writeCheckpoint(lastNode, undefined, { status, outcome });
    emit({
      type: "pipeline-end",
      status,
      durationMs: now() - startedAt,
      artifactCount: artifacts.size,
      ...(status === "fail" ? { error: outcome.failureReason ?? "pipeline failed" } : {}),
    });
    return result(status, outcome);
  };

  let currentId: string;
  let incomingEdge: GraphEdge | undefined;
  let previousNodeId: string | undefined;
  let degradeFullFidelity = false;
  if (checkpoint) {
    currentId = checkpoint.nextNode!;
    previousNodeId = checkpoint.currentNode;
    incomingEdge = graph.edges.find((edge) => edge.from === checkpoint!.currentNode && edge.to === currentId);
    // In-memory LLM sessions cannot be serialized: one hop at summary:high instead of full,
    // unless the backend keeps its threads on disk.
    degradeFullFidelity = checkpoint.lastFidelity === "full" && options.backend?.persistsThreads !== true;
  } else {
    const starts = findStartNodes(graph);
    if (starts.length === 0) throw new LightsoutError("VALIDATION", "pipeline has no start node (shape=Mdiamond or id start/Start)");
    currentId = starts[0]!.id;
    // The initial checkpoint (spec 3.1): a run cancelled in its first stage can still resume.
    writeCheckpoint("", currentId);
  }
  let resumedStep = checkpoint ? checkpoint.step + 1 : -1;

  try {
    for (;;) {
      if (signal.aborted) throw new LightsoutError("CANCELLED", "run cancelled");
      const node = graph.nodes.get(currentId);
      if (!node) return finish("fail", { status: "fail", failureReason: `edge leads to unknown node ${currentId}` }, previousNodeId ?? currentId);

      if (isExitNode(graph, node)) {
        const unsatisfied = findUnsatisfiedGoalGate(graph, state.nodeOutcomes);
        if (unsatisfied) {
          const target = retryTarget(unsatisfied, graph);
          if (!target) return finish("fail", { status: "fail", failureReason: `goal gate ${unsatisfied.id} unsatisfied and no retry target` }, node.id);
          emit({ type: "goal-gate-retry", nodeId: unsatisfied.id, target });
          state.context.appendLog(`goal gate ${unsatisfied.id} unsatisfied: retrying at ${target}`);
          previousNodeId = node.id;
          incomingEdge = undefined;
          currentId = target;
          continue;
        }
      }

      if (state.step + 1 > maxSteps) return finish("fail", { status: "fail", failureReason: `stopped after ${maxSteps} stages (maxSteps)` }, previousNodeId ?? node.id);
      state.context.set("current_node", node.id);
      let mode = resolveFidelity(node, graph, incomingEdge);
      if (mode === "full" && degradeFullFidelity) mode = "summary:high";
      degradeFullFidelity = false;
      const threadId = resolveThreadId(node, graph, incomingEdge, previousNodeId);
      const fidelity = lazyFidelity(mode, threadId, () => ({
        goal: graph.attributes["goal"] ?? "",
        runId: state.runId,
        completedNodes: state.completedNodes,
        nodeOutcomes: state.nodeOutcomes,
        context: state.context.toJSON(),
        logs: state.context.logs,
      }));
      const stageRoot = stageLogsRoot(logsRoot, state.restarts);

      // A stage that completed just before a crash, but before its checkpoint, is not re-run.
      const journaled = resumedStep > 0 ? findJournalEntry(logsRoot, state.runId, resumedStep) : undefined;
      resumedStep = -1;
      let outcome: Outcome;
      if (journaled && journaled.node === node.id) {
        outcome = journaled.outcome;
      } else {
        const stage = await executeStage(node, state.context, graph, stageRoot, state.step + 1, dependenciesFor(fidelity, signal), state.nodeRetries);
        outcome = stage.outcome;
        if (!isExitNode(graph, node) && !stage.statusWritten) writeStatusFile(join(stageRoot, node.id), outcome);
        appendJournal(logsRoot, { v: 1, run_id: state.runId, step: state.step + 1, node: node.id, outcome });
      }

      state.step += 1;
      state.completedNodes.push(node.id);
      if (outcome.status !== "skipped") state.nodeOutcomes[node.id] = outcome;
      state.context.applyUpdates(outcome.contextUpdates);
      state.context.set("outcome", outcome.status);
      if (outcome.preferredLabel) state.context.set("preferred_label", outcome.preferredLabel);
      state.context.appendLog(`${node.id}: ${outcome.status}${outcome.failureReason ? ` (${outcome.failureReason})` : ""}`);
      state.lastFidelity = mode;

      if (isExitNode(graph, node)) return finish("success", { status: "success", notes: "Pipeline completed" }, node.id);

      const route = routeAfterStage(node, graph, outcome, state.context);
      const nextId = route?.to;
      const nextEdge = route?.edge;
      if (route && route.reason !== "jump") emit({ type: "edge-select", from: node.id, to: route.to, label: route.edge?.attributes["label"] ?? "", reason: route.reason });

      if (nextId === undefined) {
        if (outcome.status === "fail") return finish("fail", { ...outcome, failureReason: outcome.failureReason ?? `stage ${node.id} failed` }, node.id);
        return finish("success", { status: "success", notes: "Pipeline completed" }, node.id);
      }

      if (nextEdge?.attributes["loop_restart"] === "true") {
        if (state.restarts + 1 > maxRestarts) return finish("fail", { status: "fail", failureReason: `loop_restart limit of ${maxRestarts} reached (graph attribute max_restarts)` }, node.id);
        state.restarts += 1;
        // A restart is a fresh run of the graph in the same run id (as kilroy does): context
        // rebuilt from the graph attributes, per-node state cleared. See ADR 0008.
        state.context = new Context();
        mirrorGraphAttributes(graph, state.context);
        state.completedNodes = [];
        state.nodeOutcomes = {};
        state.nodeRetries = {};
        const freshRoot = stageLogsRoot(logsRoot, state.restarts);
        mkdirSync(freshRoot, { recursive: true });
        emit({ type: "pipeline-restart", startAt: nextId, logsRoot: freshRoot });
      }

      writeCheckpoint(node.id, nextId);
      previousNodeId = node.id;
      incomingEdge = nextEdge;
      currentId = nextId;
    }
  } catch (error) {
    if (signal.aborted || (LightsoutError.isInstance(error) && error.code === "CANCELLED")) {
      emit({ type: "pipeline-end", status: "cancelled", durationMs: now() - startedAt, artifactCount: artifacts.size, error: "cancelled" });
      return result("cancelled", { status: "fail", failureReason: "run cancelled" });
    }
    emit({ type: "pipeline-end", status: "fail", durationMs: now() - startedAt, artifactCount: artifacts.size, error: errorMessage(error) });
    throw error;
  }
}
