/**
 * A sheet's cells as a persistent, row-indexed structure: an immutable.js List of rows, each an
 * immutable Map from column to cell (undefined for an empty row). A write replaces only the rows
 * it touches and shares every other row with the previous version, so its cost follows the cells
 * written, not the size of the sheet (the old plain-object map was copied whole on every write:
 * 1,000 appends took seconds). Inserting rows past the last stored one costs nothing; inserting
 * above stored rows moves row references, never cells. Snapshots stay references (O(1)).
 *
 * Scenarios read the stored record (`sheets[0].cells["4,0"].value.stringValue`), so a grid is
 * handed out as a read-only view with those `row,column` keys as own properties; the rows live
 * behind it, reached by this module alone.
 */
import { List, Map as ImmutableMap } from "immutable";
import type { Cell } from "./cell.js";

type CellRow = ImmutableMap<number, Cell>;
type Rows = List<CellRow | undefined>;

const ROWS: unique symbol = Symbol("cell-grid.rows");

/** A sheet's cells: read as `grid["row,column"]`, written only through this module. */
export interface CellGrid {
  readonly [key: string]: Cell | undefined;
  readonly [ROWS]: Rows;
}

function parseKey(key: string | symbol): [number, number] | undefined {
  if (typeof key !== "string") return undefined;
  const match = /^(0|[1-9]\d*),(0|[1-9]\d*)$/.exec(key);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

function lookUp(rows: Rows, key: string | symbol): Cell | undefined {
  const position = parseKey(key);
  return position ? rows.get(position[0])?.get(position[1]) : undefined;
}

/** The record-shaped view over `rows`: own enumerable `row,column` keys, nothing else. */
function viewOf(rows: Rows): CellGrid {
  return new Proxy(Object.create(null) as CellGrid, {
    get: (_target, key) => (key === ROWS ? rows : lookUp(rows, key)),
    has: (_target, key) => key === ROWS || lookUp(rows, key) !== undefined,
    getOwnPropertyDescriptor(_target, key) {
      const cell = lookUp(rows, key);
      return cell === undefined ? undefined : { value: cell, writable: false, enumerable: true, configurable: true };
    },
    ownKeys: () => Array.from(entriesOf(rows), ([row, column]) => `${row},${column}`),
    set: () => false,
    deleteProperty: () => false,
    defineProperty: () => false,
  });
}

function* entriesOf(rows: Rows): Generator<[number, number, Cell]> {
  for (const [row, cells] of rows.entries()) {
    if (!cells) continue;
    for (const [column, cell] of cells.entries()) yield [row, column, cell];
  }
}

/** The rows behind a grid, for tests that check what a write shared with the previous version. */
export function gridRows(grid: CellGrid): List<unknown> {
  return grid[ROWS];
}

/** A grid being edited: reads see the edits made so far. */
export interface GridEditor {
  get(row: number, column: number): Cell | undefined;
  /** Stores `cell`, or removes the cell when undefined. */
  set(row: number, column: number, cell: Cell | undefined): void;
}

export const EMPTY_GRID: CellGrid = viewOf(List<CellRow | undefined>());

export function gridCell(grid: CellGrid, row: number, column: number): Cell | undefined {
  return grid[ROWS].get(row)?.get(column);
}

/** The stored cells of one row as `[column, cell]`: a row's cost, whatever the grid's width. */
export function rowEntries(grid: CellGrid, row: number): Iterable<[number, Cell]> {
  return grid[ROWS].get(row)?.entries() ?? [];
}

/** Every stored cell as `[row, column, cell]`, row by row. */
export function gridEntries(grid: CellGrid): Generator<[number, number, Cell]> {
  return entriesOf(grid[ROWS]);
}

/** A new grid with the edits `edit` makes; rows it does not touch are shared with `grid`. */
export function editGrid(grid: CellGrid, edit: (editor: GridEditor) => void): CellGrid {
  return viewOf(grid[ROWS].withMutations((rows) => {
    edit({
      get: (row, column) => rows.get(row)?.get(column),
      set(row, column, cell) {
        const existing = rows.get(row);
        if (cell === undefined) {
          if (!existing?.has(column)) return;
          const remaining = existing.delete(column);
          rows.set(row, remaining.size > 0 ? remaining : undefined);
        } else {
          rows.set(row, (existing ?? ImmutableMap<number, Cell>()).set(column, cell));
        }
      },
    });
  }));
}

export function gridOf(entries: Iterable<readonly [number, number, Cell]>): CellGrid {
  return editGrid(EMPTY_GRID, (editor) => {
    for (const [row, column, cell] of entries) editor.set(row, column, cell);
  });
}

/** `count` empty rows inserted before `row`: free when nothing is stored at or below it. */
export function insertGridRows(grid: CellGrid, row: number, count: number): CellGrid {
  const rows = grid[ROWS];
  if (row >= rows.size || count <= 0) return grid;
  return viewOf(rows.splice(row, 0, ...Array.from({ length: count }, () => undefined)));
}
