/**
 * The run report: the versioned JSON record of one scenario run (`run.json`), built from the
 * runner's `SuiteRun`. It holds the satisfaction estimate on counted trials only (satisfied +
 * product failures), per-scenario tallies and intervals, the gate verdict with every reason, the
 * comparison with a baseline, the visible/holdout gap and leak findings. JUnit, HTML, the terminal
 * summary and `scenarios compare` all read this, never the raw run. See docs/scenarios/reports.md.
 */
import type { Attribution, ScenarioResult, SuiteRun, TrialSummary } from "../model.js";
import {
  clopperPearson,
  compareRuns,
  evaluateGate,
  lowerBoundAtLeast,
  mcnemarExact,
  minimumDetectableDrop,
  mustPassAllTrials,
  noSignificantRegression,
  passAtK,
  passHatK,
  satisfaction as computeSatisfaction,
  stratifiedDropTest,
  type GatePredicate,
  type GateVerdict,
  type McNemarResult,
  type PairedTrial,
  type RunComparison,
  type ScenarioTally,
  type StratifiedDropTest,
} from "../stats/index.js";
import { everyScenarioJudged, excludedShareAtMost, noHoldoutLeaks, onJudgedTrials, type LeakFindingSummary } from "./gate-guards.js";
import { attributionCounts, countTrials, isCounted, judgedTallies, talliesOf, type ExcludedCounts } from "./tallies.js";

export const RUN_REPORT_VERSION = 1;
export const RUN_REPORT_KIND = "lightsout.scenario-run";
/** The power the report's smallest detectable drop is stated at. */
export const REPORT_POWER = 0.8;

export interface SatisfactionReport {
  value: number;
  /** One-sided (1 − alpha) lower bound: what the gate compares with the threshold. */
  lower: number;
  /** Upper end of the two-sided (1 − alpha) interval. */
  upper: number;
  interval: [number, number];
  standardError: number;
  clusteredStandardError: number | null;
  designEffect: number | null;
  effectiveSampleSize: number;
}

export interface ScenarioReport {
  id: string;
  title: string;
  file: string;
  /** Raw weight, as in the scenario file. */
  weight: number;
  mustPass: boolean;
  tags: string[];
  /** Counted trials: satisfied + product failures. */
  trials: number;
  satisfied: number;
  excluded: ExcludedCounts;
  /** satisfied / trials; null when no trial was counted. */
  rate: number | null;
  /** Two-sided (1 − alpha) Clopper-Pearson interval; null when no trial was counted. */
  clopperPearson: [number, number] | null;
  passAtK: Record<string, number>;
  passHatK: Record<string, number>;
  /** Every trial, excluded ones included. */
  trialDetails: TrialSummary[];
}

export interface BaselineComparison extends RunComparison {
  /** The stratified drop test over matched scenarios; null when either run has no counted trial. */
  stratified: StratifiedDropTest | null;
  /** Exact McNemar on seed-matched counted trials; null when no pair matched. */
  mcnemar: McNemarResult | null;
}

export interface RunReport {
  v: 1;
  kind: "lightsout.scenario-run";
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  app: SuiteRun["app"];
  seed: number;
  trialsPerScenario: number;
  threshold: number;
  alpha: number;
  /** null when no trial was judged on the product. */
  satisfaction: SatisfactionReport | null;
  gate: GateVerdict;
  /** The smallest drop from this satisfaction a run this size detects (power 0.8); null when none is. */
  minimumDetectableDrop: number | null;
  /** Failed trials by attribution: product failures count, the rest are excluded. */
  attribution: Record<Attribution, number>;
  scenarios: ScenarioReport[];
  baseline?: { runId: string; comparison: BaselineComparison; newlyFailing: string[] };
  visible?: { satisfaction: number | null; gap: number | null; alarm: boolean };
  leaks: LeakFindingSummary[];
}

export interface RunReportOptions {
  threshold: number;
  /** Default 0.05. */
  alpha?: number;
  baseline?: RunReport;
  /** The gate fails when more than this share of all trials is excluded; default 0.1. */
  maxExcludedShare?: number;
  leaks?: LeakFindingSummary[];
  /** The visible scenarios' run, for the overfitting gap. */
  visible?: SuiteRun;
  /** The gap (visible − holdout satisfaction) that raises the alarm; default 0.15. */
  gapAlarm?: number;
}

