/**
 * What the factory's three node handlers share: the run's places (workspace, holdouts, run
 * directory), how to start the app, the gate's settings, the stop rules, and where to report.
 * One object made by `runFactory` and given to each handler factory: the handlers keep no state
 * of their own, everything that must survive a crash is in the engine's context (ADR 0110).
 */
import type { FeedbackLevel } from "../../scenarios/holdouts/index.js";
import type { TrialAppOptions } from "../../scenarios/runner/index.js";
import type { Context } from "../../pipeline/index.js";
import { FACTORY_KEYS, type FactoryEvent } from "../factory-events.js";
import type { IterationSummary } from "../iteration.js";
import type { RunRecorder } from "../run-recorder.js";

export interface FactoryStage {
  workspaceDir: string;
  holdoutDir: string;
  visibleDir?: string;
  runDir: string;
  /** The app as the spec says to start it; its cwd is the workspace. */
  app: Omit<TrialAppOptions, "cwd">;
  threshold: number;
  trials: number;
  /** Trials per visible scenario; default 1 (they are a quick check, the holdouts are the gate). */
  visibleTrials: number;
  /** The suite seed: the same every iteration, so iterations are compared seed for seed. */
  seed: number;
  concurrency?: number;
  feedbackLevel: FeedbackLevel;
  maxIterations: number;
  /** Dollars the whole run has spent so far (this process and the ones it resumed). */
  spentUsd(): number;
  /** Set when a budget is spent: the run stops at the next feedback stage. */
  budgetExceeded(): boolean;
  recorder: RunRecorder;
  emit(event: FactoryEvent): void;
  /** Rewrites report.json and report.md with the iterations so far. */
  writeReport(iterations: readonly IterationSummary[]): void;
}

export function iterationOf(context: Context): number {
  const value = Number(context.get(FACTORY_KEYS.iteration, 1));
  return Number.isInteger(value) && value >= 1 ? value : 1;
}

export function iterationsOf(context: Context): IterationSummary[] {
  const value = context.get(FACTORY_KEYS.iterations, []);
  return Array.isArray(value) ? (value as IterationSummary[]) : [];
}
