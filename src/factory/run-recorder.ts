/**
 * Writes a factory run into the run store: the run, its iterations, each stage's start and end,
 * the agents' turns and tool calls, every evaluation with its trials and verdicts, the feedback.
 * The engine's and the agent's listeners are synchronous and the store is not, so appends are
 * queued in order on one promise chain; `flush` waits for them. Every record has an idempotency
 * key built from the run's step numbers, so a resumed run that replays a stage does not add its
 * records twice. A store that fails does not stop the run: the first error is kept for the report.
 * Holdout trials are recorded by scenario id, seed and verdict only, never with scenario text.
 */
import type { SessionEvent } from "../agent/index.js";
import { errorMessage } from "../errors.js";
import type { Trajectory } from "../scenarios/model.js";
import type { NewRecord, RunStore, StoredRecord } from "../store/types.js";

export interface RunRecorder {
  /** The run's root record (idempotent), with what the run is; never keys or secrets. */
  start(payload: Record<string, unknown>): void;
  iteration(iteration: number, payload: Record<string, unknown>): void;
  stageStart(step: number, nodeId: string, iteration: number): void;
  stageEnd(step: number, nodeId: string, payload: Record<string, unknown>): void;
  agentEvent(step: number, nodeId: string, event: SessionEvent): void;
  evaluation(iteration: number, suite: "holdout" | "visible", payload: Record<string, unknown>, trajectories: readonly Trajectory[]): void;
  feedback(iteration: number, payload: Record<string, unknown>): void;
  end(payload: Record<string, unknown>): void;
  /** Waits for every queued append; resolves to the first store error, if any. */
  flush(): Promise<string | undefined>;
}

/** Tool outputs longer than this go to a blob; the record keeps the head. */
const INLINE_OUTPUT = 2_000;

export function createRunRecorder(store: RunStore, runId: string): RunRecorder {
  let chain: Promise<unknown> = Promise.resolve();
  let firstError: string | undefined;
  let root: Promise<StoredRecord | undefined> = Promise.resolve(undefined);
  const iterations = new Map<number, Promise<StoredRecord | undefined>>();
  const stages = new Map<string, Promise<StoredRecord | undefined>>();
  let turn = 0;

  /** Queues an append whose parent is known once `parent` resolves. */
  function append(parent: Promise<StoredRecord | undefined> | undefined, record: Omit<NewRecord, "runId" | "parentId">, blobText?: string): Promise<StoredRecord | undefined> {
    const next = chain.then(async () => {
      try {
        const parentRecord = parent ? await parent : undefined;
        const blobs = blobText !== undefined ? [await store.putBlob(blobText)] : undefined;
        return await store.append({ ...record, runId, ...(parentRecord ? { parentId: parentRecord.id } : {}), ...(blobs ? { blobs } : {}) });
      } catch (error) {
        firstError ??= errorMessage(error);
        return undefined;
      }
    });
    chain = next;
    return next;
  }

  const parentOfIteration = (iteration: number) => iterations.get(iteration) ?? root;
  const stageKey = (step: number, nodeId: string) => `${step}:${nodeId}`;

  return {
    start(payload) {
      root = append(undefined, { type: "run", key: "run", payload });
    },
    iteration(iteration, payload) {
      if (!iterations.has(iteration)) iterations.set(iteration, append(root, { type: "iteration", key: `iteration-${iteration}`, payload: { iteration, ...payload } }));
    },
    stageStart(step, nodeId, iteration) {
      stages.set(stageKey(step, nodeId), append(parentOfIteration(iteration), { type: "stage", key: `stage-${step}-${nodeId}`, payload: { step, node: nodeId, iteration, phase: "start" } }));
      turn = 0;
    },
    stageEnd(step, nodeId, payload) {
      append(stages.get(stageKey(step, nodeId)) ?? root, { type: "stage", key: `stage-${step}-${nodeId}-end`, payload: { step, node: nodeId, phase: "end", ...payload } });
    },
    agentEvent(step, nodeId, event) {
      const parent = stages.get(stageKey(step, nodeId)) ?? root;
      if (event.kind === "assistant-text-end") {
        turn += 1;
        append(parent, { type: "agent-turn", key: `turn-${step}-${nodeId}-${turn}`, payload: { step, node: nodeId, turn, text: event.text.slice(0, INLINE_OUTPUT), toolCalls: event.toolCallCount, usage: event.usage } });
      } else if (event.kind === "tool-call-end") {
        const long = event.output.length > INLINE_OUTPUT;
        append(
          parent,
          { type: "tool-call", key: `tool-${step}-${nodeId}-${event.callId}`, payload: { step, node: nodeId, callId: event.callId, tool: event.toolName, isError: event.isError, output: event.output.slice(0, INLINE_OUTPUT), truncated: long } },
          long ? event.output : undefined,
        );
      }
    },
    evaluation(iteration, suite, payload, trajectories) {
      const evaluation = append(parentOfIteration(iteration), { type: "evaluation", key: `evaluation-${iteration}-${suite}`, payload: { iteration, suite, ...payload } });
      for (const trajectory of trajectories) {
        const id = `${iteration}-${suite}-${trajectory.scenarioId}-${trajectory.trialIndex}`;
        const trial = append(evaluation, {
          type: "trial",
          key: `trial-${id}`,
          payload: { iteration, suite, scenarioId: trajectory.scenarioId, trialIndex: trajectory.trialIndex, seed: trajectory.seed, perturbations: trajectory.perturbations, durationMs: trajectory.durationMs },
        });
        const verdict = trajectory.verdict;
        append(trial, {
          type: "verdict",
          key: `verdict-${id}`,
          // A holdout verdict's reasons quote its expectations: kept out of the store like the feedback.
          payload: { iteration, suite, scenarioId: trajectory.scenarioId, seed: trajectory.seed, satisfied: verdict.satisfied, attribution: verdict.attribution ?? null, ...(suite === "visible" ? { reasons: verdict.reasons } : {}) },
        });
      }
    },
    feedback(iteration, payload) {
      append(parentOfIteration(iteration), { type: "feedback", key: `feedback-${iteration}`, payload: { iteration, ...payload } });
    },
    end(payload) {
      append(root, { type: "note", key: `end-${String(payload["status"])}-${String(payload["at"] ?? "")}`, payload: { event: "run-end", ...payload } });
    },
    async flush() {
      await chain;
      return firstError;
    },
  };
}
