/**
 * What every batchUpdate request handler of the Sheets twin works with: the working copy of the
 * spreadsheet, the outcome type (a reply, or the reason Google would give), and the lookups of a
 * sheet by id and of a GridRange, with Google's wording when they fail.
 */
import { type SheetRecord, type SpreadsheetRecord, sheetById } from "./model.js";

export type Json = Record<string, unknown>;

export interface Working {
  spreadsheet: SpreadsheetRecord;
  title: string;
  nextSheetId: () => number;
}

export type Outcome = { reply: Json } | { error: string };

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function integer(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

/** Sheet ids default to 0 when left out: proto3 drops zero values, so clients often do. */
export function sheetOf(working: Working, sheetId: unknown): SheetRecord | string {
  const id = sheetId === undefined ? 0 : integer(sheetId);
  const sheet = id === undefined ? undefined : sheetById(working.spreadsheet, id);
  return sheet ?? `No grid with id: ${String(sheetId ?? 0)}`;
}

export function reindex(sheets: SheetRecord[]): SheetRecord[] {
  return sheets.map((sheet, index) => (sheet.properties.index === index ? sheet : { ...sheet, properties: { ...sheet.properties, index } }));
}

export interface GridArea {
  sheet: SheetRecord;
  startRow: number;
  endRow: number;
  startColumn: number;
  endColumn: number;
}

export function gridRange(working: Working, range: unknown): GridArea | string {
  if (!isObject(range)) return "range is required.";
  const sheet = sheetOf(working, range.sheetId);
  if (typeof sheet === "string") return sheet;
  const { rowCount, columnCount } = sheet.properties.gridProperties;
  const area = {
    sheet,
    startRow: integer(range.startRowIndex) ?? 0,
    endRow: integer(range.endRowIndex) ?? rowCount,
    startColumn: integer(range.startColumnIndex) ?? 0,
    endColumn: integer(range.endColumnIndex) ?? columnCount,
  };
  if (area.startRow < 0 || area.startColumn < 0 || area.endRow < area.startRow || area.endColumn < area.startColumn) return "Invalid range: start indices must be at least 0 and not after the end indices.";
  if (area.endRow > rowCount || area.endColumn > columnCount) return `Range ('${sheet.properties.title}'!R${area.startRow + 1}C${area.startColumn + 1}:R${area.endRow}C${area.endColumn}) exceeds grid limits. Max rows: ${rowCount}, max columns: ${columnCount}`;
  return area;
}
