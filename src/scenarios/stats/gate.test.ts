import { describe, expect, it } from "vitest";
import { evaluateGate, lowerBoundAtLeast, mustPassAllTrials, noSignificantRegression } from "./gate.js";
import type { PairedTrial } from "./mcnemar.js";

const t = (id: string, trials: number, satisfied: number, mustPass?: boolean) => ({ id, trials, satisfied, mustPass });
// Worked example of docs/scenarios/stats.md: S = 0.65, one-sided 95% lower bound 0.54692 (see
// satisfaction.test.ts for its reference computation).
const run = [t("a", 10, 10, true), t("b", 10, 9), t("c", 10, 5), t("d", 10, 2)];

describe("evaluateGate", () => {
  it("passes on the lower bound when it clears the threshold", () => {
    expect(evaluateGate(run, [lowerBoundAtLeast(0.54)]).passed).toBe(true);
    const v = evaluateGate(run, [lowerBoundAtLeast(0.55)]);
    expect(v.passed).toBe(false);
    expect(v.reasons[0]).toMatchObject({ predicate: "lowerBoundAtLeast", passed: false });
    expect(v.reasons[0]!.detail).toContain("0.5469");
  });

  it("must-pass scenarios must pass every trial", () => {
    expect(evaluateGate(run, [mustPassAllTrials()]).passed).toBe(true);
    const v = evaluateGate([t("a", 10, 9, true), t("b", 10, 2)], [mustPassAllTrials()]);
    expect(v.passed).toBe(false);
    expect(v.reasons[0]!.detail).toContain("a (9/10)");
  });

  it("combines predicates and reports each", () => {
    const v = evaluateGate(run, [lowerBoundAtLeast(0.9), mustPassAllTrials()]);
    expect(v.passed).toBe(false);
    expect(v.reasons.map((r) => [r.predicate, r.passed])).toEqual([
      ["lowerBoundAtLeast", false],
      ["mustPassAllTrials", true],
    ]);
    expect(evaluateGate(run, []).passed).toBe(true);
  });

  it("flags a significant stratified drop (p = 0.02579, see regression.test.ts)", () => {
    const baseline = [t("a", 10, 10), t("b", 10, 9), t("c", 10, 8)];
    const current = [t("a", 10, 6), t("b", 10, 8), t("c", 10, 7)];
    expect(evaluateGate(current, [noSignificantRegression(baseline)]).passed).toBe(false);
    expect(evaluateGate(current, [noSignificantRegression(baseline, { alpha: 0.01 })]).passed).toBe(true);
    expect(evaluateGate(baseline, [noSignificantRegression(baseline)]).passed).toBe(true);
  });

  it("adds the exact McNemar test on seed-matched pairs (b = 5, c = 0 → p = 1/32)", () => {
    const baseline = [t("a", 20, 20), t("b", 20, 10)];
    const current = [t("a", 20, 15), t("b", 20, 14)]; // stratified: drop 0.025, not significant
    const paired: PairedTrial[] = [];
    for (let seed = 0; seed < 20; seed++) paired.push({ scenario: "a", seed, baseline: true, current: seed >= 5 });
    const withoutPairs = evaluateGate(current, [noSignificantRegression(baseline)]);
    expect(withoutPairs.passed).toBe(true);
    const v = evaluateGate(current, [noSignificantRegression(baseline, { paired })]);
    expect(v.passed).toBe(false);
    expect(v.reasons[0]!.detail).toContain("p 0.03125");
  });

  it("fails when nothing matches the baseline", () => {
    expect(evaluateGate([t("x", 3, 3)], [noSignificantRegression([t("y", 3, 3)])]).passed).toBe(false);
  });
});
