/**
 * Per-scenario k-trial estimators from n trials with c satisfied (unbiased, sampling k of the n
 * trials without replacement):
 *   pass@k = 1 − C(n − c, k) / C(n, k)   — at least one of k trials passes (Chen et al., 2021)
 *   pass^k = C(c, k) / C(n, k)           — all k trials pass (Yao et al., τ-bench, 2024)
 * Both are computed as products, never as factorials, so they stay exact-ish for large n.
 */
import { requireCounts, requireInteger, StatsInputError } from "./validate.js";

function check(trials: number, satisfied: number, k: number): void {
  requireCounts("pass@k", trials, satisfied);
  requireInteger("k", k, 1);
  if (k > trials) throw new StatsInputError(`k (${k}) exceeds the number of trials (${trials})`);
}

/** Unbiased pass@k: 1 − ∏_{i = n−c+1}^{n} (1 − k / i), and 1 when n − c < k. */
export function passAtK(trials: number, satisfied: number, k: number): number {
  check(trials, satisfied, k);
  const failed = trials - satisfied;
  if (failed < k) return 1;
  let allFail = 1;
  for (let i = failed + 1; i <= trials; i++) allFail *= 1 - k / i;
  return 1 - allFail;
}

/** Unbiased pass^k: ∏_{i = 0}^{k−1} (c − i) / (n − i), and 0 when c < k. */
export function passHatK(trials: number, satisfied: number, k: number): number {
  check(trials, satisfied, k);
  if (satisfied < k) return 0;
  let all = 1;
  for (let i = 0; i < k; i++) all *= (satisfied - i) / (trials - i);
  return all;
}

export interface PassAtKRow {
  readonly id: string;
  readonly k: number;
  readonly passAtK: number;
  readonly passHatK: number;
}

/** pass@k and pass^k for each scenario (k must not exceed any scenario's trials). */
export function passAtKByScenario(
  tallies: readonly { id: string; trials: number; satisfied: number }[],
  k: number,
): PassAtKRow[] {
  return tallies.map((t) => ({
    id: t.id,
    k,
    passAtK: passAtK(t.trials, t.satisfied, k),
    passHatK: passHatK(t.trials, t.satisfied, k),
  }));
}
