import { describe, expect, it } from "vitest";
import { fisherDropPValue, hypergeometricPmf } from "./fisher.js";

// Reference values: scipy.stats.fisher_exact([[a, Kb − a], [c, Kc − c]], alternative="greater")
// (SciPy 1.17.1), and one by hand: 10/10 vs 5/10 → P(A = 10) = C(15,10)·C(5,0)/C(20,10) = 3003/184756.
describe("fisherDropPValue", () => {
  it("matches SciPy and the hand computation", () => {
    expect(fisherDropPValue(10, 10, 5, 10)).toBeCloseTo(3003 / 184756, 14);
    expect(fisherDropPValue(10, 10, 5, 10)).toBeCloseTo(0.016253869969040248, 14);
    expect(fisherDropPValue(9, 10, 3, 10)).toBeCloseTo(0.009883305548940223, 13);
    expect(fisherDropPValue(20, 20, 14, 20)).toBeCloseTo(0.0100980100980101, 13);
    expect(fisherDropPValue(5, 10, 5, 10)).toBeCloseTo(0.6718591006516703, 13);
    expect(fisherDropPValue(3, 10, 8, 10)).toBeCloseTo(0.9972612526792093, 13);
    expect(fisherDropPValue(1, 1, 0, 1)).toBeCloseTo(0.5, 14);
    expect(fisherDropPValue(10, 10, 10, 10)).toBeCloseTo(1, 14);
  });

  it("hypergeometric pmf sums to 1 and is 0 off support", () => {
    let total = 0;
    for (let x = 0; x <= 7; x++) total += hypergeometricPmf(x, 20, 7, 10);
    expect(total).toBeCloseTo(1, 13);
    expect(hypergeometricPmf(8, 20, 7, 10)).toBe(0);
  });

  it("rejects bad counts", () => {
    expect(() => fisherDropPValue(11, 10, 0, 10)).toThrow(RangeError);
  });
});
