import { describe, expect, it } from "vitest";
import type { Judge, Scenario, Trajectory, Verdict } from "../model.js";
import { createDeterministicJudge } from "./deterministic.js";
import { createLlmJudge } from "./llm.js";
import { combineVerdicts, createJudgePanel } from "./panel.js";

type Evidence = Omit<Trajectory, "verdict">;

const withRubric = { id: "s", title: "S", story: "story", judge: { rubric: "the message links the issue" } } as unknown as Scenario;
const withoutRubric = { ...withRubric, judge: undefined } as Scenario;

function trajectory(passed: boolean): Evidence {
  return { v: 1, scenarioId: "s", trialIndex: 0, seed: 1, startedAt: "", durationMs: 1, vars: {}, perturbations: [], steps: [], twins: {}, expectations: [{ id: "posted", passed, detail: passed ? "1 match" : "0 match" }] };
}

function scriptedLlm(answer: string): Judge & { calls: number } {
  const judge = createLlmJudge({ complete: async () => answer });
  const counted = { name: judge.name, calls: 0, judge: (scenario: Scenario, evidence: Evidence) => ((counted.calls += 1), judge.judge(scenario, evidence)) };
  return counted;
}

describe("judge panel", () => {
  it("the LLM can veto a pass, and its reading is kept on the trajectory", async () => {
    const llm = scriptedLlm('{"satisfied": false, "reasons": ["no link"]}');
    const evidence = trajectory(true);
    const verdict = await createJudgePanel(createDeterministicJudge(), llm).judge(withRubric, evidence);
    expect(verdict).toEqual({ satisfied: false, attribution: "product", reasons: ["LLM judge: no link", "0 steps and 1 expectation passed"] });
    expect(evidence.judge).toEqual({ satisfied: false, reasons: ["LLM judge: no link"] });
  });

  it("the LLM never rescues a failure: it is not even asked", async () => {
    const llm = scriptedLlm('{"satisfied": true, "reasons": ["looks fine"]}');
    const evidence = trajectory(false);
    const verdict = await createJudgePanel(createDeterministicJudge(), llm).judge(withRubric, evidence);
    expect(verdict).toMatchObject({ satisfied: false, attribution: "product" });
    expect(llm.calls).toBe(0);
    expect(evidence.judge).toBeUndefined();
  });

  it("runs only for scenarios with a rubric", async () => {
    const llm = scriptedLlm('{"satisfied": false, "reasons": ["no"]}');
    expect(await createJudgePanel(createDeterministicJudge(), llm).judge(withoutRubric, trajectory(true))).toMatchObject({ satisfied: true });
    expect(llm.calls).toBe(0);
  });

  it("an LLM judge that fails makes the trial a judge failure, and one that throws is caught", async () => {
    const unreadable = await createJudgePanel(createDeterministicJudge(), scriptedLlm("hmm")).judge(withRubric, trajectory(true));
    expect(unreadable).toMatchObject({ satisfied: false, attribution: "judge" });
    const throwing: Judge = { name: "broken", judge: async () => Promise.reject(new Error("boom")) };
    expect(await createJudgePanel(createDeterministicJudge(), throwing).judge(withRubric, trajectory(true))).toMatchObject({ satisfied: false, attribution: "judge", reasons: ["LLM judge failed: boom", "0 steps and 1 expectation passed"] });
  });

  it("combineVerdicts keeps a deterministic failure whatever the LLM says", () => {
    const failed: Verdict = { satisfied: false, reasons: ["x"], attribution: "twin" };
    expect(combineVerdicts(failed, { satisfied: true, reasons: [] })).toBe(failed);
    expect(combineVerdicts({ satisfied: true, reasons: ["ok"] }, { satisfied: true, reasons: ["LLM judge: fine"] })).toEqual({ satisfied: true, reasons: ["ok", "LLM judge: fine"] });
    expect(combineVerdicts({ satisfied: true, reasons: ["ok"] })).toEqual({ satisfied: true, reasons: ["ok"] });
  });
});