/** k values reported for pass@k and pass^k: these, up to the counted trials, plus the counted trials. */
const PASS_AT_K_VALUES = [1, 2, 3, 5, 10, 20, 50, 100];

function passAtKTable(trials: number, satisfied: number): { passAtK: Record<string, number>; passHatK: Record<string, number> } {
  const ks = [...new Set([...PASS_AT_K_VALUES.filter((k) => k <= trials), ...(trials > 0 ? [trials] : [])])];
  return {
    passAtK: Object.fromEntries(ks.map((k) => [String(k), passAtK(trials, satisfied, k)])),
    passHatK: Object.fromEntries(ks.map((k) => [String(k), passHatK(trials, satisfied, k)])),
  };
}

function scenarioReport(scenario: ScenarioResult, alpha: number): ScenarioReport {
  const { counted, satisfied, excluded } = countTrials(scenario.trials);
  const interval = counted > 0 ? clopperPearson(satisfied, counted, alpha) : undefined;
  return {
    id: scenario.id,
    title: scenario.title,
    file: scenario.file,
    weight: scenario.weight,
    mustPass: scenario.mustPass,
    tags: [...scenario.tags],
    trials: counted,
    satisfied,
    excluded,
    rate: counted > 0 ? satisfied / counted : null,
    clopperPearson: interval ? [interval.lower, interval.upper] : null,
    ...passAtKTable(counted, satisfied),
    trialDetails: scenario.trials.map((trial) => ({ ...trial })),
  };
}

function satisfactionReport(tallies: readonly ScenarioTally[], alpha: number): SatisfactionReport | null {
  const judged = judgedTallies(tallies);
  if (judged.length === 0) return null;
  const s = computeSatisfaction(judged, { alpha });
  return {
    value: s.satisfaction,
    lower: s.lowerBound,
    upper: s.interval.upper,
    interval: [s.interval.lower, s.interval.upper],
    standardError: s.standardError,
    clusteredStandardError: s.clusteredStandardError,
    designEffect: s.designEffect,
    effectiveSampleSize: s.effectiveSampleSize,
  };
}

/** The tallies a report holds, on counted trials, for the statistics. */
export function reportTallies(report: Pick<RunReport, "scenarios">): ScenarioTally[] {
  return report.scenarios.map((s) => ({ id: s.id, weight: s.weight, mustPass: s.mustPass, trials: s.trials, satisfied: s.satisfied }));
}

/**
 * Counted trials of the same scenario run with the same seed in both reports, one pair per
 * (scenario, seed): the first of each in trial order.
 */
export function seedMatchedPairs(baseline: Pick<RunReport, "scenarios">, current: Pick<RunReport, "scenarios">): PairedTrial[] {
  const baselineById = new Map(baseline.scenarios.map((s) => [s.id, s]));
  const pairs: PairedTrial[] = [];
  for (const scenario of current.scenarios) {
    const before = baselineById.get(scenario.id);
    if (!before) continue;
    const bySeed = new Map<number, boolean>();
    for (const trial of before.trialDetails) if (isCounted(trial) && !bySeed.has(trial.seed)) bySeed.set(trial.seed, trial.satisfied);
    const paired = new Set<number>();
    for (const trial of scenario.trialDetails) {
      const outcome = bySeed.get(trial.seed);
      if (outcome === undefined || !isCounted(trial) || paired.has(trial.seed)) continue;
      paired.add(trial.seed);
      pairs.push({ scenario: scenario.id, seed: trial.seed, baseline: outcome, current: trial.satisfied });
    }
  }
  return pairs;
}

/** compareRuns plus the stratified test and McNemar, on the counted trials of both reports. */
export function compareWithBaseline(baseline: Pick<RunReport, "scenarios">, current: Pick<RunReport, "scenarios">, alpha: number): BaselineComparison {
  const before = judgedTallies(reportTallies(baseline));
  const after = judgedTallies(reportTallies(current));
  const pairs = seedMatchedPairs(baseline, current);
  return {
    ...compareRuns(before, after, { alpha }),
    stratified: before.length > 0 && after.length > 0 ? stratifiedDropTest(before, after) : null,
    mcnemar: pairs.length > 0 ? mcnemarExact(pairs) : null,
  };
}

