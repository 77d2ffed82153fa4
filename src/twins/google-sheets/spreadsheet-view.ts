/**
 * The Spreadsheet resource as Sheets v4 returns it: properties (the title is the Drive file's
 * name), sheets with their properties, and with `includeGridData` each sheet's cells as GridData
 * (`rowData` of CellData with userEnteredValue, effectiveValue, formattedValue and formats, plus
 * row and column metadata). `ranges` narrows both the sheets returned and the grid data.
 */
import { type BoundedArea } from "../google-common/a1-notation.js";
import { type Evaluator, createEvaluator, displayedValue, extendedValue } from "./cell-values.js";
import { type SheetRecord, type SpreadsheetRecord, cellAt } from "./model.js";
import { boundedArea, resolveRange, unparsableRange } from "./ranges.js";

type Json = Record<string, unknown>;

const EFFECTIVE_DEFAULT: Json = {
  backgroundColor: { red: 1, green: 1, blue: 1 },
  padding: { top: 2, right: 3, bottom: 2, left: 3 },
  verticalAlignment: "BOTTOM",
  wrapStrategy: "OVERFLOW_CELL",
  textFormat: { foregroundColor: {}, fontFamily: "arial,sans,sans-serif", fontSize: 10, bold: false, italic: false, strikethrough: false, underline: false },
  hyperlinkDisplayType: "PLAIN_TEXT",
};

function merge(base: Json, over: Json | undefined): Json {
  if (!over) return base;
  const result: Json = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = result[key];
    result[key] = typeof value === "object" && value !== null && !Array.isArray(value) && typeof current === "object" && current !== null ? merge(current as Json, value as Json) : value;
  }
  return result;
}

function cellData(evaluator: Evaluator, sheet: SheetRecord, row: number, column: number): Json {
  const cell = cellAt(sheet, row, column);
  if (!cell) return {};
  const data: Json = {};
  if (cell.value) {
    const value = evaluator.value(sheet, row, column);
    data.userEnteredValue = cell.value;
    const effective = extendedValue(value);
    if (effective) data.effectiveValue = effective;
    const formatted = displayedValue(evaluator, sheet, row, column);
    if (formatted !== undefined) data.formattedValue = formatted;
  }
  if (cell.format) data.userEnteredFormat = cell.format;
  if (cell.value || cell.format) {
    const alignment = typeof evaluator.value(sheet, row, column) === "number" ? "RIGHT" : "LEFT";
    data.effectiveFormat = merge({ ...EFFECTIVE_DEFAULT, horizontalAlignment: alignment }, cell.format);
  }
  if (cell.note) data.note = cell.note;
  return data;
}

function gridData(evaluator: Evaluator, sheet: SheetRecord, area: BoundedArea): Json {
  const rowData: Json[] = [];
  for (let row = area.startRow; row < area.endRow; row++) {
    const values: Json[] = [];
    for (let column = area.startColumn; column < area.endColumn; column++) values.push(cellData(evaluator, sheet, row, column));
    while (values.length > 0 && Object.keys(values.at(-1)!).length === 0) values.pop();
    rowData.push(values.length > 0 ? { values } : {});
  }
  while (rowData.length > 0 && Object.keys(rowData.at(-1)!).length === 0) rowData.pop();
  const data: Json = {};
  if (area.startRow > 0) data.startRow = area.startRow;
  if (area.startColumn > 0) data.startColumn = area.startColumn;
  if (rowData.length > 0) data.rowData = rowData;
  data.rowMetadata = Array.from({ length: area.endRow - area.startRow }, () => ({ pixelSize: 21 }));
  data.columnMetadata = Array.from({ length: area.endColumn - area.startColumn }, () => ({ pixelSize: 100 }));
  return data;
}

export function spreadsheetUrl(id: string): string {
  return `https://docs.google.com/spreadsheets/d/${id}/edit`;
}

export interface ViewOptions {
  ranges?: readonly string[];
  includeGridData?: boolean;
}

export function spreadsheetJson(spreadsheet: SpreadsheetRecord, title: string, { ranges = [], includeGridData = false }: ViewOptions = {}): Json | { error: { code: number; message: string } } {
  const areas = new Map<number, BoundedArea[]>();
  for (const text of ranges) {
    const resolved = resolveRange(spreadsheet, text);
    if (!resolved) return { error: unparsableRange(text) };
    const list = areas.get(resolved.sheet.properties.sheetId) ?? [];
    list.push(boundedArea(resolved.sheet, resolved.area));
    areas.set(resolved.sheet.properties.sheetId, list);
  }
  const evaluator = createEvaluator(spreadsheet);
  const sheets = spreadsheet.sheets
    .filter((sheet) => ranges.length === 0 || areas.has(sheet.properties.sheetId))
    .map((sheet) => {
      const entry: Json = { properties: sheet.properties };
      if (includeGridData) {
        const wanted = areas.get(sheet.properties.sheetId) ?? [boundedArea(sheet, {})];
        entry.data = wanted.map((area) => gridData(evaluator, sheet, area));
      }
      return entry;
    });
  return {
    spreadsheetId: spreadsheet.spreadsheetId,
    properties: { title, ...spreadsheet.properties },
    sheets,
    spreadsheetUrl: spreadsheetUrl(spreadsheet.spreadsheetId),
  };
}
