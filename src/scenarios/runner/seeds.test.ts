import { describe, expect, test } from "vitest";
import { createRandom, derivedSeed, hash32, integerBetween, trialSeed } from "./seeds.js";

describe("trialSeed", () => {
  test("is pinned: the same inputs give these seeds on every machine (checked against a Python FNV-1a + fmix32)", () => {
    expect(trialSeed(0, "notify", 0)).toBe(3855281316);
    expect(trialSeed(0, "notify", 1)).toBe(3661948903);
    expect(trialSeed(1, "notify", 0)).toBe(1109924474);
    expect(trialSeed(42, "jira-triage", 7)).toBe(1046393998);
    expect(hash32("")).toBe(2872998923);
  });

  test("differs with the suite seed, the scenario and the index, and stays a 32-bit unsigned integer", () => {
    const seeds = new Set<number>();
    for (const suite of [0, 1, 2]) for (const id of ["a", "b", "ab"]) for (let index = 0; index < 20; index += 1) seeds.add(trialSeed(suite, id, index));
    expect(seeds.size).toBe(3 * 3 * 20);
    for (const seed of seeds) expect(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff).toBe(true);
  });

  test("refuses a suite seed or index that is not an integer", () => {
    expect(() => trialSeed(1.5, "a", 0)).toThrow("suite seed: expected an integer, got 1.5");
    expect(() => trialSeed(0, "a", Number.NaN)).toThrow("trial index");
  });
});

describe("createRandom", () => {
  test("is mulberry32: pinned values, the same sequence from the same seed", () => {
    const random = createRandom(1);
    expect(random()).toBe(0.6270739405881613);
    expect(random()).toBe(0.002735721180215478);
    const again = createRandom(1);
    const other = createRandom(2);
    expect([again(), again()]).toEqual([0.6270739405881613, 0.002735721180215478]);
    expect(other()).not.toBe(0.6270739405881613);
  });

  test("draws in [0, 1) and integers within their bounds, both included", () => {
    const random = createRandom(derivedSeed(7, "test"));
    const seen = new Set<number>();
    for (let draw = 0; draw < 2000; draw += 1) {
      const value = integerBetween(random, 3, 6);
      expect(value >= 3 && value <= 6).toBe(true);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });
});
