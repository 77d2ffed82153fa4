/**
 * The release gate as small composable predicates (in the spirit of vercel/ai's stop
 * conditions): each looks at the current run's tallies and says whether it passes and why.
 * `evaluateGate` passes only when every predicate passes (an empty list passes).
 */
import { mcnemarExact, type PairedTrial } from "./mcnemar.js";
import { stratifiedDropTest } from "./regression.js";
import { satisfaction, type ScenarioTally } from "./satisfaction.js";
import { requireProbability, StatsInputError } from "./validate.js";

export interface PredicateOutcome {
  passed: boolean;
  detail: string;
}

export interface GatePredicate {
  readonly name: string;
  evaluate(current: readonly ScenarioTally[]): PredicateOutcome;
}

export interface GateReason {
  predicate: string;
  passed: boolean;
  detail: string;
}

export interface GateVerdict {
  passed: boolean;
  reasons: GateReason[];
}

const fmt = (x: number, digits = 4) => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));

export function evaluateGate(current: readonly ScenarioTally[], predicates: readonly GatePredicate[]): GateVerdict {
  const reasons = predicates.map((p) => ({ predicate: p.name, ...p.evaluate(current) }));
  return { passed: reasons.every((r) => r.passed), reasons };
}

/** The one-sided (1 − alpha) lower bound of S is at least `threshold`. */
export function lowerBoundAtLeast(threshold: number, options: { alpha?: number } = {}): GatePredicate {
  requireProbability("threshold", threshold);
  const alpha = options.alpha ?? 0.05;
  requireProbability("alpha", alpha, true);
  return {
    name: "lowerBoundAtLeast",
    evaluate(current) {
      const s = satisfaction(current, { alpha });
      const passed = s.lowerBound >= threshold;
      return {
        passed,
        detail:
          `satisfaction ${fmt(s.satisfaction)}, one-sided ${fmt(100 * (1 - alpha), 3)}% lower bound ` +
          `${fmt(s.lowerBound)} ${passed ? ">=" : "<"} threshold ${fmt(threshold)}`,
      };
    },
  };
}

/** Every scenario flagged `mustPass` satisfied every one of its trials. */
export function mustPassAllTrials(): GatePredicate {
  return {
    name: "mustPassAllTrials",
    evaluate(current) {
      const must = current.filter((t) => t.mustPass === true);
      const failing = must.filter((t) => t.trials < 1 || t.satisfied !== t.trials);
      if (failing.length === 0) {
        return { passed: true, detail: `all ${must.length} must-pass scenarios passed every trial` };
      }
      const list = failing.map((t) => `${t.id} (${t.satisfied}/${t.trials})`).join(", ");
      return { passed: false, detail: `must-pass scenarios failed a trial: ${list}` };
    },
  };
}

export interface RegressionOptions {
  /** Significance level of each one-sided test; default 0.05. */
  alpha?: number;
  /** Seed-matched trial outcomes; when given, an exact McNemar test also runs. */
  paired?: readonly PairedTrial[];
}

/**
 * The drop from `baseline` is not significant: the stratified one-sided z-test, and (when
 * `paired` is given) the exact one-sided McNemar test, each have p >= alpha.
 */
export function noSignificantRegression(
  baseline: readonly ScenarioTally[],
  options: RegressionOptions = {},
): GatePredicate {
  const alpha = options.alpha ?? 0.05;
  requireProbability("alpha", alpha, true);
  if (baseline.length === 0) throw new StatsInputError("baseline has no scenarios");
  return {
    name: "noSignificantRegression",
    evaluate(current) {
      const t = stratifiedDropTest(baseline, current);
      if (t.matched.length === 0) {
        return { passed: false, detail: "no scenario of the current run matches the baseline" };
      }
      const stratifiedOk = t.pValue >= alpha;
      const parts = [
        `stratified drop ${fmt(t.drop)} (SE ${fmt(t.standardError)}, z ${fmt(t.z)}, one-sided p ${fmt(t.pValue)}` +
          ` over ${t.matched.length} scenarios)`,
      ];
      let mcnemarOk = true;
      if (options.paired !== undefined) {
        const m = mcnemarExact(options.paired);
        mcnemarOk = m.pValue >= alpha;
        parts.push(`McNemar exact: ${m.b} pass→fail vs ${m.c} fail→pass of ${m.pairs} pairs, one-sided p ${fmt(m.pValue)}`);
      }
      if (t.onlyInBaseline.length > 0) parts.push(`not in current run: ${t.onlyInBaseline.join(", ")}`);
      const passed = stratifiedOk && mcnemarOk;
      return { passed, detail: `${passed ? "no significant drop" : "significant drop"} at alpha ${alpha}: ${parts.join("; ")}` };
    },
  };
}
