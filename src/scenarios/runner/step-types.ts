/** What every step kind is given and gives back; the kinds are in http-step.ts, cli-step.ts, ... */
import type { TrialView } from "../expectations/index.js";
import type { Attribution, Matcher, TemplateScope } from "../model.js";
import type { TwinEndpoint } from "./environment.js";
import type { TrialTenant } from "./trial-tenants.js";

export interface StepEnvironment {
  /** The trial's template scope; `captured` grows as steps capture values. */
  scope: TemplateScope;
  /** The app's environment, which `cli` steps get too. */
  env: Record<string, string>;
  app: { kind: "service" | "command"; url: string; cwd?: string };
  tenants: ReadonlyMap<string, TrialTenant>;
  endpoints: ReadonlyMap<string, TwinEndpoint>;
  view: TrialView;
  /** Aborts when the trial's deadline passes or the suite is cancelled; `reason` says which. */
  signal: AbortSignal;
  /** How `expect_status` and `expect_exit` matchers are applied. */
  matchValue: (matcher: Matcher, value: unknown) => boolean;
}

/** A step's result before it becomes a `StepRecord`. */
export interface StepRun {
  ok: boolean;
  error?: string;
  attribution?: Attribution;
  /** What was sent, for the trajectory. */
  request?: unknown;
  /** What `{step}` queries see, and the trajectory shows (truncated). */
  outcome?: unknown;
  /** What `capture` paths are read from: `{response}` for http and twin steps, the outcome for cli, `{match}` for waits. */
  captureRoot?: unknown;
}

export function failed(error: string, attribution: Attribution, extra: Omit<StepRun, "ok" | "error" | "attribution"> = {}): StepRun {
  return { ok: false, error, attribution, ...extra };
}
