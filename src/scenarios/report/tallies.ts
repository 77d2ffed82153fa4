/**
 * Who a trial counts for. Only product failures count against satisfaction: a trial is counted
 * when it was satisfied or failed on the product; twin, judge and infrastructure failures are
 * excluded (they say nothing about the app). A failed trial with no attribution is charged to the
 * product, so a judge that forgets to attribute cannot make failures disappear.
 */
import type { Attribution, ScenarioResult, TrialSummary } from "../model.js";
import type { ScenarioTally } from "../stats/index.js";

export type ExcludedAttribution = Exclude<Attribution, "product">;
export type ExcludedCounts = Record<ExcludedAttribution, number>;

export const ATTRIBUTIONS: readonly Attribution[] = ["product", "twin", "judge", "infrastructure"];

/** The attribution a failed trial is charged to; undefined for a satisfied one. */
export function chargedTo(trial: Pick<TrialSummary, "satisfied" | "attribution">): Attribution | undefined {
  if (trial.satisfied) return undefined;
  return trial.attribution ?? "product";
}

/** Satisfied, or failed on the product: the trials satisfaction is computed on. */
export function isCounted(trial: Pick<TrialSummary, "satisfied" | "attribution">): boolean {
  return trial.satisfied || chargedTo(trial) === "product";
}

export interface TrialCounts {
  /** satisfied + product failures. */
  counted: number;
  satisfied: number;
  excluded: ExcludedCounts;
}

export function countTrials(trials: readonly TrialSummary[]): TrialCounts {
  const excluded: ExcludedCounts = { twin: 0, judge: 0, infrastructure: 0 };
  let counted = 0;
  let satisfied = 0;
  for (const trial of trials) {
    const charge = chargedTo(trial);
    if (trial.satisfied) satisfied += 1;
    if (charge === undefined || charge === "product") counted += 1;
    else excluded[charge] += 1;
  }
  return { counted, satisfied, excluded };
}

/** Failed trials by attribution, over every scenario. */
export function attributionCounts(scenarios: readonly Pick<ScenarioResult, "trials">[]): Record<Attribution, number> {
  const counts: Record<Attribution, number> = { product: 0, twin: 0, judge: 0, infrastructure: 0 };
  for (const scenario of scenarios) {
    for (const trial of scenario.trials) {
      const charge = chargedTo(trial);
      if (charge) counts[charge] += 1;
    }
  }
  return counts;
}

/** One tally per scenario on its counted trials (trials may be 0: callers filter before the statistics). */
export function talliesOf(scenarios: readonly ScenarioResult[]): ScenarioTally[] {
  return scenarios.map((scenario) => {
    const { counted, satisfied } = countTrials(scenario.trials);
    return { id: scenario.id, weight: scenario.weight, mustPass: scenario.mustPass, trials: counted, satisfied };
  });
}

/** Only the tallies with at least one counted trial: the statistics need K >= 1. */
export function judgedTallies(tallies: readonly ScenarioTally[]): ScenarioTally[] {
  return tallies.filter((tally) => tally.trials > 0);
}
