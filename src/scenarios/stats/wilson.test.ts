import { describe, expect, it } from "vitest";
import { normalQuantile } from "./normal.js";
import { wilsonInterval } from "./wilson.js";

// Reference values: scipy.stats.binomtest(x, n).proportion_ci(0.95, method="wilson") and, for
// the one-sided bound, binomtest(x, n, alternative="greater").proportion_ci(0.95, "wilson").low
// (SciPy 1.17.1; no continuity correction). 81/263 is the example in Wallis (2013) and Wikipedia.
const z975 = normalQuantile(0.975);
const z95 = normalQuantile(0.95);

describe("wilsonInterval", () => {
  it("matches SciPy", () => {
    const a = wilsonInterval(81 / 263, 263, z975);
    expect(a.lower).toBeCloseTo(0.2552885198782742, 12);
    expect(a.upper).toBeCloseTo(0.36620957698280004, 12);
    expect(wilsonInterval(81 / 263, 263, z95).lower).toBeCloseTo(0.26331361718848145, 12);
    const b = wilsonInterval(7 / 20, 20, z975);
    expect(b.lower).toBeCloseTo(0.1811918241010821, 12);
    expect(b.upper).toBeCloseTo(0.5671457233147637, 12);
    expect(wilsonInterval(7 / 20, 20, z95).lower).toBeCloseTo(0.20226004005676104, 12);
  });

  it("handles 0 and n successes", () => {
    const zero = wilsonInterval(0, 10, z975);
    expect(zero.lower).toBe(0);
    expect(zero.upper).toBeCloseTo(0.27753279986288926, 12);
    const all = wilsonInterval(1, 10, z975);
    expect(all.lower).toBeCloseTo(0.7224672001371109, 12);
    expect(all.upper).toBe(1);
    expect(wilsonInterval(1, 10, z95).lower).toBeCloseTo(0.787058029916593, 12);
  });

  it("rejects bad input", () => {
    expect(() => wilsonInterval(1.2, 10, 1.96)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, 0, 1.96)).toThrow(RangeError);
  });
});
