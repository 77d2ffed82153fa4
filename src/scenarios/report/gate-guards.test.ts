import { describe, expect, it } from "vitest";
import { lowerBoundAtLeast } from "../stats/index.js";
import { everyScenarioJudged, excludedShareAtMost, noHoldoutLeaks, onJudgedTrials } from "./gate-guards.js";

describe("gate guards", () => {
  it("excludedShareAtMost passes at the limit and fails past it", () => {
    expect(excludedShareAtMost(0.25, 1, 4).evaluate([])).toEqual({ passed: true, detail: "1 of 4 trials excluded (25.0%) <= 25.0%" });
    expect(excludedShareAtMost(0.25, 2, 4).evaluate([]).passed).toBe(false);
    expect(excludedShareAtMost(0.1, 0, 0).evaluate([]).passed).toBe(true);
  });

  it("onJudgedTrials gives the statistics only scenarios with counted trials, and fails when there are none", () => {
    const bound = onJudgedTrials(lowerBoundAtLeast(0.1));
    expect(bound.name).toBe("lowerBoundAtLeast");
    expect(bound.evaluate([{ id: "a", trials: 10, satisfied: 10 }, { id: "b", trials: 0, satisfied: 0 }]).passed).toBe(true);
    expect(bound.evaluate([{ id: "b", trials: 0, satisfied: 0 }])).toMatchObject({ passed: false, detail: expect.stringContaining("no trial was judged") });
  });

  it("everyScenarioJudged names the scenarios without a counted trial", () => {
    expect(everyScenarioJudged().evaluate([{ id: "a", trials: 0, satisfied: 0 }, { id: "b", trials: 2, satisfied: 1 }]).detail).toBe("no trial was judged on the product for 1 scenario(s): a");
  });

  it("noHoldoutLeaks lists the first five leaks and counts the rest", () => {
    const leaks = Array.from({ length: 7 }, (_, i) => ({ source: `notes-${i}.md`, scenarioId: "s", kind: "canary" }));
    const outcome = noHoldoutLeaks(leaks).evaluate([]);
    expect(outcome.passed).toBe(false);
    expect(outcome.detail).toMatch(/^7 holdout leak\(s\): canary of s in notes-0\.md; .*notes-4\.md, and 2 more$/);
    expect(noHoldoutLeaks([]).evaluate([]).passed).toBe(true);
  });
});
