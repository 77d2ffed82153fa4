/**
 * One iteration of the factory as a small, plain record: what the holdouts made of the code the
 * agents left in the workspace, what it cost, and which scenarios got worse than the iteration
 * before. The commit message, the report and the store all read this one shape.
 */
import type { RunReport } from "../scenarios/report/index.js";

/** Why a run ended. */
export type StopReason = "gate-passed" | "max-iterations" | "budget" | "pipeline-failed" | "cancelled";

export interface IterationSummary {
  iteration: number;
  /** null when no trial was judged on the product (the app never started, say). */
  satisfaction: number | null;
  lower: number | null;
  upper: number | null;
  gatePassed: boolean;
  /** The gate's failed reasons, as the report words them (no holdout text: ids and numbers). */
  gateReasons: string[];
  /** Holdout scenarios satisfied less often than in the iteration before (by id). */
  regressions: string[];
  /** Per holdout scenario: satisfied / counted trials. */
  scenarios: { id: string; satisfied: number; trials: number }[];
  visible: { satisfaction: number | null; passed: boolean } | null;
  /** Dollars this iteration's stages spent, and the run's total when it ended. */
  costUsd: number;
  spentUsd: number;
  commit: string;
  filesChanged: string[];
  leaks: number;
}

/** The scenarios whose satisfied share dropped from `before` to `after`. */
export function findRegressions(before: IterationSummary | undefined, after: RunReport): string[] {
  if (!before) return [];
  const previous = new Map(before.scenarios.map((scenario) => [scenario.id, scenario]));
  return after.scenarios
    .filter((scenario) => {
      const was = previous.get(scenario.id);
      if (!was || was.trials === 0 || scenario.trials === 0) return false;
      return scenario.satisfied / scenario.trials < was.satisfied / was.trials;
    })
    .map((scenario) => scenario.id);
}

export function formatInterval(value: number | null, lower: number | null, upper: number | null): string {
  if (value === null) return "n/a (no trial judged on the product)";
  return `${value.toFixed(2)} [${(lower ?? 0).toFixed(2)}, ${(upper ?? 1).toFixed(2)}]`;
}

/** "satisfaction 0.62 [0.41, 0.79], gate failed" */
export function satisfactionPhrase(summary: Pick<IterationSummary, "satisfaction" | "lower" | "upper" | "gatePassed">): string {
  return `satisfaction ${formatInterval(summary.satisfaction, summary.lower, summary.upper)}, gate ${summary.gatePassed ? "passed" : "failed"}`;
}

export function summarizeReport(iteration: number, report: RunReport, previous: IterationSummary | undefined): Omit<IterationSummary, "costUsd" | "spentUsd" | "commit" | "filesChanged" | "visible"> {
  return {
    iteration,
    satisfaction: report.satisfaction?.value ?? null,
    lower: report.satisfaction?.lower ?? null,
    upper: report.satisfaction?.upper ?? null,
    gatePassed: report.gate.passed,
    gateReasons: report.gate.reasons.filter((reason) => !reason.passed).map((reason) => `${reason.predicate}: ${reason.detail}`),
    regressions: findRegressions(previous, report),
    scenarios: report.scenarios.map((scenario) => ({ id: scenario.id, satisfied: scenario.satisfied, trials: scenario.trials })),
    leaks: report.leaks.length,
  };
}
