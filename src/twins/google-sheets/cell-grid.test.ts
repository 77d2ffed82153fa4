import { describe, expect, it } from "vitest";
import { EMPTY_GRID, editGrid, gridCell, gridEntries, gridOf, gridRows, insertGridRows } from "./cell-grid.js";
import type { Cell } from "./model.js";

const text = (value: string): Cell => ({ value: { stringValue: value } });

describe("the cell grid", () => {
  it("edits into a new grid and leaves the old one as it was (a snapshot stays valid)", () => {
    const before = gridOf([[0, 0, text("a")], [2, 1, text("b")]]);
    const after = editGrid(before, (editor) => {
      editor.set(0, 0, undefined);
      editor.set(5, 3, text("c"));
      expect(editor.get(5, 3)).toEqual(text("c"));
    });
    expect([...gridEntries(before)]).toEqual([[0, 0, text("a")], [2, 1, text("b")]]);
    expect([...gridEntries(after)]).toEqual([[2, 1, text("b")], [5, 3, text("c")]]);
    expect(gridRows(after).get(2)).toBe(gridRows(before).get(2));
    expect(gridRows(after).get(0)).toBeUndefined();
  });

  it("inserts rows for free past the last stored row, and moves the rows below otherwise", () => {
    const grid = gridOf([[0, 0, text("top")], [1, 0, text("below")]]);
    expect(insertGridRows(grid, 2, 5)).toBe(grid);
    const moved = insertGridRows(grid, 1, 2);
    expect(gridCell(moved, 3, 0)).toEqual(text("below"));
    expect(gridCell(moved, 1, 0)).toBeUndefined();
    expect(gridRows(moved).get(3)).toBe(gridRows(grid).get(1));
  });

  it("is read-only as a record: writes through the view are refused", () => {
    const grid = gridOf([[0, 0, text("a")]]) as unknown as Record<string, Cell>;
    expect(() => {
      grid["0,1"] = text("x");
    }).toThrow(TypeError);
    expect(() => delete grid["0,0"]).toThrow(TypeError);
    expect(Object.keys(grid)).toEqual(["0,0"]);
    expect(Object.keys(EMPTY_GRID)).toEqual([]);
    expect(grid["01,0"]).toBeUndefined();
  });
});
