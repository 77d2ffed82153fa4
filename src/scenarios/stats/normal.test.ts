import { describe, expect, it } from "vitest";
import {
  betaQuantile,
  binomialCdf,
  binomialPmf,
  binomialSf,
  lnChoose,
  lnGamma,
  normalCdf,
  normalQuantile,
  regularizedBeta,
} from "./normal.js";

// Reference values: SciPy 1.17.1 (scipy.stats.norm / beta / binom, scipy.special.betainc and
// gammaln), which wrap Cephes and Boost; textbook identities noted beside the others.
const close = (actual: number, expected: number, rel = 1e-9) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(Math.abs(expected), 1e-300));

describe("lnGamma", () => {
  it("matches exact and SciPy values", () => {
    close(lnGamma(0.5), 0.5723649429247001, 1e-13); // ln √π
    close(lnGamma(10), Math.log(362880), 1e-13); // ln 9!
    close(lnGamma(100.5), 361.43554046777757, 1e-13); // scipy.special.gammaln(100.5)
    close(lnChoose(10, 3), Math.log(120), 1e-13);
  });
});

describe("normalCdf", () => {
  it("matches scipy.stats.norm.cdf", () => {
    expect(normalCdf(0)).toBe(0.5);
    close(normalCdf(1), 0.8413447460685429, 1e-12);
    close(normalCdf(1.96), 0.9750021048517795, 1e-12);
    close(normalCdf(-1.96), 0.024997895148220435, 1e-12);
    close(normalCdf(3), 0.9986501019683699, 1e-12);
    close(normalCdf(-5), 2.866515718791933e-7, 1e-10); // relative accuracy in the tail
    close(normalCdf(-10), 7.61985302416047e-24, 1e-10);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
  });
});

describe("normalQuantile", () => {
  it("matches scipy.stats.norm.ppf", () => {
    close(normalQuantile(0.975), 1.959963984540054, 1e-12);
    close(normalQuantile(0.95), 1.6448536269514722, 1e-12);
    expect(Math.abs(normalQuantile(0.5))).toBeLessThan(1e-15);
    close(normalQuantile(0.001), -3.090232306167813, 1e-12);
    close(normalQuantile(1e-10), -6.361340902404056, 1e-11);
    close(normalQuantile(0.3), -0.5244005127080409, 1e-12);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });

  it("inverts normalCdf", () => {
    for (const p of [1e-8, 0.01, 0.2, 0.5, 0.77, 0.999]) close(normalCdf(normalQuantile(p)), p, 1e-12);
  });

  it("rejects p outside [0, 1]", () => {
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
});

describe("regularizedBeta", () => {
  it("matches closed forms and scipy.special.betainc", () => {
    // I_0.4(2, 3) = P(Binomial(4, 0.4) >= 2) = 0.3456 + 0.1536 + 0.0256 = 0.5248
    close(regularizedBeta(0.4, 2, 3), 0.5248, 1e-13);
    // I_x(1/2, 1/2) = (2/π) asin(√x)
    close(regularizedBeta(0.3, 0.5, 0.5), (2 / Math.PI) * Math.asin(Math.sqrt(0.3)), 1e-12);
    close(regularizedBeta(0.35, 10, 20), 0.5923866636639051, 1e-11);
    close(regularizedBeta(0.3, 100, 200), 0.10884306564490986, 1e-10);
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
  });
});

describe("betaQuantile", () => {
  it("matches scipy.stats.beta.ppf", () => {
    close(betaQuantile(0.025, 5, 6), 0.18708602844739855, 1e-10);
    close(betaQuantile(0.975, 6, 5), 0.8129139715526015, 1e-10);
    close(betaQuantile(0.05, 1, 10), 0.005116196891823701, 1e-10); // = 1 - 0.95^(1/10)
    close(betaQuantile(0.5, 2.5, 7.5), 0.23287867775885507, 1e-10);
  });
});

describe("binomial", () => {
  it("matches scipy.stats.binom and exact sums", () => {
    close(binomialPmf(3, 10, 0.3), 0.2668279319999998, 1e-12); // 120 · 0.3³ · 0.7⁷
    close(binomialCdf(3, 10, 0.3), 0.6496107184000002, 1e-12);
    close(binomialSf(8, 20, 0.5), 0.8684120178222656, 1e-12); // binom.sf(7, 20, .5) = P(X >= 8)
    close(binomialSf(15, 20, 0.5), 21700 / 2 ** 20, 1e-12); // (C(20,15..20) sum = 21700) / 2^20
    close(binomialCdf(40, 100, 0.5), 0.028443966820490444, 1e-10);
    close(binomialPmf(500, 1000, 0.5), 0.025225018178360804, 1e-10);
  });

  it("handles the edges", () => {
    expect(binomialPmf(0, 5, 0)).toBe(1);
    expect(binomialPmf(5, 5, 1)).toBe(1);
    expect(binomialPmf(6, 5, 0.5)).toBe(0);
    expect(binomialCdf(-1, 5, 0.5)).toBe(0);
    expect(binomialCdf(5, 5, 0.5)).toBe(1);
    expect(binomialSf(0, 5, 0.5)).toBe(1);
    expect(binomialSf(6, 5, 0.5)).toBe(0);
  });
});
