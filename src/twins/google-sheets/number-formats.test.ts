import { describe, expect, it } from "vitest";
import { detectDate, formatWithPattern } from "./number-formats.js";

describe("number formats", () => {
  it("reads typed dates as Sheets' serial numbers with the pattern they were typed in", () => {
    expect(detectDate("2026-01-15")).toEqual({ serial: 46037, numberFormat: { type: "DATE", pattern: "yyyy-mm-dd" } });
    expect(detectDate("1/15/2026")).toEqual({ serial: 46037, numberFormat: { type: "DATE", pattern: "M/d/yyyy" } });
    expect(detectDate("1899-12-31")?.serial).toBe(1);
    expect(detectDate("2026-02-30")).toBeUndefined();
    expect(detectDate("15/1/2026")).toBeUndefined();
  });

  it("shows dates and numbers through their patterns", () => {
    expect(formatWithPattern(46037, { type: "DATE", pattern: "yyyy-mm-dd" })).toBe("2026-01-15");
    expect(formatWithPattern(46037, { type: "DATE", pattern: "M/d/yy" })).toBe("1/15/26");
    expect(formatWithPattern(1234.5, { type: "NUMBER", pattern: "#,##0.00" })).toBe("1,234.50");
    expect(formatWithPattern(-1234.5, { type: "CURRENCY", pattern: "$#,##0" })).toBe("-$1,235");
    expect(formatWithPattern(0.125, { type: "PERCENT", pattern: "0.0%" })).toBe("12.5%");
    expect(formatWithPattern(3, { type: "PERCENT" })).toBe("300.00%");
    expect(formatWithPattern(3, undefined)).toBeUndefined();
    expect(formatWithPattern(3, { type: "NUMBER", pattern: "[Red]0;0" })).toBeUndefined();
  });
});
