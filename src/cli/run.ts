/**
 * `lightsout run SPEC.md --holdout DIR`: the factory, from the command line. Translation only:
 * flags in, `runFactory` (src/factory/run-factory.ts) does the work, progress on stderr, the
 * result as an exit code — 0 shipped, 1 not shipped (gate never passed: iteration limit, budget),
 * 2 bad input, 130 interrupted (resumable with --resume RUN_DIR).
 */
import { existsSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { LightsoutError } from "../errors.js";
import type { FactoryResult } from "../factory/run-factory.js";
import { runFactory } from "../factory/run-factory.js";
import type { FeedbackLevel } from "../scenarios/holdouts/index.js";
import { openRunStore, type RunStore } from "../store/index.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo, writeLine } from "./io.js";
import { integerAtLeast, probabilityOption } from "./number-options.js";
import { createRunProgressPrinter } from "./run-progress.js";

export interface FactoryRunCommandOptions {
  holdout?: string;
  visible?: string;
  threshold?: number;
  trials?: number;
  model?: string;
  budgetUsd?: number;
  maxIterations?: number;
  workspace?: string;
  feedback?: FeedbackLevel;
  runDir?: string;
  store?: string;
  json?: boolean;
  quiet?: boolean;
  resume?: string;
  seed?: number;
  allowUnsandboxed?: boolean;
}

/** `.lightsout/runs/<name>-<UTC timestamp>`, never an existing directory. */
export function defaultRunDir(name: string, cwd: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").replace(/\..*$/, "");
  const base = join(cwd, ".lightsout", "runs", `${name.replace(/[^A-Za-z0-9_-]+/g, "_") || "run"}-${stamp}`);
  let candidate = base;
  for (let suffix = 2; existsSync(candidate); suffix++) candidate = `${base}-${suffix}`;
  return candidate;
}

export function pathForDisplay(path: string, cwd: string): string {
  const relativePath = relative(cwd, path);
  return relativePath !== "" && !relativePath.startsWith("..") && !isAbsolute(relativePath) ? relativePath : path;
}

const dollars = (value: string): number => {
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed) || parsed < 0) throw new InvalidArgumentError(`--budget-usd expects a non-negative number of dollars, got "${value}"`);
  return parsed;
};

