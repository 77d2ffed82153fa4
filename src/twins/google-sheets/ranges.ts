/**
 * A1 text resolved against a spreadsheet: which sheet, which cells. A bare word is a sheet when
 * one has that name, else cells of the first sheet (`A1`), as Google reads it. Anything that
 * names no sheet or is not A1 is Google's `Unable to parse range: Foo!A1`.
 */
import { type A1Area, type BoundedArea, formatA1, parseA1 } from "../google-common/a1-notation.js";
import { type SheetRecord, type SpreadsheetRecord, sheetByTitle } from "./model.js";

export interface ResolvedRange {
  sheet: SheetRecord;
  /** As written: undefined bounds are open. */
  area: A1Area;
}

export function resolveRange(spreadsheet: SpreadsheetRecord, text: string): ResolvedRange | undefined {
  const reference = parseA1(text);
  if (!reference) return undefined;
  if (reference.bareName !== undefined) {
    const named = sheetByTitle(spreadsheet, reference.bareName);
    if (named) return { sheet: named, area: {} };
    const first = spreadsheet.sheets[0];
    return first && reference.area ? { sheet: first, area: reference.area } : undefined;
  }
  const sheet = reference.sheetName === undefined ? spreadsheet.sheets[0] : sheetByTitle(spreadsheet, reference.sheetName);
  if (!sheet) return undefined;
  return { sheet, area: reference.area ?? {} };
}

/** The area with open ends closed by the sheet's grid, and the whole clipped to it. */
export function boundedArea(sheet: SheetRecord, area: A1Area): BoundedArea {
  const { rowCount, columnCount } = sheet.properties.gridProperties;
  const startRow = Math.min(area.startRow ?? 0, rowCount);
  const startColumn = Math.min(area.startColumn ?? 0, columnCount);
  return {
    startRow,
    endRow: Math.max(startRow, Math.min(area.endRow ?? rowCount, rowCount)),
    startColumn,
    endColumn: Math.max(startColumn, Math.min(area.endColumn ?? columnCount, columnCount)),
  };
}

/** True when the area starts inside the grid (an open end never exceeds it). */
export function startsInGrid(sheet: SheetRecord, area: A1Area): boolean {
  const { rowCount, columnCount } = sheet.properties.gridProperties;
  return (area.startRow ?? 0) < rowCount && (area.startColumn ?? 0) < columnCount;
}

/** `Sheet1!A1:B2` for a bounded area (a single cell as `Sheet1!A1`). */
export function rangeText(sheet: SheetRecord, area: BoundedArea): string {
  if (area.endRow <= area.startRow || area.endColumn <= area.startColumn) {
    return formatA1(sheet.properties.title, { ...area, endRow: Math.max(area.endRow, area.startRow + 1), endColumn: Math.max(area.endColumn, area.startColumn + 1) });
  }
  return formatA1(sheet.properties.title, area);
}

export function unparsableRange(text: string): { code: number; message: string } {
  return { code: 400, message: `Unable to parse range: ${text}` };
}

export function exceedsGrid(sheet: SheetRecord, area: BoundedArea): { code: number; message: string } {
  const { rowCount, columnCount } = sheet.properties.gridProperties;
  return { code: 400, message: `Range (${rangeText(sheet, area)}) exceeds grid limits. Max rows: ${rowCount}, max columns: ${columnCount}` };
}
