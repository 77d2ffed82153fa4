import { describe, expect, it } from "vitest";
import type { Scenario, Trajectory } from "../model.js";
import { buildJudgePrompt, createLlmJudge, parseJudgeAnswer } from "./llm.js";

type Evidence = Omit<Trajectory, "verdict">;

const scenario = {
  id: "announce",
  title: "Incidents reach the on-call channel",
  story: "When a P1 issue is filed in Jira, the on-call engineer sees it in #ops within a minute.",
  canary: "lightsout-canary-0123456789abcdef0123456789abcdef",
  judge: { rubric: "The #ops message names the issue key and links to it." },
} as unknown as Scenario;

const other = { ...scenario, id: "other", story: "A completely different story about refunds." } as Scenario;

function trajectory(overrides: Partial<Evidence> = {}): Evidence {
  return {
    v: 1,
    scenarioId: "announce",
    trialIndex: 2,
    seed: 1,
    startedAt: "2026-01-01T00:00:00.000Z",
    durationMs: 900,
    vars: {},
    perturbations: ["slow-slack"],
    steps: [{ index: 0, id: "file", kind: "twin", summary: "twin jira POST /rest/api/3/issue", startMs: 0, durationMs: 12, ok: true, outcome: { status: 201, body: { key: "OPS-1" } } }],
    twins: {
      slack: { tenant: "t1", requests: [{ seq: 1, method: "chat.postMessage", status: 200, body: { channel: "C_OPS", text: "OPS-1 Checkout down <https://jira/OPS-1>" } }], deliveries: [], stateDiff: [{ collection: "messages/C_OPS", id: "1767225601.000100", change: "added", after: { text: "OPS-1 Checkout down" } }] },
    },
    app: { command: "node app.mjs", exitCode: null, signal: null, stdout: "listening\n", stderr: "" },
    expectations: [{ id: "posted", passed: true, detail: "slack requests chat.postMessage: 1 match, expected at least 1 (#1)" }],
    ...overrides,
  };
}

describe("buildJudgePrompt", () => {
  it("holds the story, the rubric and the trajectory's evidence, and asks for JSON", () => {
    const prompt = buildJudgePrompt(scenario, trajectory());
    for (const text of [scenario.story, "The #ops message names the issue key", "twin jira POST /rest/api/3/issue", "posted", "chat.postMessage -> 200", "OPS-1 Checkout down", "listening", '{"satisfied"', "added messages/C_OPS"]) {
      expect(prompt).toContain(text);
    }
    expect(prompt).not.toContain(scenario.canary!);
    expect(prompt).not.toContain(other.story);
  });

  it("stays within the budget when the trajectory is huge, keeping the story and the latest requests", () => {
    const requests = Array.from({ length: 5000 }, (_, index) => ({ seq: index + 1, method: "chat.postMessage", status: 200, body: { text: `message number ${index + 1} ${"x".repeat(100)}` } }));
    const huge = trajectory({ twins: { slack: { tenant: "t1", requests, deliveries: [], stateDiff: [] } }, app: { command: "app", exitCode: 1, signal: null, stdout: "y".repeat(100_000) + "LAST LINE", stderr: "" } });
    const prompt = buildJudgePrompt(scenario, huge);
    expect(prompt.length).toBeLessThanOrEqual(24_000);
    expect(prompt).toContain(scenario.story);
    expect(prompt).toContain("#5000 chat.postMessage");
    expect(prompt).toContain("LAST LINE");
    expect(buildJudgePrompt(scenario, huge, 6000).length).toBeLessThanOrEqual(6000);
  });
});

describe("parseJudgeAnswer", () => {
  it("reads plain JSON, fenced JSON, and JSON inside prose", () => {
    expect(parseJudgeAnswer('{"satisfied": true, "reasons": ["fine"]}')).toEqual({ satisfied: true, reasons: ["fine"] });
    expect(parseJudgeAnswer('Here you go:\n```json\n{"satisfied": false, "reasons": ["no link"]}\n```')).toEqual({ satisfied: false, reasons: ["no link"] });
    expect(parseJudgeAnswer('I think {"note": "a } in a string"} then {"satisfied": "false", "reasons": "the key is missing"} done')).toEqual({ satisfied: false, reasons: ["the key is missing"] });
  });

  it("refuses answers without a boolean satisfied", () => {
    expect(parseJudgeAnswer("Looks good to me!")).toHaveProperty("error");
    expect(parseJudgeAnswer('{"satisfied": "maybe"}')).toHaveProperty("error");
  });
});

describe("createLlmJudge", () => {
  const judgeWith = (complete: (prompt: string) => Promise<string>) => createLlmJudge({ complete: (prompt) => complete(prompt) }).judge(scenario, trajectory());

  it("a satisfied reading is satisfied; a veto is a product failure with the model's reasons", async () => {
    expect(await judgeWith(async () => '{"satisfied": true, "reasons": ["the key and link are there"]}')).toEqual({ satisfied: true, reasons: ["LLM judge: the key and link are there"] });
    expect(await judgeWith(async () => '```\n{"satisfied": false, "reasons": ["no link to the issue"]}\n```')).toEqual({ satisfied: false, reasons: ["LLM judge: no link to the issue"], attribution: "product" });
  });

  it("an unreadable answer or a failed completion is the judge's failure", async () => {
    expect(await judgeWith(async () => "I cannot decide.")).toMatchObject({ satisfied: false, attribution: "judge" });
    const failed = await judgeWith(async () => {
      throw new Error("rate limited");
    });
    expect(failed).toEqual({ satisfied: false, reasons: ["LLM judge failed: rate limited"], attribution: "judge" });
  });

  it("sends the prompt it builds, and the signal it was given", async () => {
    const controller = new AbortController();
    let seen: { prompt: string; signal?: AbortSignal } | undefined;
    await createLlmJudge({ complete: async (prompt, options) => ((seen = { prompt, ...options }), '{"satisfied": true, "reasons": []}'), signal: controller.signal }).judge(scenario, trajectory());
    expect(seen?.prompt).toBe(buildJudgePrompt(scenario, trajectory()));
    expect(seen?.signal).toBe(controller.signal);
  });
});
