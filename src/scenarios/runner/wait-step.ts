/**
 * A `wait` step: polls a query (requests, records, deliveries, the app's output, an earlier
 * step) every `interval_ms` until it holds. Not holding within `timeout_ms` is the product's
 * failure, shown with the query's own detail (`0 matching requests, expected at least 1`). A
 * query that cannot be evaluated (a bad pattern) is the judge's, and stops the wait at once.
 */
import { evaluateQuery } from "../expectations/index.js";
import type { Query, WaitStep } from "../model.js";
import { abortableSleep, formatDuration } from "./abort.js";
import { type StepEnvironment, type StepRun, failed } from "./step-types.js";

/** `wait slack records messages/*`, `wait slack requests chat.postMessage`, `wait app`, `wait step notify`. */
export function querySummary(query: Query): string {
  switch (query.kind) {
    case "requests":
      return `${query.twin} requests${query.method ? ` ${query.method}` : ""}`;
    case "records":
      return `${query.twin} records ${query.collection}`;
    case "deliveries":
      return `${query.twin} deliveries`;
    case "app":
      return "app";
    case "step":
      return `step ${query.step}`;
  }
}

export async function runWaitStep(step: WaitStep, environment: StepEnvironment, now: () => number = Date.now): Promise<StepRun> {
  const started = now();
  const request = { until: step.until, timeoutMs: step.timeoutMs, intervalMs: step.intervalMs };
  let polls = 0;
  for (;;) {
    if (environment.signal.aborted) throw environment.signal.reason;
    const result = evaluateQuery(step.until, environment.view);
    polls += 1;
    if (result.error !== undefined) return failed(`the wait's query could not be evaluated: ${result.error}`, "judge", { request });
    if (result.passed) {
      const outcome = { match: result.matches[0], matches: result.matches, polls };
      return { ok: true, request, outcome, captureRoot: outcome };
    }
    const elapsed = now() - started;
    if (elapsed >= step.timeoutMs) {
      return failed(`waited ${formatDuration(step.timeoutMs)} for ${querySummary(step.until)}: ${result.detail}`, "product", { request, outcome: { polls, detail: result.detail } });
    }
    await abortableSleep(Math.max(1, Math.min(step.intervalMs, step.timeoutMs - elapsed)), environment.signal);
  }
}
