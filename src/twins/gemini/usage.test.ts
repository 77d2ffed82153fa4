import { describe, expect, it } from "vitest";
import { Tenant } from "../kit/index.js";
import type { GenerateRequest } from "./request.js";
import { INLINE_MEDIA_TOKENS, MIN_CACHED_PROMPT_TOKENS, REMEMBERED_PROMPTS, implicitCacheHit, promptSegments, promptTokens, sharedPrefixTokens } from "./usage.js";

const tenant = () => new Tenant({ id: "t", seed: 1, startTime: 0, tickMs: 1000 });

function request(system: string, ...texts: string[]): GenerateRequest {
  return { contents: texts.map((text) => ({ role: "user", parts: [{ text }] })), system, toolNames: [], toolsText: "", includeThoughts: false };
}

describe("prompt tokens", () => {
  it("counts the system instruction, tools, texts and media", () => {
    const segments = promptSegments({ ...request("abcd", "efgh"), toolsText: "12345678", contents: [{ role: "user", parts: [{ text: "efgh" }, { inlineData: { mimeType: "image/png", data: "AAAA" } }] }] });
    expect(promptTokens(segments)).toBe(1 + 2 + 1 + INLINE_MEDIA_TOKENS);
  });

  it("shares whole segments and the whole tokens of a partly shared text", () => {
    const left = promptSegments(request("a".repeat(40), "same question", "x".repeat(10)));
    const right = promptSegments(request("a".repeat(40), "same question", "x".repeat(9) + "y"));
    expect(sharedPrefixTokens(left, right)).toBe(10 + 4 + 2);
    expect(sharedPrefixTokens(promptSegments(request("b")), right)).toBe(0);
  });
});

describe("implicit caching", () => {
  const long = "Shared context. ".repeat(300);

  it("hits on a shared prefix of a long prompt, for the same model only", () => {
    const t = tenant();
    expect(implicitCacheHit(t, "gemini-2.5-flash", promptSegments(request(long, "one")))).toBe(0);
    expect(implicitCacheHit(t, "gemini-2.5-pro", promptSegments(request(long, "two")))).toBe(0);
    expect(implicitCacheHit(t, "gemini-2.5-flash", promptSegments(request(long, "two")))).toBe(long.length / 4);
  });

  it("caches nothing below the minimum prompt size", () => {
    const t = tenant();
    const short = "s".repeat((MIN_CACHED_PROMPT_TOKENS - 10) * 4);
    implicitCacheHit(t, "m", promptSegments(request(short, "one")));
    expect(implicitCacheHit(t, "m", promptSegments(request(short, "two")))).toBe(0);
  });

  it("never reports the whole prompt as cached, and forgets prompts beyond the bound", () => {
    const t = tenant();
    const segments = promptSegments(request(long, "same"));
    implicitCacheHit(t, "m", segments);
    expect(implicitCacheHit(t, "m", segments)).toBe(promptTokens(segments) - 1);
    for (let index = 0; index < REMEMBERED_PROMPTS + 5; index += 1) implicitCacheHit(t, "m", promptSegments(request(`${index}`.repeat(5000))));
    expect(t.state.collections.get("gemini.prompts")?.size).toBe(REMEMBERED_PROMPTS);
    expect(implicitCacheHit(t, "m", segments)).toBe(0);
  });
});
