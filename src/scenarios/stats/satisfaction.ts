/**
 * Suite satisfaction S = Σ w_i c_i/K_i with its uncertainty. See docs/scenarios/stats.md and
 * ADR 0080 for the formulas and why they were chosen.
 */
import { normalQuantile } from "./normal.js";
import { requireCounts, requireProbability, StatsInputError } from "./validate.js";
import { wilsonInterval } from "./wilson.js";
import type { Interval } from "./clopper-pearson.js";

export interface ScenarioTally {
  id: string;
  /** Relative weight (> 0); defaults to 1. Weights are normalized to sum to 1. */
  weight?: number;
  trials: number;
  satisfied: number;
  mustPass?: boolean;
}

export interface SatisfactionOptions {
  /** Two-sided interval level is 1 − alpha, one-sided lower bound level is 1 − alpha. Default 0.05. */
  alpha?: number;
}

export interface SatisfactionSummary {
  /** S = Σ w_i c_i/K_i. */
  satisfaction: number;
  /** S̃ = Σ w_i p̃_i with p̃_i = (c_i + 1/2)/(K_i + 1). */
  smoothedSatisfaction: number;
  /** Fixed-suite SE: √(Σ w_i² p̃_i(1 − p̃_i)/K_i). */
  standardError: number;
  /** n_eff = S̃(1 − S̃)/SE². */
  effectiveSampleSize: number;
  /** Two-sided (1 − alpha) Wilson interval for S on n_eff. */
  interval: Interval;
  /** One-sided (1 − alpha) Wilson lower bound for S on n_eff. */
  lowerBound: number;
  alpha: number;
  /** Cluster-robust SE (scenarios as clusters); null with fewer than two scenarios. */
  clusteredStandardError: number | null;
  /** SE if every trial were an independent Bernoulli(S): √(S(1 − S) Σ w_i²/K_i). */
  iidStandardError: number;
  /** clusteredSE² / iidSE²; null when either is undefined or iidSE = 0. */
  designEffect: number | null;
  /** The normalized weights, in input order. */
  weights: { id: string; weight: number }[];
  scenarios: number;
  trials: number;
}

/** Validates tallies and returns weights normalized to sum 1 (equal when none are given). */
export function normalizeWeights(tallies: readonly ScenarioTally[]): number[] {
  if (tallies.length === 0) throw new StatsInputError("no scenarios");
  const seen = new Set<string>();
  for (const t of tallies) {
    if (seen.has(t.id)) throw new StatsInputError(`duplicate scenario id ${JSON.stringify(t.id)}`);
    seen.add(t.id);
    requireCounts(`scenario ${t.id}`, t.trials, t.satisfied);
    const w = t.weight ?? 1;
    if (!(w > 0) || !Number.isFinite(w)) {
      throw new StatsInputError(`scenario ${t.id}: weight must be finite and > 0, got ${w}`);
    }
  }
  const raw = tallies.map((t) => t.weight ?? 1);
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

/** p̃ = (c + 1/2)/(K + 1): the Jeffreys-prior posterior mean, never 0 or 1. */
export function smoothedRate(satisfied: number, trials: number): number {
  return (satisfied + 0.5) / (trials + 1);
}

export function satisfaction(tallies: readonly ScenarioTally[], options: SatisfactionOptions = {}): SatisfactionSummary {
  const alpha = options.alpha ?? 0.05;
  requireProbability("alpha", alpha, true);
  const w = normalizeWeights(tallies);
  let s = 0;
  let sTilde = 0;
  let variance = 0;
  let sumW2OverK = 0;
  let trials = 0;
  tallies.forEach((t, i) => {
    const wi = w[i]!;
    const pt = smoothedRate(t.satisfied, t.trials);
    s += (wi * t.satisfied) / t.trials;
    sTilde += wi * pt;
    variance += (wi * wi * pt * (1 - pt)) / t.trials;
    sumW2OverK += (wi * wi) / t.trials;
    trials += t.trials;
  });
  s = Math.min(1, Math.max(0, s));
  const standardError = Math.sqrt(variance);
  const effectiveSampleSize = (sTilde * (1 - sTilde)) / variance;
  const interval = wilsonInterval(s, effectiveSampleSize, normalQuantile(1 - alpha / 2));
  const lowerBound = wilsonInterval(s, effectiveSampleSize, normalQuantile(1 - alpha)).lower;

  const clusteredStandardError = clusteredSe(tallies, w, s);
  const iidStandardError = Math.sqrt(s * (1 - s) * sumW2OverK);
  const designEffect =
    clusteredStandardError === null || iidStandardError === 0
      ? null
      : (clusteredStandardError * clusteredStandardError) / (iidStandardError * iidStandardError);

  return {
    satisfaction: s,
    smoothedSatisfaction: sTilde,
    standardError,
    effectiveSampleSize,
    interval,
    lowerBound,
    alpha,
    clusteredStandardError,
    iidStandardError,
    designEffect,
    weights: tallies.map((t, i) => ({ id: t.id, weight: w[i]! })),
    scenarios: tallies.length,
    trials,
  };
}

/**
 * CR1 cluster-robust SE of S viewed as a weighted mean of trial outcomes y_ij with trial weights
 * v_ij = w_i/K_i (Σ v = 1): Var = G/(G − 1) · Σ_i (Σ_j v_ij (y_ij − S))² = G/(G − 1) · Σ_i w_i² (p_i − S)².
 */
function clusteredSe(tallies: readonly ScenarioTally[], w: readonly number[], s: number): number | null {
  const g = tallies.length;
  if (g < 2) return null;
  let sum = 0;
  tallies.forEach((t, i) => {
    const d = w[i]! * (t.satisfied / t.trials - s);
    sum += d * d;
  });
  return Math.sqrt((g / (g - 1)) * sum);
}
