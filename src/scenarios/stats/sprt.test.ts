import { describe, expect, it } from "vitest";
import { createSprt } from "./sprt.js";
import { StatsInputError } from "./validate.js";

// Reference values: Python 3.11 standard library (math.log), by hand from Wald's definitions:
//   upper = math.log((1 - beta) / alpha), lower = math.log(beta / (1 - alpha)),
//   a satisfied trial adds math.log(p1 / p0), a failed one math.log((1 - p1) / (1 - p0)).
// p0 = 0.9, p1 = 0.7, alpha = 0.05, beta = 0.1:
//   upper = ln 18 = 2.8903717578961645, lower = ln(0.1/0.95) = -2.251291798606495,
//   success -0.2513144282809062, failure ln 3 = 1.0986122886681102.
const options = { p0: 0.9, p1: 0.7, alpha: 0.05, beta: 0.1 };

describe("createSprt", () => {
  it("places Wald's boundaries at ln A = ln((1 - beta)/alpha) and ln B = ln(beta/(1 - alpha))", () => {
    const state = createSprt(options).state;
    expect(state.upperBoundary).toBeCloseTo(2.8903717578961645, 14);
    expect(state.lowerBoundary).toBeCloseTo(-2.251291798606495, 14);
    expect(state).toMatchObject({ decision: "continue", llr: 0, n: 0 });
    const other = createSprt({ p0: 0.95, p1: 0.8, alpha: 0.05, beta: 0.2 }).state;
    expect(other.upperBoundary).toBeCloseTo(2.772588722239781, 14);
    expect(other.lowerBoundary).toBeCloseTo(-1.5581446180465497, 14);
  });

  it("follows a known sequence to a regression (accept H1) at the ninth trial", () => {
    const sprt = createSprt(options);
    // outcome, llr after it (Python, see above)
    const expected: [boolean, number][] = [
      [true, -0.2513144282809062],
      [true, -0.5026288565618124],
      [false, 0.5959834321062978],
      [true, 0.34466900382539156],
      [true, 0.09335457554448534],
      [true, -0.15795985273642088],
      [false, 0.9406524359316893],
      [false, 2.0392647245997995],
    ];
    expected.forEach(([satisfied, llr], i) => {
      const state = sprt.update(satisfied);
      expect(state.llr).toBeCloseTo(llr, 13);
      expect(state).toMatchObject({ decision: "continue", n: i + 1 });
    });
    const last = sprt.update(false);
    expect(last.llr).toBeCloseTo(3.13787701326791, 13);
    expect(last).toMatchObject({ decision: "accept-h1", n: 9 });
  });

  it("accepts no regression (H0) after nine straight successes, not eight", () => {
    const sprt = createSprt(options);
    for (let i = 0; i < 8; i++) expect(sprt.update(true).decision).toBe("continue");
    const state = sprt.update(true);
    expect(state.decision).toBe("accept-h0");
    expect(state.llr).toBeCloseTo(-2.2618298545281554, 13);
  });

  it("stops at its decision: later outcomes are not counted", () => {
    const sprt = createSprt(options);
    for (let i = 0; i < 3; i++) sprt.update(false);
    expect(sprt.state.decision).toBe("accept-h1");
    const after = sprt.update(true);
    expect(after).toMatchObject({ decision: "accept-h1", n: 3 });
    expect(after.llr).toBeCloseTo(3 * 1.0986122886681102, 13);
  });

  it("rejects hypotheses that do not describe a regression", () => {
    expect(() => createSprt({ ...options, p1: 0.95 })).toThrow(/p1 \(0.95\) must be below p0/);
    expect(() => createSprt({ ...options, p0: 1 })).toThrow(StatsInputError);
    expect(() => createSprt({ ...options, alpha: 0.6, beta: 0.5 })).toThrow(/alpha \+ beta/);
  });
});
