import { describe, expect, it } from "vitest";
import type { Trajectory } from "../model.js";
import { compareRunReports } from "./compare-reports.js";
import { buildRunReport, type RunReport } from "./run-report.js";
import { sampleRun, sampleScenario, sampleStep, sampleTrajectory } from "./sample-run.fixture.js";

const a = buildRunReport(
  sampleRun([sampleScenario("stable", "pppppppppp"), sampleScenario("broken", "ppppp"), sampleScenario("flaky", "ppfpf"), sampleScenario("gone", "ppp")], { runId: "A" }),
  { threshold: 0.5 },
);
const b = buildRunReport(
  sampleRun([sampleScenario("stable", "pppppppppp"), sampleScenario("broken", "pfppp"), sampleScenario("flaky", "pfppf"), sampleScenario("new", "ppp")], { runId: "B" }),
  { threshold: 0.5 },
);

describe("compareRunReports", () => {
  it("tests each matched scenario (Fisher, BH-adjusted) and lists the unmatched", () => {
    const comparison = compareRunReports(a, b);
    expect(comparison.a.runId).toBe("A");
    expect(comparison.onlyInA).toEqual(["gone"]);
    expect(comparison.onlyInB).toEqual(["new"]);
    const broken = comparison.scenarios.find((s) => s.id === "broken")!;
    expect(broken.a).toEqual({ trials: 5, satisfied: 5 });
    expect(broken.b).toEqual({ trials: 5, satisfied: 4 });
    // Fisher one-sided: P(A >= 5) for Hypergeometric(10, 9, 5) = C(9,5)C(1,0)/C(10,5) = 126/252 = 0.5
    // (Python: math.comb(9, 5) / math.comb(10, 5)); BH over 3 scenarios gives q = 1 for all.
    expect(broken.pValue).toBeCloseTo(0.5, 14);
    expect(broken.significant).toBe(false);
    expect(comparison.scenarios.every((s) => s.adjustedPValue >= s.pValue)).toBe(true);
  });

  it("calls a scenario newly failing when it was perfect in A and fails a product trial in B", () => {
    const comparison = compareRunReports(a, b);
    expect(comparison.newlyFailing.map((f) => f.id)).toEqual(["broken"]);
    expect(comparison.newlyFailing[0]).toMatchObject({ id: "broken", seed: 101, baselineSeed: 101 });
    expect(comparison.scenarios.find((s) => s.id === "flaky")!.newlyFailing).toBe(false);
  });

  it("explains a newly failing scenario by the first divergence from the same seed in A", () => {
    const loaded: string[] = [];
    const loadTrajectory = (report: RunReport, file: string): Trajectory | undefined => {
      loaded.push(`${report.runId}:${file}`);
      if (report.runId === "A") return sampleTrajectory("broken", 101);
      return sampleTrajectory("broken", 101, { steps: [sampleStep(0, "create"), sampleStep(1, "announce", { ok: false, outcome: { status: 500 } })] });
    };
    const comparison = compareRunReports(a, b, { loadTrajectory });
    expect(loaded).toEqual(["A:trajectories/broken/1.json", "B:trajectories/broken/1.json"]);
    expect(comparison.newlyFailing[0]!.divergence).toMatchObject({ at: "step 1 (announce)", a: { status: 200 }, b: { status: 500, ok: false } });
  });

  it("falls back to A's first satisfied trial when A never ran that seed", () => {
    const other = buildRunReport(sampleRun([sampleScenario("broken", "pppp")], { runId: "A2" }), { threshold: 0.5 });
    other.scenarios[0]!.trialDetails.forEach((trial) => (trial.seed += 1000));
    const comparison = compareRunReports(other, b);
    expect(comparison.newlyFailing[0]).toMatchObject({ id: "broken", seed: 101, baselineSeed: 1100 });
    expect(comparison.newlyFailing[0]!.divergence).toBeUndefined();
  });

  it("sets apart scenarios both runs have but one never judged", () => {
    const excluded = buildRunReport(sampleRun([sampleScenario("stable", "xxxx"), sampleScenario("broken", "ppppp")], { runId: "X" }), { threshold: 0.5, maxExcludedShare: 1 });
    const comparison = compareRunReports(a, excluded);
    expect(comparison.notCompared).toEqual(["stable"]);
    expect(comparison.onlyInA).toEqual(["flaky", "gone"]);
    expect(comparison.scenarios.map((s) => s.id)).toEqual(["broken"]);
  });

  it("reports the satisfaction drop and whether the suite regressed", () => {
    const same = compareRunReports(a, a);
    expect(same.regression.significant).toBe(false);
    expect(same.satisfaction.drop).toBe(0);
    expect(same.newlyFailing).toEqual([]);

    const worse = buildRunReport(sampleRun([sampleScenario("stable", "pffffffff"), sampleScenario("broken", "fffff")], { runId: "W" }), { threshold: 0.5 });
    const comparison = compareRunReports(a, worse);
    expect(comparison.regression.significant).toBe(true);
    expect(comparison.regression.mcnemar).toMatchObject({ b: 13, c: 0 });
    expect(comparison.satisfaction.drop).toBeCloseTo(a.satisfaction!.value - worse.satisfaction!.value, 14);
    expect(comparison.newlyFailing.map((f) => f.id).sort()).toEqual(["broken", "stable"]);
  });
});
