import { describe, expect, it } from "vitest";
import { durationMs } from "./duration.js";

describe("durationMs", () => {
  it("reads numbers as milliseconds and strings with a unit", () => {
    expect(durationMs(1500)).toBe(1500);
    expect(durationMs("250ms")).toBe(250);
    expect(durationMs("30s")).toBe(30_000);
    expect(durationMs("1.5s")).toBe(1_500);
    expect(durationMs("2m")).toBe(120_000);
    expect(durationMs("1h")).toBe(3_600_000);
    expect(durationMs("0s")).toBe(0);
  });

  it("refuses anything else", () => {
    expect(durationMs(-1)).toBeUndefined();
    expect(durationMs(Number.NaN)).toBeUndefined();
    expect(durationMs("5 seconds")).toBeUndefined();
    expect(durationMs("5")).toBeUndefined();
    expect(durationMs("s")).toBeUndefined();
    expect(durationMs("1d")).toBeUndefined();
  });
});
