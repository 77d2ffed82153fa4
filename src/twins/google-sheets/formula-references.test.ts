import { describe, expect, it } from "vitest";
import { type DimensionChange, moveReferences } from "./formula-references.js";

const rows = (kind: "insert" | "delete", start: number, count: number, sheetTitle = "Sheet1"): DimensionChange => ({ sheetTitle, dimension: "ROWS", start, count, kind });

describe("moving formula references", () => {
  it("shifts references at or below inserted rows, keeping anchors", () => {
    expect(moveReferences("=SUM(B2:B3)+$C$1+B1", "Sheet1", rows("insert", 1, 1))).toBe("=SUM(B3:B4)+$C$1+B1");
    expect(moveReferences("=A5*2", "Sheet1", rows("insert", 0, 3))).toBe("=A8*2");
  });

  it("shrinks ranges over deleted rows and turns deleted cells into #REF!", () => {
    expect(moveReferences("=SUM(B2:B5)", "Sheet1", rows("delete", 2, 2))).toBe("=SUM(B2:B3)");
    expect(moveReferences("=B3+B9", "Sheet1", rows("delete", 2, 1))).toBe("=#REF!+B8");
    expect(moveReferences("=SUM(B3:B4)", "Sheet1", rows("delete", 2, 2))).toBe("=SUM(#REF!)");
  });

  it("moves columns, and only references to the changed sheet", () => {
    const columns: DimensionChange = { sheetTitle: "Data", dimension: "COLUMNS", start: 0, count: 1, kind: "insert" };
    expect(moveReferences("=Data!A1+'Data'!Z2+Other!A1+A1", "Sheet1", columns)).toBe("=Data!B1+'Data'!AA2+Other!A1+A1");
    expect(moveReferences("=A1", "Data", columns)).toBe("=B1");
  });

  it("leaves string literals and function names alone", () => {
    expect(moveReferences('=B2&" B2 "&LOG10(B2)', "Sheet1", rows("insert", 0, 1))).toBe('=B3&" B2 "&LOG10(B3)');
  });
});
