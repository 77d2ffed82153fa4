/**
 * Feedback to the agents after an evaluation, at one of three levels:
 *
 * - `none`: nothing;
 * - `category`: how many trials failed, by tag and by attribution, and the satisfaction per tag:
 *   numbers and tag names only, nothing a holdout file says;
 * - `full`: as `category`, plus, for visible scenarios only, their titles, failed expectation
 *   details and verdict reasons.
 *
 * Holdout text never crosses into feedback at any level. Holdout ids, titles, stories, steps and
 * expectation details are never read into the output; and as a second line of defence the
 * finished text is scrubbed of every canary and every run of 12 words of holdout text (a
 * visible scenario may share wording with a holdout one).
 */
import { clipMiddle } from "../expectations/format-value.js";
import type { Attribution, Scenario, ScenarioResult, SuiteRun, Trajectory, TrialSummary } from "../model.js";
import { buildShingleIndex, findWordRuns, scenarioStrings, type ShingleIndex } from "./shingles.js";

export type FeedbackLevel = "none" | "category" | "full";

export interface FeedbackInput {
  run: SuiteRun;
  trajectories: Trajectory[];
  scenarios: Scenario[];
  holdoutIds: Set<string>;
  level: FeedbackLevel;
}

const ATTRIBUTIONS: readonly Attribution[] = ["product", "twin", "judge", "infrastructure"];
const UNTAGGED = "(untagged)";
const OTHER_TAGS = "(other tags)";
const WITHHELD = "[withheld]";

interface Tally {
  weightedRate: number;
  weight: number;
  trials: number;
  satisfied: number;
  excluded: number;
  failed: Map<Attribution, number>;
}

function emptyTally(): Tally {
  return { weightedRate: 0, weight: 0, trials: 0, satisfied: 0, excluded: 0, failed: new Map() };
}

/** A failed trial without an attribution is charged to the product, as the judge would. */
const attributionOf = (trial: TrialSummary): Attribution => trial.attribution ?? "product";

/** Adds one scenario's trials. Satisfaction counts judged trials only: non-product failures are left out. */
function addScenario(tally: Tally, scenario: ScenarioResult): void {
  let judged = 0;
  let satisfied = 0;
  for (const trial of scenario.trials) {
    tally.trials += 1;
    if (trial.satisfied) {
      satisfied += 1;
      judged += 1;
      continue;
    }
    const attribution = attributionOf(trial);
    tally.failed.set(attribution, (tally.failed.get(attribution) ?? 0) + 1);
    if (attribution === "product") judged += 1;
    else tally.excluded += 1;
  }
  tally.satisfied += satisfied;
  if (judged === 0) return;
  const weight = scenario.weight > 0 ? scenario.weight : 1;
  tally.weightedRate += (weight * satisfied) / judged;
  tally.weight += weight;
}

function describeFailures(tally: Tally): string {
  const parts = ATTRIBUTIONS.filter((attribution) => tally.failed.has(attribution)).map((attribution) => `${attribution} ${tally.failed.get(attribution)}`);
  return parts.length > 0 ? parts.join(", ") : "none";
}

function satisfactionOf(tally: Tally): string {
  return tally.weight > 0 ? (tally.weightedRate / tally.weight).toFixed(2) : "n/a";
}

const failedCount = (tally: Tally): number => [...tally.failed.values()].reduce((sum, count) => sum + count, 0);

/** Tag names as they are when they look like tags; anything long or odd is grouped, never shown. */
function displayTag(tag: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N}._:/-]{0,39}$/u.test(tag) && !/lightsout-canary-/i.test(tag) ? tag : OTHER_TAGS;
}

