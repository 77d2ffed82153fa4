/**
 * `lightsout demo`: the whole factory offline, with no keys — the example spec
 * (examples/incident-bridge/SPEC.md), its visible and holdout scenarios, the twins in-process, and
 * a real agent session whose model is the OpenAI provider twin answering from the demo's scripted
 * policy, in-process (no socket). With `--model` or a provider key in the environment the same
 * run uses that real model instead. The settings are the demo's: 2 trials per holdout scenario
 * and a threshold of 0.7 (8 perfect trials put the lower bound at 0.73), so it ends in well under
 * a minute on two cores.
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { createLlmClient, type Env, type LlmClient } from "../../llm/index.js";
import { createOpenAITwin, openaiApiKey, setPolicy, type ScriptedTurn } from "../../twins/index.js";
import { probeSandbox } from "../../agent/execution/sandbox/index.js";
import { readFactorySettings, runFactory, type FactoryResult, type RunFactoryOptions } from "../run-factory.js";
import { createDemoPolicy } from "./demo-policy.js";

/** examples/incident-bridge, from src/factory/demo or dist/factory/demo alike. */
export function demoExampleDir(): string {
  return fileURLToPath(new URL("../../../examples/incident-bridge/", import.meta.url));
}

export const DEMO_MODEL = "openai:gpt-5";
export const DEMO_SETTINGS = {
  trials: 2,
  threshold: 0.7,
  maxIterations: 3,
  // With this suite seed the visible burst scenario's 50% rate limit is not drawn: the visible
  // checks pass the first version, and only the holdouts catch its bug — the point of holdouts.
  seed: 2,
  visibleTrials: 1,
  concurrency: 4,
} as const;

/** The real model the environment offers (a key set), if any: the demo then runs it. */
export function realModelFromEnv(env: Env): string | undefined {
  if (env["OPENAI_API_KEY"]) return "openai:gpt-5";
  if (env["ANTHROPIC_API_KEY"]) return "anthropic:claude-sonnet-4-5";
  if (env["GEMINI_API_KEY"]) return "google:gemini-2.5-pro";
  return undefined;
}

export interface RunDemoOptions extends Partial<Omit<RunFactoryOptions, "specPath" | "holdoutDir" | "visibleDir" | "llm" | "scripted" | "runDir">> {
  runDir: string;
  exampleDir?: string;
  /** Tokens each scripted answer claims (priced as gpt-5): for budget tests. */
  scriptedUsage?: ScriptedTurn["usage"];
}

/** The scripted stand-in: the OpenAI twin, in-process, answering from the demo policy. */
export function createScriptedDemoLlm(exampleDir: string, usage?: ScriptedTurn["usage"]): { llm: LlmClient; env: Env } {
  const twin = createOpenAITwin({ seed: 1 });
  const tenant = twin.tenant();
  setPolicy(tenant, createDemoPolicy({ exampleDir, ...(usage ? { usage } : {}) }));
  const env: Env = { OPENAI_API_KEY: openaiApiKey(tenant), OPENAI_BASE_URL: "http://openai-twin.invalid/v1" };
  const fetchThroughTwin = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => twin.fetch(new Request(input, init))) as typeof fetch;
  return { llm: createLlmClient({ env, fetch: fetchThroughTwin, retry: { maxRetries: 0 } }), env };
}

export async function runDemo(options: RunDemoOptions): Promise<FactoryResult> {
  const exampleDir = options.exampleDir ?? demoExampleDir();
  const env = options.env ?? process.env;
  // A resumed demo keeps the model it started with: the script, or the real one named in its settings.
  const wasScripted = options.resume ? readFactorySettings(options.runDir).scripted : undefined;
  const realModel = wasScripted === true ? undefined : (options.model ?? realModelFromEnv(env));
  const scripted = realModel === undefined && wasScripted !== false ? createScriptedDemoLlm(exampleDir, options.scriptedUsage) : undefined;
  const { exampleDir: _exampleDir, scriptedUsage: _usage, ...rest } = options;
  // The sandbox keeps a model from reading the holdouts. The scripted stand-in reads only what its
  // script says, so on a machine without bubblewrap the demo still runs (the README's first
  // command needs nothing but Node), saying so; a real model is refused there as in `lightsout run`.
  const probe = options.probeSandbox ?? probeSandbox;
  let unsandboxedScript = false;
  if (scripted && options.allowUnsandboxed === undefined && !options.resume) {
    const result = await probe();
    if (!result.available) {
      unsandboxedScript = true;
      (options.warn ?? ((message: string) => process.stderr.write(`${message}\n`)))(
        `note: bubblewrap is not usable here (${result.reason}); the demo's scripted stand-in runs without the sandbox. ` +
          "A real model (--model or a provider key) is refused without it; install bubblewrap (Debian: apt-get install bubblewrap).",
      );
    }
  }
  return runFactory({
    ...DEMO_SETTINGS,
    ...rest,
    ...(unsandboxedScript ? { allowUnsandboxed: true } : {}),
    probeSandbox: probe,
    specPath: join(exampleDir, "SPEC.md"),
    holdoutDir: join(exampleDir, "holdout"),
    visibleDir: join(exampleDir, "scenarios"),
    ...(scripted ? { llm: scripted.llm, env: scripted.env, model: DEMO_MODEL, scripted: true } : realModel !== undefined ? { model: realModel, env } : { env }),
  });
}
