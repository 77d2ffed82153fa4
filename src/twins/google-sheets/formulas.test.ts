import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEvaluator, formatNumber, parseInput } from "./cell-values.js";
import { gridOf } from "./cell-grid.js";
import { type Cell, type SheetRecord, type SpreadsheetRecord, newSheet } from "./model.js";

function sheetWith(title: string, sheetId: number, rows: unknown[][]): SheetRecord {
  const entries: [number, number, Cell][] = [];
  rows.forEach((row, rowIndex) =>
    row.forEach((value, column) => {
      const input = parseInput(value, "USER_ENTERED");
      if (input) entries.push([rowIndex, column, { value: input }]);
    }),
  );
  return { ...newSheet(sheetId, title, sheetId), cells: gridOf(entries) };
}

function valueOf(rows: unknown[][], formula: string, other?: SheetRecord): unknown {
  const sheet = sheetWith("Sheet1", 0, [...rows, [formula]]);
  const spreadsheet: SpreadsheetRecord = { spreadsheetId: "s", properties: {}, sheets: other ? [sheet, other] : [sheet] };
  const value = createEvaluator(spreadsheet).value(sheet, rows.length, 0);
  return typeof value === "object" && value !== null ? value.error : value;
}

describe("formulas", () => {
  const numbers = [[1], [2], [3], ["text"], [true]];

  it("computes SUM, AVERAGE, MIN, MAX and COUNT over ranges, skipping text and booleans there", () => {
    expect(valueOf(numbers, "=SUM(A1:A5)")).toBe(6);
    expect(valueOf(numbers, "=AVERAGE(A1:A3)")).toBe(2);
    expect(valueOf(numbers, "=MIN(A1:A3, 0.5)")).toBe(0.5);
    expect(valueOf(numbers, "=max(A1:A3)")).toBe(3);
    expect(valueOf(numbers, "=COUNT(A1:A5)")).toBe(3);
    // The formula sits in column A itself: a circular reference, as in Google Sheets.
    expect(valueOf(numbers, "=SUM(A:A)")).toBe("#REF!");
  });

  it("follows references, operators, precedence, percent and concatenation", () => {
    expect(valueOf(numbers, "=A1+A2*A3")).toBe(7);
    expect(valueOf(numbers, "=(A1+A2)*A3")).toBe(9);
    expect(valueOf(numbers, "=-A3^2")).toBe(9);
    expect(valueOf(numbers, "=50%*A2")).toBe(1);
    expect(valueOf(numbers, '=A4&" "&$A$1')).toBe("text 1");
    expect(valueOf(numbers, "=A1<A2")).toBe(true);
  });

  it("reads other sheets by name, quoted or not", () => {
    const other = sheetWith("Q1 Data", 1, [[10], [20]]);
    expect(valueOf([], "='Q1 Data'!A1+SUM('Q1 Data'!A1:A2)", other)).toBe(40);
    expect(valueOf([], "=Missing!A1")).toBe("#REF!");
  });

  it("answers Google's error values", () => {
    expect(valueOf(numbers, "=VLOOKUP(1, A1:A3, 1)")).toBe("#NAME?");
    expect(valueOf(numbers, "=A1/0")).toBe("#DIV/0!");
    expect(valueOf(numbers, "=A4+1")).toBe("#VALUE!");
    expect(valueOf(numbers, "=SUM(A1")).toBe("#ERROR!");
    expect(valueOf([["=A2"], ["=A1"]], "=A1")).toBe("#REF!");
    expect(valueOf(numbers, "=SUM(#REF!)+1")).toBe("#REF!");
  });
});

describe("formulas on any input (property)", () => {
  it("never throw: any text evaluates to a value or an error value", () => {
    const pieces = fc.constantFrom("=", "SUM(", "A1", ":", "B2", ")", "+", "-", "*", "/", "^", "&", "(", '"x"', "'Sheet 1'!", "Sheet1!", "1.5", "%", ",", "<>", "TRUE", "$", "NOPE(", " ");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), fc.string(), (parts, noise) => {
        for (const formula of [`=${parts.join("")}`, `=${noise}`]) {
          const value = valueOf([[1], [2]], formula);
          expect(["number", "string", "boolean"]).toContain(typeof value);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("values as entered", () => {
  it("reads USER_ENTERED like the Sheets UI and keeps RAW as sent", () => {
    expect(parseInput("42", "USER_ENTERED")).toEqual({ numberValue: 42 });
    expect(parseInput("1,234.5", "USER_ENTERED")).toEqual({ numberValue: 1234.5 });
    expect(parseInput("true", "USER_ENTERED")).toEqual({ boolValue: true });
    expect(parseInput("'042", "USER_ENTERED")).toEqual({ stringValue: "042" });
    expect(parseInput("=SUM(A1:A3)", "USER_ENTERED")).toEqual({ formulaValue: "=SUM(A1:A3)" });
    expect(parseInput("12%", "USER_ENTERED")).toEqual({ numberValue: 0.12 });
    expect(parseInput("=SUM(A1:A3)", "RAW")).toEqual({ stringValue: "=SUM(A1:A3)" });
    expect(parseInput("42", "RAW")).toEqual({ stringValue: "42" });
    expect(parseInput(42, "RAW")).toEqual({ numberValue: 42 });
    expect(parseInput(null, "RAW")).toBeUndefined();
  });

  it("formats numbers as Google's automatic format does", () => {
    expect(formatNumber(3)).toBe("3");
    expect(formatNumber(1 / 3)).toBe("0.3333333333");
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(-2.5)).toBe("-2.5");
  });
});
