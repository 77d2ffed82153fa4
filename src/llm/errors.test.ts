import { describe, expect, it } from "vitest";
import { LightsoutError } from "../errors.js";
import { errorFromHttp, kindFromStatus, LlmError, retryAfterMsFromHeaders, toLlmError } from "./errors.js";

describe("errorFromHttp", () => {
  it("maps the status codes of spec 6.4 to kinds and retryability", () => {
    const cases: [number, string, boolean][] = [
      [400, "invalid_request", false],
      [401, "authentication", false],
      [403, "access_denied", false],
      [404, "not_found", false],
      [408, "request_timeout", false],
      [413, "context_length", false],
      [422, "invalid_request", false],
      [429, "rate_limit", true],
      [500, "server", true],
      [503, "server", true],
    ];
    for (const [status, kind, retryable] of cases) {
      const error = errorFromHttp({ provider: "openai", statusCode: status });
      expect([error.kind, error.retryable]).toEqual([kind, retryable]);
    }
    expect(kindFromStatus(418)).toBe("unknown");
  });

  it("reads the provider's message and refines a 400 that is a context overflow", () => {
    const body = JSON.stringify({ error: { type: "invalid_request_error", message: "prompt is too long: 250000 tokens > 200000 maximum" } });
    const error = errorFromHttp({ provider: "anthropic", statusCode: 400, body });
    expect(error.kind).toBe("context_length");
    expect(error.message).toContain("prompt is too long");
    expect(error.errorCode).toBe("invalid_request_error");
    expect(error.raw).toBe(body);
  });

  it("classifies a 429 about an exhausted quota as not retryable", () => {
    const body = JSON.stringify({ error: { code: "insufficient_quota", message: "You exceeded your current quota" } });
    expect(errorFromHttp({ provider: "openai", statusCode: 429, body })).toMatchObject({ kind: "quota_exceeded", retryable: false });
  });

  it("is a LightsoutError with code LLM_PROVIDER", () => {
    const error = errorFromHttp({ provider: "google", statusCode: 500 });
    expect(LightsoutError.isInstance(error)).toBe(true);
    expect(error.code).toBe("LLM_PROVIDER");
    expect(LlmError.isLlmError(error)).toBe(true);
  });
});

describe("retryAfterMsFromHeaders", () => {
  it("reads seconds, milliseconds and HTTP dates, case-insensitively", () => {
    expect(retryAfterMsFromHeaders({ "Retry-After": "2" })).toBe(2000);
    expect(retryAfterMsFromHeaders({ "retry-after-ms": "150", "retry-after": "9" })).toBe(150);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMsFromHeaders({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }, () => now)).toBe(5000);
    expect(retryAfterMsFromHeaders({ "retry-after": "soon" })).toBeUndefined();
    expect(retryAfterMsFromHeaders(undefined)).toBeUndefined();
  });
});

describe("toLlmError", () => {
  it("turns an aborted call into a CANCELLED error that is not retried", () => {
    const controller = new AbortController();
    controller.abort();
    const error = toLlmError(new Error("whatever"), "openai", controller.signal);
    expect(error).toMatchObject({ kind: "aborted", code: "CANCELLED", retryable: false });
  });

  it("treats fetch failures as retryable network errors and unknown failures as retryable", () => {
    expect(toLlmError(new TypeError("fetch failed"), "anthropic")).toMatchObject({ kind: "network", retryable: true });
    expect(toLlmError(new Error("something odd"), "anthropic")).toMatchObject({ kind: "unknown", retryable: true });
  });

  it("reads status, headers and body of an SDK API call error", () => {
    const apiError = Object.assign(new Error("Too Many Requests"), { statusCode: 429, responseHeaders: { "retry-after": "3" }, responseBody: "{}" });
    expect(toLlmError(apiError, "openai")).toMatchObject({ kind: "rate_limit", retryable: true, retryAfterMs: 3000, statusCode: 429 });
  });
});

describe("Gemini rate limits", () => {
  it("reads RESOURCE_EXHAUSTED worded as a quota as a retryable rate limit, with the wait from RetryInfo", () => {
    const body = JSON.stringify({
      error: {
        code: 429,
        status: "RESOURCE_EXHAUSTED",
        message: "You exceeded your current quota, please check your plan and billing details.",
        details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "26s" }],
      },
    });
    expect(errorFromHttp({ provider: "google", statusCode: 429, body })).toMatchObject({ kind: "rate_limit", retryable: true, errorCode: "RESOURCE_EXHAUSTED", retryAfterMs: 26_000 });
  });
});