/** Opens the run store (default `.lightsout/store.sqlite`), runs `work`, closes it. */
export async function withStore<T>(url: string | undefined, io: CliIo, work: (store: RunStore) => Promise<T>): Promise<T> {
  const store = await openRunStore({ ...(url !== undefined ? { url } : {}), cwd: io.cwd, env: io.env });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Ctrl-C / SIGTERM stop the run through an AbortSignal; returns it and the unsubscribe function. */
export function interruptSignal(io: CliIo): { signal: AbortSignal; unsubscribe: () => void } {
  const controller = new AbortController();
  const unsubscribe = io.subscribeToInterrupts?.((signalName) => {
    writeLine(io.stderr, `lightsout: ${signalName} received; stopping the run at a safe point (again to stop at once)`);
    controller.abort();
  });
  return { signal: controller.signal, unsubscribe: unsubscribe ?? (() => undefined) };
}

/** What every factory command prints at the end and the exit code it stands for. */
export function finishFactoryCommand(result: FactoryResult, options: { json?: boolean; quiet?: boolean }, io: CliIo, resumeCommand: string): ExitCode {
  if (options.json) writeLine(io.stdout, JSON.stringify(result.report, null, 2));
  if (result.status === "cancelled") {
    writeLine(io.stderr, `lightsout: run interrupted; checkpoint: ${pathForDisplay(join(result.runDir, "checkpoint.json"), io.cwd)}`);
    writeLine(io.stderr, `lightsout: resume with: ${resumeCommand} --resume ${pathForDisplay(result.runDir, io.cwd)}`);
    return ExitCode.interrupted;
  }
  if (options.quiet && !options.json) writeLine(io.stderr, `${result.status}: ${pathForDisplay(result.reportPaths.markdown, io.cwd)}`);
  return result.status === "shipped" ? ExitCode.success : ExitCode.failure;
}

export async function runFactoryCommand(specFile: string | undefined, options: FactoryRunCommandOptions, io: CliIo): Promise<ExitCode> {
  const absolute = (path: string) => resolve(io.cwd, path);
  if (options.resume === undefined) {
    if (specFile === undefined) throw new LightsoutError("INPUT", "lightsout run needs the spec (SPEC.md), or --resume RUN_DIR");
    if (options.holdout === undefined) throw new LightsoutError("INPUT", "lightsout run needs --holdout DIR: the scenarios the gate is on, kept out of the agents' sight");
  }
  const runDir = options.resume !== undefined ? absolute(options.resume) : options.runDir !== undefined ? absolute(options.runDir) : defaultRunDir(specFile!.replace(/^.*\//, "").replace(/\.md$/i, ""), io.cwd);
  const { signal, unsubscribe } = interruptSignal(io);
  const progress = options.quiet ? undefined : createRunProgressPrinter({ output: io.stderr, displayPath: (path) => pathForDisplay(path, io.cwd) });
  try {
    const result = await withStore(options.store, io, (store) =>
      runFactory({
        specPath: specFile !== undefined ? absolute(specFile) : "",
        holdoutDir: options.holdout !== undefined ? absolute(options.holdout) : "",
        ...(options.visible !== undefined ? { visibleDir: absolute(options.visible) } : {}),
        ...(options.workspace !== undefined ? { workspaceDir: absolute(options.workspace) } : {}),
        runDir,
        ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
        ...(options.trials !== undefined ? { trials: options.trials } : {}),
        ...(options.model !== undefined ? { model: options.model } : {}),
        ...(options.budgetUsd !== undefined ? { budgetUsd: options.budgetUsd } : {}),
        ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
        ...(options.feedback !== undefined ? { feedbackLevel: options.feedback } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        allowUnsandboxed: options.allowUnsandboxed === true,
        env: io.env,
        store,
        signal,
        resume: options.resume !== undefined,
        warn: (message) => writeLine(io.stderr, message),
        ...(progress ? { onEvent: progress } : {}),
      }),
    );
    return finishFactoryCommand(result, options, io, "lightsout run");
  } finally {
    unsubscribe();
  }
}

export function addFactoryRunCommand(program: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  program
    .command("run")
    .description("the factory: run agents on a spec until the holdout scenarios pass the gate (or the budget or iteration limit stops it)")
    .argument("[spec]", "the NLSpec (SPEC.md); not needed with --resume")
    .option("--holdout <dir>", "the holdout scenarios the gate is on; must lie outside the workspace")
    .option("--visible <dir>", "visible scenarios: copied into the workspace as scenarios/ and checked each iteration")
    .option("--threshold <t>", "the gate: the one-sided lower bound of satisfaction must reach this (default 0.8)", probabilityOption("--threshold"))
    .option("--trials <k>", "trials per holdout scenario (default 5)", integerAtLeast("--trials", 1))
    .option("--model <provider:model>", "the agents' model (default: the spec's model)")
    .option("--budget-usd <n>", "stop (not shipped) once the model calls have cost this much (default: the spec's budget_usd)", dollars)
    .option("--max-iterations <n>", "stop (not shipped) after this many implement/evaluate rounds (default 5)", integerAtLeast("--max-iterations", 1))
    .option("--workspace <dir>", "the agents' workspace, a new git repository (default: <run dir>/workspace)")
    .addOption(new Option("--feedback <level>", "what the agents learn of a failed evaluation: none, category (counts by tag) or full (plus visible failures)").choices(["none", "category", "full"]))
    .option("--run-dir <dir>", "the run directory (default: .lightsout/runs/<spec>-<timestamp>)")
    .option("--store <url>", "the run store (default: $LIGHTSOUT_STORE_URL, else .lightsout/store.sqlite)")
    .option("--seed <n>", "the suite seed of the evaluations (same seed, same trials every iteration)", integerAtLeast("--seed", 0))
    .option("--allow-unsandboxed", "run the agents without the bubblewrap sandbox when it does not work (the holdouts are then exposed)")
    .addOption(new Option("--resume <run-dir>", "continue an interrupted run from its checkpoint, with the settings it started with").conflicts(["runDir"]))
    .option("--json", "print the run's report as JSON on stdout (progress stays on stderr)")
    .option("--quiet", "print no progress")
    .addHelpText(
      "after",
      [
        "",
        "Each iteration: implement (agent, sandboxed) -> visible checks -> holdout evaluation (K trials per",
        "scenario on fresh twin tenants) -> gate; on failure sanitized feedback is written to FEEDBACK.md",
        "in the workspace and the agent goes again. Every iteration is a commit in the workspace with its",
        "satisfaction in the message; report.json and report.md are in the run directory.",
        "",
        "Exit status: 0 shipped, 1 not shipped (iteration limit, budget, failed pipeline), 2 bad input",
        "(spec, scenarios, holdouts inside the workspace, missing model or key), 130 interrupted (resumable).",
        "",
        "Example: lightsout run SPEC.md --holdout ../holdout --visible scenarios --model anthropic:claude-sonnet-4-5",
      ].join("\n"),
    )
    .action(async (spec: string | undefined, options: FactoryRunCommandOptions) => finish(await runFactoryCommand(spec, options, io)));
}
