import { describe, expect, it } from "vitest";
import { satisfaction } from "../stats/index.js";
import { buildRunReport } from "./run-report.js";
import { sampleRun, sampleScenario } from "./sample-run.fixture.js";

// a 5/5, b 4/5, c 3/4 counted (one infrastructure failure excluded): S = (1 + 0.8 + 0.75)/3 = 0.85.
const run = sampleRun([sampleScenario("a", "ppppp", { mustPass: true }), sampleScenario("b", "ppppf"), sampleScenario("c", "pppfx")]);
const reasonOf = (report: ReturnType<typeof buildRunReport>, predicate: string) => report.gate.reasons.find((r) => r.predicate === predicate);

describe("buildRunReport", () => {
  it("counts only product failures against satisfaction and keeps every trial", () => {
    const report = buildRunReport(run, { threshold: 0.5 });
    expect(report).toMatchObject({ v: 1, kind: "lightsout.scenario-run", runId: "run-a", seed: 7, trialsPerScenario: 5, threshold: 0.5, alpha: 0.05 });
    expect(report.attribution).toEqual({ product: 2, twin: 0, judge: 0, infrastructure: 1 });
    const c = report.scenarios[2]!;
    expect(c).toMatchObject({ id: "c", trials: 4, satisfied: 3, rate: 0.75, excluded: { twin: 0, judge: 0, infrastructure: 1 } });
    expect(c.trialDetails).toHaveLength(5);
    expect(report.satisfaction!.value).toBeCloseTo(0.85, 14);
    // The bound is the stats module's (tested there against SciPy) on the counted tallies.
    const expected = satisfaction([
      { id: "a", trials: 5, satisfied: 5 },
      { id: "b", trials: 5, satisfied: 4 },
      { id: "c", trials: 4, satisfied: 3 },
    ]);
    expect(report.satisfaction!.lower).toBe(expected.lowerBound);
    expect(report.satisfaction!.interval).toEqual([expected.interval.lower, expected.interval.upper]);
    expect(report.satisfaction!.upper).toBe(expected.interval.upper);
  });

  it("states the smallest detectable drop on the counted trials", () => {
    // Python (stdlib): bisection of d = z*sqrt((p0*q0 + (p0-d)*(q0+d))/n), p0 = 0.85, n = 14,
    // z = NormalDist().inv_cdf(0.95) + NormalDist().inv_cdf(0.8) -> 0.40656518708610356.
    expect(buildRunReport(run, { threshold: 0.5 }).minimumDetectableDrop).toBeCloseTo(0.40656518708610356, 12);
  });

  it("gives per-scenario Clopper-Pearson intervals and pass@k up to the counted trials", () => {
    const b = buildRunReport(run, { threshold: 0.5 }).scenarios[1]!;
    // 4 of 5, alpha 0.05. Python stdlib: bisection on the binomial tails with math.comb,
    // P(X >= 4 | p) = 0.025 -> 0.28358206388191043, P(X <= 4 | p) = 0.025 -> 0.9949492366205319.
    expect(b.clopperPearson![0]).toBeCloseTo(0.28358, 4);
    expect(b.clopperPearson![1]).toBeCloseTo(0.99495, 4);
    expect(Object.keys(b.passAtK)).toEqual(["1", "2", "3", "5"]);
    expect(b.passAtK["1"]).toBeCloseTo(0.8, 14);
    expect(b.passHatK["5"]).toBe(0);
  });

  it("passes the gate on the stats predicates and the guards, each with a reason", () => {
    const report = buildRunReport(run, { threshold: 0.5 });
    expect(report.gate.passed).toBe(true);
    expect(report.gate.reasons.map((r) => r.predicate)).toEqual([
      "lowerBoundAtLeast",
      "mustPassAllTrials",
      "everyScenarioJudged",
      "excludedShareAtMost",
      "noHoldoutLeaks",
    ]);
    expect(reasonOf(report, "excludedShareAtMost")!.detail).toBe("1 of 15 trials excluded (6.7%) <= 10.0%");
    const strict = buildRunReport(run, { threshold: 0.95 });
    expect(strict.gate.passed).toBe(false);
    expect(reasonOf(strict, "lowerBoundAtLeast")!.passed).toBe(false);
  });

  it("fails when a must-pass scenario fails a trial", () => {
    const report = buildRunReport(sampleRun([sampleScenario("a", "ppppf", { mustPass: true }), sampleScenario("b", "ppppp")]), { threshold: 0.1 });
    expect(report.gate.passed).toBe(false);
    expect(reasonOf(report, "mustPassAllTrials")!.detail).toContain("a (4/5)");
  });

  it("makes a run with too many excluded trials inconclusive: the gate fails", () => {
    const dodging = sampleRun([sampleScenario("a", "pppxx"), sampleScenario("b", "ppppp")]);
    const report = buildRunReport(dodging, { threshold: 0.1 });
    expect(report.satisfaction!.value).toBe(1);
    expect(report.gate.passed).toBe(false);
    expect(reasonOf(report, "excludedShareAtMost")).toMatchObject({ passed: false, detail: "2 of 10 trials excluded (20.0%) > 10.0%: too many non-product failures, the run is inconclusive" });
    expect(buildRunReport(dodging, { threshold: 0.1, maxExcludedShare: 0.2 }).gate.passed).toBe(true);
  });

  it("fails, with a clear reason, when no trial was judged", () => {
    const report = buildRunReport(sampleRun([sampleScenario("a", "xxt"), sampleScenario("b", "jx", { mustPass: true })]), { threshold: 0.1, maxExcludedShare: 1 });
    expect(report.satisfaction).toBeNull();
    expect(report.minimumDetectableDrop).toBeNull();
    expect(report.gate.passed).toBe(false);
    expect(reasonOf(report, "lowerBoundAtLeast")).toMatchObject({ passed: false, detail: expect.stringContaining("no trial was judged on the product") });
    expect(reasonOf(report, "mustPassAllTrials")!.detail).toContain("b (0/0)");
    expect(reasonOf(report, "everyScenarioJudged")).toMatchObject({ passed: false, detail: "no trial was judged on the product for 2 scenario(s): a, b" });
  });

  it("fails when one scenario has no counted trial, even if the rest is perfect", () => {
    const report = buildRunReport(sampleRun([sampleScenario("a", "ppppp"), sampleScenario("b", "ppppp"), sampleScenario("c", "x")]), { threshold: 0.1, maxExcludedShare: 1 });
    expect(report.satisfaction!.value).toBe(1);
    expect(report.scenarios[2]).toMatchObject({ trials: 0, rate: null, clopperPearson: null, passAtK: {} });
    expect(report.gate.passed).toBe(false);
    expect(reasonOf(report, "everyScenarioJudged")!.detail).toContain(": c");
  });

  it("fails on a holdout leak", () => {
    const leaks = [{ source: "workspace/notes.md", scenarioId: "a", kind: "canary" }];
    const report = buildRunReport(run, { threshold: 0.5, leaks });
    expect(report.gate.passed).toBe(false);
    expect(report.leaks).toEqual(leaks);
    expect(reasonOf(report, "noHoldoutLeaks")!.detail).toBe("1 holdout leak(s): canary of a in workspace/notes.md");
  });

  it("compares with a baseline: regression tests, seed-matched McNemar, newly failing", () => {
    const baseline = buildRunReport(sampleRun([sampleScenario("a", "pppppppppp"), sampleScenario("b", "pppppppppp")], { runId: "base" }), { threshold: 0.5 });
    const worse = sampleRun([sampleScenario("a", "pfffffffff"), sampleScenario("b", "pppppppppx")], { runId: "worse" });
    const report = buildRunReport(worse, { threshold: 0.1, baseline });
    expect(report.baseline!.runId).toBe("base");
    expect(report.baseline!.newlyFailing).toEqual(["a"]);
    // Seeds 100..109 in both runs; b's excluded trial has no pair: 19 pairs, 9 pass -> fail.
    expect(report.baseline!.comparison.mcnemar).toMatchObject({ b: 9, c: 0, pairs: 19 });
    expect(report.baseline!.comparison.stratified!.pValue).toBeLessThan(0.05);
    const regression = reasonOf(report, "noSignificantRegression")!;
    expect(regression.passed).toBe(false);
    expect(regression.detail).toContain("McNemar exact: 9 pass→fail vs 0 fail→pass of 19 pairs");

    const same = buildRunReport(sampleRun(baseline.scenarios.map((s) => sampleScenario(s.id, "pppppppppp"))), { threshold: 0.5, baseline });
    expect(reasonOf(same, "noSignificantRegression")!.passed).toBe(true);
    expect(same.baseline!.newlyFailing).toEqual([]);
  });

  it("fails the regression check against a baseline with no judged trial", () => {
    const empty = buildRunReport(sampleRun([sampleScenario("a", "xx")], { runId: "empty" }), { threshold: 0.5 });
    const report = buildRunReport(run, { threshold: 0.5, baseline: empty });
    expect(reasonOf(report, "noSignificantRegression")).toMatchObject({ passed: false, detail: "baseline empty has no judged trial: a regression cannot be ruled out" });
  });

  it("reports the visible/holdout gap and raises the alarm past gapAlarm", () => {
    const visible = sampleRun([sampleScenario("v1", "ppppp"), sampleScenario("v2", "ppppp")]);
    const report = buildRunReport(run, { threshold: 0.5, visible });
    expect(buildRunReport(sampleRun(run.scenarios.slice(0, 1)), { threshold: 0.5, visible }).visible).toEqual({ satisfaction: 1, gap: 0, alarm: false });
    expect(report.visible!.satisfaction).toBe(1);
    expect(report.visible!.gap).toBeCloseTo(0.15, 14);
    expect(buildRunReport(run, { threshold: 0.5, visible, gapAlarm: 0.2 }).visible!.alarm).toBe(false);
    expect(buildRunReport(run, { threshold: 0.5, visible, gapAlarm: 0.1 }).visible!.alarm).toBe(true);
  });

  it("is plain JSON: it survives a round trip unchanged", () => {
    const report = buildRunReport(run, { threshold: 0.5 });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
