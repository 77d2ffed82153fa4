import { describe, expect, it } from "vitest";
import { normalizeWeights, satisfaction, smoothedRate } from "./satisfaction.js";

// Reference values computed independently in Python/NumPy + SciPy 1.17.1: S, S̃, SE and n_eff from
// the formulas; the Wilson bounds with scipy.stats.norm.ppf quantiles; the clustered SE as the
// CR1 sandwich (X'WX)⁻¹ [G/(G−1) Σ_g (X_g'W_g e_g)²] (X'WX)⁻¹ of an intercept-only weighted
// least-squares fit on the expanded trial-level 0/1 data (trial weight w_i/K_i, one cluster per
// scenario) — the same estimator as statsmodels WLS(...).fit(cov_type="cluster").
describe("satisfaction", () => {
  it("equal weights: worked example of docs/scenarios/stats.md", () => {
    const r = satisfaction([
      { id: "a", trials: 10, satisfied: 10 },
      { id: "b", trials: 10, satisfied: 9 },
      { id: "c", trials: 10, satisfied: 5 },
      { id: "d", trials: 10, satisfied: 2 },
    ]);
    expect(r.satisfaction).toBeCloseTo(0.65, 14);
    expect(r.smoothedSatisfaction).toBeCloseTo(0.6363636363636364, 14);
    expect(r.standardError).toBeCloseTo(0.06055869361124649, 14);
    expect(r.effectiveSampleSize).toBeCloseTo(63.098591549295776, 10);
    expect(r.interval.lower).toBeCloseTo(0.5268078189088256, 11);
    expect(r.interval.upper).toBeCloseTo(0.7559762148670904, 11);
    expect(r.lowerBound).toBeCloseTo(0.5469218487713219, 11);
    expect(r.clusteredStandardError!).toBeCloseTo(0.18484227510682358, 12);
    expect(r.iidStandardError).toBeCloseTo(0.07541551564499178, 12);
    expect(r.designEffect!).toBeCloseTo(6.007326007326004, 10);
    expect(r.trials).toBe(40);
    expect(r.scenarios).toBe(4);
  });

  it("unequal weights and trial counts", () => {
    const r = satisfaction([
      { id: "x", weight: 2, trials: 20, satisfied: 18 },
      { id: "y", weight: 1, trials: 10, satisfied: 3 },
      { id: "z", weight: 1, trials: 5, satisfied: 5 },
    ]);
    expect(r.weights).toEqual([
      { id: "x", weight: 0.5 },
      { id: "y", weight: 0.25 },
      { id: "z", weight: 0.25 },
    ]);
    expect(r.satisfaction).toBeCloseTo(0.775, 14);
    expect(r.smoothedSatisfaction).toBeCloseTo(0.7491883116883117, 14);
    expect(r.standardError).toBeCloseTo(0.06018048341403613, 14);
    expect(r.effectiveSampleSize).toBeCloseTo(51.88327963487744, 9);
    expect(r.interval.lower).toBeCloseTo(0.6447763491327181, 11);
    expect(r.interval.upper).toBeCloseTo(0.867308670735679, 11);
    expect(r.lowerBound).toBeCloseTo(0.6674119985627217, 11);
    expect(r.clusteredStandardError!).toBeCloseTo(0.17820721786729066, 12);
    expect(r.designEffect!).toBeCloseTo(5.827956989247308, 10);
  });

  it("stays informative at S = 1 and S = 0 through smoothing", () => {
    const all = satisfaction([
      { id: "a", trials: 10, satisfied: 10 },
      { id: "b", trials: 10, satisfied: 10 },
    ]);
    expect(all.satisfaction).toBe(1);
    expect(all.standardError).toBeCloseTo(0.04657704893617998, 14);
    expect(all.effectiveSampleSize).toBeCloseTo(20, 10);
    expect(all.interval.lower).toBeCloseTo(0.8388748419471806, 11); // Wilson, 20/20
    expect(all.interval.upper).toBe(1);
    expect(all.lowerBound).toBeCloseTo(0.8808421626390356, 11);
    expect(all.clusteredStandardError).toBe(0);
    expect(all.designEffect).toBeNull(); // 0/0
    const none = satisfaction([
      { id: "a", trials: 10, satisfied: 0 },
      { id: "b", trials: 10, satisfied: 0 },
    ]);
    expect(none.lowerBound).toBe(0);
    expect(none.interval.upper).toBeCloseTo(0.16112515805281938, 11);
  });

  it("single scenario: n_eff = K, and no clustered SE", () => {
    const r = satisfaction([{ id: "only", trials: 20, satisfied: 7 }]);
    expect(r.effectiveSampleSize).toBeCloseTo(20, 10);
    expect(r.interval.lower).toBeCloseTo(0.1811918241010821, 11); // = Wilson 7/20 (SciPy)
    expect(r.clusteredStandardError).toBeNull();
    expect(r.designEffect).toBeNull();
  });

  it("validates input", () => {
    expect(() => satisfaction([])).toThrow(/no scenarios/);
    expect(() => normalizeWeights([{ id: "a", trials: 0, satisfied: 0 }])).toThrow(RangeError);
    expect(() => normalizeWeights([{ id: "a", trials: 3, satisfied: 4 }])).toThrow(RangeError);
    expect(() => normalizeWeights([{ id: "a", weight: 0, trials: 3, satisfied: 1 }])).toThrow(/weight/);
    expect(() =>
      normalizeWeights([
        { id: "a", trials: 3, satisfied: 1 },
        { id: "a", trials: 3, satisfied: 1 },
      ]),
    ).toThrow(/duplicate/);
    expect(smoothedRate(0, 10)).toBeCloseTo(0.5 / 11, 15);
  });
});
