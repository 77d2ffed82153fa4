import { describe, expect, it } from "vitest";
import { clopperPearson, clopperPearsonLower } from "./clopper-pearson.js";

// Reference values: scipy.stats.binomtest(x, n).proportion_ci(0.95, method="exact") (SciPy
// 1.17.1), and the closed forms at the edges: x = 0 → upper = 1 − (α/2)^(1/n); x = n → lower =
// (α/2)^(1/n); the one-sided lower bound at x = n is α^(1/n).
const near = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 10);

describe("clopperPearson", () => {
  it("x = 0, n = 10 → [0, 0.3085]", () => {
    const ci = clopperPearson(0, 10);
    expect(ci.lower).toBe(0);
    near(ci.upper, 1 - 0.025 ** (1 / 10)); // 0.30849710781876...
    near(ci.upper, 0.3084971078187607);
  });

  it("x = 5, n = 10 → [0.1871, 0.8129]", () => {
    const ci = clopperPearson(5, 10);
    near(ci.lower, 0.18708602844739855);
    near(ci.upper, 0.8129139715526015);
  });

  it("matches SciPy elsewhere", () => {
    const a = clopperPearson(3, 20);
    near(a.lower, 0.0320709371854637);
    near(a.upper, 0.37892682654531396);
    const b = clopperPearson(17, 20);
    near(b.lower, 0.621073173454686);
    near(b.upper, 0.9679290628145363);
    const c = clopperPearson(10, 10);
    near(c.lower, 0.025 ** (1 / 10)); // 0.69150289218...
    expect(c.upper).toBe(1);
    near(clopperPearson(1, 1).lower, 0.025);
  });

  it("one-sided lower bound", () => {
    near(clopperPearsonLower(10, 10), 0.05 ** (1 / 10)); // 0.7411344491066529
    near(clopperPearsonLower(8, 10), 0.4930986989367977); // binomtest(8, 10, alternative="greater")
    expect(clopperPearsonLower(0, 10)).toBe(0);
  });

  it("honours alpha and rejects bad input", () => {
    const wide = clopperPearson(5, 10, 0.01);
    expect(wide.lower).toBeLessThan(0.1871);
    expect(() => clopperPearson(11, 10)).toThrow(RangeError);
    expect(() => clopperPearson(1, 0)).toThrow(RangeError);
    expect(() => clopperPearson(1, 10, 0)).toThrow(RangeError);
  });
});
