/**
 * `lightsout pipeline run FILE.dot`: prepare the pipeline, run it with the engine, show its
 * progress on stderr, and translate the result into an exit code. Codergen stages run coding-agent
 * sessions in the current directory (the factory's agent backend), or are simulated with
 * `--simulate`. Ctrl-C stops the run through its AbortSignal; the checkpoint stays, and the
 * message says how to resume. `--budget-usd N` caps what the run's model calls may cost: once
 * it is spent the LLM layer starts no further call, the run stops, and the command exits 1.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { type Command, Option } from "commander";
import { loadCheckpoint } from "../pipeline/checkpoint.js";
import type { EventListener } from "../pipeline/events.js";
import { type PipelineResult, runPipeline } from "../pipeline/engine.js";
import { AutoApproveInterviewer, ConsoleInterviewer, type Interviewer } from "../pipeline/interviewers/index.js";
import { type AgentBackend, checkPipelineModels, createAgentBackend } from "../factory/index.js";
import { type Budget, CostMeter, createBudget, createLlmClient, type LlmClient, withBudget } from "../llm/index.js";
import { LightsoutError } from "../errors.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo, writeLine } from "./io.js";
import { countDiagnostics, hasErrors, loadPipeline, printDiagnostics } from "./load-pipeline.js";
import { numberOption } from "./number-options.js";
import { createProgressPrinter, summaryLine } from "./progress.js";

export interface RunCommandOptions {
  simulate?: boolean;
  autoApprove?: boolean;
  logs?: string;
  resume?: string;
  quiet?: boolean;
  json?: boolean;
  /** "provider:model" for codergen nodes without `llm_model`. */
  model?: string;
  /** Spending cap of the run's model calls in USD. */
  budgetUsd?: number;
}

/**
 * The budgeted client: the LLM layer refuses (LightsoutError BUDGET) to start a call once the
 * budget is spent; the first refusal also stops the run, so no stage or retry loop keeps
 * knocking on a closed door.
 */
function budgetedClient(client: LlmClient, budget: Budget, onRefused: () => void): LlmClient {
  const budgeted = withBudget(client, budget);
  const refused = (error: unknown): never => {
    if (LightsoutError.isInstance(error) && error.code === "BUDGET") onRefused();
    throw error;
  };
  return {
    complete: (request, options) => budgeted.complete(request, options).catch(refused),
    async *stream(request, options) {
      try {
        yield* budgeted.stream(request, options);
      } catch (error) {
        refused(error);
      }
    },
  };
}

/** `.lightsout/runs/<name>-<UTC timestamp>`, made unique if two runs start in the same millisecond. */
export function defaultLogsRoot(graphName: string, cwd: string, now: Date = new Date()): string {
  const safeName = graphName.replace(/[^A-Za-z0-9_-]+/g, "_") || "pipeline";
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").replace(".", "-").replace("Z", "");
  const base = join(cwd, ".lightsout", "runs", `${safeName}-${stamp}`);
  let candidate = base;
  for (let suffix = 2; existsSync(candidate); suffix++) candidate = `${base}-${suffix}`;
  return candidate;
}

/** A path as the user would type it: relative to the working directory when inside it. */
function pathForDisplay(path: string, cwd: string): string {
  const relativePath = relative(cwd, path);
  return relativePath !== "" && !relativePath.startsWith("..") && !isAbsolute(relativePath) ? relativePath : path;
}

