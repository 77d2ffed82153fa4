/**
 * Gate predicates beyond the statistics (ADR 0084). The statistical predicates see only the
 * counted trials (satisfied + product failures), so an app could dodge judgement by failing in a
 * way that is not charged to it (not starting under the holdouts, crashing the twins): these
 * guards make such a run inconclusive, and a gate on an inconclusive run fails.
 */
import type { GatePredicate, ScenarioTally } from "../stats/index.js";

export interface LeakFindingSummary {
  source: string;
  scenarioId: string;
  kind: string;
}

const percent = (share: number): string => `${(100 * share).toFixed(1)}%`;

/**
 * Runs `predicate` on the scenarios with at least one counted trial; with none, fails: there is
 * no satisfaction to gate on, and "nothing was judged" must never read as a pass.
 */
export function onJudgedTrials(predicate: GatePredicate): GatePredicate {
  return {
    name: predicate.name,
    evaluate(current) {
      const judged = current.filter((tally) => tally.trials > 0);
      if (judged.length === 0) {
        return { passed: false, detail: "no trial was judged on the product (every trial was excluded or none ran): satisfaction is undefined" };
      }
      return predicate.evaluate(judged);
    },
  };
}

/** Every scenario has at least one counted trial (otherwise it silently drops out of satisfaction). */
export function everyScenarioJudged(): GatePredicate {
  return {
    name: "everyScenarioJudged",
    evaluate(current: readonly ScenarioTally[]) {
      const unjudged = current.filter((tally) => tally.trials < 1).map((tally) => tally.id);
      if (unjudged.length === 0) return { passed: true, detail: `all ${current.length} scenarios have at least one counted trial` };
      return { passed: false, detail: `no trial was judged on the product for ${unjudged.length} scenario(s): ${unjudged.join(", ")}` };
    },
  };
}

/** The share of trials excluded (twin, judge, infrastructure failures) is at most `maxShare`. */
export function excludedShareAtMost(maxShare: number, excluded: number, total: number): GatePredicate {
  return {
    name: "excludedShareAtMost",
    evaluate() {
      const share = total === 0 ? 0 : excluded / total;
      const passed = share <= maxShare;
      const detail = `${excluded} of ${total} trials excluded (${percent(share)}) ${passed ? "<=" : ">"} ${percent(maxShare)}`;
      return { passed, detail: passed ? detail : `${detail}: too many non-product failures, the run is inconclusive` };
    },
  };
}

/** No holdout text or canary was found where the agents work. */
export function noHoldoutLeaks(leaks: readonly LeakFindingSummary[]): GatePredicate {
  return {
    name: "noHoldoutLeaks",
    evaluate() {
      if (leaks.length === 0) return { passed: true, detail: "no holdout leak found" };
      const shown = leaks.slice(0, 5).map((leak) => `${leak.kind} of ${leak.scenarioId} in ${leak.source}`);
      const more = leaks.length > 5 ? `, and ${leaks.length - 5} more` : "";
      return { passed: false, detail: `${leaks.length} holdout leak(s): ${shown.join("; ")}${more}` };
    },
  };
}
