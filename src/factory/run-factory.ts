/**
 * One factory run: spec in, satisfied software out (or a report of why not). Compiles the spec,
 * prepares the workspace (a git repository the holdouts stay out of), runs the pipeline with the
 * agent as the codergen backend — sandboxed, or not at all next to holdouts unless the user opts
 * out — and the factory's handlers for the visible checks, the holdout evaluation and the
 * feedback; stops at the first passing gate, at the budget or at the iteration limit; writes
 * report.json / report.md and records everything in the run store. A function with its
 * dependencies passed in: the CLI, the demo and the server all call this (DESIGN.md habit 1).
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { type ExecutionEnvironment, LocalExecutionEnvironment } from "../agent/index.js";
import { createSandboxEnvironment, requireSandbox, type SandboxProbe } from "../agent/execution/sandbox/index.js";
import { LightsoutError } from "../errors.js";
import { createBudget, createLlmClient, CostMeter, type Env, type LlmClient } from "../llm/index.js";
import { createDefaultRegistry, loadCheckpoint, runPipeline, type PipelineEvent, type PipelineResult } from "../pipeline/index.js";
import { loadLintedScenarios } from "../scenarios/evaluate.js";
import type { FeedbackLevel } from "../scenarios/holdouts/index.js";
import type { RunStore } from "../store/types.js";
import { writeFileAtomically } from "../write-file-atomically.js";
import { createAgentBackend } from "./agent-backend.js";
import { FACTORY_KEYS, type FactoryEvent, type FactoryEventListener } from "./factory-events.js";
import { FACTORY_HANDLER_TYPES, FACTORY_NODES, FACTORY_STOP_TYPE, loadFactoryPipeline } from "./factory-pipeline.js";
import { createEvaluateHandler } from "./handlers/evaluate-handler.js";
import type { FactoryStage } from "./handlers/factory-stage.js";
import { createFeedbackHandler, createStopHandler } from "./handlers/feedback-handler.js";
import { createVisibleChecksHandler } from "./handlers/visible-checks-handler.js";
import { checkPipelineModels } from "./node-model.js";
import type { IterationSummary, StopReason } from "./iteration.js";
import { createRunRecorder, type RunRecorder } from "./run-recorder.js";
import { type FactoryReport, finalGateOf, type RunStatus, writeFactoryReport } from "./run-report.js";
import { prepareWorkspace } from "./workspace.js";

export const FACTORY_SETTINGS_FILE = "factory.json";

/** What a run needs to be resumed: everything but the live objects (never keys or secrets). */
export interface FactorySettings {
  v: 1;
  runId: string;
  specPath: string;
  holdoutDir: string;
  visibleDir?: string;
  workspaceDir: string;
  threshold: number;
  trials: number;
  visibleTrials: number;
  seed: number;
  concurrency?: number;
  model: string;
  budgetUsd?: number;
  maxIterations: number;
  feedbackLevel: FeedbackLevel;
  scripted: boolean;
  allowUnsandboxed: boolean;
}

export interface RunFactoryOptions {
  specPath: string;
  holdoutDir: string;
  visibleDir?: string;
  /** Default: `<runDir>/workspace`. */
  workspaceDir?: string;
  runDir: string;
  threshold?: number;
  trials?: number;
  visibleTrials?: number;
  seed?: number;
  concurrency?: number;
  /** "provider:model"; default the spec's `model`. */
  model?: string;
  /** The LLM client; default `createLlmClient({ env })`. */
  llm?: LlmClient;
  env?: Env;
  budgetUsd?: number;
  maxIterations?: number;
  feedbackLevel?: FeedbackLevel;
  store?: RunStore;
  signal?: AbortSignal;
  onEvent?: FactoryEventListener;
  /** Continue the run in `runDir` from its checkpoint with the settings it was started with. */
  resume?: boolean;
  /** The model is a scripted stand-in (the demo): said in the report and on screen. */
  scripted?: boolean;
  /** Run agents without the sandbox when bubblewrap does not work (loudly; holdouts are exposed). */
  allowUnsandboxed?: boolean;
  /** Injected for tests; default the real bubblewrap probe. */
  probeSandbox?: () => Promise<SandboxProbe>;
  /** Where warnings go (the unsandboxed warning); default stderr. */
  warn?: (message: string) => void;
}

