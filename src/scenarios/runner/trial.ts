/**
 * One trial of a scenario, from fresh tenants to a judged trajectory:
 *
 *   draw vars and perturbations (seed) -> tenants: create, seed fixtures, set faults
 *   -> start the app -> ready -> twin settings (Slack events: url_verification)
 *   -> steps in order (stop at the first failure) -> expectations (all of them, always)
 *   -> stop the app -> snapshot logs, deliveries, state diff, app output -> delete tenants -> judge
 *
 * The scenario's deadline (`timeoutMs`) and the suite's cancel signal abort whatever is running;
 * the trial then records `aborted` (infrastructure) and still evaluates, cleans up and judges.
 * Cleanup is in `finally`: the app's process group is stopped and the tenants deleted whatever
 * happened. Nothing thrown inside escapes: an unexpected error becomes `aborted` with its message.
 */
import { type TrialView, evaluateExpectations, matchValue } from "../expectations/index.js";
import type { AppTrace, ExpectationResult, Judge, Perturbation, Scenario, StepRecord, Trajectory, TwinTrace, Verdict } from "../model.js";
import { resolveTemplates } from "../templates.js";
import { formatDuration } from "./abort.js";
import { type RunningApp, launchApp } from "./app-process.js";
import { freePort } from "./ports.js";
import { diffTenantState } from "./state-diff.js";
import type { StepEnvironment } from "./step-types.js";
import { runStep, stepLabel, stepSummary } from "./steps.js";
import { SetupFailure, type TrialTwins, configureTrialTwins, prepareTrialTwins } from "./trial-setup.js";
import { type TrialTenant, deleteTrialTenants } from "./trial-tenants.js";
import { createTrialView, deliveryView } from "./trial-view.js";
import { TRACE_LIMITS, truncateValue } from "./truncate.js";
import { type TwinUniverse, trialTenantId, twinsOfScenario } from "./twin-universe.js";
import { createStepDelays, drawTrialChoices } from "./variables.js";

export interface TrialAppOptions {
  command: string;
  kind?: "service" | "command";
  cwd?: string;
  readyPath?: string;
  startupTimeoutMs?: number;
  /** SIGTERM to SIGKILL, when stopping the app; default 2,000 ms. */
  stopGraceMs?: number;
  env?: Record<string, string>;
}

export interface TrialContext {
  universe: TwinUniverse;
  app: TrialAppOptions;
  /** 0-based trial index within the scenario. */
  index: number;
  seed: number;
  judge: Judge;
  /** The suite's cancel signal. */
  signal?: AbortSignal;
  now?: () => number;
  /** Where the allow-listed variables come from; default `process.env`. */
  parentEnv?: Readonly<Record<string, string | undefined>>;
}

