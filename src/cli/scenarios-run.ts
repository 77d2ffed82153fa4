/**
 * `lightsout scenarios run PATH... --app CMD`: evaluate an app against scenarios and gate it.
 * Translation only: options in, `evaluateScenarios` (src/scenarios/evaluate.ts) does the work,
 * progress and the summary out. Exit 0 when the gate passes, 1 when it fails, 2 on bad input,
 * 130 when interrupted (running trials are stopped and cleaned up first).
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { LightsoutError } from "../errors.js";
import { evaluateScenarios } from "../scenarios/evaluate.js";
import { formatRunSummary, readRunReport } from "../scenarios/report/index.js";
import type { SuiteEvent } from "../scenarios/runner/index.js";
import { ExitCode } from "./exit-codes.js";
import { integerAtLeast, probabilityOption } from "./number-options.js";
import { type CliIo, writeLine } from "./io.js";
import { formatDuration } from "./progress.js";

export interface ScenariosRunOptions {
  app: string;
  appKind: "service" | "command";
  appCwd?: string;
  appEnv?: Record<string, string>;
  readyPath?: string;
  replay?: Record<string, number[]>;
  trials: number;
  threshold: number;
  alpha: number;
  concurrency: number;
  seed: number;
  only?: string[];
  holdout?: boolean;
  visible?: string[];
  leakCheck?: string[];
  baseline?: string;
  maxExcluded: number;
  out?: string;
  report?: string;
  junit?: string;
  feedback: "none" | "category" | "full";
  json?: boolean;
  quiet?: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** `--app-env NAME=VALUE`, repeatable, into one map. */
function collectEnv(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
  if (!match) throw new InvalidArgumentError(`--app-env expects NAME=VALUE, got "${value}"`);
  return { ...previous, [match[1]!]: match[2]! };
}

/** `--replay SCENARIO@SEED`, repeatable: exactly these trials, as a run's report lists them. */
function collectReplay(value: string, previous: Record<string, number[]> | undefined): Record<string, number[]> {
  const match = /^(.+)@(\d+)$/.exec(value);
  const seed = match ? Number(match[2]) : NaN;
  if (!match || !Number.isSafeInteger(seed) || seed > 0xffffffff) throw new InvalidArgumentError(`--replay expects SCENARIO@SEED (a seed from a run's report), got "${value}"`);
  const id = match[1]!;
  return { ...previous, [id]: [...(previous?.[id] ?? []), seed] };
}

/** A default run directory that sorts by time and never collides with an earlier run. */
function defaultOutDir(cwd: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return resolve(cwd, ".lightsout", "scenario-runs", `${stamp}-${process.pid}`);
}

function progressPrinter(io: CliIo): (event: SuiteEvent) => void {
  let total = 0;
  let done = 0;
  return (event) => {
    if (event.type === "suite-start") {
      total = event.totalTrials;
      writeLine(io.stderr, `running ${event.scenarios} scenario(s) x ${event.trialsPerScenario} trial(s) = ${total} trials, ${event.concurrency} at a time`);
    } else if (event.type === "trial-end") {
      done += 1;
      const mark = event.verdict.satisfied ? "✓" : event.verdict.attribution === "product" ? "✗" : "!";
      const why = event.verdict.satisfied ? "" : `  ${event.verdict.attribution ?? "product"}: ${event.verdict.reasons[0] ?? ""}`;
      writeLine(io.stderr, `[${String(done).padStart(String(total).length)}/${total}] ${mark} ${event.scenarioId} #${event.trialIndex} (seed ${event.seed}) ${formatDuration(event.durationMs)}${why}`);
    }
  };
}

