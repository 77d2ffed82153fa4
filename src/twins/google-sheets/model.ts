/**
 * How the Sheets twin stores a spreadsheet: its sheets, each a grid size and a sparse map of
 * the cells that hold something (a value as the user entered it, a format, a note). Effective
 * values (formula results) and formatted values are computed on read, so a cell a formula
 * depends on can change without touching the formula's cell. The title is the Drive file's name:
 * renaming through Drive renames the spreadsheet. Records are replaced, never mutated.
 */
import { type TenantState, getRecord, putRecord } from "../kit/index.js";
import type { Cell } from "./cell.js";
import { type CellGrid, EMPTY_GRID, gridCell, gridEntries } from "./cell-grid.js";

export type { Cell, CellInput } from "./cell.js";

export const SPREADSHEETS = "sheets.spreadsheets";
export const DEFAULT_ROW_COUNT = 1000;
export const DEFAULT_COLUMN_COUNT = 26;

type Json = Record<string, unknown>;


export interface SheetProperties {
  sheetId: number;
  title: string;
  index: number;
  sheetType: "GRID";
  gridProperties: { rowCount: number; columnCount: number; frozenRowCount?: number; frozenColumnCount?: number; hideGridlines?: boolean };
  hidden?: boolean;
  tabColor?: Json;
  tabColorStyle?: Json;
  rightToLeft?: boolean;
}

export interface SheetRecord {
  properties: SheetProperties;
  /** By row, then column (0-based); persistent, so writes share what they do not touch. */
  cells: CellGrid;
}

export interface SpreadsheetRecord {
  spreadsheetId: string;
  /** Spreadsheet properties other than the title (locale, timeZone, autoRecalc...). */
  properties: Json;
  sheets: readonly SheetRecord[];
}

export const DEFAULT_PROPERTIES: Json = Object.freeze({
  locale: "en_US",
  autoRecalc: "ON_CHANGE",
  timeZone: "Etc/GMT",
  defaultFormat: {
    backgroundColor: { red: 1, green: 1, blue: 1 },
    padding: { top: 2, right: 3, bottom: 2, left: 3 },
    verticalAlignment: "BOTTOM",
    wrapStrategy: "OVERFLOW_CELL",
    textFormat: { foregroundColor: {}, fontFamily: "arial,sans,sans-serif", fontSize: 10, bold: false, italic: false, strikethrough: false, underline: false },
  },
});

export function cellAt(sheet: SheetRecord, row: number, column: number): Cell | undefined {
  return gridCell(sheet.cells, row, column);
}

export function isEmptyCell(cell: Cell | undefined): boolean {
  return cell === undefined || (cell.value === undefined && cell.format === undefined && cell.note === undefined);
}

export function newSheet(sheetId: number, title: string, index: number, grid: Partial<SheetProperties["gridProperties"]> = {}): SheetRecord {
  return {
    properties: { sheetId, title, index, sheetType: "GRID", gridProperties: { rowCount: DEFAULT_ROW_COUNT, columnCount: DEFAULT_COLUMN_COUNT, ...grid } },
    cells: EMPTY_GRID,
  };
}

export function getSpreadsheet(state: TenantState, id: string): SpreadsheetRecord | undefined {
  return getRecord<SpreadsheetRecord>(state, SPREADSHEETS, id);
}

export function putSpreadsheet(state: TenantState, spreadsheet: SpreadsheetRecord): TenantState {
  return putRecord(state, SPREADSHEETS, spreadsheet.spreadsheetId, spreadsheet);
}

/** Sheets match names case-insensitively, as Google does in ranges. */
export function sheetByTitle(spreadsheet: SpreadsheetRecord, title: string): SheetRecord | undefined {
  const wanted = title.toLowerCase();
  return spreadsheet.sheets.find((sheet) => sheet.properties.title.toLowerCase() === wanted);
}

export function sheetById(spreadsheet: SpreadsheetRecord, sheetId: number): SheetRecord | undefined {
  return spreadsheet.sheets.find((sheet) => sheet.properties.sheetId === sheetId);
}

/** The sheets with the one that has `sheetId` replaced. */
export function replaceSheet(spreadsheet: SpreadsheetRecord, sheet: SheetRecord): SpreadsheetRecord {
  return { ...spreadsheet, sheets: spreadsheet.sheets.map((existing) => (existing.properties.sheetId === sheet.properties.sheetId ? sheet : existing)) };
}

/** The extent of a sheet's values: one past the last row and column that hold a value. */
export function dataExtent(sheet: SheetRecord): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  for (const [row, column, cell] of gridEntries(sheet.cells)) {
    if (cell.value === undefined) continue;
    rows = Math.max(rows, row + 1);
    columns = Math.max(columns, column + 1);
  }
  return { rows, columns };
}

/**
 * A Drive file of the spreadsheet type has content even when it was made through Drive
 * (`files.create` with the Sheets mimeType) rather than the Sheets API: one empty `Sheet1`, made
 * and stored on first use.
 */
export function spreadsheetOrEmpty(state: TenantState, id: string): { spreadsheet: SpreadsheetRecord; state: TenantState } {
  const existing = getSpreadsheet(state, id);
  if (existing) return { spreadsheet: existing, state };
  const spreadsheet: SpreadsheetRecord = { spreadsheetId: id, properties: { ...DEFAULT_PROPERTIES }, sheets: [newSheet(0, "Sheet1", 0)] };
  return { spreadsheet, state: putSpreadsheet(state, spreadsheet) };
}

/** For Drive's `files.copy`: the copy gets the source's sheets under its own id. */
export function copySpreadsheet(state: TenantState, sourceId: string, targetId: string): TenantState {
  const source = getSpreadsheet(state, sourceId);
  return source ? putSpreadsheet(state, { ...source, spreadsheetId: targetId }) : state;
}
