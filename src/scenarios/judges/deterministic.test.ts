import { describe, expect, it } from "vitest";
import type { Scenario, StepRecord, Trajectory } from "../model.js";
import { createDeterministicJudge } from "./deterministic.js";

type Evidence = Omit<Trajectory, "verdict">;

const scenario = { id: "announce", title: "Announce incidents", story: "", judge: undefined } as unknown as Scenario;

function trajectory(overrides: Partial<Evidence> = {}): Evidence {
  return { v: 1, scenarioId: "announce", trialIndex: 0, seed: 1, startedAt: "2026-01-01T00:00:00.000Z", durationMs: 900, vars: {}, perturbations: [], steps: [], twins: {}, expectations: [], ...overrides };
}

const step = (index: number, fields: Partial<StepRecord> = {}): StepRecord => ({ index, kind: "http", summary: "POST /jira/webhook", startMs: 0, durationMs: 5, ok: true, ...fields });
const judge = (evidence: Evidence) => createDeterministicJudge().judge(scenario, evidence);

describe("deterministic judge", () => {
  it("is satisfied when every step and expectation passed", async () => {
    const verdict = await judge(trajectory({ steps: [step(0, { id: "file" })], expectations: [{ id: "posted", passed: true, detail: "1 match" }] }));
    expect(verdict).toEqual({ satisfied: true, reasons: ["1 step and 1 expectation passed"] });
  });

  it("a failed expectation or a failed product step is the product's, naming them", async () => {
    const verdict = await judge(
      trajectory({
        steps: [step(0, { id: "file", ok: false, error: "status 500, expected 201", attribution: "product" })],
        expectations: [{ id: "posted", passed: false, detail: "slack requests chat.postMessage: 0 match, expected at least 1" }],
      }),
    );
    expect(verdict).toEqual({
      satisfied: false,
      attribution: "product",
      reasons: ["step file (POST /jira/webhook) failed: status 500, expected 201", "expectation posted failed: slack requests chat.postMessage: 0 match, expected at least 1"],
    });
  });

  it("an expectation that could not be evaluated is the judge's, and outranks product failures", async () => {
    const verdict = await judge(
      trajectory({
        expectations: [
          { id: "posted", passed: false, detail: "0 match" },
          { id: "regex", passed: false, detail: "bad", error: "invalid regular expression /(/" },
        ],
      }),
    );
    expect(verdict.attribution).toBe("judge");
    expect(verdict.reasons).toEqual(["expectation regex could not be evaluated: invalid regular expression /(/", "expectation posted failed: 0 match"]);
  });

  it("a 5xx no injected fault explains is the twin's; an injected one is not", async () => {
    const requests = [
      { seq: 4, method: "chat.postMessage", status: 503, fault: "server_error" },
      { seq: 5, method: "chat.postMessage", status: 429, fault: "rate_limited" },
    ];
    const faulted = await judge(trajectory({ twins: { slack: { tenant: "t", requests, deliveries: [], stateDiff: [] } }, expectations: [{ id: "posted", passed: false, detail: "0 match" }] }));
    expect(faulted.attribution).toBe("product");

    const broken = [...requests, { seq: 6, method: "conversations.history", status: 500, response: { ok: false, error: "internal_error" } }];
    const verdict = await judge(trajectory({ twins: { slack: { tenant: "t", requests: broken, deliveries: [], stateDiff: [] } }, expectations: [{ id: "posted", passed: false, detail: "0 match" }] }));
    expect(verdict.attribution).toBe("twin");
    expect(verdict.reasons[0]).toBe("twin slack answered 500 to conversations.history (request #6) with no injected fault");
    expect(verdict.reasons[1]).toBe("expectation posted failed: 0 match");
  });

  it("a step blamed on the twin is the twin's", async () => {
    const verdict = await judge(trajectory({ steps: [step(0, { kind: "twin", summary: "twin jira POST /rest/api/3/issue", ok: false, error: "400 from the twin", attribution: "twin" })] }));
    expect(verdict).toMatchObject({ satisfied: false, attribution: "twin", reasons: ["step #1 (twin jira POST /rest/api/3/issue) failed [twin]: 400 from the twin"] });
  });

  it("an aborted trial is charged as the runner said, before everything else", async () => {
    const verdict = await judge(
      trajectory({
        aborted: { attribution: "infrastructure", reason: "the app did not become ready within 30000 ms" },
        twins: { slack: { tenant: "t", requests: [{ seq: 1, method: "auth.test", status: 500 }], deliveries: [], stateDiff: [] } },
        expectations: [{ id: "posted", passed: false, detail: "0 match" }],
      }),
    );
    expect(verdict.attribution).toBe("infrastructure");
    expect(verdict.reasons).toEqual(["trial aborted: the app did not become ready within 30000 ms", "twin slack answered 500 to auth.test (request #1) with no injected fault", "expectation posted failed: 0 match"]);
  });

  it("a failed step without an attribution is the product's", async () => {
    const verdict = await judge(trajectory({ steps: [step(2, { id: "check", ok: false, error: "exit 1" })] }));
    expect(verdict).toMatchObject({ attribution: "product", reasons: ["step check (POST /jira/webhook) failed: exit 1"] });
  });
});