/** Quotes an argument for a POSIX shell only when it needs it, so the printed command stays readable. */
function shellArgument(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function resumeCommand(file: string, logsRoot: string, options: RunCommandOptions): string {
  const flags = [
    options.simulate ? "--simulate" : "",
    options.autoApprove ? "--auto-approve" : "",
    options.model !== undefined && !options.simulate ? `--model ${shellArgument(options.model)}` : "",
    options.budgetUsd !== undefined && !options.simulate ? `--budget-usd ${options.budgetUsd}` : "",
  ].filter(Boolean);
  return ["lightsout pipeline run", shellArgument(file), "--resume", shellArgument(logsRoot), ...flags].join(" ");
}

/** What the run's model calls cost, from the meter every stage recorded into. */
export function costLine(meter: CostMeter): string {
  const { calls, usage, usd, unpricedCalls } = meter.totals();
  const unpriced = unpricedCalls > 0 ? ` (${unpricedCalls} of unknown price)` : "";
  return `LLM usage: ${calls} calls, ${usage.inputTokens} input + ${usage.outputTokens} output tokens, $${usd.toFixed(4)}${unpriced}`;
}

function exitCodeForResult(result: PipelineResult): ExitCode {
  if (result.status === "success") return ExitCode.success;
  return result.status === "cancelled" ? ExitCode.interrupted : ExitCode.failure;
}

export async function runPipelineCommand(file: string, options: RunCommandOptions, io: CliIo): Promise<ExitCode> {
  const { graph, diagnostics } = loadPipeline(file, io);
  if (hasErrors(diagnostics)) {
    printDiagnostics(diagnostics, io);
    writeLine(io.stderr, `lightsout: ${file} is not a valid pipeline (${countDiagnostics(diagnostics)}); nothing was run`);
    return ExitCode.usage;
  }
  if (!options.quiet) printDiagnostics(diagnostics, io);
  // Before anything is created: a node without a model or a missing API key is LLM_CONFIG
  // (exit 2, one line naming what to set), not a run whose every stage fails.
  if (!options.simulate) checkPipelineModels(graph, options.model, io.env);

  const logsRoot = options.resume !== undefined ? resolve(io.cwd, options.resume) : options.logs !== undefined ? resolve(io.cwd, options.logs) : defaultLogsRoot(graph.name, io.cwd);
  // Checked here, before the engine creates the directory: a mistyped --resume path must not
  // leave an empty run directory behind. Throws CHECKPOINT (exit 2) with the reason.
  if (options.resume !== undefined) loadCheckpoint(logsRoot);
  const displayPath = (path: string): string => pathForDisplay(path, io.cwd);
  // With --json, stdout carries the result alone, so the questions go to stderr.
  const consoleInterviewer = options.autoApprove ? undefined : new ConsoleInterviewer({ input: io.stdin, output: options.json ? io.stderr : io.stdout });
  const interviewer: Interviewer = consoleInterviewer ?? new AutoApproveInterviewer();
  const meter = new CostMeter("run");
  const controller = new AbortController();
  const budget = options.budgetUsd !== undefined ? createBudget({ usd: options.budgetUsd }) : undefined;
  let budgetStopped = false;
  const llm = (): LlmClient => {
    const client = createLlmClient({ env: io.env });
    return budget === undefined ? client : budgetedClient(client, budget, () => {
      budgetStopped = true;
      controller.abort();
    });
  };
  const backend: AgentBackend | undefined = options.simulate
    ? undefined
    : createAgentBackend({
        llm: llm(),
        workspace: io.cwd,
        logsRoot,
        meter,
        ...(options.model !== undefined ? { defaultModel: options.model } : {}),
      });
  const unsubscribe = io.subscribeToInterrupts?.((signalName) => {
    writeLine(io.stderr, `lightsout: ${signalName} received; stopping the run (again to stop at once)`);
    controller.abort();
  });

  const progress = options.quiet ? undefined : createProgressPrinter({ output: io.stderr, nodeIds: graph.nodes.keys(), displayPath });
  // The backend follows the engine's events to write its stage files where the handler writes its own.
  const onEvent: EventListener | undefined =
    backend && progress ? (event) => (backend.observe(event), progress(event)) : backend ? (event) => backend.observe(event) : progress;

  let result: PipelineResult;
  try {
    result = await runPipeline(graph, {
      logsRoot,
      interviewer,
      signal: controller.signal,
      resume: options.resume !== undefined,
      workingDirectory: io.cwd,
      ...(backend ? { backend } : {}),
      ...(onEvent ? { onEvent } : {}),
    });
  } finally {
    unsubscribe?.();
    await backend?.close();
    // Releases stdin, so the process can exit while the terminal (or a pipe) is still open.
    if (consoleInterviewer) {
      consoleInterviewer.close();
      io.releaseStdin?.();
    }
  }

  if (options.json) writeLine(io.stdout, JSON.stringify(result, null, 2));
  if (!options.quiet) writeLine(io.stderr, summaryLine(result, displayPath));
  if (backend && !options.quiet) writeLine(io.stderr, costLine(meter));
  if (budgetStopped && budget !== undefined) {
    // Said even with --quiet, on one line: why the run stopped, and how to go on.
    writeLine(
      io.stderr,
      `lightsout: budget spent: $${budget.spentUsd.toFixed(4)} of $${budget.limitUsd.toFixed(4)}; no further model call was started and the run stopped (resume with a larger --budget-usd: ${resumeCommand(file, displayPath(result.logsRoot), options)})`,
    );
    return ExitCode.failure;
  }
  if (result.status === "cancelled") {
    // Said even with --quiet: it is the one thing the user needs to continue.
    writeLine(io.stderr, `lightsout: run interrupted; checkpoint: ${displayPath(join(result.logsRoot, "checkpoint.json"))}`);
    writeLine(io.stderr, `lightsout: resume with: ${resumeCommand(file, displayPath(result.logsRoot), options)}`);
  }
  return exitCodeForResult(result);
}

export function addRunCommand(pipeline: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  pipeline
    .command("run")
    .description("run a pipeline, showing each stage as it ends")
    .argument("<file>", "the pipeline, a .dot file")
    .option("--model <provider:model>", "the model of codergen stages that set no llm_model (e.g. anthropic:claude-sonnet-4-5, openai:gpt-5)")
    .option("--simulate", "simulate the LLM stages instead of running agent sessions; tool stages really run")
    .option("--auto-approve", "answer every human gate with its first choice instead of asking on the terminal")
    .option("--budget-usd <usd>", "stop the run once its model calls cost this much (USD); exit 1", numberOption("--budget-usd", (value) => value >= 0, "a non-negative number of USD"))
    .option("--logs <dir>", "the run directory (default: .lightsout/runs/<name>-<timestamp>)")
    .addOption(new Option("--resume <dir>", "continue the interrupted run in this run directory (FILE must be the same pipeline)").conflicts("logs"))
    .option("--quiet", "print no progress and no summary")
    .option("--json", "print the run's result as JSON on stdout (progress stays on stderr)")
    .addHelpText(
      "after",
      [
        "",
        "Codergen stages (box nodes) run coding-agent sessions in the current directory, with each",
        "node's llm_model (else --model), reasoning_effort and fidelity/thread_id; the provider's",
        "API key comes from the environment (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY).",
        "Each stage directory gets agent-events.jsonl and cost.json. With --simulate LLM stages",
        "return a simulated response; tool stages always run their commands for real.",
        "",
        "Exit status: 0 succeeded, 1 failed (or --budget-usd spent), 2 usage or input error (unreadable file, malformed DOT,",
        "invalid graph, bad checkpoint, a node without a model, a missing API key), 130 interrupted",
        "by SIGINT/SIGTERM (resumable).",
        "",
        "Examples: lightsout pipeline run examples/pipelines/demo.dot --simulate --auto-approve",
        "          lightsout pipeline run build.dot --model anthropic:claude-sonnet-4-5",
      ].join("\n"),
    )
    .action(async (file: string, options: RunCommandOptions) => finish(await runPipelineCommand(file, options, io)));
}
