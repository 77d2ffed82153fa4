import { describe, expect, it } from "vitest";
import { Tenant } from "../kit/index.js";
import { cachedTokensFor, promptCacheHit } from "./prompt-cache.js";

const tenant = () => new Tenant({ id: "t", seed: 1, startTime: 0, tickMs: 1000 });
/** A prompt of exactly `tokens` tokens at 4 characters a token. */
const prompt = (tokens: number, fill = "a") => fill.repeat(tokens * 4);

describe("cachedTokensFor", () => {
  it("caches nothing for prompts under 1,024 tokens or prefixes under 1,024 tokens", () => {
    expect(cachedTokensFor(1000, 1023)).toBe(0);
    expect(cachedTokensFor(1023, 5000)).toBe(0);
  });

  it("counts the shared prefix in steps of 128 tokens from 1,024", () => {
    expect(cachedTokensFor(1024, 2000)).toBe(1024);
    expect(cachedTokensFor(1151, 2000)).toBe(1024);
    expect(cachedTokensFor(1152, 2000)).toBe(1152);
    expect(cachedTokensFor(1999, 2000)).toBe(1920);
  });

  it("never counts more than the prompt", () => {
    expect(cachedTokensFor(3000, 2048)).toBe(2048);
  });
});

describe("promptCacheHit", () => {
  it("hits on the prefix an earlier prompt of the same model shares", () => {
    const t = tenant();
    const shared = prompt(1300);
    expect(promptCacheHit(t, "gpt-4.1", `${shared}first`)).toBe(0);
    expect(promptCacheHit(t, "gpt-4.1", `${shared}second`)).toBe(1280);
    expect(promptCacheHit(t, "gpt-4o", `${shared}second`)).toBe(0);
  });

  it("misses a prompt that differs at the start", () => {
    const t = tenant();
    promptCacheHit(t, "gpt-4.1", prompt(2000, "a"));
    expect(promptCacheHit(t, "gpt-4.1", `b${prompt(2000, "a")}`)).toBe(0);
  });

  it("is replayed by a restore: the cache lives in the tenant state", () => {
    const t = tenant();
    const start = t.snapshot();
    promptCacheHit(t, "gpt-4.1", prompt(1500));
    expect(promptCacheHit(t, "gpt-4.1", prompt(1500))).toBe(1408);
    t.restore(start);
    expect(promptCacheHit(t, "gpt-4.1", prompt(1500))).toBe(0);
  });
});
