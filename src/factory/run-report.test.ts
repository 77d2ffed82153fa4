import { describe, expect, it } from "vitest";
import type { IterationSummary } from "./iteration.js";
import { type FactoryReport, finalGateOf, SCRIPTED_MODEL_NOTE, toMarkdown } from "./run-report.js";

const iteration = (n: number, satisfaction: number, gatePassed: boolean, regressions: string[] = []): IterationSummary => ({
  iteration: n, satisfaction, lower: satisfaction - 0.2, upper: Math.min(1, satisfaction + 0.1), gatePassed, gateReasons: gatePassed ? [] : ["lowerBoundAtLeast: too low"], regressions, scenarios: [], visible: { satisfaction: 1, passed: true }, costUsd: 0.01 * n, spentUsd: 0.01 * n, commit: `c0ffee${n}`, filesChanged: [], leaks: 0,
});

function report(overrides: Partial<FactoryReport> = {}): FactoryReport {
  const iterations = [iteration(1, 0.5, false), iteration(2, 0.95, true, ["flaky-one"])];
  return { v: 1, kind: "lightsout.factory-run", runId: "r", spec: "s", model: "openai:gpt-5", scripted: false, sandboxed: true, status: "shipped", stopReason: "gate-passed", threshold: 0.7, trialsPerScenario: 2, maxIterations: 5, budgetUsd: null, feedbackLevel: "category", workspace: "/ws", iterations, cost: { totalUsd: 0.03 }, finalGate: finalGateOf(iterations), ...overrides };
}

describe("the factory report in Markdown", () => {
  it("has a row per iteration with the interval, gate, regressions and cost, and the final gate", () => {
    const markdown = toMarkdown(report());
    expect(markdown).toContain("| 1 | 0.50 [0.30, 0.60] | failed | 1.00 | none | $0.0100 | c0ffee1 |");
    expect(markdown).toContain("| 2 | 0.95 [0.75, 1.00] | passed | 1.00 | flaky-one | $0.0200 | c0ffee2 |");
    expect(markdown).toContain("Final gate: **passed**");
    expect(markdown).toContain("status: **shipped** (the gate passed)");
  });

  it("says the model was a scripted stand-in only when it was", () => {
    expect(toMarkdown(report({ scripted: true }))).toContain(SCRIPTED_MODEL_NOTE);
    expect(toMarkdown(report())).not.toContain("scripted stand-in");
  });

  it("says why an unshipped run stopped", () => {
    expect(toMarkdown(report({ status: "not-shipped", stopReason: "budget", budgetUsd: 1 }))).toMatch(/not-shipped\*\* \(the budget was spent\)[\s\S]*of a \$1 budget/);
  });
});
