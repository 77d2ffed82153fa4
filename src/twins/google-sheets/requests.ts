/**
 * `spreadsheets.batchUpdate`: requests applied in order to a working copy, all or nothing, with
 * Google's wording on refusal (`Invalid requests[0].addSheet: A sheet with the name "Sheet1"
 * already exists. Please enter another name.`). Supported: addSheet, deleteSheet,
 * updateSheetProperties, updateSpreadsheetProperties, updateCells, repeatCell, appendCells,
 * appendDimension, insertDimension, deleteDimension, and (data-requests.ts) duplicateSheet,
 * findReplace, sortRange; autoResizeDimensions is accepted and does nothing (the twin keeps no
 * pixel sizes).
 */
import { type FieldMask, applyMask, parseFieldMask } from "../google-common/docs-sheets-field-mask.js";
import { type CellFieldMask, applyCellFields, parseCellFields } from "./cell-fields.js";
import { editGrid, gridEntries, gridOf } from "./cell-grid.js";
import { duplicateSheet, findReplace, sortRange } from "./data-requests.js";
import { type DimensionChange, moveReferences } from "./formula-references.js";
import { type Cell, type SheetProperties, type SheetRecord, type SpreadsheetRecord, dataExtent, newSheet, replaceSheet, sheetById, sheetByTitle } from "./model.js";
import { type GridArea, type Json, type Outcome, type Working, gridRange, integer, isObject, reindex, sheetOf } from "./request-context.js";

function duplicateTitle(title: string): string {
  return `A sheet with the name "${title}" already exists. Please enter another name.`;
}

function addSheet(working: Working, request: Json): Outcome {
  const properties = isObject(request.properties) ? request.properties : {};
  const sheets = working.spreadsheet.sheets;
  let title = typeof properties.title === "string" ? properties.title : undefined;
  if (title === undefined) {
    let number = sheets.length + 1;
    while (sheetByTitle(working.spreadsheet, `Sheet${number}`)) number += 1;
    title = `Sheet${number}`;
  }
  if (title.trim() === "") return { error: "The sheet name cannot be empty." };
  if (sheetByTitle(working.spreadsheet, title)) return { error: duplicateTitle(title) };
  const requestedId = integer(properties.sheetId);
  if (requestedId !== undefined && sheetById(working.spreadsheet, requestedId)) return { error: `A sheet with the id ${requestedId} already exists.` };
  const sheetId = requestedId ?? working.nextSheetId();
  const index = Math.min(Math.max(integer(properties.index) ?? sheets.length, 0), sheets.length);
  const grid = isObject(properties.gridProperties) ? properties.gridProperties : {};
  const sheet = newSheet(sheetId, title, index, {
    ...(integer(grid.rowCount) !== undefined ? { rowCount: integer(grid.rowCount)! } : {}),
    ...(integer(grid.columnCount) !== undefined ? { columnCount: integer(grid.columnCount)! } : {}),
    ...(integer(grid.frozenRowCount) ? { frozenRowCount: integer(grid.frozenRowCount)! } : {}),
    ...(integer(grid.frozenColumnCount) ? { frozenColumnCount: integer(grid.frozenColumnCount)! } : {}),
  });
  const withExtras: SheetRecord = { ...sheet, properties: { ...sheet.properties, ...(properties.hidden === true ? { hidden: true } : {}), ...(isObject(properties.tabColor) ? { tabColor: properties.tabColor } : {}) } };
  const next = [...sheets];
  next.splice(index, 0, withExtras);
  const reindexed = reindex(next);
  working.spreadsheet = { ...working.spreadsheet, sheets: reindexed };
  return { reply: { addSheet: { properties: reindexed[index]!.properties } } };
}

function deleteSheet(working: Working, request: Json): Outcome {
  const sheet = sheetOf(working, request.sheetId);
  if (typeof sheet === "string") return { error: sheet };
  if (working.spreadsheet.sheets.length === 1) return { error: "You can't remove all the sheets in a document." };
  working.spreadsheet = { ...working.spreadsheet, sheets: reindex(working.spreadsheet.sheets.filter((existing) => existing !== sheet)) };
  return { reply: {} };
}

function maskOf(request: Json): FieldMask | string {
  return parseFieldMask(request.fields) ?? "At least one field must be specified in 'fields'.";
}

