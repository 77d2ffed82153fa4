import { describe, expect, it } from "vitest";
import { getModelInfo, listModels } from "./catalog.js";
import { addUsage, CostMeter, costOfCall, createBudget, withBudget } from "./cost.js";
import type { LlmClient, Request, Response, StreamEvent, Usage } from "./types.js";

const usage = (inputTokens: number, outputTokens: number, extra: Partial<Usage> = {}): Usage => ({ inputTokens, outputTokens, totalTokens: inputTokens + outputTokens, ...extra });

describe("catalog", () => {
  it("knows each provider's models with windows and prices, and finds aliases", () => {
    for (const provider of ["openai", "anthropic", "google"] as const) expect(listModels(provider).length).toBeGreaterThan(0);
    expect(getModelInfo("anthropic:claude-sonnet-4-5")).toMatchObject({ contextWindow: 200_000, prices: { inputPerMillion: 3, outputPerMillion: 15 } });
    expect(getModelInfo("anthropic:claude-sonnet-4-5-20250929")?.id).toBe("anthropic:claude-sonnet-4-5");
    expect(getModelInfo("gemini:gemini-2.5-pro")?.id).toBe("google:gemini-2.5-pro");
    expect(getModelInfo("openai:gpt-99")).toBeUndefined();
  });
});

describe("costOfCall", () => {
  it("prices uncached input, cache reads, cache writes and output separately", () => {
    // Sonnet 4.5: $3 in, $15 out, $0.30 cache read, $3.75 cache write per million.
    const cost = costOfCall("anthropic:claude-sonnet-4-5", usage(1_000_000, 100_000, { cacheReadTokens: 500_000, cacheWriteTokens: 100_000 }));
    expect(cost).toBeCloseTo(400_000 * 3e-6 + 500_000 * 0.3e-6 + 100_000 * 3.75e-6 + 100_000 * 15e-6, 10);
  });

  it("is undefined, not zero, for a model with no known price", () => {
    expect(costOfCall("openai-compatible:ollama/llama3.1", usage(10, 10))).toBeUndefined();
  });

  it("adds usage per spec 3.9", () => {
    expect(addUsage(usage(1, 2), usage(3, 4, { reasoningTokens: 5 }))).toEqual({ inputTokens: 4, outputTokens: 6, totalTokens: 10, reasoningTokens: 5 });
    expect(addUsage(usage(1, 2), usage(3, 4))).not.toHaveProperty("reasoningTokens");
  });
});

describe("CostMeter", () => {
  it("rolls session costs up into the run, counting unpriced calls apart", () => {
    const run = new CostMeter();
    run.child("session-1").record("openai:gpt-5", usage(1_000_000, 0));
    run.child("session-2").record("openai:gpt-5", usage(0, 1_000_000));
    run.child("session-2").record("openai-compatible:ollama/llama3.1", usage(5, 5));
    expect(run.child("session-1").totals()).toMatchObject({ calls: 1, usd: 1.25 });
    expect(run.child("session-2").totals()).toMatchObject({ calls: 2, usd: 10, unpricedCalls: 1 });
    expect(run.totals()).toMatchObject({ calls: 3, usd: 11.25, unpricedCalls: 1, usage: { inputTokens: 1_000_005, outputTokens: 1_000_005 } });
    expect([...run.sessions().keys()]).toEqual(["session-1", "session-2"]);
  });
});

describe("budgets", () => {
  const response: Response = {
    id: "r",
    model: "gpt-5",
    provider: "openai",
    message: { role: "assistant", content: [] },
    finishReason: { reason: "stop" },
    usage: usage(1_000_000, 0),
  };
  const request: Request = { model: "openai:gpt-5", messages: [] };
  let calls = 0;
  const fake: LlmClient = {
    complete: async () => {
      calls++;
      return response;
    },
    async *stream(): AsyncIterable<StreamEvent> {
      calls++;
      yield { type: "finish", finishReason: response.finishReason, usage: response.usage, response };
    },
  };

  it("is exceeded once spending reaches the limit", () => {
    const budget = createBudget({ usd: 2 });
    budget.charge(usage(1_000_000, 0), "openai:gpt-5");
    expect(budget.exceeded).toBe(false);
    budget.charge(usage(1_000_000, 0), "openai:gpt-5");
    expect([budget.spentUsd, budget.exceeded]).toEqual([2.5, true]);
  });

  it("refuses to start a call once the budget is spent, with a BUDGET error", async () => {
    calls = 0;
    const client = withBudget(fake, createBudget({ usd: 2 }));
    await client.complete(request);
    for await (const _event of client.stream(request)) void _event;
    await expect(client.complete(request)).rejects.toMatchObject({ code: "BUDGET" });
    await expect(async () => {
      for await (const _event of client.stream(request)) void _event;
    }).rejects.toMatchObject({ code: "BUDGET" });
    expect(calls).toBe(2);
  });

  it("prices a request that names its provider apart from the model (as agent sessions do)", async () => {
    const budget = createBudget({ usd: 2 });
    const client = withBudget(fake, budget);
    await client.complete({ model: "gpt-5", provider: "openai", messages: [] });
    expect(budget.spentUsd).toBe(1.25);
  });
});
