/**
 * Comparing two runs scenario by scenario: a one-sided Fisher exact test of a drop per scenario,
 * Benjamini–Hochberg q-values across scenarios, and the newly failing scenarios: those with
 * q < alpha, or that passed every baseline trial and not every current one.
 */
import { benjaminiHochberg } from "./benjamini-hochberg.js";
import { fisherDropPValue } from "./fisher.js";
import { normalizeWeights, type ScenarioTally } from "./satisfaction.js";
import { requireProbability } from "./validate.js";

export interface RunCounts {
  trials: number;
  satisfied: number;
  rate: number;
}

export interface ScenarioComparison {
  id: string;
  baseline: RunCounts;
  current: RunCounts;
  /** baseline rate − current rate (positive = worse now). */
  drop: number;
  pValue: number;
  qValue: number;
  /** The scenario passed every baseline trial and fails at least one now. */
  brokeFromPerfect: boolean;
  newlyFailing: boolean;
}

export interface RunComparison {
  alpha: number;
  /** Matched scenarios, most significant drop first (q, then p, then drop, then id). */
  scenarios: ScenarioComparison[];
  newlyFailing: string[];
  onlyInBaseline: string[];
  onlyInCurrent: string[];
}

const counts = (t: ScenarioTally): RunCounts => ({ trials: t.trials, satisfied: t.satisfied, rate: t.satisfied / t.trials });

export function compareRuns(
  baseline: readonly ScenarioTally[],
  current: readonly ScenarioTally[],
  options: { alpha?: number } = {},
): RunComparison {
  const alpha = options.alpha ?? 0.05;
  requireProbability("alpha", alpha, true);
  if (baseline.length > 0) normalizeWeights(baseline); // validation only
  if (current.length > 0) normalizeWeights(current);
  const base = new Map(baseline.map((t) => [t.id, t]));
  const cur = new Set(current.map((t) => t.id));
  const matched = current.flatMap((c) => {
    const b = base.get(c.id);
    return b ? [{ b, c }] : [];
  });
  const pValues = matched.map(({ b, c }) => fisherDropPValue(b.satisfied, b.trials, c.satisfied, c.trials));
  const qValues = benjaminiHochberg(pValues);
  const scenarios = matched.map(({ b, c }, i): ScenarioComparison => {
    const brokeFromPerfect = b.satisfied === b.trials && c.satisfied < c.trials;
    const qValue = qValues[i]!;
    return {
      id: c.id,
      baseline: counts(b),
      current: counts(c),
      drop: b.satisfied / b.trials - c.satisfied / c.trials,
      pValue: pValues[i]!,
      qValue,
      brokeFromPerfect,
      newlyFailing: qValue < alpha || brokeFromPerfect,
    };
  });
  scenarios.sort(
    (x, y) => x.qValue - y.qValue || x.pValue - y.pValue || y.drop - x.drop || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
  return {
    alpha,
    scenarios,
    newlyFailing: scenarios.filter((s) => s.newlyFailing).map((s) => s.id),
    onlyInBaseline: baseline.filter((t) => !cur.has(t.id)).map((t) => t.id),
    onlyInCurrent: current.filter((t) => !base.has(t.id)).map((t) => t.id),
  };
}
