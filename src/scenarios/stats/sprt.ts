/**
 * Wald's sequential probability ratio test (SPRT) for a Bernoulli satisfaction rate, so a run can
 * stop as soon as the trials so far settle the question instead of always running K trials.
 *
 *   H0: p = p0 (no regression; the test is built for p >= p0)   H1: p = p1 < p0 (a regression)
 *   after n trials with outcomes x_i ∈ {0, 1}:
 *     llr = Σ x_i ln(p1/p0) + (1 − x_i) ln((1 − p1)/(1 − p0))        (log of L(H1) / L(H0))
 *   A = (1 − β)/α, B = β/(1 − α):
 *     llr >= ln A -> accept H1 (regression);  llr <= ln B -> accept H0;  otherwise continue.
 * Wald's bounds keep the error rates at about α (calling a good version a regression) and β
 * (missing a regression to p1). The test stops at its first decision: later outcomes (trials still
 * in flight when it decided) are ignored and the decision stands.
 */
import { requireProbability, StatsInputError } from "./validate.js";

export type SprtDecision = "continue" | "accept-h0" | "accept-h1";

export interface SprtState {
  decision: SprtDecision;
  /** ln(L(H1)/L(H0)) over the trials counted so far; positive leans to a regression. */
  llr: number;
  /** ln B = ln(β/(1 − α)): at or below it, H0 is accepted. */
  lowerBoundary: number;
  /** ln A = ln((1 − β)/α): at or above it, H1 is accepted. */
  upperBoundary: number;
  /** Trials counted (those after a decision are not). */
  n: number;
}

export interface SprtOptions {
  /** The satisfaction of a good version (H0). */
  p0: number;
  /** The satisfaction that counts as a regression (H1), below p0. */
  p1: number;
  /** The chance of accepting H1 when H0 holds. */
  alpha: number;
  /** The chance of accepting H0 when H1 holds. */
  beta: number;
}

export interface Sprt {
  update(satisfied: boolean): SprtState;
  readonly state: SprtState;
}

export function createSprt({ p0, p1, alpha, beta }: SprtOptions): Sprt {
  requireProbability("p0", p0, true);
  requireProbability("p1", p1, true);
  requireProbability("alpha", alpha, true);
  requireProbability("beta", beta, true);
  if (!(p1 < p0)) throw new StatsInputError(`p1 (${p1}) must be below p0 (${p0}): H1 is the regression`);
  if (!(alpha + beta < 1)) throw new StatsInputError(`alpha + beta must be below 1, got ${alpha} + ${beta}`);
  const onSuccess = Math.log(p1 / p0);
  const onFailure = Math.log((1 - p1) / (1 - p0));
  let state: SprtState = {
    decision: "continue",
    llr: 0,
    lowerBoundary: Math.log(beta / (1 - alpha)),
    upperBoundary: Math.log((1 - beta) / alpha),
    n: 0,
  };
  return {
    get state() {
      return { ...state };
    },
    update(satisfied) {
      if (state.decision !== "continue") return { ...state };
      const llr = state.llr + (satisfied ? onSuccess : onFailure);
      const decision: SprtDecision = llr >= state.upperBoundary ? "accept-h1" : llr <= state.lowerBoundary ? "accept-h0" : "continue";
      state = { ...state, llr, decision, n: state.n + 1 };
      return { ...state };
    },
  };
}
