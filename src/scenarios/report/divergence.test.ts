import { describe, expect, it } from "vitest";
import { firstDivergence } from "./divergence.js";
import { sampleStep, sampleTrajectory } from "./sample-run.fixture.js";

const base = sampleTrajectory("announce", 42);

describe("firstDivergence", () => {
  it("is undefined for trajectories that agree, whatever the timing and key order", () => {
    const slower = sampleTrajectory("announce", 42, {
      durationMs: 9999,
      steps: base.steps.map((step) => ({ ...step, startMs: step.startMs + 500, durationMs: 77 })),
      twins: { slack: { ...base.twins["slack"]!, requests: [{ body: { text: "hello", channel: "C1" }, status: 200, method: "chat.postMessage" }] } },
    });
    expect(firstDivergence(base, slower)).toBeUndefined();
  });

  it("names the first step whose outcome status differs", () => {
    const failing = sampleTrajectory("announce", 42, {
      steps: [sampleStep(0, "create"), sampleStep(1, "announce", { ok: false, error: "expected 200, got 500", outcome: { status: 500 } })],
    });
    expect(firstDivergence(base, failing)).toEqual({
      at: "step 1 (announce)",
      a: { kind: "http", summary: "POST /announce", ok: true, status: 200, exitCode: undefined, captured: undefined },
      b: { kind: "http", summary: "POST /announce", ok: false, status: 500, exitCode: undefined, captured: undefined, error: "expected 200, got 500" },
    });
  });

  it("sees different captured values and a missing step", () => {
    const captured = sampleTrajectory("announce", 42, { steps: [sampleStep(0, "create", { captured: { key: "JRA-2" } }), sampleStep(1, "announce")] });
    expect(firstDivergence(base, captured)?.at).toBe("step 0 (create)");
    const shorter = sampleTrajectory("announce", 42, { steps: [sampleStep(0, "create")] });
    const divergence = firstDivergence(base, shorter)!;
    expect(divergence.at).toBe("step 1 (announce)");
    expect(divergence.b).toBeUndefined();
  });

  it("falls back to the first twin request that differs, by position per twin", () => {
    const other = sampleTrajectory("announce", 42, {
      twins: {
        slack: { ...base.twins["slack"]!, requests: [{ method: "chat.postMessage", status: 200, body: { channel: "C1", text: "HELLO" } }] },
      },
    });
    expect(firstDivergence(base, other)).toEqual({
      at: "twin slack request 1 (chat.postMessage)",
      a: { method: "chat.postMessage", status: 200, body: { channel: "C1", text: "hello" } },
      b: { method: "chat.postMessage", status: 200, body: { channel: "C1", text: "HELLO" } },
    });
    const extra = sampleTrajectory("announce", 42, {
      twins: { ...base.twins, jira: { tenant: "t2", requests: [{ method: "POST /rest/api/3/issue", status: 201, body: {} }], deliveries: [], stateDiff: [] } },
    });
    expect(firstDivergence(base, extra)).toMatchObject({ at: "twin jira request 1 (POST /rest/api/3/issue)", a: undefined });
  });

  it("then to the first expectation whose result differs", () => {
    const unmet = sampleTrajectory("announce", 42, { expectations: [{ id: "posted", passed: false, detail: "0 matching requests, expected at least 1" }] });
    expect(firstDivergence(base, unmet)).toEqual({
      at: "expectation posted",
      a: { passed: true, detail: "1 matching request" },
      b: { passed: false, detail: "0 matching requests, expected at least 1" },
    });
  });
});
