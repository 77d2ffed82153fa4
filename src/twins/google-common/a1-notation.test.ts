import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnIndex, columnLetters, formatA1, parseA1, quoteSheetName } from "./a1-notation.js";

describe("A1 notation", () => {
  it("reads a sheet, a cell and a rectangle, normalising reversed corners", () => {
    expect(parseA1("Sheet1!A1:B2")).toEqual({ sheetName: "Sheet1", area: { startRow: 0, endRow: 2, startColumn: 0, endColumn: 2 } });
    expect(parseA1("Sheet1!B2:A1")).toEqual(parseA1("Sheet1!A1:B2"));
    expect(parseA1("c3")).toEqual({ area: { startRow: 2, endRow: 3, startColumn: 2, endColumn: 3 }, bareName: "c3" });
    expect(parseA1("Sheet1")).toEqual({ sheetName: "Sheet1" });
  });

  it("reads quoted names with doubled quotes and a bang inside", () => {
    expect(parseA1("'My Sheet'!A:A")).toEqual({ sheetName: "My Sheet", area: { startColumn: 0, endColumn: 1 } });
    expect(parseA1("'It''s!'!2:2")).toEqual({ sheetName: "It's!", area: { startRow: 1, endRow: 2 } });
    expect(parseA1("'Budget 2026'")).toEqual({ sheetName: "Budget 2026" });
  });

  it("reads whole columns, whole rows and open ranges", () => {
    expect(parseA1("A:C")?.area).toEqual({ startColumn: 0, endColumn: 3 });
    expect(parseA1("2:5")?.area).toEqual({ startRow: 1, endRow: 5 });
    expect(parseA1("A2:B")?.area).toEqual({ startRow: 1, startColumn: 0, endColumn: 2 });
    expect(parseA1("A:B5")?.area).toEqual({ startRow: 0, endRow: 5, startColumn: 0, endColumn: 2 });
  });

  it("refuses what is not A1", () => {
    for (const text of ["", "Sheet1!", "!A1", "Sheet1!A1:B2:C3", "Sheet1!A:1", "Sheet1!1:A", "Sheet1!A0", "'unterminated!A1", "Sheet1!ZZZZ1", "Sheet1!A1:"]) {
      expect(parseA1(text), text).toBeUndefined();
    }
  });

  it("reads a bare word that is not cells as a sheet name, which the spreadsheet then resolves", () => {
    expect(parseA1("A1:B2:C3")).toEqual({ sheetName: "A1:B2:C3" });
    expect(parseA1("Foo")).toEqual({ sheetName: "Foo" });
  });

  it("quotes sheet names only when Google does", () => {
    expect(quoteSheetName("Sheet1")).toBe("Sheet1");
    expect(quoteSheetName("My Sheet")).toBe("'My Sheet'");
    expect(quoteSheetName("A1")).toBe("'A1'");
    expect(quoteSheetName("Bob's")).toBe("'Bob''s'");
    expect(formatA1("Sheet1", { startRow: 0, endRow: 1, startColumn: 0, endColumn: 1 })).toBe("Sheet1!A1");
    expect(formatA1("My Sheet", { startRow: 1, endRow: 3, startColumn: 26, endColumn: 28 })).toBe("'My Sheet'!AA2:AB3");
  });

  it("maps column letters and indices both ways (property)", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 18_277 }), (index) => columnIndex(columnLetters(index)) === index));
    expect(columnLetters(18_277)).toBe("ZZZ");
  });

  it("parses what it formats, for any sheet name and rectangle (property)", () => {
    const name = fc.string({ minLength: 1, maxLength: 12 }).filter((text) => text.trim() === text && !text.includes("\u0000"));
    const rectangle = fc.record({ row: fc.nat(9_999), rows: fc.integer({ min: 1, max: 50 }), column: fc.nat(700), columns: fc.integer({ min: 1, max: 30 }) });
    fc.assert(
      fc.property(name, rectangle, (sheetName, { row, rows, column, columns }) => {
        const area = { startRow: row, endRow: row + rows, startColumn: column, endColumn: column + columns };
        expect(parseA1(formatA1(sheetName, area))).toEqual({ sheetName, area });
      }),
    );
  });

  it("never throws, whatever the text (property)", () => {
    fc.assert(fc.property(fc.string(), (text) => {
      parseA1(text);
    }));
  });
});