export async function runScenariosCommand(paths: string[], options: ScenariosRunOptions, io: CliIo): Promise<ExitCode> {
  const absolute = (path: string) => resolve(io.cwd, path);
  const outDir = options.out ? absolute(options.out) : defaultOutDir(io.cwd);
  const baseline = options.baseline ? readRunReport(absolute(options.baseline)) : undefined;
  const controller = new AbortController();
  const unsubscribe = io.subscribeToInterrupts?.((signalName) => {
    writeLine(io.stderr, `lightsout: ${signalName} received; stopping the trials (again to stop at once)`);
    controller.abort();
  });
  try {
    const result = await evaluateScenarios({
      paths: paths.map(absolute),
      holdout: options.holdout === true,
      ...(options.visible ? { visiblePaths: options.visible.map(absolute) } : {}),
      app: {
        command: options.app,
        kind: options.appKind,
        cwd: options.appCwd ? absolute(options.appCwd) : io.cwd,
        ...(options.appEnv ? { env: options.appEnv } : {}),
        ...(options.readyPath ? { readyPath: options.readyPath } : {}),
      },
      trials: options.trials,
      concurrency: options.concurrency,
      seed: options.seed,
      ...(options.only || options.replay ? { only: [...(options.only ?? []), ...Object.keys(options.replay ?? {})] } : {}),
      ...(options.replay ? { trialSeeds: options.replay } : {}),
      threshold: options.threshold,
      alpha: options.alpha,
      maxExcludedShare: options.maxExcluded,
      ...(baseline ? { baseline } : {}),
      ...(options.leakCheck ? { leakCheckPaths: options.leakCheck.map(absolute) } : {}),
      outDir,
      feedback: options.feedback,
      signal: controller.signal,
      ...(options.quiet ? {} : { onEvent: progressPrinter(io) }),
      onStart: ({ leaks }) => {
        for (const leak of leaks) writeLine(io.stderr, `lightsout: holdout leak: ${leak.source}:${leak.line}: ${leak.kind} of ${leak.scenarioId}`);
      },
    });
    if (options.report) writeCopy(absolute(options.report), result.files.html);
    if (options.junit) writeCopy(absolute(options.junit), result.files.junit);
    if (options.json) writeLine(io.stdout, JSON.stringify(result.report, null, 2));
    if (!options.quiet) {
      for (const line of formatRunSummary(result.report)) writeLine(io.stderr, line);
      writeLine(io.stderr, `run directory: ${result.files.run.slice(0, -"/run.json".length)}`);
    }
    if (controller.signal.aborted) return ExitCode.interrupted;
    return result.report.gate.passed ? ExitCode.success : ExitCode.failure;
  } finally {
    unsubscribe?.();
  }
}

/** Copies a report the run wrote to where the user asked for it. */
function writeCopy(to: string, from: string): void {
  try {
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  } catch (error) {
    throw new LightsoutError("INPUT", `cannot write ${to}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function addScenariosRunCommand(scenarios: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  scenarios
    .command("run")
    .description("run scenarios K times each against an app on fresh twin tenants, and gate it on satisfaction")
    .argument("<paths...>", "scenario files or directories (the set the gate is on, usually the holdouts)")
    .requiredOption("--app <command>", "the app under test: a shell command that serves on $PORT (or see --app-kind)")
    .addOption(new Option("--app-kind <kind>", "service: started per trial and waited for; command: not started, cli steps run it").choices(["service", "command"]).default("service"))
    .option("--app-cwd <dir>", "the app's working directory (default: the current one)")
    .option("--app-env <name=value>", "an environment variable for the app (repeatable); the app gets no other variable of yours but PATH, HOME and the locale", collectEnv)
    .option("--ready-path <path>", "the app is ready when GET <path> answers below 500 (default: when $PORT accepts connections)")
    .option("--trials <k>", "trials per scenario", integerAtLeast("--trials", 1), 5)
    .option("--threshold <t>", "the gate: the one-sided lower bound of satisfaction must reach this", probabilityOption("--threshold"), 0.8)
    .option("--alpha <a>", "the significance level of the lower bound and the regression test", probabilityOption("--alpha"), 0.05)
    .option("--concurrency <n>", "trials at once", integerAtLeast("--concurrency", 1), Math.max(1, cpus().length))
    .option("--seed <n>", "the suite seed every trial seed derives from (same seed, same trials)", integerAtLeast("--seed", 0), 0)
    .option("--only <id>", "run only this scenario (repeatable)", collect)
    .option("--replay <scenario@seed>", "run exactly this trial again, by the seed its report gives (repeatable; implies --only)", collectReplay)
    .option("--holdout", "the paths are holdouts: each file needs a unique canary")
    .option("--visible <path>", "visible scenarios to run too, to report the visible/holdout gap (repeatable)", collect)
    .option("--leak-check <path>", "fail the gate if holdout text or canaries appear here or in its git history (repeatable)", collect)
    .option("--baseline <run>", "an earlier run (directory or run.json): the gate fails on a significant drop from it")
    .option("--max-excluded <share>", "the gate fails when more than this share of trials failed for non-product reasons", probabilityOption("--max-excluded"), 0.1)
    .addOption(new Option("--feedback <level>", "write feedback.txt for the agents: none, category (counts by tag and attribution) or full (plus visible failures)").choices(["none", "category", "full"]).default("none"))
    .option("--out <dir>", "the run directory (default: .lightsout/scenario-runs/<time>)")
    .option("--report <file.html>", "also write the HTML report here")
    .option("--junit <file.xml>", "also write JUnit XML here")
    .option("--json", "print the JSON report on stdout (progress stays on stderr)")
    .option("--quiet", "print no progress and no summary")
    .addHelpText("after", "\nExit status: 0 the gate passed, 1 it failed, 2 bad input (scenarios, options, baseline), 130 interrupted.\nReference: docs/cli.md#lightsout-scenarios-run")
    .action(async (paths: string[], options: ScenariosRunOptions) => finish(await runScenariosCommand(paths, options, io)));
}
