/**
 * Executing one node: resolve its handler, run it with the node's retry policy and timeout,
 * turn exceptions into FAIL outcomes, and apply the status-file contract (spec 3.5, Appendix C).
 * The engine and parallel branches both execute stages through here.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { LightsoutError, errorMessage } from "../errors.js";
import { parseDuration, readBoolean } from "./attributes.js";
import type { Context } from "./context.js";
import type { EmittedEvent } from "./events.js";
import type { Graph, GraphNode } from "./graph.js";
import type { HandlerRuntime } from "./handlers/handler.js";
import type { HandlerRegistry } from "./handlers/registry.js";
import type { Outcome } from "./outcome.js";
import { buildRetryPolicy, delayForAttempt } from "./retry-policy.js";
import { readStatusFile, removeStatusFile, statusFilePath } from "./status-file.js";

export interface StageDependencies {
  registry: HandlerRegistry;
  emit(event: EmittedEvent): void;
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
  /** Everything a handler runtime needs apart from the per-attempt signal. */
  runtime: Omit<HandlerRuntime, "signal">;
  signal: AbortSignal;
}

export interface StageResult {
  outcome: Outcome;
  attempts: number;
  durationMs: number;
  /** True when the stage's status.json already holds this outcome (the handler wrote it). */
  statusWritten: boolean;
}

class StageTimeoutError extends LightsoutError {
  constructor(nodeId: string, timeoutMs: number) {
    super("TIMEOUT", `stage ${nodeId} timed out after ${timeoutMs} ms`);
  }
}

/** Runs the handler once, bounded by the node's timeout and the run's cancellation. */
async function attemptOnce(node: GraphNode, context: Context, graph: Graph, logsRoot: string, dependencies: StageDependencies): Promise<Outcome | undefined | void> {
  const handler = dependencies.registry.resolve(node);
  const controller = new AbortController();
  const onRunAbort = () => controller.abort(dependencies.signal.reason);
  if (dependencies.signal.aborted) controller.abort(dependencies.signal.reason);
  dependencies.signal.addEventListener("abort", onRunAbort, { once: true });
  const timeoutText = node.attributes["timeout"];
  const timeoutMs = timeoutText ? parseDuration(timeoutText) : undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const running = handler.execute(node, context, graph, logsRoot, { ...dependencies.runtime, signal: controller.signal });
    const stoppers: Promise<never>[] = [
      new Promise<never>((_, reject) => {
        const onAbort = () => reject(new LightsoutError("CANCELLED", "run cancelled"));
        if (controller.signal.aborted) onAbort();
        controller.signal.addEventListener("abort", onAbort, { once: true });
      }),
    ];
    if (timeoutMs !== undefined && timeoutMs > 0) {
      stoppers.push(
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            const error = new StageTimeoutError(node.id, timeoutMs);
            reject(error);
            controller.abort(error);
          }, timeoutMs);
        }),
      );
    }
    // A handler that ignores its signal is abandoned, not awaited: the run must not hang on it.
    running.catch(() => undefined);
    return await Promise.race([running, ...stoppers]);
  } finally {
    if (timer) clearTimeout(timer);
    dependencies.signal.removeEventListener("abort", onRunAbort);
  }
}

/** The outcome of an attempt after the status-file contract is applied. */
function resolveOutcome(node: GraphNode, stageDirectory: string, returned: Outcome | undefined | void): Outcome {
  if (returned) return returned;
  const fromFile = readStatusFile(stageDirectory);
  if (fromFile && "error" in fromFile) return { status: "fail", failureReason: fromFile.error };
  if (fromFile) return fromFile;
  if (readBoolean(node.attributes, "auto_status")) {
    return { status: "success", notes: "auto-status: handler completed without writing status" };
  }
  return {
    status: "fail",
    failureReason: `handler for ${node.id} returned no outcome and wrote no status.json (set auto_status=true to treat this as success)`,
  };
}

export async function executeStage(node: GraphNode, context: Context, graph: Graph, logsRoot: string, index: number, dependencies: StageDependencies, retryCounts: Record<string, number>): Promise<StageResult> {
  const policy = buildRetryPolicy(node, graph);
  const stageDirectory = join(logsRoot, node.id);
  const handlerType = dependencies.registry.resolveType(node);
  const started = dependencies.now();
  for (let attempt = 1; ; attempt++) {
    dependencies.emit({ type: "stage-start", nodeId: node.id, label: node.attributes["label"] ?? node.id, index, handlerType, attempt });
    const attemptStarted = dependencies.now();
    const statusPath = statusFilePath(stageDirectory);
    if (!existsSync(stageDirectory)) mkdirSync(stageDirectory, { recursive: true });
    // A status.json left by an earlier visit must not be mistaken for this attempt's.
    else removeStatusFile(stageDirectory);
    let outcome: Outcome;
    let threw = false;
    let retryableError = false;
    try {
      outcome = resolveOutcome(node, stageDirectory, await attemptOnce(node, context, graph, logsRoot, dependencies));
    } catch (error) {
      if (LightsoutError.isInstance(error) && error.code === "CANCELLED") throw error;
      threw = true;
      retryableError = error instanceof StageTimeoutError || policy.shouldRetry(error);
      outcome = { status: "fail", failureReason: errorMessage(error) };
    }
    // DoD 11.5: FAIL outcomes are retried too; thrown errors only when the policy deems them transient.
    const wantsRetry = outcome.status === "retry" || (outcome.status === "fail" && (!threw || retryableError));
    const canRetry = wantsRetry && attempt < policy.maxAttempts;
    dependencies.emit({
      type: "stage-end",
      nodeId: node.id,
      index,
      status: outcome.status,
      durationMs: dependencies.now() - attemptStarted,
      ...(outcome.failureReason ? { error: outcome.failureReason } : {}),
      willRetry: canRetry,
    });
    if (canRetry) {
      retryCounts[node.id] = (retryCounts[node.id] ?? 0) + 1;
      context.set(`internal.retry_count.${node.id}`, retryCounts[node.id]);
      const delayMs = delayForAttempt(attempt, policy.backoff, dependencies.random);
      dependencies.emit({ type: "stage-retry", nodeId: node.id, index, attempt: attempt + 1, delayMs });
      await dependencies.sleep(delayMs, dependencies.signal);
      continue;
    }
    let statusWritten = existsSync(statusPath);
    if (outcome.status === "success" || outcome.status === "partial_success") {
      retryCounts[node.id] = 0;
    } else if (outcome.status === "retry") {
      statusWritten = false;
      outcome = readBoolean(node.attributes, "allow_partial")
        ? { ...outcome, status: "partial_success", notes: "retries exhausted, partial accepted" }
        : { ...outcome, status: "fail", failureReason: outcome.failureReason ? `max retries exceeded: ${outcome.failureReason}` : "max retries exceeded" };
    }
    return { outcome, attempts: attempt, durationMs: dependencies.now() - started, statusWritten };
  }
}
