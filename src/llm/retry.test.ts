import { describe, expect, it } from "vitest";
import { errorFromHttp } from "./errors.js";
import { backoffDelayMs, retry, retryDelayMs, withRetry } from "./retry.js";
import type { LlmClient, Response, StreamEvent } from "./types.js";

const rateLimited = (retryAfterSeconds?: number) =>
  errorFromHttp({ provider: "openai", statusCode: 429, ...(retryAfterSeconds !== undefined ? { headers: { "retry-after": String(retryAfterSeconds) } } : {}) });

function recordingSleep(): { sleep: (ms: number) => Promise<void>; slept: number[] } {
  const slept: number[] = [];
  return { slept, sleep: async (ms) => void slept.push(ms) };
}

describe("backoff", () => {
  it("doubles from the base delay up to the maximum, with +/-50% jitter from the injected random", () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelayMs(attempt, { jitter: false }))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelayMs(10, { jitter: false, maxDelayMs: 5000 })).toBe(5000);
    expect(backoffDelayMs(1, { random: () => 0 })).toBe(1000);
    expect(backoffDelayMs(1, { random: () => 0.999 })).toBeCloseTo(2998, 0);
  });

  it("uses Retry-After instead of backoff, and gives up when it exceeds the maximum delay", () => {
    expect(retryDelayMs(rateLimited(3), 0)).toBe(3000);
    expect(retryDelayMs(rateLimited(120), 0, { maxDelayMs: 60_000 })).toBeUndefined();
    expect(retryDelayMs(errorFromHttp({ provider: "openai", statusCode: 401 }), 0)).toBeUndefined();
    expect(retryDelayMs(rateLimited(), 2, { maxRetries: 2 })).toBeUndefined();
  });
});

describe("retry", () => {
  it("retries a rate limit after the Retry-After delay and returns the later success", async () => {
    const { sleep, slept } = recordingSleep();
    let calls = 0;
    const result = await retry(async () => {
      calls++;
      if (calls === 1) throw rateLimited(2);
      return "ok";
    }, { sleep });
    expect(result).toBe("ok");
    expect(slept).toEqual([2000]);
  });

  it("does not retry an authentication error", async () => {
    const { sleep, slept } = recordingSleep();
    let calls = 0;
    await expect(
      retry(async () => {
        calls++;
        throw errorFromHttp({ provider: "anthropic", statusCode: 401 });
      }, { sleep }),
    ).rejects.toMatchObject({ kind: "authentication" });
    expect(calls).toBe(1);
    expect(slept).toEqual([]);
  });

  it("stops after maxRetries and throws the last error", async () => {
    const { sleep } = recordingSleep();
    let calls = 0;
    await expect(
      retry(async () => {
        calls++;
        throw errorFromHttp({ provider: "google", statusCode: 503 });
      }, { sleep, maxRetries: 3, jitter: false }),
    ).rejects.toMatchObject({ kind: "server" });
    expect(calls).toBe(4);
  });

  it("stops waiting when the signal aborts", async () => {
    const controller = new AbortController();
    const pending = retry(async () => {
      throw rateLimited(30);
    }, {}, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: "aborted", code: "CANCELLED" });
  });
});

describe("withRetry on streams", () => {
  const finish: StreamEvent = {
    type: "finish",
    finishReason: { reason: "stop" },
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    response: {} as Response,
  };

  it("retries a stream that fails before its first event", async () => {
    let calls = 0;
    const flaky: LlmClient = {
      complete: async () => ({}) as Response,
      async *stream() {
        calls++;
        if (calls === 1) throw rateLimited(1);
        yield finish;
      },
    };
    const { sleep } = recordingSleep();
    const events: StreamEvent[] = [];
    for await (const event of withRetry(flaky, { sleep }).stream({ model: "openai:gpt-5", messages: [] })) events.push(event);
    expect(events.map((event) => event.type)).toEqual(["finish"]);
    expect(calls).toBe(2);
  });

  it("does not retry once events were delivered", async () => {
    let calls = 0;
    const breaksMidway: LlmClient = {
      complete: async () => ({}) as Response,
      async *stream() {
        calls++;
        yield { type: "text-delta", textId: "t", delta: "partial" };
        throw rateLimited(1);
      },
    };
    const { sleep } = recordingSleep();
    const seen: string[] = [];
    await expect(async () => {
      for await (const event of withRetry(breaksMidway, { sleep }).stream({ model: "openai:gpt-5", messages: [] })) seen.push(event.type);
    }).rejects.toMatchObject({ kind: "rate_limit" });
    expect(seen).toEqual(["text-delta"]);
    expect(calls).toBe(1);
  });
});