function updateSheetProperties(working: Working, request: Json): Outcome {
  const properties = isObject(request.properties) ? request.properties : {};
  const sheet = sheetOf(working, properties.sheetId);
  if (typeof sheet === "string") return { error: sheet };
  const mask = maskOf(request);
  if (typeof mask === "string") return { error: mask };
  const { fields } = mask.all ? { fields: undefined } : mask;
  const rawFields = String(request.fields);
  let next: SheetProperties = { ...sheet.properties };
  if (mask.all || fields?.has("title")) {
    const title = properties.title;
    if (typeof title !== "string" || title.trim() === "") return { error: "The sheet name cannot be empty." };
    const other = sheetByTitle(working.spreadsheet, title);
    if (other && other !== sheet) return { error: duplicateTitle(title) };
    next.title = title;
  }
  if (mask.all || fields?.has("gridProperties")) {
    const grid = isObject(properties.gridProperties) ? properties.gridProperties : {};
    const nested = rawFields.split(",").map((field) => field.trim()).filter((field) => field.startsWith("gridProperties."));
    const update = nested.length > 0 ? parseFieldMask(nested.map((field) => field.slice("gridProperties.".length)).join(",")) : ({ all: true } as const);
    const merged = applyMask({ ...next.gridProperties } as Json, grid, update!);
    const rowCount = integer(merged.rowCount) ?? next.gridProperties.rowCount;
    const columnCount = integer(merged.columnCount) ?? next.gridProperties.columnCount;
    if (rowCount < 1 || columnCount < 1) return { error: "A sheet must have at least one row and one column." };
    next.gridProperties = { ...(merged as SheetProperties["gridProperties"]), rowCount, columnCount };
  }
  for (const field of ["hidden", "tabColor", "tabColorStyle", "rightToLeft"] as const) {
    if (!mask.all && !fields?.has(field)) continue;
    const value = properties[field];
    if (value === undefined) delete next[field];
    else next = { ...next, [field]: value };
  }
  let sheets = working.spreadsheet.sheets.map((existing) => (existing === sheet ? { ...sheet, properties: next } : existing));
  if (mask.all || fields?.has("index")) {
    const index = Math.min(Math.max(integer(properties.index) ?? 0, 0), sheets.length - 1);
    const moving = sheets.find((existing) => existing.properties.sheetId === sheet.properties.sheetId)!;
    sheets = sheets.filter((existing) => existing !== moving);
    sheets.splice(index, 0, moving);
  }
  working.spreadsheet = { ...working.spreadsheet, sheets: reindex(sheets) };
  return { reply: {} };
}

function updateSpreadsheetProperties(working: Working, request: Json): Outcome {
  const properties = isObject(request.properties) ? request.properties : {};
  const mask = maskOf(request);
  if (typeof mask === "string") return { error: mask };
  if (mask.all || mask.fields.has("title")) {
    if (typeof properties.title !== "string") return { error: "properties.title is required when 'fields' names it." };
    working.title = properties.title;
  }
  const { title: _title, ...rest } = properties;
  const stored = applyMask(working.spreadsheet.properties, rest, mask.all ? mask : { all: false, fields: new Set([...mask.fields].filter((field) => field !== "title")) });
  working.spreadsheet = { ...working.spreadsheet, properties: stored };
  return { reply: {} };
}

/** Applies `dataAt(row, column)` under the mask to every cell of the area. */
function writeCells(working: Working, area: GridArea, mask: CellFieldMask, dataAt: (row: number, column: number) => Json | undefined): string | undefined {
  let failure: string | undefined;
  const cells = editGrid(area.sheet.cells, (editor) => {
    for (let row = area.startRow; row < area.endRow && failure === undefined; row++) {
      for (let column = area.startColumn; column < area.endColumn; column++) {
        const data = dataAt(row, column);
        if (data === undefined) continue;
        const next = applyCellFields(editor.get(row, column), data, mask);
        if (typeof next === "string") {
          failure = next;
          break;
        }
        editor.set(row, column, next);
      }
    }
  });
  if (failure !== undefined) return failure;
  const sheet: SheetRecord = { ...area.sheet, cells };
  working.spreadsheet = replaceSheet(working.spreadsheet, sheet);
  return undefined;
}

