/**
 * The trial-count planner: how many trials per scenario a run needs to notice a given drop in
 * satisfaction, and its inverse, the smallest drop a run of a given size can notice.
 *
 * Model (see docs/scenarios/stats.md, "Planning trials"): two independent runs, a baseline at
 * satisfaction p0 and a candidate at p1 = p0 − δ, each of n = K × G trials (G scenarios, equal
 * weights, trials treated as independent Bernoulli draws), compared by a one-sided level-α
 * normal test. With p(1 − p) variance per run,
 *   Var(p̂0 − p̂1) = (p0 q0 + p1 q1) / n,   q = 1 − p,
 * and the test detects δ with power 1 − β when δ = (z_{1−α} + z_{1−β}) √((p0 q0 + p1 q1) / n), so
 *   n = (z_{1−α} + z_{1−β})² (p0 q0 + p1 q1) / δ²,   K = ⌈n / G⌉.
 * Trials within a scenario are usually correlated (design effect > 1, see satisfaction.ts), so
 * this is the least a run needs, not a guarantee.
 */
import { normalQuantile } from "./normal.js";
import { requireInteger, requireProbability, StatsInputError } from "./validate.js";

export interface DropPlanInput {
  /** The satisfaction a good version reaches, in (0, 1]. */
  baseline: number;
  /** The drop to detect, in (0, baseline]. */
  drop: number;
  /** Scenarios in the suite (equal weights). */
  scenarios: number;
  /** One-sided significance level; default 0.05. */
  alpha?: number;
  /** Probability of detecting the drop when it is there; default 0.8. */
  power?: number;
}

export interface DetectableDropInput {
  baseline: number;
  trialsPerScenario: number;
  scenarios: number;
  alpha?: number;
  power?: number;
}

/** z_{1−α} + z_{power}, after checking both levels. */
function zSum(alpha: number, power: number): number {
  requireProbability("alpha", alpha, true);
  requireProbability("power", power, true);
  return normalQuantile(1 - alpha) + normalQuantile(power);
}

function requireBaseline(baseline: number): void {
  if (!(baseline > 0 && baseline <= 1)) throw new StatsInputError(`baseline must be in (0, 1], got ${baseline}`);
}

/** Trials per scenario (at least 1) for a one-sided test to detect `drop` from `baseline` with `power`. */
export function trialsToDetectDrop({ baseline, drop, scenarios, alpha = 0.05, power = 0.8 }: DropPlanInput): number {
  requireBaseline(baseline);
  if (!(drop > 0 && drop <= baseline)) throw new StatsInputError(`drop must be in (0, baseline ${baseline}], got ${drop}`);
  requireInteger("scenarios", scenarios, 1);
  const z = zSum(alpha, power);
  const p1 = baseline - drop;
  const total = (z * z * (baseline * (1 - baseline) + p1 * (1 - p1))) / (drop * drop);
  // The tolerance keeps an exact integer (up to rounding) from being pushed to the next one.
  return Math.max(1, Math.ceil(total / scenarios - 1e-9));
}

/**
 * The smallest drop δ from `baseline` that a run of `trialsPerScenario` × `scenarios` trials
 * detects with `power`: the positive root of δ² = c (p0 q0 + (p0 − δ)(q0 + δ)), c = (z_{1−α} + z_{1−β})² / n,
 *   δ = [c (p0 − q0) + √(c² (p0 − q0)² + 8 c (1 + c) p0 q0)] / (2 (1 + c)).
 * `Infinity` when even a drop to 0 (δ = baseline) is not detectable with that power.
 */
export function minimumDetectableDrop({ baseline, trialsPerScenario, scenarios, alpha = 0.05, power = 0.8 }: DetectableDropInput): number {
  requireBaseline(baseline);
  requireInteger("trialsPerScenario", trialsPerScenario, 1);
  requireInteger("scenarios", scenarios, 1);
  const z = zSum(alpha, power);
  const c = (z * z) / (trialsPerScenario * scenarios);
  const p0q0 = baseline * (1 - baseline);
  const skew = baseline - (1 - baseline);
  const drop = (c * skew + Math.sqrt(c * c * skew * skew + 8 * c * (1 + c) * p0q0)) / (2 * (1 + c));
  return drop <= baseline ? drop : Infinity;
}
