import { describe, expect, it } from "vitest";
import type { RunReport } from "../scenarios/report/index.js";
import { findRegressions, formatInterval, type IterationSummary, satisfactionPhrase } from "./iteration.js";

const before = { scenarios: [{ id: "a", satisfied: 2, trials: 2 }, { id: "b", satisfied: 1, trials: 2 }, { id: "c", satisfied: 0, trials: 0 }] } as IterationSummary;
const after = (rows: { id: string; satisfied: number; trials: number }[]) => ({ scenarios: rows }) as unknown as RunReport;

describe("findRegressions", () => {
  it("names the scenarios satisfied less often than in the iteration before", () => {
    expect(findRegressions(before, after([{ id: "a", satisfied: 1, trials: 2 }, { id: "b", satisfied: 2, trials: 2 }, { id: "c", satisfied: 0, trials: 2 }, { id: "new", satisfied: 0, trials: 2 }]))).toEqual(["a"]);
  });

  it("has none for the first iteration", () => {
    expect(findRegressions(undefined, after([{ id: "a", satisfied: 0, trials: 2 }]))).toEqual([]);
  });
});

describe("satisfactionPhrase", () => {
  it("gives the value, the interval and the gate as the commit message says them", () => {
    expect(satisfactionPhrase({ satisfaction: 0.625, lower: 0.41, upper: 0.79, gatePassed: false })).toBe("satisfaction 0.63 [0.41, 0.79], gate failed");
    expect(formatInterval(null, null, null)).toMatch(/^n\/a/);
  });
});