function rowValues(rows: unknown): Json[][] | string {
  if (!Array.isArray(rows)) return "rows must be a list of RowData.";
  return rows.map((row) => (isObject(row) && Array.isArray(row.values) ? row.values.map((value) => (isObject(value) ? value : {})) : []));
}

function updateCells(working: Working, request: Json): Outcome {
  const mask = parseCellFields(request.fields);
  if (typeof mask === "string") return { error: mask };
  const rows = rowValues(request.rows ?? []);
  if (typeof rows === "string") return { error: rows };
  if (isObject(request.start) === isObject(request.range)) return { error: "Exactly one of start or range must be set." };
  let area: GridArea | string;
  let clearRest = false;
  if (isObject(request.range)) {
    area = gridRange(working, request.range);
    clearRest = true;
  } else {
    const start = request.start as Json;
    const sheet = sheetOf(working, start.sheetId);
    if (typeof sheet === "string") return { error: sheet };
    const startRow = integer(start.rowIndex) ?? 0;
    const startColumn = integer(start.columnIndex) ?? 0;
    area = gridRange(working, { sheetId: sheet.properties.sheetId, startRowIndex: startRow, endRowIndex: startRow + rows.length, startColumnIndex: startColumn, endColumnIndex: startColumn + Math.max(0, ...rows.map((row) => row.length)) });
  }
  if (typeof area === "string") return { error: area };
  const origin = area;
  // With a range, the masked fields of cells the rows do not reach are cleared.
  const problem = writeCells(working, area, mask, (row, column) => rows[row - origin.startRow]?.[column - origin.startColumn] ?? (clearRest ? {} : undefined));
  return problem ? { error: problem } : { reply: {} };
}

function repeatCell(working: Working, request: Json): Outcome {
  const mask = parseCellFields(request.fields);
  if (typeof mask === "string") return { error: mask };
  const area = gridRange(working, request.range);
  if (typeof area === "string") return { error: area };
  const cell = isObject(request.cell) ? request.cell : {};
  const problem = writeCells(working, area, mask, () => cell);
  return problem ? { error: problem } : { reply: {} };
}

function growSheet(working: Working, sheet: SheetRecord, rows: number, columns: number): SheetRecord {
  const grid = sheet.properties.gridProperties;
  const grown: SheetRecord = { ...sheet, properties: { ...sheet.properties, gridProperties: { ...grid, rowCount: Math.max(grid.rowCount, rows), columnCount: Math.max(grid.columnCount, columns) } } };
  working.spreadsheet = replaceSheet(working.spreadsheet, grown);
  return grown;
}

function appendCells(working: Working, request: Json): Outcome {
  const found = sheetOf(working, request.sheetId);
  if (typeof found === "string") return { error: found };
  const mask = parseCellFields(request.fields);
  if (typeof mask === "string") return { error: mask };
  const rows = rowValues(request.rows ?? []);
  if (typeof rows === "string") return { error: rows };
  const start = dataExtent(found).rows;
  const width = Math.max(0, ...rows.map((row) => row.length));
  const columnCount = found.properties.gridProperties.columnCount;
  // Rows are added as needed, columns are not (Google's wording).
  if (width > columnCount) return { error: `Attempting to write column: ${columnCount}, beyond the last requested column of: ${columnCount - 1}` };
  const sheet = growSheet(working, found, start + rows.length, columnCount);
  const problem = writeCells(working, { sheet, startRow: start, endRow: start + rows.length, startColumn: 0, endColumn: width }, mask, (row, column) => rows[row - start]?.[column]);
  return problem ? { error: problem } : { reply: {} };
}

function dimensionOf(value: unknown): "ROWS" | "COLUMNS" | string {
  return value === "ROWS" || value === "COLUMNS" ? value : `Invalid dimension: ${JSON.stringify(value ?? "DIMENSION_UNSPECIFIED")}.`;
}

function appendDimension(working: Working, request: Json): Outcome {
  const sheet = sheetOf(working, request.sheetId);
  if (typeof sheet === "string") return { error: sheet };
  const dimension = dimensionOf(request.dimension);
  if (dimension !== "ROWS" && dimension !== "COLUMNS") return { error: dimension };
  const length = integer(request.length);
  if (length === undefined || length < 1) return { error: "length must be at least 1." };
  const grid = sheet.properties.gridProperties;
  growSheet(working, sheet, grid.rowCount + (dimension === "ROWS" ? length : 0), grid.columnCount + (dimension === "COLUMNS" ? length : 0));
  return { reply: {} };
}

