import { describe, expect, it } from "vitest";
import { mcnemarExact, mcnemarExactCounts, type PairedTrial } from "./mcnemar.js";

// Reference values: scipy.stats.binomtest(b, b + c, 0.5, alternative="greater").pvalue
// (SciPy 1.17.1), and by hand: b = 5, c = 0 → 2⁻⁵ = 0.03125; b = 8, c = 2 → (45+10+1)/1024.
describe("mcnemarExact", () => {
  it("matches exact binomial tails", () => {
    expect(mcnemarExactCounts(5, 0)).toBeCloseTo(0.03125, 13);
    expect(mcnemarExactCounts(8, 2)).toBeCloseTo(56 / 1024, 13); // 0.0546875
    expect(mcnemarExactCounts(3, 3)).toBeCloseTo(0.65625, 13);
    expect(mcnemarExactCounts(10, 4)).toBeCloseTo(0.08978271484375, 14);
    expect(mcnemarExactCounts(12, 5)).toBeCloseTo(0.0717315673828125, 14);
    expect(mcnemarExactCounts(0, 4)).toBeCloseTo(1, 13);
    expect(mcnemarExactCounts(0, 0)).toBe(1);
  });

  it("counts discordant seed-matched pairs", () => {
    const pairs: PairedTrial[] = [];
    for (let seed = 0; seed < 10; seed++) {
      pairs.push({ scenario: "s", seed, baseline: true, current: seed >= 5 }); // 5 drops
      pairs.push({ scenario: "t", seed, baseline: true, current: true }); // concordant
    }
    const r = mcnemarExact(pairs);
    expect(r).toEqual({ b: 5, c: 0, pairs: 20, pValue: 0.03125 });
  });

  it("rejects duplicate pairs", () => {
    const p: PairedTrial = { scenario: "s", seed: 1, baseline: true, current: false };
    expect(() => mcnemarExact([p, p])).toThrow(/duplicate/);
  });
});
