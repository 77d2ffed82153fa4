import { describe, expect, test } from "vitest";
import { addNode, createGraph } from "./graph.js";
import { RETRY_PRESETS, buildRetryPolicy, delayForAttempt, isRetryableError } from "./retry-policy.js";

const noJitter = (name: string) => ({ ...RETRY_PRESETS[name]!.backoff, jitter: false });

describe("retry policy presets (spec 3.6)", () => {
  test.each([
    ["standard", 5, [200, 400, 800, 1600, 3200]],
    ["aggressive", 5, [500, 1000, 2000, 4000, 8000]],
    ["linear", 3, [500, 500, 500]],
    ["patient", 3, [2000, 6000, 18000]],
  ])("%s: %i attempts, delays %j", (name, attempts, delays) => {
    expect(RETRY_PRESETS[name]!.maxAttempts).toBe(attempts);
    expect(delays.map((_, index) => delayForAttempt(index + 1, noJitter(name)))).toEqual(delays);
  });

  test("none allows a single attempt", () => {
    const graph = createGraph();
    expect(buildRetryPolicy(addNode(graph, "a", { retry_policy: "none" }), graph).maxAttempts).toBe(1);
  });

  test("delays are capped at max_delay", () => {
    expect(delayForAttempt(20, { initialDelayMs: 200, backoffFactor: 2, maxDelayMs: 60_000, jitter: false })).toBe(60_000);
  });

  test("jitter multiplies by a factor in [0.5, 1.5)", () => {
    const backoff = { initialDelayMs: 1000, backoffFactor: 2, maxDelayMs: 60_000, jitter: true };
    expect(delayForAttempt(1, backoff, () => 0)).toBe(500);
    expect(delayForAttempt(1, backoff, () => 0.999999)).toBe(1500);
  });

  test("max_retries beats the graph default and the preset's attempts", () => {
    const graph = createGraph("g", { default_max_retries: "4" });
    expect(buildRetryPolicy(addNode(graph, "a"), graph).maxAttempts).toBe(5);
    expect(buildRetryPolicy(addNode(graph, "b", { max_retries: "1" }), graph).maxAttempts).toBe(2);
    expect(buildRetryPolicy(addNode(graph, "c", { retry_policy: "patient", max_retries: "0" }), graph).maxAttempts).toBe(1);
    expect(buildRetryPolicy(addNode(graph, "d", { retry_policy: "patient" }), graph).maxAttempts).toBe(3);
  });

  test("the legacy default_max_retry alias is accepted", () => {
    const graph = createGraph("g", { default_max_retry: "2" });
    expect(buildRetryPolicy(addNode(graph, "a"), graph).maxAttempts).toBe(3);
  });

  test("default should_retry: transient yes, client errors no", () => {
    expect(isRetryableError(Object.assign(new Error("x"), { status: 429 }))).toBe(true);
    expect(isRetryableError(Object.assign(new Error("x"), { status: 503 }))).toBe(true);
    expect(isRetryableError(Object.assign(new Error("x"), { code: "ECONNRESET" }))).toBe(true);
    expect(isRetryableError(Object.assign(new Error("x"), { status: 401 }))).toBe(false);
    expect(isRetryableError(Object.assign(new Error("x"), { status: 403 }))).toBe(false);
    expect(isRetryableError(Object.assign(new Error("x"), { status: 400 }))).toBe(false);
    expect(isRetryableError(new Error("invalid configuration"))).toBe(false);
  });
});
