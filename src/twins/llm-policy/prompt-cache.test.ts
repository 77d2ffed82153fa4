import { describe, expect, it } from "vitest";
import { Tenant } from "../kit/index.js";
import { implicitCachePrefix, REMEMBERED_PROMPTS, sharedPrefixTokens, type PromptSegment } from "./prompt-cache.js";

const text = (key: string): PromptSegment => ({ key, tokens: Math.ceil(key.length / 4), text: true });
const media = (key: string): PromptSegment => ({ key, tokens: 258, text: false });
const tenant = () => new Tenant({ id: "t", seed: 1, startTime: 0, tickMs: 1000 });

describe("sharedPrefixTokens", () => {
  it("counts whole equal segments, then whole tokens of a partly shared text; media match whole or not at all", () => {
    const base = [text("a".repeat(40)), media("img:1"), text("question one")];
    expect(sharedPrefixTokens(base, [text("a".repeat(40)), media("img:1"), text("question two")])).toBe(10 + 258 + 2);
    expect(sharedPrefixTokens(base, [text("a".repeat(40)), media("img:2"), text("question one")])).toBe(10);
    expect(sharedPrefixTokens(base, [text("b")])).toBe(0);
  });
});

describe("implicitCachePrefix", () => {
  const long = "x".repeat(4 * 1100);

  it("finds the longest prefix among earlier prompts of the same model and collection, only above the minimum", () => {
    const t = tenant();
    expect(implicitCachePrefix(t, { collection: "a.prompts", model: "m", segments: [text(long), text("one")] })).toBe(0);
    expect(implicitCachePrefix(t, { collection: "a.prompts", model: "other", segments: [text(long), text("two")] })).toBe(0);
    expect(implicitCachePrefix(t, { collection: "b.prompts", model: "m", segments: [text(long), text("two")] })).toBe(0);
    expect(implicitCachePrefix(t, { collection: "a.prompts", model: "m", segments: [text(long), text("two")] })).toBe(1100);
    const short = "s".repeat(4 * 1000);
    implicitCachePrefix(t, { collection: "a.prompts", model: "m", segments: [text(short)] });
    expect(implicitCachePrefix(t, { collection: "a.prompts", model: "m", segments: [text(short)] })).toBe(0);
    expect(implicitCachePrefix(t, { collection: "a.prompts", model: "m", segments: [text(short)], minTokens: 10 })).toBe(1000);
  });

  it("remembers a bounded number of prompts, oldest forgotten first, and replays hits after a restore", () => {
    const t = tenant();
    implicitCachePrefix(t, { collection: "c", model: "m", segments: [text(`first ${long}`)] });
    const snapshot = t.snapshot();
    for (let index = 0; index < REMEMBERED_PROMPTS; index += 1) implicitCachePrefix(t, { collection: "c", model: "m", segments: [text(`${index} other`)] });
    expect(implicitCachePrefix(t, { collection: "c", model: "m", segments: [text(`first ${long}`)] })).toBe(0);
    t.restore(snapshot);
    expect(implicitCachePrefix(t, { collection: "c", model: "m", segments: [text(`first ${long}`)] })).toBe(Math.ceil((6 + long.length) / 4));
  });
});