/** Why a trial was cut short: its deadline, or the suite being cancelled. */
export class TrialInterruption extends Error {
  constructor(readonly kind: "deadline" | "cancelled") {
    super(kind === "deadline" ? "the trial's deadline passed" : "the suite run was cancelled");
    this.name = "TrialInterruption";
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function abortedBy(error: unknown, signal: AbortSignal, phase: string, timeoutMs: number): NonNullable<Trajectory["aborted"]> {
  const reason: unknown = signal.aborted ? signal.reason : error;
  if (reason instanceof TrialInterruption) {
    return {
      attribution: "infrastructure",
      reason: reason.kind === "deadline" ? `the trial passed its ${formatDuration(timeoutMs)} deadline during ${phase}` : `the suite run was cancelled during ${phase}`,
    };
  }
  if (error instanceof SetupFailure) return { attribution: error.attribution, reason: error.message };
  return { attribution: "infrastructure", reason: `the runner failed during ${phase}: ${messageOf(error)}` };
}

function evaluateAll(scenario: Scenario, twins: TrialTwins, view: TrialView): ExpectationResult[] {
  const resolved = scenario.expectations.map((expectation, position) => {
    try {
      return { expectation: { ...expectation, query: resolveTemplates(expectation.query, twins.scope, `expect[${position}]`) } };
    } catch (error) {
      return { expectation, error: `template error: ${messageOf(error)}` };
    }
  });
  const evaluable = resolved.flatMap((item) => (item.error === undefined ? [item.expectation] : []));
  const results = new Map(evaluateExpectations(evaluable, view).map((result) => [result.id, result]));
  return resolved.map(({ expectation, error }) => {
    const description = expectation.description !== undefined ? { description: expectation.description } : {};
    if (error !== undefined) return { id: expectation.id, ...description, passed: false, detail: error, error };
    return results.get(expectation.id) ?? { id: expectation.id, ...description, passed: false, detail: "not evaluated", error: "the expectation was not evaluated" };
  });
}

function twinTraces(tenants: readonly TrialTenant[]): Record<string, TwinTrace> {
  const traces: Record<string, TwinTrace> = {};
  for (const { name, tenant, seededState } of tenants) {
    traces[name] = {
      tenant: tenant.id,
      requests: tenant.log.map((entry) => truncateValue(entry, TRACE_LIMITS)),
      deliveries: tenant.deliveries.map((delivery) => truncateValue(deliveryView(delivery), TRACE_LIMITS)),
      stateDiff: diffTenantState(seededState, tenant.state).map((change) => truncateValue(change, TRACE_LIMITS) as typeof change),
    };
  }
  return traces;
}

async function judgeSafely(judge: Judge, scenario: Scenario, trajectory: Omit<Trajectory, "verdict">): Promise<Verdict> {
  try {
    return await judge.judge(scenario, trajectory);
  } catch (error) {
    return { satisfied: false, reasons: [`the ${judge.name} judge failed: ${messageOf(error)}`], attribution: "judge" };
  }
}

export async function runTrial(scenario: Scenario, context: TrialContext): Promise<Trajectory> {
  const now = context.now ?? Date.now;
  const started = now();
  const elapsed = () => now() - started;
  const { index, seed } = context;
  const kind = context.app.kind ?? "service";
  const controller = new AbortController();
  const signal = controller.signal;
  const deadline = setTimeout(() => controller.abort(new TrialInterruption("deadline")), scenario.timeoutMs);
  const cancel = () => controller.abort(new TrialInterruption("cancelled"));
  if (context.signal?.aborted) cancel();
  context.signal?.addEventListener("abort", cancel, { once: true });

  let vars: Record<string, unknown> = {};
  let perturbations: Perturbation[] = [];
  const steps: StepRecord[] = [];
  const outcomes = new Map<string, unknown>();
  let phase = "the setup of the twins";
  let aborted: Trajectory["aborted"];
  let tenants: TrialTenant[] = [];
  let app: RunningApp | undefined;
  let appTrace: AppTrace | undefined;
  let expectations: ExpectationResult[] = [];
  let traces: Record<string, TwinTrace> = {};
  let current: { step: Scenario["steps"][number]; index: number; startMs: number } | undefined;

  try {
    let twins: TrialTwins | undefined;
    let view: TrialView | undefined;
    try {
      ({ vars, perturbations } = drawTrialChoices(scenario, seed));
      if (signal.aborted) throw signal.reason;
      const port = kind === "service" ? await freePort() : 0;
      const appUrl = kind === "service" ? `http://127.0.0.1:${port}` : "";
      twins = prepareTrialTwins({
        scenario,
        universe: context.universe,
        names: twinsOfScenario(scenario),
        tenantId: trialTenantId(scenario.id, index),
        seed,
        index,
        vars,
        perturbations,
        app: { kind, url: appUrl, port, command: context.app.command, ...(context.app.env ? { env: context.app.env } : {}) },
        parentEnv: context.parentEnv ?? process.env,
        onTenants: (created) => (tenants = created),
      });
      const tenantMap = new Map(twins.tenants.map((trialTenant) => [trialTenant.name, trialTenant] as const));
      const runningApp = () => app?.status();
      view = createTrialView({ tenants: tenantMap, ...(kind === "service" ? { app: () => runningApp() ?? { exitCode: null, signal: null, stdout: "", stderr: "", running: false } } : {}), steps: outcomes, stepIds: scenario.steps.flatMap((step) => (step.id !== undefined ? [step.id] : [])) });

      if (kind === "service") {
        phase = "the app's startup";
        app = await launchApp({
          command: context.app.command,
          ...(context.app.cwd !== undefined ? { cwd: context.app.cwd } : {}),
          env: twins.env,
          port,
          ...(context.app.readyPath !== undefined ? { readyPath: context.app.readyPath } : {}),
          ...(context.app.startupTimeoutMs !== undefined ? { startupTimeoutMs: context.app.startupTimeoutMs } : {}),
          ...(context.app.stopGraceMs !== undefined ? { stopGraceMs: context.app.stopGraceMs } : {}),
          // Startup is timed on the real clock: `now` may be a test's fake one.
        });
        const readiness = await app.waitReady(signal);
        if (!readiness.ready) throw new SetupFailure("infrastructure", readiness.reason);
      }

      phase = "the twins' configuration";
      const setupRecords = await configureTrialTwins(scenario, twins, appUrl, signal, elapsed);
      steps.push(...setupRecords);
      if (setupRecords.every((record) => record.ok)) {
        const environment: StepEnvironment = {
          scope: twins.scope,
          env: twins.env,
          app: { kind, url: appUrl, ...(context.app.cwd !== undefined ? { cwd: context.app.cwd } : {}) },
          tenants: tenantMap,
          endpoints: twins.endpoints,
          view,
          signal,
          matchValue: (matcher, value) => matchValue(matcher, value).ok,
        };
        const nextDelay = createStepDelays(perturbations, seed);
        for (const [position, step] of scenario.steps.entries()) {
          current = { step, index: position, startMs: elapsed() };
          phase = stepLabel(step, position);
          const record = await runStep(step, environment, { index: position, elapsed, delayMs: nextDelay(), outcomes });
          current = undefined;
          steps.push(record);
          if (!record.ok) break;
        }
      }
    } catch (error) {
      aborted = abortedBy(error, signal, phase, scenario.timeoutMs);
      if (current) {
        steps.push({ index: current.index, ...(current.step.id !== undefined ? { id: current.step.id } : {}), kind: current.step.kind, summary: stepSummary(current.step), startMs: current.startMs, durationMs: elapsed() - current.startMs, ok: false, error: `interrupted: ${aborted.reason}`, attribution: aborted.attribution });
      }
    }
    phase = "the expectations";
    if (twins && view) expectations = evaluateAll(scenario, twins, view);
    phase = "the app's shutdown";
    if (app) {
      await app.stop();
      appTrace = app.trace();
    }
    traces = twinTraces(tenants);
  } catch (error) {
    aborted ??= abortedBy(error, signal, phase, scenario.timeoutMs);
  } finally {
    clearTimeout(deadline);
    context.signal?.removeEventListener("abort", cancel);
    if (app) await app.stop().catch(() => undefined);
    deleteTrialTenants(tenants);
  }

  const trajectory: Omit<Trajectory, "verdict"> = {
    v: 1,
    scenarioId: scenario.id,
    trialIndex: index,
    seed,
    startedAt: new Date(started).toISOString(),
    durationMs: elapsed(),
    vars,
    perturbations: perturbations.map((perturbation) => perturbation.name),
    steps,
    twins: traces,
    ...(appTrace ? { app: appTrace } : {}),
    expectations,
    ...(aborted ? { aborted } : {}),
  };
  // Judged first, then spread: a judge panel records the LLM judge's reading on the trajectory
  // it is given, which a spread evaluated before the await would leave behind.
  const verdict = await judgeSafely(context.judge, scenario, trajectory);
  return { ...trajectory, verdict };
}
