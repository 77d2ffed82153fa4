import { describe, expect, it } from "vitest";
import { passAtK, passAtKByScenario, passHatK } from "./pass-at-k.js";

// Reference values: the defining ratios of binomial coefficients evaluated exactly in Python
// (math.comb): pass@k = 1 − comb(n−c, k)/comb(n, k), pass^k = comb(c, k)/comb(n, k).
describe("passAtK", () => {
  it("matches the combinatorial definition", () => {
    expect(passAtK(10, 3, 1)).toBeCloseTo(0.3, 14); // pass@1 = c/n
    expect(passAtK(10, 3, 2)).toBeCloseTo(0.5333333333333333, 14); // 1 − 21/45
    expect(passAtK(10, 3, 5)).toBeCloseTo(0.9166666666666666, 14); // 1 − 21/252
    expect(passAtK(10, 7, 3)).toBeCloseTo(0.9916666666666667, 14); // 1 − 1/120
    expect(passAtK(200, 13, 10)).toBeCloseTo(0.4975511147306061, 12);
    expect(passAtK(10, 8, 3)).toBe(1); // fewer than k failures: some sample always passes
    expect(passAtK(10, 0, 3)).toBe(0);
  });
});

describe("passHatK", () => {
  it("matches the combinatorial definition", () => {
    expect(passHatK(10, 3, 1)).toBeCloseTo(0.3, 14);
    expect(passHatK(10, 3, 2)).toBeCloseTo(0.06666666666666667, 14); // 3/45
    expect(passHatK(10, 7, 3)).toBeCloseTo(0.2916666666666667, 14); // 35/120
    expect(passHatK(200, 13, 10) / 1.2738851058221087e-14).toBeCloseTo(1, 10);
    expect(passHatK(10, 3, 5)).toBe(0);
    expect(passHatK(10, 10, 10)).toBe(1);
  });
});

describe("errors and tables", () => {
  it("rejects k > n and bad k", () => {
    expect(() => passAtK(5, 2, 6)).toThrow(/exceeds/);
    expect(() => passHatK(5, 2, 6)).toThrow(/exceeds/);
    expect(() => passAtK(5, 2, 0)).toThrow(RangeError);
    expect(() => passAtK(5, 6, 1)).toThrow(RangeError);
  });

  it("tabulates per scenario", () => {
    const rows = passAtKByScenario(
      [
        { id: "a", trials: 10, satisfied: 3 },
        { id: "b", trials: 4, satisfied: 4 },
      ],
      2,
    );
    expect(rows.map((r) => r.id)).toEqual(["a", "b"]);
    expect(rows[1]).toEqual({ id: "b", k: 2, passAtK: 1, passHatK: 1 });
  });
});