export interface FactoryResult {
  status: Exclude<RunStatus, "running">;
  stopReason: StopReason;
  runId: string;
  runDir: string;
  workspaceDir: string;
  report: FactoryReport;
  reportPaths: { json: string; markdown: string };
  iterations: IterationSummary[];
  spentUsd: number;
  pipeline: PipelineResult;
}

function requireDirectory(path: string, what: string): void {
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new LightsoutError("INPUT", `${what} ${path} does not exist or is not a directory`);
}

/** The settings a run was started with (its run directory's factory.json); CHECKPOINT when absent. */
export function readFactorySettings(runDir: string): FactorySettings {
  const path = join(runDir, FACTORY_SETTINGS_FILE);
  if (!existsSync(path)) throw new LightsoutError("CHECKPOINT", `${path}: not a factory run directory (no ${FACTORY_SETTINGS_FILE}); nothing to resume`);
  try {
    const settings = JSON.parse(readFileSync(path, "utf8")) as FactorySettings;
    if (settings.v !== 1) throw new Error(`unsupported version ${JSON.stringify(settings.v)} (expected 1)`);
    return settings;
  } catch (error) {
    throw new LightsoutError("CHECKPOINT", `${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function settingsFrom(options: RunFactoryOptions, runDir: string): FactorySettings {
  const threshold = options.threshold ?? 0.8;
  if (!(threshold >= 0 && threshold <= 1)) throw new LightsoutError("INPUT", `--threshold must be between 0 and 1 (got ${threshold})`);
  const maxIterations = options.maxIterations ?? 5;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new LightsoutError("INPUT", `--max-iterations must be a whole number of at least 1 (got ${maxIterations})`);
  return {
    v: 1,
    runId: randomUUID(),
    specPath: resolve(options.specPath),
    holdoutDir: resolve(options.holdoutDir),
    ...(options.visibleDir !== undefined ? { visibleDir: resolve(options.visibleDir) } : {}),
    workspaceDir: resolve(options.workspaceDir ?? join(runDir, "workspace")),
    threshold,
    trials: options.trials ?? 5,
    visibleTrials: options.visibleTrials ?? 1,
    seed: options.seed ?? 0,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    // Resolved once the spec is read: --model, else the spec's.
    model: "",
    ...(options.budgetUsd !== undefined ? { budgetUsd: options.budgetUsd } : {}),
    maxIterations,
    feedbackLevel: options.feedbackLevel ?? "category",
    scripted: options.scripted === true,
    allowUnsandboxed: options.allowUnsandboxed === true,
  };
}

export async function runFactory(options: RunFactoryOptions): Promise<FactoryResult> {
  const runDir = resolve(options.runDir);
  const env = options.env ?? process.env;
  const emit = (event: FactoryEvent): void => {
    try {
      options.onEvent?.(event);
    } catch {
      // A failing observer must never break the run it observes.
    }
  };

  // --- Everything is checked before anything is created (bad input: one line, exit 2). ---
  let settings: FactorySettings;
  let spentBefore = 0;
  let resumedIteration: number | undefined;
  if (options.resume) {
    settings = readFactorySettings(runDir);
    if (settings.scripted && options.llm === undefined) {
      throw new LightsoutError("INPUT", `${runDir} is a demo run (its model is the scripted stand-in): resume it with lightsout demo --resume ${runDir}`);
    }
    const checkpoint = loadCheckpoint(runDir);
    spentBefore = Number(checkpoint.context[FACTORY_KEYS.spentUsd] ?? 0) || 0;
    resumedIteration = Number(checkpoint.context[FACTORY_KEYS.iteration] ?? 1) || 1;
  } else {
    if (!existsSync(options.specPath)) throw new LightsoutError("INPUT", `the spec ${options.specPath} does not exist`);
    requireDirectory(resolve(options.holdoutDir), "the holdout directory");
    if (options.visibleDir !== undefined) requireDirectory(resolve(options.visibleDir), "the visible scenario directory");
    settings = settingsFrom(options, runDir);
  }
  // Holdouts that do not lint (or lack canaries) are bad input, found before any agent runs.
  loadLintedScenarios([settings.holdoutDir], { holdout: true });
  if (settings.visibleDir !== undefined) loadLintedScenarios([settings.visibleDir]);
  const { spec, graph } = loadFactoryPipeline(settings.specPath);
  const model = settings.model || options.model || spec.model;
  if (model === undefined) throw new LightsoutError("LLM_CONFIG", `no model: the spec ${settings.specPath} names none (front matter "model") and --model was not given`);
  settings.model = model;
  checkPipelineModels(graph, model, env);
  const app = spec.app;
  if (!app) throw new LightsoutError("INPUT", `${settings.specPath}: the spec does not say how to start the app (front matter "app: { command: ... }"); the evaluation needs it`);
  const budgetUsd = settings.budgetUsd ?? spec.budgetUsd;
  const sandbox = await requireSandbox({
    allowUnsandboxed: settings.allowUnsandboxed,
    ...(options.probeSandbox ? { probe: options.probeSandbox } : {}),
    ...(options.warn ? { warn: options.warn } : {}),
  });
  prepareWorkspace({ workspaceDir: settings.workspaceDir, specPath: settings.specPath, holdoutDir: settings.holdoutDir, ...(settings.visibleDir !== undefined ? { visibleDir: settings.visibleDir } : {}) });
  mkdirSync(runDir, { recursive: true });
  if (!options.resume) writeFileAtomically(join(runDir, FACTORY_SETTINGS_FILE), `${JSON.stringify(settings, null, 2)}\n`);

  // --- The live pieces: cost, budget, store, agent backend, handlers. ---
  const meter = new CostMeter("run");
  const budget = budgetUsd !== undefined ? createBudget({ usd: Math.max(0, budgetUsd - spentBefore) }) : undefined;
  const spentUsd = (): number => spentBefore + meter.totals().usd;
  const recorder: RunRecorder | undefined = options.store ? createRunRecorder(options.store, settings.runId) : undefined;
  const noRecorder: RunRecorder = { start() {}, iteration() {}, stageStart() {}, stageEnd() {}, agentEvent() {}, evaluation() {}, feedback() {}, end() {}, flush: async () => undefined };
  const records = recorder ?? noRecorder;
  records.start({
    kind: "lightsout.factory-run",
    spec: spec.name,
    specPath: settings.specPath,
    model,
    scripted: settings.scripted,
    sandboxed: sandbox.sandboxed,
    options: { threshold: settings.threshold, trials: settings.trials, maxIterations: settings.maxIterations, budgetUsd: budgetUsd ?? null, feedbackLevel: settings.feedbackLevel, workspace: settings.workspaceDir },
  });

  const environments: ExecutionEnvironment[] = [];
  const environment = (): ExecutionEnvironment => {
    const made = sandbox.sandboxed
      ? createSandboxEnvironment({ workspace: settings.workspaceDir, protectedPaths: [settings.holdoutDir], env: {}, ...(options.warn ? { warn: options.warn } : {}) })
      : new LocalExecutionEnvironment({ workingDir: settings.workspaceDir });
    environments.push(made);
    return made;
  };
  let step = 0;
  const backend = createAgentBackend({
    llm: options.llm ?? createLlmClient({ env }),
    workspace: settings.workspaceDir,
    logsRoot: runDir,
    defaultModel: model,
    meter,
    ...(budget ? { budget } : {}),
    environment,
    onEvent: (nodeId, event) => records.agentEvent(step, nodeId, event),
  });

  let iteration = resumedIteration ?? 1;
  const report = (iterations: readonly IterationSummary[], status: RunStatus, stopReason: StopReason | null): FactoryReport => ({
    v: 1,
    kind: "lightsout.factory-run",
    runId: settings.runId,
    spec: spec.name,
    model,
    scripted: settings.scripted,
    sandboxed: sandbox.sandboxed,
    status,
    stopReason,
    threshold: settings.threshold,
    trialsPerScenario: settings.trials,
    maxIterations: settings.maxIterations,
    budgetUsd: budgetUsd ?? null,
    feedbackLevel: settings.feedbackLevel,
    workspace: settings.workspaceDir,
    iterations: [...iterations],
    cost: { totalUsd: spentUsd() },
    finalGate: finalGateOf(iterations),
  });
  const stage: FactoryStage = {
    workspaceDir: settings.workspaceDir,
    holdoutDir: settings.holdoutDir,
    ...(settings.visibleDir !== undefined ? { visibleDir: settings.visibleDir } : {}),
    runDir,
    app: { command: app.command, ...(app.kind ? { kind: app.kind } : {}), ...(app.readyPath ? { readyPath: app.readyPath } : {}) },
    threshold: settings.threshold,
    trials: settings.trials,
    visibleTrials: settings.visibleTrials,
    seed: settings.seed,
    ...(settings.concurrency !== undefined ? { concurrency: settings.concurrency } : {}),
    feedbackLevel: settings.feedbackLevel,
    maxIterations: settings.maxIterations,
    spentUsd,
    budgetExceeded: () => budget?.exceeded === true,
    recorder: records,
    emit,
    writeReport: (iterations) => writeFactoryReport(runDir, report(iterations, "running", null)),
  };
  const registry = createDefaultRegistry({ backend, workingDirectory: settings.workspaceDir })
    .register(FACTORY_HANDLER_TYPES.visibleChecks, createVisibleChecksHandler(stage))
    .register(FACTORY_HANDLER_TYPES.evaluate, createEvaluateHandler(stage))
    .register(FACTORY_HANDLER_TYPES.feedback, createFeedbackHandler(stage))
    .register(FACTORY_STOP_TYPE, createStopHandler());

  const startedIterations = new Set<number>();
  const onPipelineEvent = (event: PipelineEvent): void => {
    backend.observe(event);
    if (event.type === "stage-start") {
      step = event.index;
      // An iteration starts with its first stage (the plan belongs to the first).
      if (event.nodeId !== FACTORY_NODES.start && !startedIterations.has(iteration)) {
        startedIterations.add(iteration);
        records.iteration(iteration, {});
        emit({ type: "iteration-start", iteration });
      }
      records.stageStart(event.index, event.nodeId, iteration);
      emit({ type: "stage-start", iteration, nodeId: event.nodeId });
    } else if (event.type === "stage-end") {
      records.stageEnd(event.index, event.nodeId, { status: event.status, durationMs: event.durationMs, ...(event.error ? { error: event.error } : {}), spentUsd: spentUsd() });
      emit({ type: "stage-end", iteration, nodeId: event.nodeId, status: event.status, spentUsd: spentUsd(), ...(event.error ? { error: event.error } : {}) });
    } else if (event.type === "edge-select" && event.from === FACTORY_NODES.feedback && event.to === FACTORY_NODES.implement) {
      iteration += 1;
    }
  };

  emit({ type: "factory-start", runId: settings.runId, runDir, workspaceDir: settings.workspaceDir, model, scripted: settings.scripted, resumed: options.resume === true, sandboxed: sandbox.sandboxed });
  let pipeline: PipelineResult;
  try {
    pipeline = await runPipeline(graph, {
      logsRoot: runDir,
      registry,
      backend,
      runId: settings.runId,
      resume: options.resume === true,
      workingDirectory: settings.workspaceDir,
      initialContext: { [FACTORY_KEYS.iteration]: 1 },
      onEvent: onPipelineEvent,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } finally {
    await backend.close();
    await Promise.all(environments.map((made) => made.cleanup().catch(() => undefined)));
  }

  const context = pipeline.context;
  const iterations = Array.isArray(context[FACTORY_KEYS.iterations]) ? (context[FACTORY_KEYS.iterations] as IterationSummary[]) : [];
  let status: FactoryResult["status"];
  let stopReason: StopReason;
  if (pipeline.status === "cancelled") {
    status = "cancelled";
    stopReason = "cancelled";
  } else if (pipeline.status === "success" && context[FACTORY_KEYS.gatePassed] === true) {
    status = "shipped";
    stopReason = "gate-passed";
  } else {
    status = "not-shipped";
    const reason = context[FACTORY_KEYS.stopReason];
    stopReason = reason === "budget" || reason === "max-iterations" ? reason : "pipeline-failed";
  }
  const storeError = await records.flush();
  const finalReport: FactoryReport = { ...report(iterations, status, stopReason), ...(storeError ? { storeError } : {}) };
  const reportPaths = writeFactoryReport(runDir, finalReport);
  records.end({ status, stopReason, spentUsd: spentUsd(), iterations: iterations.length, at: Date.now(), ...(pipeline.outcome.failureReason ? { failureReason: pipeline.outcome.failureReason } : {}) });
  await records.flush();
  emit({ type: "factory-end", status, stopReason, spentUsd: spentUsd(), reportPath: reportPaths.markdown });
  return { status, stopReason, runId: settings.runId, runDir, workspaceDir: settings.workspaceDir, report: finalReport, reportPaths, iterations, spentUsd: spentUsd(), pipeline };
}
