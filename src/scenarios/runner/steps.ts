/**
 * Running one scenario step: resolve its templates just before it runs (so `${captured.*}` sees
 * earlier steps), run it by kind, keep its captures, and record it as a `StepRecord` with timing
 * relative to the trial's start and its request and outcome cut to a few KB. A template that
 * does not resolve is the infrastructure's failure (the scenario lint should have caught it).
 * Aborts (deadline, cancel) are not caught here: they end the trial, which records them.
 */
import { getPath } from "../expectations/index.js";
import type { Attribution, Step, StepRecord } from "../model.js";
import { resolveTemplates } from "../templates.js";
import { abortableSleep, formatDuration } from "./abort.js";
import { runCliStep } from "./cli-step.js";
import { runHttpStep } from "./http-step.js";
import { type StepEnvironment, type StepRun, failed } from "./step-types.js";
import { STEP_LIMITS, truncateString, truncateValue } from "./truncate.js";
import { callTwin, planTwinCall } from "./twin-calls.js";
import { querySummary, runWaitStep } from "./wait-step.js";

/** One line naming a step: `POST /notify`, `twin slack chat.postMessage`, `wait slack records messages/*`. */
export function stepSummary(step: Step): string {
  switch (step.kind) {
    case "http":
      return `${step.method} ${step.path}`;
    case "twin":
      return `twin ${step.twin} ${step.call}`;
    case "cli":
      return `cli ${truncateString(step.run.split("\n")[0] ?? "", 80)}`;
    case "wait":
      return `wait ${querySummary(step.until)}`;
    case "sleep":
      return `sleep ${formatDuration(step.ms)}`;
    case "advance-clock":
      return `advance ${step.twin} clock ${formatDuration(step.ms)}`;
  }
}

/** `step 3 (announce)`, or `step 3 (POST /notify)` when the step has no id: for messages (1-based, from a 0-based index). */
export function stepLabel(step: Step, index: number): string {
  return `step ${index + 1} (${step.id ?? stepSummary(step)})`;
}

async function runTwinStep(step: Extract<Step, { kind: "twin" }>, environment: StepEnvironment): Promise<StepRun> {
  const endpoint = environment.endpoints.get(step.twin);
  const trialTenant = environment.tenants.get(step.twin);
  if (!endpoint || !trialTenant) return failed(`the twin ${step.twin} is not part of this scenario`, "infrastructure");
  let plan;
  try {
    plan = planTwinCall(endpoint, step.call, step.as, step.body);
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error), "infrastructure");
  }
  const request = { method: plan.httpMethod, url: plan.url, as: plan.as, ...(step.body !== undefined ? { body: step.body } : {}) };
  const result = await callTwin({
    twin: trialTenant.entry.twin,
    tenant: trialTenant.tenant,
    plan,
    ...(step.expectStatus !== undefined ? { expectStatus: step.expectStatus } : {}),
    matchStatus: environment.matchValue,
    signal: environment.signal,
  });
  const captureRoot = result.outcome ? { response: result.outcome } : undefined;
  if (result.ok) return { ok: true, request, outcome: result.outcome, captureRoot };
  return failed(result.error, result.attribution, { request, ...(result.outcome ? { outcome: result.outcome, captureRoot } : {}) });
}

async function executeStep(step: Step, environment: StepEnvironment): Promise<StepRun> {
  switch (step.kind) {
    case "http":
      return runHttpStep(step, environment);
    case "twin":
      return runTwinStep(step, environment);
    case "cli":
      return runCliStep(step, environment);
    case "wait":
      return runWaitStep(step, environment);
    case "sleep":
      await abortableSleep(step.ms, environment.signal);
      return { ok: true };
    case "advance-clock": {
      const trialTenant = environment.tenants.get(step.twin);
      if (!trialTenant) return failed(`the twin ${step.twin} is not part of this scenario`, "infrastructure");
      trialTenant.tenant.advance(step.ms);
      return { ok: true, outcome: { now: new Date(trialTenant.tenant.now()).toISOString() } };
    }
  }
}

/** The step's own failure attribution, for a capture that finds nothing. */
function captureAttribution(step: Step): Attribution {
  return step.kind === "twin" || step.kind === "sleep" || step.kind === "advance-clock" ? "infrastructure" : "product";
}

function readCaptures(step: Step, run: StepRun): { captured: Record<string, unknown>; missing?: string } {
  const captured: Record<string, unknown> = {};
  for (const [name, path] of Object.entries(step.capture ?? {})) {
    const found = run.captureRoot === undefined ? { found: false, value: undefined } : getPath(run.captureRoot, path);
    if (!found.found) return { captured, missing: `capture ${name}: ${"error" in found && found.error ? `invalid path ${path}: ${found.error}` : `nothing at ${path} in the step's outcome`}` };
    captured[name] = found.value;
  }
  return { captured };
}

export interface RunStepOptions {
  /** 0-based position in the scenario's steps (`StepRecord.index`). */
  index: number;
  /** Milliseconds since the trial started, now. */
  elapsed: () => number;
  /** A seeded real pause before the step (the `stepDelayMs` perturbation); 0 for none. */
  delayMs: number;
  /** Step outcomes by id, for `{step}` queries; the step adds its own. */
  outcomes: Map<string, unknown>;
}

/** Runs one step and records it. Throws only the trial's abort reason (or a runner bug). */
export async function runStep(step: Step, environment: StepEnvironment, { index, elapsed, delayMs, outcomes }: RunStepOptions): Promise<StepRecord> {
  if (delayMs > 0) await abortableSleep(delayMs, environment.signal);
  const startMs = elapsed();
  const record = (run: StepRun, summary: string, captured?: Record<string, unknown>): StepRecord => ({
    index,
    ...(step.id !== undefined ? { id: step.id } : {}),
    kind: step.kind,
    summary,
    startMs,
    durationMs: elapsed() - startMs,
    ok: run.ok,
    ...(run.error !== undefined ? { error: run.error } : {}),
    ...(run.attribution !== undefined ? { attribution: run.attribution } : {}),
    ...(run.request !== undefined ? { request: truncateValue(run.request, STEP_LIMITS) } : {}),
    ...(run.outcome !== undefined ? { outcome: truncateValue(run.outcome, STEP_LIMITS) } : {}),
    ...(captured && Object.keys(captured).length > 0 ? { captured: truncateValue(captured, STEP_LIMITS) as Record<string, unknown> } : {}),
  });

  let resolved: Step;
  try {
    const { capture, ...templated } = step;
    resolved = { ...resolveTemplates(templated, environment.scope, `steps[${index}]`), ...(capture ? { capture } : {}) } as Step;
  } catch (error) {
    return record(failed(`template error: ${error instanceof Error ? error.message : String(error)}`, "infrastructure"), stepSummary(step));
  }
  const summary = stepSummary(resolved);
  const run = await executeStep(resolved, environment);
  if (step.id !== undefined && run.outcome !== undefined) outcomes.set(step.id, run.outcome);
  if (!run.ok) return record(run, summary);
  const { captured, missing } = readCaptures(resolved, run);
  if (missing) return record(failed(missing, captureAttribution(step), { request: run.request, outcome: run.outcome }), summary, captured);
  Object.assign(environment.scope.captured, captured);
  return record(run, summary, captured);
}
