import { describe, expect, it } from "vitest";
import { Tenant } from "../kit/index.js";
import { countInputTokens, planPromptCache } from "./prompt-cache.js";
import { type MessagesRequest, parseMessagesRequest } from "./request.js";

const LONG = "x".repeat(8000); // 2000 tokens
const tenant = () => new Tenant({ id: "t", seed: 1, startTime: 0, tickMs: 1000 });

function request(body: Record<string, unknown>): MessagesRequest {
  const parsed = parseMessagesRequest({ model: "claude-sonnet-4-6", max_tokens: 100, messages: [{ role: "user", content: "hi" }], ...body });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.request;
}

function answer(on: Tenant, body: Record<string, unknown>) {
  const plan = planPromptCache(on, request(body));
  plan.commit();
  return plan.usage;
}

const cachedSystem = (ttl?: string) => ({ system: [{ type: "text", text: LONG, cache_control: { type: "ephemeral", ...(ttl ? { ttl } : {}) } }] });

describe("prompt caching", () => {
  it("counts tokens at four characters each over tools, system and messages", () => {
    expect(countInputTokens(request({ system: "y".repeat(40) }))).toBe(11);
  });

  it("writes a breakpoint's prefix first, then reads it, per tenant", () => {
    const one = tenant();
    expect(answer(one, cachedSystem())).toMatchObject({ cacheCreationInputTokens: 2000, cacheReadInputTokens: 0, inputTokens: 1, ephemeral5mInputTokens: 2000 });
    expect(answer(one, cachedSystem())).toMatchObject({ cacheCreationInputTokens: 0, cacheReadInputTokens: 2000, inputTokens: 1 });
    expect(answer(tenant(), cachedSystem())).toMatchObject({ cacheCreationInputTokens: 2000, cacheReadInputTokens: 0 });
  });

  it("does not cache a prefix under the model's minimum, nor a request without breakpoints", () => {
    const one = tenant();
    const short = { system: [{ type: "text", text: "short", cache_control: { type: "ephemeral" } }] };
    expect(answer(one, short)).toMatchObject({ cacheCreationInputTokens: 0, cacheReadInputTokens: 0 });
    expect(answer(one, { system: LONG })).toMatchObject({ cacheCreationInputTokens: 0, inputTokens: 2001 });
  });

  it("expires after 5 minutes of virtual time, refreshed by each read; 1h entries last an hour", () => {
    const one = tenant();
    answer(one, cachedSystem());
    one.advance(4 * 60_000);
    expect(answer(one, cachedSystem()).cacheReadInputTokens).toBe(2000);
    one.advance(4 * 60_000);
    expect(answer(one, cachedSystem()).cacheReadInputTokens).toBe(2000);
    one.advance(5 * 60_000 + 1);
    expect(answer(one, cachedSystem()).cacheCreationInputTokens).toBe(2000);
    const two = tenant();
    expect(answer(two, cachedSystem("1h")).ephemeral1hInputTokens).toBe(2000);
    two.advance(50 * 60_000);
    expect(answer(two, cachedSystem("1h")).cacheReadInputTokens).toBe(2000);
  });

  it("reads the last turn's prefix when the breakpoint moves to the newest message", () => {
    const one = tenant();
    const turn1 = [{ role: "user", content: [{ type: "text", text: LONG, cache_control: { type: "ephemeral" } }] }];
    expect(answer(one, { messages: turn1 }).cacheCreationInputTokens).toBe(2000);
    const turn2 = [
      { role: "user", content: [{ type: "text", text: LONG }] },
      { role: "assistant", content: "a".repeat(400) },
      { role: "user", content: [{ type: "text", text: "b".repeat(400), cache_control: { type: "ephemeral" } }] },
    ];
    expect(answer(one, { messages: turn2 })).toMatchObject({ cacheReadInputTokens: 2000, cacheCreationInputTokens: 200, inputTokens: 0 });
  });

  it("a changed prefix misses the cache", () => {
    const one = tenant();
    answer(one, cachedSystem());
    expect(answer(one, { system: [{ type: "text", text: `${LONG}!`, cache_control: { type: "ephemeral" } }] }).cacheReadInputTokens).toBe(0);
  });
});