function categorySection(run: SuiteRun): string[] {
  const overall = emptyTally();
  const byTag = new Map<string, Tally>();
  for (const scenario of run.scenarios) {
    addScenario(overall, scenario);
    const tags = new Set(scenario.tags.length > 0 ? scenario.tags.map(displayTag) : [UNTAGGED]);
    for (const tag of tags) {
      const tally = byTag.get(tag) ?? emptyTally();
      addScenario(tally, scenario);
      byTag.set(tag, tally);
    }
  }
  const lines = [
    `Scenario results: ${overall.satisfied} of ${overall.trials} trials satisfied; satisfaction ${satisfactionOf(overall)}` +
      (overall.excluded > 0 ? ` (${overall.excluded === 1 ? "1 trial failed for reasons outside the product and is" : `${overall.excluded} trials failed for reasons outside the product and are`} left out)` : "") +
      ".",
    `Failed trials by cause: ${describeFailures(overall)}.`,
  ];
  if (byTag.size > 0) {
    lines.push("By tag:");
    const sorted = [...byTag.entries()].sort(([leftTag, left], [rightTag, right]) => failedCount(right) - failedCount(left) || (leftTag < rightTag ? -1 : 1));
    for (const [tag, tally] of sorted) {
      const failed = failedCount(tally);
      lines.push(`- ${tag}: satisfaction ${satisfactionOf(tally)}; ${failed === 0 ? "no failed trials" : `${failed} failed trial${failed === 1 ? "" : "s"} (${describeFailures(tally)})`}`);
    }
  }
  return lines;
}

function visibleSection(run: SuiteRun, trajectories: Trajectory[], holdoutIds: Set<string>): string[] {
  const lines: string[] = [];
  for (const scenario of run.scenarios) {
    if (holdoutIds.has(scenario.id)) continue;
    const failedTrials = scenario.trials.filter((trial) => !trial.satisfied);
    if (failedTrials.length === 0) continue;
    const details: string[] = [];
    // Verdict reasons usually quote the failed expectations' details already: each once.
    const add = (line: string, core = line): void => {
      if (!details.some((known) => known.includes(core))) details.push(line);
    };
    for (const trial of failedTrials) for (const reason of trial.reasons) add(reason);
    for (const trajectory of trajectories) {
      if (trajectory.scenarioId !== scenario.id || trajectory.verdict.satisfied) continue;
      for (const expectation of trajectory.expectations) if (!expectation.passed) add(`expectation ${expectation.id}: ${expectation.detail}`, expectation.detail);
    }
    lines.push(`- ${scenario.title} (${scenario.id}): ${failedTrials.length} of ${scenario.trials.length} trials failed`);
    for (const detail of details.slice(0, 8)) lines.push(`  - ${clipMiddle(detail, 300)}`);
    if (details.length > 8) lines.push(`  - and ${details.length - 8} more`);
  }
  return lines.length > 0 ? ["Visible scenarios that failed:", ...lines] : ["Every visible scenario passed every trial."];
}

/** Replaces canaries and runs of 12 words of holdout text with `[withheld]`. */
export function withholdHoldoutText(text: string, holdouts: Scenario[] | ShingleIndex): string {
  const index = Array.isArray(holdouts) ? buildShingleIndex(holdouts.flatMap((scenario, owner) => scenarioStrings(scenario).map((value) => ({ owner, text: value })))) : holdouts;
  // Any canary, whatever its length or set: feedback has no use for one.
  let result = text.replace(/lightsout-canary-[0-9a-f]*/gi, WITHHELD);
  // A replacement can, in theory, join the words around it into a new run: look again.
  for (let pass = 0; pass < 3; pass += 1) {
    const runs = findWordRuns(result, index);
    if (runs.length === 0) return result;
    for (const run of [...runs].sort((left, right) => right.start - left.start)) result = `${result.slice(0, run.start)}${WITHHELD}${result.slice(run.end)}`;
  }
  return result
    .split("\n")
    .filter((line) => findWordRuns(line, index).length === 0)
    .join("\n");
}

/** The feedback text for the agents; empty at level `none`. */
export function buildFeedback(input: FeedbackInput): string {
  const { run, trajectories, scenarios, holdoutIds, level } = input;
  if (level === "none") return "";
  const lines = categorySection(run);
  if (level === "full") lines.push("", ...visibleSection(run, trajectories, holdoutIds));
  return withholdHoldoutText(`${lines.join("\n")}\n`, scenarios.filter((scenario) => holdoutIds.has(scenario.id)));
}

/**
 * The overfitting alarm: satisfaction on the visible scenarios well above that on the holdouts
 * means the agents fit what they can see. `alarm` when the gap exceeds `threshold`.
 */
export function visibleHoldoutGap(visible: { satisfaction: number }, holdout: { satisfaction: number }, threshold = 0.15): { gap: number; alarm: boolean } {
  const gap = visible.satisfaction - holdout.satisfaction;
  // Rounded first, so 0.85 - 0.70 (0.15000000000000002) is not an alarm at 0.15.
  return { gap, alarm: Math.round(gap * 1e9) / 1e9 > threshold };
}