/** Moves cells along a dimension: those at or after `from` by `shift` (negative removes `[from - shift...)`). */
function shiftCells(sheet: SheetRecord, dimension: "ROWS" | "COLUMNS", from: number, count: number, remove: boolean): SheetRecord {
  const moves: [number, number, Cell][] = [];
  for (const [row, column, cell] of gridEntries(sheet.cells)) {
    const position = dimension === "ROWS" ? row : column;
    let moved = position;
    if (remove) {
      if (position >= from && position < from + count) continue;
      if (position >= from + count) moved = position - count;
    } else if (position >= from) moved = position + count;
    moves.push(dimension === "ROWS" ? [moved, column, cell] : [row, moved, cell]);
  }
  const cells = gridOf(moves);
  const grid = sheet.properties.gridProperties;
  const delta = remove ? -count : count;
  const gridProperties = dimension === "ROWS" ? { ...grid, rowCount: grid.rowCount + delta } : { ...grid, columnCount: grid.columnCount + delta };
  return { properties: { ...sheet.properties, gridProperties }, cells };
}

/** Every formula of the spreadsheet with its references to the moved rows or columns updated. */
function rewriteFormulas(spreadsheet: SpreadsheetRecord, change: DimensionChange): SpreadsheetRecord {
  const sheets = spreadsheet.sheets.map((sheet) => {
    const changes: [number, number, Cell][] = [];
    for (const [row, column, cell] of gridEntries(sheet.cells)) {
      if (!cell.value || !("formulaValue" in cell.value)) continue;
      const moved = moveReferences(cell.value.formulaValue, sheet.properties.title, change);
      if (moved === cell.value.formulaValue) continue;
      changes.push([row, column, { ...cell, value: { formulaValue: moved } }]);
    }
    return changes.length > 0 ? { ...sheet, cells: editGrid(sheet.cells, (editor) => changes.forEach(([row, column, cell]) => editor.set(row, column, cell))) } : sheet;
  });
  return { ...spreadsheet, sheets };
}

function dimensionRange(working: Working, range: unknown): { sheet: SheetRecord; dimension: "ROWS" | "COLUMNS"; start: number; end: number } | string {
  if (!isObject(range)) return "range is required.";
  const sheet = sheetOf(working, range.sheetId);
  if (typeof sheet === "string") return sheet;
  const dimension = dimensionOf(range.dimension);
  if (dimension !== "ROWS" && dimension !== "COLUMNS") return dimension;
  const start = integer(range.startIndex) ?? 0;
  const end = integer(range.endIndex);
  if (end === undefined || end <= start || start < 0) return "Invalid dimension range: endIndex must be greater than startIndex.";
  return { sheet, dimension, start, end };
}

function insertDimension(working: Working, request: Json): Outcome {
  const range = dimensionRange(working, request.range);
  if (typeof range === "string") return { error: range };
  const size = range.dimension === "ROWS" ? range.sheet.properties.gridProperties.rowCount : range.sheet.properties.gridProperties.columnCount;
  if (range.start > size) return { error: `Invalid insert range: startIndex ${range.start} is after the last ${range.dimension === "ROWS" ? "row" : "column"} (${size}).` };
  if (range.start === 0 && request.inheritFromBefore === true) return { error: "Cannot inherit properties from before if inserting at the beginning of the dimension." };
  const shifted = replaceSheet(working.spreadsheet, shiftCells(range.sheet, range.dimension, range.start, range.end - range.start, false));
  working.spreadsheet = rewriteFormulas(shifted, { sheetTitle: range.sheet.properties.title, dimension: range.dimension, start: range.start, count: range.end - range.start, kind: "insert" });
  return { reply: {} };
}

function deleteDimension(working: Working, request: Json): Outcome {
  const range = dimensionRange(working, request.range);
  if (typeof range === "string") return { error: range };
  const size = range.dimension === "ROWS" ? range.sheet.properties.gridProperties.rowCount : range.sheet.properties.gridProperties.columnCount;
  const end = Math.min(range.end, size);
  if (range.start === 0 && end >= size) return { error: `You can't delete all the ${range.dimension === "ROWS" ? "rows" : "columns"} on the sheet.` };
  const shifted = replaceSheet(working.spreadsheet, shiftCells(range.sheet, range.dimension, range.start, end - range.start, true));
  working.spreadsheet = rewriteFormulas(shifted, { sheetTitle: range.sheet.properties.title, dimension: range.dimension, start: range.start, count: end - range.start, kind: "delete" });
  return { reply: {} };
}

