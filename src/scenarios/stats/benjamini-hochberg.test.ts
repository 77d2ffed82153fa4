import { describe, expect, it } from "vitest";
import { benjaminiHochberg } from "./benjamini-hochberg.js";

// Reference values: scipy.stats.false_discovery_control(p) (SciPy 1.17.1; same as R's
// p.adjust(p, "BH")), on the 15 p-values of Benjamini & Hochberg (1995), section 4.
describe("benjaminiHochberg", () => {
  it("reproduces the 1995 paper's example", () => {
    const p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1];
    const expected = [
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286, 0.0645, 0.0765, 0.486,
      0.5811818181818181, 0.714875, 0.7532307692307693, 0.8132142857142857, 1,
    ];
    benjaminiHochberg(p).forEach((q, i) => expect(q).toBeCloseTo(expected[i]!, 14));
    // The paper rejects the four smallest at FDR 0.05.
    expect(benjaminiHochberg(p).filter((q) => q <= 0.05)).toHaveLength(4);
  });

  it("keeps input order and handles ties", () => {
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.2]);
    const expected = [0.035, 0.056, 0.056, 0.035, 0.5, 0.056, 0.23333333333333336];
    q.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 14));
    expect(benjaminiHochberg([])).toEqual([]);
    expect(() => benjaminiHochberg([1.5])).toThrow(RangeError);
  });
});
