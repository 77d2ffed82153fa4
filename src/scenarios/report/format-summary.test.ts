import { describe, expect, it } from "vitest";
import { compareRunReports } from "./compare-reports.js";
import { formatComparison, formatRunSummary } from "./format-summary.js";
import { buildRunReport } from "./run-report.js";
import { sampleRun, sampleScenario, sampleStep, sampleTrajectory } from "./sample-run.fixture.js";

const run = sampleRun([sampleScenario("checkout", "ppppp", { mustPass: true }), sampleScenario("search", "ppfpx")]);

describe("formatRunSummary", () => {
  it("leads with satisfaction, its bounds and the verdict, then one line per scenario", () => {
    const report = buildRunReport(run, { threshold: 0.5, maxExcludedShare: 0.2 });
    const s = report.satisfaction!;
    const lines = formatRunSummary(report);
    expect(lines[0]).toBe(`satisfaction ${s.value.toFixed(3)} [lower ${s.lower.toFixed(3)}, upper ${s.upper.toFixed(3)}] vs threshold 0.5: PASS`);
    expect(lines[1]).toBe("✓ checkout  5/5 (must-pass)");
    expect(lines[2]).toBe("✗ search    3/4 (1 excluded)");
    expect(lines).toContain("failed trials: 1 product (counted); excluded: 0 twin, 0 judge, 1 infrastructure of 10 trials");
    expect(lines.some((line) => line.startsWith("smallest detectable drop: 0."))).toBe(true);
  });

  it("lists the failing gate reasons, and only those", () => {
    const lines = formatRunSummary(buildRunReport(run, { threshold: 0.99 }));
    expect(lines[0]).toMatch(/: FAIL$/);
    const failing = lines.filter((line) => line.startsWith("gate: ✗"));
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatch(/^gate: ✗ lowerBoundAtLeast: satisfaction 0\.875, one-sided 95% lower bound 0\.\d+ < threshold 0\.99$/);
  });

  it("says why there is no number when nothing was judged", () => {
    const lines = formatRunSummary(buildRunReport(sampleRun([sampleScenario("a", "xx")]), { threshold: 0.5 }));
    expect(lines[0]).toBe("satisfaction undefined (no trial was judged on the product) vs threshold 0.5: FAIL");
    expect(lines).toContain("smallest detectable drop: none (no judged trial)");
    expect(lines.filter((line) => line.startsWith("gate: ✗")).map((line) => line.split(":")[1])).toEqual([" ✗ lowerBoundAtLeast", " ✗ everyScenarioJudged", " ✗ excludedShareAtMost"]);
  });
});

describe("formatComparison", () => {
  it("shows the drop, the regression verdict, each scenario and the first divergence of the newly failing", () => {
    const a = buildRunReport(sampleRun([sampleScenario("checkout", "ppppp")], { runId: "A" }), { threshold: 0.5 });
    const b = buildRunReport(sampleRun([sampleScenario("checkout", "pfppp")], { runId: "B" }), { threshold: 0.5 });
    const comparison = compareRunReports(a, b, {
      loadTrajectory: (report) => (report.runId === "A" ? sampleTrajectory("checkout", 101) : sampleTrajectory("checkout", 101, { steps: [sampleStep(0, "create", { outcome: { status: 201 } })] })),
    });
    const lines = formatComparison(comparison);
    expect(lines[0]).toBe("A -> B: satisfaction 1.000 -> 0.800 (drop 0.200)");
    expect(lines[1]).toMatch(/^regression: not significant at alpha 0\.05 \(stratified z [\d.]+, p [\d.]+; McNemar 1 pass→fail vs 0 fail→pass, p 0\.500\)$/);
    expect(lines[2]).toBe("✗ checkout  5/5 -> 4/5  p 0.500, q 0.500");
    expect(lines[3]).toBe("newly failing: checkout (seed 101 vs the same seed before)");
    expect(lines[4]).toBe("  first divergence at step 0 (create)");
    expect(lines[6]).toContain('"status":201');
  });
});
