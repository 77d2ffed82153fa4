import { describe, expect, it } from "vitest";
import { compareRuns } from "./compare.js";

// Reference values: scipy.stats.fisher_exact(..., alternative="greater") per scenario and
// scipy.stats.false_discovery_control over the five p-values (SciPy 1.17.1).
const t = (id: string, trials: number, satisfied: number) => ({ id, trials, satisfied });

describe("compareRuns", () => {
  const baseline = [t("a", 10, 10), t("b", 10, 9), t("c", 10, 10), t("d", 10, 5), t("e", 10, 7), t("old", 3, 3)];
  const current = [t("a", 10, 5), t("b", 10, 3), t("c", 10, 9), t("d", 10, 5), t("e", 10, 8), t("fresh", 3, 0)];
  const r = compareRuns(baseline, current);

  it("computes Fisher p-values and BH q-values", () => {
    const byId = new Map(r.scenarios.map((s) => [s.id, s]));
    const expected: Record<string, [number, number]> = {
      a: [0.016253869969040248, 0.04063467492260062],
      b: [0.009883305548940223, 0.04063467492260062],
      c: [0.5, 0.8333333333333334],
      d: [0.6718591006516703, 0.839823875814588],
      e: [0.848297213622291, 0.848297213622291],
    };
    for (const [id, [p, q]] of Object.entries(expected)) {
      expect(byId.get(id)!.pValue).toBeCloseTo(p, 12);
      expect(byId.get(id)!.qValue).toBeCloseTo(q, 12);
    }
  });

  it("sorts by q, then p, and lists newly failing scenarios", () => {
    expect(r.scenarios.map((s) => s.id)).toEqual(["b", "a", "c", "d", "e"]);
    // a, b: q < 0.05; c: perfect in baseline, 9/10 now (not significant, still newly failing).
    expect(r.newlyFailing).toEqual(["b", "a", "c"]);
    expect(r.scenarios.find((s) => s.id === "c")!.brokeFromPerfect).toBe(true);
    expect(r.onlyInBaseline).toEqual(["old"]);
    expect(r.onlyInCurrent).toEqual(["fresh"]);
    expect(r.scenarios[0]!.drop).toBeCloseTo(0.6, 14);
  });

  it("honours alpha", () => {
    // b (q = 0.0406) is no longer significant; a and c broke from 10/10 in the baseline.
    expect(compareRuns(baseline, current, { alpha: 0.01 }).newlyFailing).toEqual(["a", "c"]);
    expect(() => compareRuns(baseline, current, { alpha: 2 })).toThrow(RangeError);
  });
});
