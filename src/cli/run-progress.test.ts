import { describe, expect, it } from "vitest";
import type { IterationSummary } from "../factory/iteration.js";
import { createMemoryIo } from "./memory-io.js";
import { createRunProgressPrinter } from "./run-progress.js";

const summary: IterationSummary = { iteration: 1, satisfaction: 0.333, lower: 0.161, upper: 0.606, gatePassed: false, gateReasons: [], regressions: ["a"], scenarios: [], visible: null, costUsd: 0.05, spentUsd: 0.05, commit: "0123456789abcdef", filesChanged: [], leaks: 0 };

describe("the factory's progress lines", () => {
  it("show the iteration, the stage, the satisfaction so far and the dollars spent", () => {
    const io = createMemoryIo({ cwd: "/" });
    const print = createRunProgressPrinter({ output: io.stderr });
    print({ type: "factory-start", runId: "r1", runDir: "/runs/r1", workspaceDir: "/runs/r1/workspace", model: "openai:gpt-5", scripted: true, resumed: false, sandboxed: false });
    print({ type: "iteration-start", iteration: 1 });
    print({ type: "stage-end", iteration: 1, nodeId: "implement", status: "success", spentUsd: 0.05 });
    print({ type: "trial-end", iteration: 1, suite: "holdout", scenarioId: "x", satisfied: true, done: 1, total: 0 });
    print({ type: "trial-end", iteration: 1, suite: "holdout", scenarioId: "y", satisfied: false, done: 2, total: 0 });
    print({ type: "iteration-end", summary });
    print({ type: "stage-end", iteration: 1, nodeId: "evaluate", status: "fail", spentUsd: 0.05, error: "gate failed" });
    print({ type: "factory-end", status: "not-shipped", stopReason: "max-iterations", spentUsd: 0.05, reportPath: "/runs/r1/report.md" });
    const lines = io.stderrText().trim().split("\n");
    expect(lines).toContain("  model: scripted stand-in (no LLM); set OPENAI_API_KEY / --model to run a real model");
    expect(lines.some((line) => line.includes("WITHOUT the sandbox"))).toBe(true);
    expect(lines).toContain("  [iteration 1] implement: success · satisfaction so far not evaluated yet · $0.0500 spent");
    expect(lines).toContain("  iteration 1: satisfaction 0.33 [0.16, 0.61], gate failed; regressions: a · commit 0123456789 · $0.0500");
    expect(lines).toContain("  [iteration 1] holdout evaluation: fail, 1/2 trials satisfied · satisfaction so far 0.33 [0.16, 0.61], gate failed · $0.0500 spent");
    expect(lines.at(-1)).toBe("NOT SHIPPED: the iteration limit was reached · $0.0500 spent · report: /runs/r1/report.md");
  });
});
