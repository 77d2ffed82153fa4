import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Context, createGraph, type HandlerRuntime } from "../../pipeline/index.js";
import { loadScenarioDir } from "../../scenarios/format/index.js";
import { FACTORY_KEYS } from "../factory-events.js";
import type { IterationSummary } from "../iteration.js";
import { createRunRecorder } from "../run-recorder.js";
import { createMemoryRunStore } from "../../store/index.js";
import { prepareWorkspace } from "../workspace.js";
import { evaluationDir } from "./evaluate-handler.js";
import type { FactoryStage } from "./factory-stage.js";
import { createFeedbackHandler, FEEDBACK_FILE, stopReasonAfter } from "./feedback-handler.js";

const HOLDOUT = join(import.meta.dirname, "..", "..", "..", "examples", "incident-bridge", "holdout");

function stageFor(overrides: Partial<FactoryStage> = {}): FactoryStage {
  const root = mkdtempSync(join(tmpdir(), "lightsout-feedback-"));
  writeFileSync(join(root, "SPEC.md"), "# Spec\n");
  prepareWorkspace({ workspaceDir: join(root, "ws"), specPath: join(root, "SPEC.md"), holdoutDir: HOLDOUT });
  return {
    workspaceDir: join(root, "ws"),
    holdoutDir: HOLDOUT,
    runDir: join(root, "run"),
    app: { command: "node app.mjs" },
    threshold: 0.8,
    trials: 2,
    visibleTrials: 1,
    seed: 0,
    feedbackLevel: "category",
    maxIterations: 5,
    spentUsd: () => 0,
    budgetExceeded: () => false,
    recorder: createRunRecorder(createMemoryRunStore(), "run"),
    emit: () => undefined,
    writeReport: () => undefined,
    ...overrides,
  };
}

const summary = (iteration: number): IterationSummary => ({
  iteration, satisfaction: 0.5, lower: 0.2, upper: 0.8, gatePassed: false, gateReasons: [], regressions: [], scenarios: [], visible: null, costUsd: 0, spentUsd: 0, commit: "abc", filesChanged: [], leaks: 0,
});

async function execute(stage: FactoryStage, context: Context) {
  return createFeedbackHandler(stage).execute({ id: "feedback", attributes: {}, subgraphClasses: [] }, context, createGraph(), stage.runDir, {} as HandlerRuntime);
}

describe("the feedback stage", () => {
  it("writes FEEDBACK.md without any holdout canary or holdout wording, even if the evaluation's feedback had them", async () => {
    const stage = stageFor({ feedbackLevel: "full" });
    const holdouts = loadScenarioDir(HOLDOUT);
    const leaked = holdouts.map((scenario) => `${scenario.canary} ${scenario.story}`).join("\n");
    mkdirSync(evaluationDir(stage.runDir, 1, "holdout"), { recursive: true });
    writeFileSync(join(evaluationDir(stage.runDir, 1, "holdout"), "feedback.txt"), `Scenario results: 4 of 8 trials satisfied.\n${leaked}\n`);
    const context = new Context({ [FACTORY_KEYS.iteration]: 1, [FACTORY_KEYS.iterations]: [summary(1)] });
    const outcome = await execute(stage, context);
    expect(outcome).toMatchObject({ status: "success", contextUpdates: { [FACTORY_KEYS.iteration]: 2 } });
    const written = readFileSync(join(stage.workspaceDir, FEEDBACK_FILE), "utf8");
    expect(written).toContain("Scenario results: 4 of 8 trials satisfied.");
    expect(written).not.toMatch(/lightsout-canary-/);
    for (const scenario of holdouts) expect(written).not.toContain(scenario.story!.trim().split(/\s+/).slice(0, 14).join(" "));
  });

  it("at level none says only that the gate failed", async () => {
    const stage = stageFor({ feedbackLevel: "none" });
    mkdirSync(evaluationDir(stage.runDir, 1, "holdout"), { recursive: true });
    writeFileSync(join(evaluationDir(stage.runDir, 1, "holdout"), "feedback.txt"), "By tag: resilience 0/4\n");
    await execute(stage, new Context({ [FACTORY_KEYS.iteration]: 1, [FACTORY_KEYS.iterations]: [summary(1)] }));
    const written = readFileSync(join(stage.workspaceDir, FEEDBACK_FILE), "utf8");
    expect(written).toContain("did not pass the acceptance gate");
    expect(written).not.toContain("resilience");
  });

  it("stops at the iteration limit or a spent budget instead of writing feedback", async () => {
    const limited = stageFor({ maxIterations: 2 });
    const outcome = await execute(limited, new Context({ [FACTORY_KEYS.iteration]: 2, [FACTORY_KEYS.iterations]: [summary(1), summary(2)] }));
    expect(outcome).toMatchObject({ status: "success", contextUpdates: { [FACTORY_KEYS.stop]: "true", [FACTORY_KEYS.stopReason]: "max-iterations" } });
    expect(existsSync(join(limited.workspaceDir, FEEDBACK_FILE))).toBe(false);
    expect(stopReasonAfter({ maxIterations: 9, budgetExceeded: () => true }, 1)).toBe("budget");
    expect(stopReasonAfter({ maxIterations: 9, budgetExceeded: () => false }, 1)).toBeUndefined();
  });

  it("commits and summarizes an iteration whose visible checks failed (the holdouts did not run)", async () => {
    const stage = stageFor();
    writeFileSync(join(stage.workspaceDir, "app.mjs"), "x\n");
    const context = new Context({ [FACTORY_KEYS.iteration]: 1, [FACTORY_KEYS.visibleSatisfaction]: 0.5, [FACTORY_KEYS.visiblePassed]: false });
    const outcome = await execute(stage, context);
    const iterations = (outcome as { contextUpdates: Record<string, unknown> }).contextUpdates[FACTORY_KEYS.iterations] as IterationSummary[];
    expect(iterations).toHaveLength(1);
    expect(iterations[0]).toMatchObject({ iteration: 1, satisfaction: null, gatePassed: false, visible: { satisfaction: 0.5, passed: false }, filesChanged: ["app.mjs"] });
    expect(readFileSync(join(stage.workspaceDir, FEEDBACK_FILE), "utf8")).toContain("not run, because the visible checks failed");
  });
});
