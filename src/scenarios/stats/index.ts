/** Pure statistics for scenario runs: satisfaction, intervals, pass@k, the gate and run comparison. */
export { StatsInputError } from "./validate.js";
export {
  lnGamma,
  lnChoose,
  normalCdf,
  normalSf,
  normalQuantile,
  regularizedBeta,
  betaQuantile,
  binomialPmf,
  binomialCdf,
  binomialSf,
} from "./normal.js";
export { wilsonInterval } from "./wilson.js";
export { clopperPearson, clopperPearsonLower, type Interval } from "./clopper-pearson.js";
export {
  satisfaction,
  normalizeWeights,
  smoothedRate,
  type ScenarioTally,
  type SatisfactionOptions,
  type SatisfactionSummary,
} from "./satisfaction.js";
export { passAtK, passHatK, passAtKByScenario, type PassAtKRow } from "./pass-at-k.js";
export { fisherDropPValue, hypergeometricPmf } from "./fisher.js";
export { benjaminiHochberg } from "./benjamini-hochberg.js";
export { mcnemarExact, mcnemarExactCounts, type PairedTrial, type McNemarResult } from "./mcnemar.js";
export { stratifiedDropTest, type StratifiedDropTest } from "./regression.js";
export {
  evaluateGate,
  lowerBoundAtLeast,
  mustPassAllTrials,
  noSignificantRegression,
  type GatePredicate,
  type GateReason,
  type GateVerdict,
  type PredicateOutcome,
  type RegressionOptions,
} from "./gate.js";
export { compareRuns, type RunComparison, type ScenarioComparison, type RunCounts } from "./compare.js";
export { trialsToDetectDrop, minimumDetectableDrop, type DropPlanInput, type DetectableDropInput } from "./planner.js";
export { createSprt, type Sprt, type SprtDecision, type SprtOptions, type SprtState } from "./sprt.js";
