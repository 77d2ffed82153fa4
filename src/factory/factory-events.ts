/**
 * What a factory run tells its watcher (the CLI's progress lines, the server's stream): a
 * discriminated union named `*-start` / `*-end`, like the engine's. Plain data, so it serializes.
 */
import type { IterationSummary, StopReason } from "./iteration.js";

export type FactoryEvent =
  | { type: "factory-start"; runId: string; runDir: string; workspaceDir: string; model: string; scripted: boolean; resumed: boolean; sandboxed: boolean }
  | { type: "iteration-start"; iteration: number }
  | { type: "stage-start"; iteration: number; nodeId: string }
  | { type: "stage-end"; iteration: number; nodeId: string; status: string; spentUsd: number; error?: string }
  | { type: "trial-end"; iteration: number; suite: "holdout" | "visible"; scenarioId: string; satisfied: boolean; done: number; total: number }
  | { type: "visible-end"; iteration: number; satisfaction: number | null; gatePassed: boolean }
  | { type: "iteration-end"; summary: IterationSummary }
  | { type: "factory-end"; status: "shipped" | "not-shipped" | "cancelled"; stopReason: StopReason; spentUsd: number; reportPath: string };

export type FactoryEventListener = (event: FactoryEvent) => void;

/** The context keys the factory's handlers read and write (ADR 0110). */
export const FACTORY_KEYS = {
  /** The iteration in progress, 1-based; the feedback stage moves it on. */
  iteration: "factory.iteration",
  satisfaction: "factory.satisfaction",
  lower: "factory.satisfaction.lower",
  upper: "factory.satisfaction.upper",
  gatePassed: "factory.gate.passed",
  /** IterationSummary[]: checkpointed with the run, so a resumed run keeps its history. */
  iterations: "factory.iterations",
  visibleSatisfaction: "factory.visible.satisfaction",
  visiblePassed: "factory.visible.passed",
  /** Dollars spent by the whole run when the last stage ended (survives a resume). */
  spentUsd: "factory.spent_usd",
  /** "true" once the run must stop without shipping; the reason is in stopReason. */
  stop: "factory.stop",
  stopReason: "factory.stop_reason",
} as const;
