/**
 * Exact one-sided McNemar test on seed-matched trials. Each pair is one scenario run with the
 * same seed in the baseline and the current run. Discordant pairs: b = baseline pass & current
 * fail, c = baseline fail & current pass. Under "no drop", each discordant pair is equally likely
 * to go either way, so p = P(Binomial(b + c, 1/2) >= b) (1 when b + c = 0).
 */
import { binomialSf } from "./normal.js";
import { StatsInputError } from "./validate.js";

export interface PairedTrial {
  scenario: string;
  seed: string | number;
  baseline: boolean;
  current: boolean;
}

export interface McNemarResult {
  /** Baseline passed, current failed. */
  b: number;
  /** Baseline failed, current passed. */
  c: number;
  pairs: number;
  pValue: number;
}

export function mcnemarExactCounts(b: number, c: number): number {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0) {
    throw new StatsInputError(`McNemar counts must be integers >= 0, got b=${b}, c=${c}`);
  }
  return b + c === 0 ? 1 : binomialSf(b, b + c, 0.5);
}

export function mcnemarExact(pairs: readonly PairedTrial[]): McNemarResult {
  const seen = new Set<string>();
  let b = 0;
  let c = 0;
  for (const pair of pairs) {
    const key = JSON.stringify([pair.scenario, pair.seed]);
    if (seen.has(key)) throw new StatsInputError(`duplicate paired trial ${key}`);
    seen.add(key);
    if (pair.baseline && !pair.current) b++;
    else if (!pair.baseline && pair.current) c++;
  }
  return { b, c, pairs: pairs.length, pValue: mcnemarExactCounts(b, c) };
}
