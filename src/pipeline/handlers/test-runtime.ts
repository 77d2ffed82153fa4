/**
 * A HandlerRuntime for tests of handlers and backends: real clock and timers, collected events,
 * an auto-approving interviewer and no engine behind `runBranch`. Any part can be overridden.
 */
import { ArtifactStore } from "../artifact-store.js";
import type { EmittedEvent } from "../events.js";
import { AutoApproveInterviewer } from "../interviewers/auto-approve.js";
import type { Outcome } from "../outcome.js";
import type { HandlerRuntime } from "./handler.js";
import { abortableSleep } from "../random.js";

export interface TestRuntime extends HandlerRuntime {
  /** Every event emitted through `emit`, in order. */
  events: EmittedEvent[];
  /** Aborts `signal` (unless `signal` was overridden). */
  controller: AbortController;
}

export function createTestRuntime(overrides: Partial<HandlerRuntime> = {}): TestRuntime {
  const controller = new AbortController();
  const events: EmittedEvent[] = [];
  return {
    signal: controller.signal,
    emit: (event) => events.push(event),
    now: Date.now,
    sleep: abortableSleep,
    random: Math.random,
    artifacts: new ArtifactStore(),
    interviewer: new AutoApproveInterviewer(),
    runBranch: () => Promise.reject(new Error("runBranch is not available in the test runtime")),
    fidelity: { mode: "compact", threadId: "", preamble: "" },
    ...overrides,
    events,
    controller,
  };
}

/** The run's own abortable sleep, re-exported for tests that import it from here. */
export { abortableSleep } from "../random.js";

/**
 * The outcome a handler returned, for tests of handlers that always return one; throws (failing
 * the test) when the handler left its outcome to the status file instead.
 */
export function outcomeOf(result: Outcome | undefined | void): Outcome {
  if (!result) throw new Error("the handler returned no outcome");
  return result;
}
