import { describe, expect, it } from "vitest";
import { stratifiedDropTest } from "./regression.js";

// Reference values: the formulas evaluated independently in NumPy with
// scipy.stats.norm.sf for the p-value (SciPy 1.17.1).
const t = (id: string, trials: number, satisfied: number, weight?: number) => ({ id, trials, satisfied, weight });

describe("stratifiedDropTest", () => {
  it("equal weights", () => {
    const r = stratifiedDropTest([t("a", 10, 10), t("b", 10, 9), t("c", 10, 8)], [t("a", 10, 6), t("b", 10, 8), t("c", 10, 7)]);
    expect(r.drop).toBeCloseTo(0.2, 14);
    expect(r.standardError).toBeCloseTo(0.10274023338281627, 14);
    expect(r.z).toBeCloseTo(1.9466570535691508, 12);
    expect(r.pValue).toBeCloseTo(0.0257879318104385, 12);
  });

  it("uses the current run's weights, renormalized over matched scenarios", () => {
    const r = stratifiedDropTest(
      [t("a", 20, 18), t("b", 10, 5), t("gone", 5, 5)],
      [t("a", 20, 17, 3), t("b", 10, 6, 1), t("new", 4, 0, 5)],
    );
    expect(r.drop).toBeCloseTo(0.0125, 14);
    expect(r.standardError).toBeCloseTo(0.09615661053718563, 14);
    expect(r.pValue).toBeCloseTo(0.4482846917825509, 12);
    expect(r.matched).toEqual(["a", "b"]);
    expect(r.onlyInBaseline).toEqual(["gone"]);
    expect(r.onlyInCurrent).toEqual(["new"]);
  });

  it("no variance means no evidence", () => {
    const r = stratifiedDropTest([t("a", 5, 5)], [t("a", 5, 5)]);
    expect(r).toMatchObject({ drop: 0, standardError: 0, z: 0, pValue: 0.5 });
    expect(stratifiedDropTest([t("a", 5, 5)], [t("b", 5, 5)]).pValue).toBe(1);
  });
});
