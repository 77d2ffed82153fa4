import { describe, expect, it } from "vitest";
import { attributionCounts, chargedTo, countTrials, isCounted, talliesOf } from "./tallies.js";
import { sampleScenario, sampleTrials } from "./sample-run.fixture.js";

describe("tallies", () => {
  it("counts satisfied trials and product failures; excludes the rest by attribution", () => {
    expect(countTrials(sampleTrials("a", "pfxtjp"))).toEqual({ counted: 3, satisfied: 2, excluded: { twin: 1, judge: 1, infrastructure: 1 } });
  });

  it("charges a failed trial without attribution to the product, so it cannot slip out of the count", () => {
    const unattributed = { satisfied: false, attribution: undefined };
    expect(chargedTo(unattributed)).toBe("product");
    expect(isCounted(unattributed)).toBe(true);
    expect(chargedTo({ satisfied: true, attribution: "twin" })).toBeUndefined();
  });

  it("tallies each scenario on its counted trials and totals failures by attribution", () => {
    const scenarios = [sampleScenario("a", "ppf", { weight: 2, mustPass: true }), sampleScenario("b", "xxp")];
    expect(talliesOf(scenarios)).toEqual([
      { id: "a", weight: 2, mustPass: true, trials: 3, satisfied: 2 },
      { id: "b", weight: 1, mustPass: false, trials: 1, satisfied: 1 },
    ]);
    expect(attributionCounts(scenarios)).toEqual({ product: 1, twin: 0, judge: 0, infrastructure: 2 });
  });
});
