/**
 * `lightsout demo`: the whole factory offline, with no keys (src/factory/demo). Says on screen and
 * in the report that the model is a scripted stand-in; with --model (or a provider key in the
 * environment) the same command runs a real model. Exit codes as `lightsout run`.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { runDemo } from "../factory/demo/run-demo.js";
import { ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { createRunProgressPrinter } from "./run-progress.js";
import { defaultRunDir, finishFactoryCommand, interruptSignal, pathForDisplay, withStore } from "./run.js";

export interface DemoCommandOptions {
  model?: string;
  runDir?: string;
  store?: string;
  json?: boolean;
  quiet?: boolean;
  resume?: string;
  allowUnsandboxed?: boolean;
}

export async function runDemoCommand(options: DemoCommandOptions, io: CliIo): Promise<ExitCode> {
  const runDir = options.resume !== undefined ? resolve(io.cwd, options.resume) : options.runDir !== undefined ? resolve(io.cwd, options.runDir) : defaultRunDir("demo", io.cwd);
  const { signal, unsubscribe } = interruptSignal(io);
  const progress = options.quiet ? undefined : createRunProgressPrinter({ output: io.stderr, displayPath: (path) => pathForDisplay(path, io.cwd) });
  try {
    const result = await withStore(options.store, io, (store) =>
      runDemo({
        runDir,
        env: io.env,
        store,
        signal,
        resume: options.resume !== undefined,
        ...(options.allowUnsandboxed === true ? { allowUnsandboxed: true } : {}),
        warn: (message) => io.stderr.write(`${message}\n`),
        ...(options.model !== undefined ? { model: options.model } : {}),
        ...(progress ? { onEvent: progress } : {}),
      }),
    );
    return finishFactoryCommand(result, options, io, "lightsout demo");
  } finally {
    unsubscribe();
  }
}

export function addDemoCommand(program: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  program
    .command("demo")
    .description("the factory end to end, offline and without keys: the incident-bridge example built by a scripted stand-in for a model")
    .option("--model <provider:model>", "run a real model instead of the script (also when OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY is set)")
    .option("--run-dir <dir>", "the run directory (default: .lightsout/runs/demo-<timestamp>)")
    .option("--store <url>", "the run store (default: $LIGHTSOUT_STORE_URL, else .lightsout/store.sqlite)")
    .option("--resume <run-dir>", "continue an interrupted demo from its checkpoint")
    .option("--allow-unsandboxed", "run the agent without the bubblewrap sandbox when it does not work here (the holdouts are then exposed)")
    .option("--json", "print the run's report as JSON on stdout (progress stays on stderr)")
    .option("--quiet", "print no progress")
    .addHelpText(
      "after",
      [
        "",
        "What runs: examples/incident-bridge/SPEC.md compiled to the factory pipeline; a real coding-agent",
        "session in a sandboxed git workspace; its model is the OpenAI provider twin answering from a script",
        "(src/factory/demo/demo-policy.ts), in-process; the app is evaluated on the Slack and Jira twins",
        "against the holdout scenarios (2 trials each, threshold 0.7). Iteration 1 misses the holdouts that",
        "rate-limit Slack; the feedback goes back; iteration 2 fixes it and passes the gate.",
        "",
        "Exit status: 0 shipped, 1 not shipped, 2 bad input, 130 interrupted (resume with --resume RUN_DIR).",
      ].join("\n"),
    )
    .action(async (options: DemoCommandOptions) => finish(await runDemoCommand(options, io)));
}
