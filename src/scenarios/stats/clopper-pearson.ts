/**
 * Clopper-Pearson ("exact") binomial intervals for one scenario's x satisfied trials out of n,
 * by the beta-quantile form:
 *   lower = B(α/2; x, n − x + 1)  (0 when x = 0)
 *   upper = B(1 − α/2; x + 1, n − x)  (1 when x = n)
 * and the one-sided lower bound B(α; x, n − x + 1).
 */
import { betaQuantile } from "./normal.js";
import { requireCounts, requireProbability } from "./validate.js";

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** Two-sided (1 − alpha) Clopper-Pearson interval; alpha defaults to 0.05. */
export function clopperPearson(satisfied: number, trials: number, alpha = 0.05): Interval {
  requireCounts("clopperPearson", trials, satisfied);
  requireProbability("alpha", alpha, true);
  const lower = satisfied === 0 ? 0 : betaQuantile(alpha / 2, satisfied, trials - satisfied + 1);
  const upper = satisfied === trials ? 1 : betaQuantile(1 - alpha / 2, satisfied + 1, trials - satisfied);
  return { lower, upper };
}

/** One-sided (1 − alpha) Clopper-Pearson lower bound; alpha defaults to 0.05. */
export function clopperPearsonLower(satisfied: number, trials: number, alpha = 0.05): number {
  requireCounts("clopperPearsonLower", trials, satisfied);
  requireProbability("alpha", alpha, true);
  return satisfied === 0 ? 0 : betaQuantile(alpha, satisfied, trials - satisfied + 1);
}