function regressionPredicate(baseline: RunReport, paired: PairedTrial[], alpha: number): GatePredicate {
  const before = judgedTallies(reportTallies(baseline));
  if (before.length === 0) {
    return {
      name: "noSignificantRegression",
      evaluate: () => ({ passed: false, detail: `baseline ${baseline.runId} has no judged trial: a regression cannot be ruled out` }),
    };
  }
  return onJudgedTrials(noSignificantRegression(before, { alpha, ...(paired.length > 0 ? { paired } : {}) }));
}

function detectableDrop(value: SatisfactionReport | null, countedTrials: number, alpha: number): number | null {
  if (value === null || value.value <= 0 || countedTrials < 1) return null;
  // Only n = K × G enters the planner, so the run's counted trials stand in as K with G = 1.
  const drop = minimumDetectableDrop({ baseline: value.value, trialsPerScenario: countedTrials, scenarios: 1, alpha, power: REPORT_POWER });
  return Number.isFinite(drop) ? drop : null;
}

function visibleGap(visible: SuiteRun, holdout: SatisfactionReport | null, alpha: number, gapAlarm: number): RunReport["visible"] {
  const visibleSatisfaction = satisfactionReport(talliesOf(visible.scenarios), alpha)?.value ?? null;
  const gap = visibleSatisfaction !== null && holdout !== null ? visibleSatisfaction - holdout.value : null;
  return { satisfaction: visibleSatisfaction, gap, alarm: gap !== null && gap > gapAlarm };
}

export function buildRunReport(run: SuiteRun, options: RunReportOptions): RunReport {
  const alpha = options.alpha ?? 0.05;
  const maxExcludedShare = options.maxExcludedShare ?? 0.1;
  const leaks = (options.leaks ?? []).map((leak) => ({ source: leak.source, scenarioId: leak.scenarioId, kind: leak.kind }));
  const scenarios = run.scenarios.map((scenario) => scenarioReport(scenario, alpha));
  const tallies = talliesOf(run.scenarios);
  const satisfaction = satisfactionReport(tallies, alpha);
  const attribution = attributionCounts(run.scenarios);
  const totalTrials = run.scenarios.reduce((sum, scenario) => sum + scenario.trials.length, 0);
  const excludedTrials = attribution.twin + attribution.judge + attribution.infrastructure;
  const countedTrials = totalTrials - excludedTrials;

  const current = { scenarios };
  const paired = options.baseline ? seedMatchedPairs(options.baseline, current) : [];
  const predicates: GatePredicate[] = [
    onJudgedTrials(lowerBoundAtLeast(options.threshold, { alpha })),
    mustPassAllTrials(),
    ...(options.baseline ? [regressionPredicate(options.baseline, paired, alpha)] : []),
    everyScenarioJudged(),
    excludedShareAtMost(maxExcludedShare, excludedTrials, totalTrials),
    noHoldoutLeaks(leaks),
  ];
  const gate = evaluateGate(tallies, predicates);

  const report: RunReport = {
    v: RUN_REPORT_VERSION,
    kind: RUN_REPORT_KIND,
    runId: run.runId,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: run.durationMs,
    app: { ...run.app },
    seed: run.seed,
    trialsPerScenario: run.trialsPerScenario,
    threshold: options.threshold,
    alpha,
    satisfaction,
    gate,
    minimumDetectableDrop: detectableDrop(satisfaction, countedTrials, alpha),
    attribution,
    scenarios,
    leaks,
  };
  if (options.baseline) {
    const comparison = compareWithBaseline(options.baseline, current, alpha);
    report.baseline = { runId: options.baseline.runId, comparison, newlyFailing: comparison.newlyFailing };
  }
  if (options.visible) report.visible = visibleGap(options.visible, satisfaction, alpha, options.gapAlarm ?? 0.15);
  return report;
}
