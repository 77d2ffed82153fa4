import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minimumDetectableDrop, trialsToDetectDrop } from "./planner.js";
import { StatsInputError } from "./validate.js";

// Reference values: Python 3.11 standard library only (statistics.NormalDist for the quantiles).
//   z = NormalDist().inv_cdf(1 - alpha) + NormalDist().inv_cdf(power)
//   n = z*z*(p0*(1-p0) + p1*(1-p1)) / drop**2;  K = max(1, math.ceil(n / scenarios))
// and, for the inverse, a 200-step bisection of d - z*sqrt((p0*q0 + (p0-d)*(q0+d)) / (K*G)) = 0
// on [0, p0] (independent of the closed form in planner.ts); inf when the root lies past p0.

describe("trialsToDetectDrop", () => {
  it.each([
    // baseline, drop, scenarios, alpha, power, n (total per run), K
    [0.9, 0.05, 20, 0.05, 0.8, 537.8824791857193, 27],
    [0.9, 0.05, 20, 0.05, 0.9, 745.0547195081135, 38],
    [0.9, 0.05, 20, 0.01, 0.8, 873.1344592111727, 44],
    [0.8, 0.1, 10, 0.05, 0.8, 228.75461758473116, 23],
    [0.95, 0.1, 1, 0.05, 0.8, 108.19475156034586, 109],
    [1.0, 0.05, 10, 0.05, 0.8, 117.4685874083756, 12],
  ])("baseline %s, drop %s, %s scenarios, alpha %s, power %s: n = %s, K = %s", (baseline, drop, scenarios, alpha, power, _n, k) => {
    expect(trialsToDetectDrop({ baseline, drop, scenarios, alpha, power })).toBe(k);
  });

  it("defaults to alpha 0.05 and power 0.8, and never plans fewer than one trial", () => {
    expect(trialsToDetectDrop({ baseline: 0.9, drop: 0.05, scenarios: 20 })).toBe(27);
    expect(trialsToDetectDrop({ baseline: 1, drop: 1, scenarios: 500 })).toBe(1);
  });

  it("rejects impossible plans with StatsInputError", () => {
    expect(() => trialsToDetectDrop({ baseline: 0.9, drop: 0, scenarios: 10 })).toThrow(StatsInputError);
    expect(() => trialsToDetectDrop({ baseline: 0.5, drop: 0.6, scenarios: 10 })).toThrow(/drop must be in \(0, baseline 0.5\]/);
    expect(() => trialsToDetectDrop({ baseline: 0, drop: 0.1, scenarios: 10 })).toThrow(/baseline/);
    expect(() => trialsToDetectDrop({ baseline: 0.9, drop: 0.1, scenarios: 2.5 })).toThrow(/scenarios/);
    expect(() => trialsToDetectDrop({ baseline: 0.9, drop: 0.1, scenarios: 10, power: 1 })).toThrow(/power/);
    expect(() => trialsToDetectDrop({ baseline: 0.9, drop: 0.1, scenarios: 10, alpha: 0 })).toThrow(/alpha/);
  });
});

describe("minimumDetectableDrop", () => {
  it.each([
    // baseline, K, scenarios, alpha, power, smallest detectable drop
    [0.9, 27, 20, 0.05, 0.8, 0.0498933000915396],
    [0.9, 5, 10, 0.05, 0.8, 0.19148112858218863],
    [0.8, 10, 12, 0.05, 0.9, 0.16734379970000335],
    [1.0, 5, 4, 0.05, 0.8, 0.23613267326152731],
  ])("baseline %s, K %s, %s scenarios, alpha %s, power %s: %s", (baseline, trialsPerScenario, scenarios, alpha, power, expected) => {
    expect(minimumDetectableDrop({ baseline, trialsPerScenario, scenarios, alpha, power })).toBeCloseTo(expected, 12);
  });

  it("is Infinity when not even a drop to zero would be seen", () => {
    expect(minimumDetectableDrop({ baseline: 0.5, trialsPerScenario: 3, scenarios: 1 })).toBe(Infinity);
    expect(minimumDetectableDrop({ baseline: 0.05, trialsPerScenario: 1, scenarios: 1 })).toBe(Infinity);
  });

  it("rejects a fractional trial count", () => {
    expect(() => minimumDetectableDrop({ baseline: 0.9, trialsPerScenario: 0, scenarios: 3 })).toThrow(StatsInputError);
    expect(() => minimumDetectableDrop({ baseline: 1.1, trialsPerScenario: 3, scenarios: 3 })).toThrow(/baseline/);
  });

  it("inverts the planner: the planned K detects the drop, one trial fewer per scenario does not", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        (baseline, share, scenarios) => {
          const drop = baseline * share;
          const k = trialsToDetectDrop({ baseline, drop, scenarios });
          expect(minimumDetectableDrop({ baseline, trialsPerScenario: k, scenarios })).toBeLessThanOrEqual(drop + 1e-12);
          if (k > 1) expect(minimumDetectableDrop({ baseline, trialsPerScenario: k - 1, scenarios })).toBeGreaterThan(drop - 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });
});
