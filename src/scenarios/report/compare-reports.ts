/**
 * Comparing two run reports, A (before) and B (after), for `lightsout scenarios compare` and the
 * HTML report: per-scenario Fisher tests with Benjamini–Hochberg adjustment, the suite-level
 * regression tests, and the newly failing scenarios, each explained by the first place a failing
 * trial of B parts from A's trial of the same seed (trajectories are loaded on demand).
 */
import type { Trajectory, TrialSummary } from "../model.js";
import type { McNemarResult, StratifiedDropTest } from "../stats/index.js";
import { firstDivergence, type Divergence } from "./divergence.js";
import { compareWithBaseline, type RunReport, type ScenarioReport } from "./run-report.js";
import { chargedTo, isCounted } from "./tallies.js";

export interface ScenarioDelta {
  id: string;
  a: { trials: number; satisfied: number };
  b: { trials: number; satisfied: number };
  /** One-sided Fisher exact p of a drop from A to B. */
  pValue: number;
  /** Benjamini–Hochberg q-value over the matched scenarios. */
  adjustedPValue: number;
  significant: boolean;
  newlyFailing: boolean;
}

export interface NewlyFailingScenario {
  id: string;
  /** The seed of B's first product-failed trial, the one explained. */
  seed: number;
  /** The seed of the A trial it is compared with: the same seed when A ran it, else A's first satisfied trial. */
  baselineSeed?: number;
  /** Undefined when a trajectory could not be loaded or the two agree on everything compared. */
  divergence?: Divergence;
}

export interface RunReportComparison {
  a: { runId: string };
  b: { runId: string };
  alpha: number;
  /** Matched scenarios, most significant drop first. */
  scenarios: ScenarioDelta[];
  /** Satisfied on every counted trial in A and a product failure in B, or a significant drop. */
  newlyFailing: NewlyFailingScenario[];
  onlyInA: string[];
  onlyInB: string[];
  /** In both runs, but one of them has no counted trial of it (every trial excluded): not tested. */
  notCompared: string[];
  satisfaction: { a: number | null; b: number | null; drop: number | null };
  /** Suite-level: the stratified z-test and McNemar on seed-matched trials, each at alpha. */
  regression: { stratified: StratifiedDropTest | null; mcnemar: McNemarResult | null; significant: boolean };
}

export interface CompareRunReportsOptions {
  /** Loads a trial's trajectory, by its `trajectoryFile`, relative to that report's run directory. */
  loadTrajectory?: (report: RunReport, file: string) => Trajectory | undefined;
  /** Default: B's alpha. */
  alpha?: number;
}

/** The A trial to hold a failing B trial against: same seed (counted first), else A's first satisfied trial. */
function counterpart(scenario: ScenarioReport | undefined, seed: number): TrialSummary | undefined {
  if (!scenario) return undefined;
  const sameSeed = scenario.trialDetails.filter((trial) => trial.seed === seed);
  return sameSeed.find(isCounted) ?? sameSeed[0] ?? scenario.trialDetails.find((trial) => trial.satisfied);
}

function explain(a: RunReport, b: RunReport, id: string, options: CompareRunReportsOptions): NewlyFailingScenario | undefined {
  const after = b.scenarios.find((scenario) => scenario.id === id);
  const failing = after?.trialDetails.find((trial) => chargedTo(trial) === "product");
  if (!failing) return undefined;
  const before = counterpart(
    a.scenarios.find((scenario) => scenario.id === id),
    failing.seed,
  );
  const result: NewlyFailingScenario = { id, seed: failing.seed, ...(before ? { baselineSeed: before.seed } : {}) };
  if (!options.loadTrajectory || !before?.trajectoryFile || !failing.trajectoryFile) return result;
  const left = options.loadTrajectory(a, before.trajectoryFile);
  const right = options.loadTrajectory(b, failing.trajectoryFile);
  const divergence = left && right ? firstDivergence(left, right) : undefined;
  return divergence ? { ...result, divergence } : result;
}

export function compareRunReports(a: RunReport, b: RunReport, options: CompareRunReportsOptions = {}): RunReportComparison {
  const alpha = options.alpha ?? b.alpha;
  const comparison = compareWithBaseline(a, b, alpha);
  const scenarios = comparison.scenarios.map(
    (s): ScenarioDelta => ({
      id: s.id,
      a: { trials: s.baseline.trials, satisfied: s.baseline.satisfied },
      b: { trials: s.current.trials, satisfied: s.current.satisfied },
      pValue: s.pValue,
      adjustedPValue: s.qValue,
      significant: s.qValue < alpha,
      newlyFailing: s.newlyFailing,
    }),
  );
  const newlyFailing = comparison.newlyFailing.flatMap((id) => explain(a, b, id, options) ?? []);
  const before = a.satisfaction?.value ?? null;
  const after = b.satisfaction?.value ?? null;
  const { stratified, mcnemar } = comparison;
  const idsA = new Set(a.scenarios.map((scenario) => scenario.id));
  const idsB = new Set(b.scenarios.map((scenario) => scenario.id));
  const matched = new Set(scenarios.map((scenario) => scenario.id));
  return {
    a: { runId: a.runId },
    b: { runId: b.runId },
    alpha,
    scenarios,
    newlyFailing,
    onlyInA: [...idsA].filter((id) => !idsB.has(id)),
    onlyInB: [...idsB].filter((id) => !idsA.has(id)),
    notCompared: [...idsB].filter((id) => idsA.has(id) && !matched.has(id)),
    satisfaction: { a: before, b: after, drop: before !== null && after !== null ? before - after : null },
    regression: {
      stratified,
      mcnemar,
      significant: (stratified !== null && stratified.pValue < alpha) || (mcnemar !== null && mcnemar.pValue < alpha),
    },
  };
}
