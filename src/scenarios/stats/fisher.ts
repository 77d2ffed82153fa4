/**
 * One-sided Fisher exact test on a 2×2 table of pass/fail counts for two runs:
 *
 *                 pass        fail
 *   baseline      a           K_b − a
 *   current       c           K_c − c
 *
 * With all margins fixed, a ~ Hypergeometric(N = K_b + K_c, successes m = a + c, draws K_b).
 * The p-value for "the current run passes less often than the baseline" is P(A >= a), the same
 * as scipy.stats.fisher_exact([[a, K_b − a], [c, K_c − c]], alternative="greater").
 */
import { lnChoose } from "./normal.js";
import { requireCounts } from "./validate.js";

/** P(A = x) for A ~ Hypergeometric(population, successes, draws). */
export function hypergeometricPmf(x: number, population: number, successes: number, draws: number): number {
  if (x < Math.max(0, draws - (population - successes)) || x > Math.min(draws, successes)) return 0;
  return Math.exp(
    lnChoose(successes, x) + lnChoose(population - successes, draws - x) - lnChoose(population, draws),
  );
}

/** One-sided Fisher exact p-value for a drop from baseline (a of K_b) to current (c of K_c). */
export function fisherDropPValue(
  baselineSatisfied: number,
  baselineTrials: number,
  currentSatisfied: number,
  currentTrials: number,
): number {
  requireCounts("baseline", baselineTrials, baselineSatisfied);
  requireCounts("current", currentTrials, currentSatisfied);
  const population = baselineTrials + currentTrials;
  const successes = baselineSatisfied + currentSatisfied;
  const hi = Math.min(baselineTrials, successes);
  let p = 0;
  for (let x = baselineSatisfied; x <= hi; x++) p += hypergeometricPmf(x, population, successes, baselineTrials);
  return Math.min(1, p);
}
