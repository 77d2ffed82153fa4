import { describe, expect, it } from "vitest";
import { gridCell, gridOf, gridRows } from "./cell-grid.js";
import { type Cell, type SpreadsheetRecord, newSheet } from "./model.js";
import { appendValues } from "./values.js";

/** A spreadsheet whose first sheet holds `rows` rows of two values, A1:B{rows}. */
function spreadsheetWith(rows: number): SpreadsheetRecord {
  const entries: [number, number, Cell][] = [];
  for (let row = 0; row < rows; row++) entries.push([row, 0, { value: { stringValue: `user${row}` } }], [row, 1, { value: { numberValue: row } }]);
  return { spreadsheetId: "s", properties: {}, sheets: [{ ...newSheet(0, "Sheet1", 0), cells: gridOf(entries) }] };
}

function append(spreadsheet: SpreadsheetRecord, values: unknown[][], insert = "OVERWRITE", range = "Sheet1"): SpreadsheetRecord {
  const query = new URLSearchParams({ valueInputOption: "RAW", insertDataOption: insert });
  const result = appendValues({ spreadsheet, query, body: { values }, range });
  if ("error" in result) throw new Error(result.error.message);
  return result.spreadsheet!;
}

const rowsOf = (spreadsheet: SpreadsheetRecord) => gridRows(spreadsheet.sheets[0]!.cells);

// Not timed: an append must not copy or re-key the cells it does not write, so every row it
// leaves alone is the very same object before and after (the old map was copied whole).
describe("values.append shares what it does not write", () => {
  for (const insert of ["OVERWRITE", "INSERT_ROWS"]) {
    it(`${insert}: the 1,000 rows above the new one are shared, not copied`, () => {
      const before = spreadsheetWith(1000);
      const after = append(before, [["new", 1]], insert);
      expect(gridCell(after.sheets[0]!.cells, 1000, 0)).toEqual({ value: { stringValue: "new" } });
      const [old, next] = [rowsOf(before), rowsOf(after)];
      expect(next.size).toBe(1001);
      const copied = Array.from({ length: 1000 }, (_, row) => row).filter((row) => next.get(row) !== old.get(row));
      expect(copied).toEqual([]);
      expect(before.sheets[0]!.cells["1000,0"]).toBeUndefined();
    });
  }

  it("INSERT_ROWS above stored rows moves them whole, keeping their cells", () => {
    const before = spreadsheetWith(10);
    const blank = { ...before, sheets: [{ ...before.sheets[0]!, cells: gridOf([...Array.from({ length: 3 }, (_, row) => [row, 0, { value: { stringValue: `top${row}` } }] as [number, number, Cell]), [8, 0, { value: { stringValue: "below" } }]]) }] };
    const after = append(blank, [["x"]], "INSERT_ROWS", "Sheet1!A1");
    expect(rowsOf(after).get(4)).toBe(rowsOf(blank).get(3));
    expect(rowsOf(after).get(9)).toBe(rowsOf(blank).get(8));
    expect(after.sheets[0]!.cells["9,0"]).toEqual({ value: { stringValue: "below" } });
    expect(after.sheets[0]!.cells["3,0"]).toEqual({ value: { stringValue: "x" } });
    expect(after.sheets[0]!.properties.gridProperties.rowCount).toBe(1001);
  });

  it("reads as a record keyed row,column, as scenarios query it", () => {
    const cells = spreadsheetWith(2).sheets[0]!.cells;
    expect(Object.keys(cells)).toEqual(["0,0", "0,1", "1,0", "1,1"]);
    expect(Object.hasOwn(cells, "1,1")).toBe(true);
    expect(Object.hasOwn(cells, "2,0")).toBe(false);
    expect(JSON.parse(JSON.stringify(cells))).toEqual({ "0,0": { value: { stringValue: "user0" } }, "0,1": { value: { numberValue: 0 } }, "1,0": { value: { stringValue: "user1" } }, "1,1": { value: { numberValue: 1 } } });
  });
});