function autoResizeDimensions(working: Working, request: Json): Outcome {
  const dimensions = request.dimensions;
  if (!isObject(dimensions)) return { error: "dimensions is required." };
  const sheet = sheetOf(working, dimensions.sheetId);
  return typeof sheet === "string" ? { error: sheet } : { reply: {} };
}

const HANDLERS: Record<string, (working: Working, request: Json) => Outcome> = {
  addSheet,
  deleteSheet,
  updateSheetProperties,
  updateSpreadsheetProperties,
  updateCells,
  repeatCell,
  appendCells,
  appendDimension,
  insertDimension,
  deleteDimension,
  autoResizeDimensions,
  duplicateSheet,
  findReplace,
  sortRange,
};

/** Every request kind of Sheets v4 (Request in the discovery document); the rest answer "not supported". */
const KNOWN_KINDS: ReadonlySet<string> = new Set([
  "addBanding", "addChart", "addConditionalFormatRule", "addDataSource", "addDimensionGroup", "addFilterView", "addNamedRange", "addProtectedRange", "addSheet", "addSlicer", "addTable", "appendCells", "appendDimension", "autoFill", "autoResizeDimensions", "cancelDataSourceRefresh", "clearBasicFilter", "copyPaste", "createDeveloperMetadata", "cutPaste", "deleteBanding", "deleteConditionalFormatRule", "deleteDataSource", "deleteDeveloperMetadata", "deleteDimension", "deleteDimensionGroup", "deleteDuplicates", "deleteEmbeddedObject", "deleteFilterView", "deleteNamedRange", "deleteProtectedRange", "deleteRange", "deleteSheet", "deleteTable", "duplicateFilterView", "duplicateSheet", "findReplace", "insertDimension", "insertRange", "mergeCells", "moveDimension", "pasteData", "randomizeRange", "refreshDataSource", "repeatCell", "setBasicFilter", "setDataValidation", "sortRange", "textToColumns", "trimWhitespace", "unmergeCells", "updateBanding", "updateBorders", "updateCells", "updateChartSpec", "updateConditionalFormatRule", "updateDataSource", "updateDeveloperMetadata", "updateDimensionGroup", "updateDimensionProperties", "updateEmbeddedObjectBorder", "updateEmbeddedObjectPosition", "updateFilterView", "updateNamedRange", "updateProtectedRange", "updateSheetProperties", "updateSlicerSpec", "updateSpreadsheetProperties", "updateTable",
]);

export type SheetsBatchResult = { spreadsheet: SpreadsheetRecord; title: string; replies: Json[] } | { error: string };

export function applySheetRequests(spreadsheet: SpreadsheetRecord, title: string, requests: unknown, nextSheetId: () => number): SheetsBatchResult {
  if (!Array.isArray(requests) || requests.length === 0) return { error: "Must specify at least one request." };
  const working: Working = { spreadsheet, title, nextSheetId };
  const replies: Json[] = [];
  for (const [position, request] of requests.entries()) {
    if (!isObject(request)) return { error: `Invalid value at 'requests[${position}]': expected an object.` };
    const keys = Object.keys(request);
    const unknown = keys.find((key) => !KNOWN_KINDS.has(key));
    if (unknown !== undefined) return { error: `Invalid JSON payload received. Unknown name "${unknown}" at 'requests[${position}]': Cannot find field.` };
    if (keys.length !== 1) return { error: `Invalid requests[${position}]: exactly one kind of request must be set, got ${keys.length === 0 ? "none" : keys.join(", ")}.` };
    const kind = keys[0]!;
    const handler = HANDLERS[kind];
    if (!handler) return { error: `Invalid requests[${position}].${kind}: this request is not supported by the Lightsout Sheets twin.` };
    const body = request[kind];
    const outcome = handler(working, isObject(body) ? body : {});
    if ("error" in outcome) return { error: `Invalid requests[${position}].${kind}: ${outcome.error}` };
    replies.push(outcome.reply);
  }
  return { spreadsheet: working.spreadsheet, title: working.title, replies };
}
