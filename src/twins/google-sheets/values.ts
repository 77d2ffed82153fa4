/**
 * `spreadsheets.values.*`: get, update, append, clear and their batch forms. Each handler takes
 * the spreadsheet as stored and returns Sheets' answer, with the changed spreadsheet when it
 * wrote (the module stores it), or a failure as data. A batch applies to a working copy and
 * fails whole, as Google's does.
 */
import { type A1Area, type BoundedArea, columnLetters } from "../google-common/a1-notation.js";
import { type ValueInputOption, type ValueRenderOption, createEvaluator, parseEntry, renderValue } from "./cell-values.js";
import { editGrid, gridEntries, insertGridRows, rowEntries } from "./cell-grid.js";
import { type Cell, type SheetRecord, type SpreadsheetRecord, replaceSheet } from "./model.js";
import { boundedArea, exceedsGrid, rangeText, resolveRange, startsInGrid, unparsableRange } from "./ranges.js";

type Json = Record<string, unknown>;
export type Failure = { error: { code: number; message: string } };
export type ValuesResult = { body: Json; spreadsheet?: SpreadsheetRecord } | Failure;

export interface ValuesCall {
  spreadsheet: SpreadsheetRecord;
  query: URLSearchParams;
  body: Json;
  /** The `{range}` of the path, decoded. */
  range: string;
}

const invalid = (message: string): Failure => ({ error: { code: 400, message } });

function enumOption<T extends string>(value: unknown, choices: readonly T[], fallback: T | undefined, field: string, type: string): T | Failure {
  if (value === undefined || value === null || value === "") return fallback ?? invalid(`Invalid ${field}: ${type.toUpperCase()}_UNSPECIFIED`);
  if ((choices as readonly unknown[]).includes(value)) return value as T;
  return invalid(`Invalid value at '${field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}' (type.googleapis.com/google.apps.sheets.v4.${type}), ${JSON.stringify(value)}`);
}

const RENDER_OPTIONS = ["FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA"] as const;
const INPUT_OPTIONS = ["RAW", "USER_ENTERED"] as const;
const DIMENSIONS = ["ROWS", "COLUMNS"] as const;

function isFailure(value: unknown): value is Failure {
  return typeof value === "object" && value !== null && "error" in value;
}

function renderOption(value: unknown): ValueRenderOption | Failure {
  return enumOption(value, RENDER_OPTIONS, "FORMATTED_VALUE", "valueRenderOption", "ValueRenderOption");
}

function inputOption(value: unknown): ValueInputOption | Failure {
  if (value === undefined || value === null || value === "") return invalid("Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED");
  return enumOption(value, INPUT_OPTIONS, undefined, "valueInputOption", "ValueInputOption");
}

function majorDimension(value: unknown): "ROWS" | "COLUMNS" | Failure {
  return enumOption(value, DIMENSIONS, "ROWS", "majorDimension", "Dimension");
}

/** The values of an area, trailing empty cells and rows left out, as Google does. */
function readValues(spreadsheet: SpreadsheetRecord, sheet: SheetRecord, area: BoundedArea, dimension: "ROWS" | "COLUMNS", option: ValueRenderOption, dateOption?: string): unknown[][] {
  const evaluator = createEvaluator(spreadsheet);
  const outer = dimension === "ROWS" ? [area.startRow, area.endRow] : [area.startColumn, area.endColumn];
  const inner = dimension === "ROWS" ? [area.startColumn, area.endColumn] : [area.startRow, area.endRow];
  const lines: unknown[][] = [];
  for (let major = outer[0]!; major < outer[1]!; major++) {
    const line: unknown[] = [];
    for (let minor = inner[0]!; minor < inner[1]!; minor++) {
      const [row, column] = dimension === "ROWS" ? [major, minor] : [minor, major];
      line.push(renderValue(evaluator, sheet, row, column, option, dateOption) ?? "");
    }
    while (line.length > 0 && line.at(-1) === "") line.pop();
    lines.push(line);
  }
  while (lines.length > 0 && lines.at(-1)!.length === 0) lines.pop();
  return lines;
}

function valueRange(spreadsheet: SpreadsheetRecord, sheet: SheetRecord, area: BoundedArea, dimension: "ROWS" | "COLUMNS", option: ValueRenderOption, dateOption?: string): Json {
  const values = readValues(spreadsheet, sheet, area, dimension, option, dateOption);
  return { range: rangeText(sheet, area), majorDimension: dimension, ...(values.length > 0 ? { values } : {}) };
}

/** The top-left cell of an area, for messages. */
function cornerOf(area: A1Area): BoundedArea {
  const row = area.startRow ?? 0;
  const column = area.startColumn ?? 0;
  return { startRow: row, endRow: row + 1, startColumn: column, endColumn: column + 1 };
}

function getOne(spreadsheet: SpreadsheetRecord, text: string, query: URLSearchParams): Json | Failure {
  const resolved = resolveRange(spreadsheet, text);
  if (!resolved) return { error: unparsableRange(text) };
  if (!startsInGrid(resolved.sheet, resolved.area)) return { error: exceedsGrid(resolved.sheet, cornerOf(resolved.area)) };
  const dimension = majorDimension(query.get("majorDimension") ?? undefined);
  if (isFailure(dimension)) return dimension;
  const option = renderOption(query.get("valueRenderOption") ?? undefined);
  if (isFailure(option)) return option;
  const dateOption = enumOption(query.get("dateTimeRenderOption") ?? undefined, ["SERIAL_NUMBER", "FORMATTED_STRING"] as const, "SERIAL_NUMBER", "dateTimeRenderOption", "DateTimeRenderOption");
  if (isFailure(dateOption)) return dateOption;
  return valueRange(spreadsheet, resolved.sheet, boundedArea(resolved.sheet, resolved.area), dimension, option, dateOption);
}

export function getValues(call: ValuesCall): ValuesResult {
  const answer = getOne(call.spreadsheet, call.range, call.query);
  return isFailure(answer) ? answer : { body: answer };
}

export function batchGetValues(call: ValuesCall): ValuesResult {
  const valueRanges: Json[] = [];
  for (const text of call.query.getAll("ranges")) {
    const answer = getOne(call.spreadsheet, text, call.query);
    if (isFailure(answer)) return answer;
    valueRanges.push(answer);
  }
  return { body: { spreadsheetId: call.spreadsheet.spreadsheetId, ...(valueRanges.length > 0 ? { valueRanges } : {}) } };
}

interface Written {
  spreadsheet: SpreadsheetRecord;
  sheet: SheetRecord;
  area: BoundedArea;
  counts: Json;
}

/** Rows of values (ROWS major), checked for shape. */
function rowsOf(values: unknown, dimension: "ROWS" | "COLUMNS"): unknown[][] | Failure {
  if (values === undefined) return [];
  if (!Array.isArray(values) || values.some((line) => !Array.isArray(line))) return invalid("Invalid values: expected a list of lists (ListValue).");
  const lines = values as unknown[][];
  if (dimension === "ROWS") return lines;
  const rows: unknown[][] = [];
  for (const [column, line] of lines.entries()) {
    for (const [row, value] of line.entries()) {
      rows[row] ??= [];
      rows[row]![column] = value;
    }
  }
  return Array.from(rows, (row) => Array.from(row ?? [], (value) => value ?? null));
}

/** Writes rows of values from a corner; grows the grid when `grow`, else refuses to leave it. */
function writeRows(spreadsheet: SpreadsheetRecord, sheet: SheetRecord, corner: { row: number; column: number }, rows: unknown[][], option: ValueInputOption, grow: boolean): Written | Failure {
  const width = Math.max(1, ...rows.map((row) => row.length));
  const area: BoundedArea = { startRow: corner.row, endRow: corner.row + Math.max(rows.length, 1), startColumn: corner.column, endColumn: corner.column + width };
  const grid = sheet.properties.gridProperties;
  if (!grow && (area.endRow > grid.rowCount || area.endColumn > grid.columnCount) && rows.length > 0) return { error: exceedsGrid(sheet, area) };
  let updatedCells = 0;
  // Only the rows written are replaced; the rest of the grid is shared with the stored sheet.
  const cells = editGrid(sheet.cells, (editor) => {
    for (const [rowOffset, row] of rows.entries()) {
      for (const [columnOffset, value] of row.entries()) {
        const entry = parseEntry(value, option);
        if (entry === undefined) continue;
        const { input } = entry;
        const [cellRow, cellColumn] = [corner.row + rowOffset, corner.column + columnOffset];
        const emptyString = "stringValue" in input && input.stringValue === "";
        const next: Cell = { ...editor.get(cellRow, cellColumn) };
        if (emptyString) delete next.value;
        else next.value = input;
        // A typed date gets Sheets' DATE format, as in the UI.
        if (entry.numberFormat) next.format = { ...next.format, numberFormat: entry.numberFormat };
        editor.set(cellRow, cellColumn, next.value === undefined && next.format === undefined && next.note === undefined ? undefined : next);
        updatedCells += 1;
      }
    }
  });
  const gridProperties = grow ? { ...grid, rowCount: Math.max(grid.rowCount, area.endRow), columnCount: Math.max(grid.columnCount, area.endColumn) } : grid;
  const updatedSheet: SheetRecord = { properties: { ...sheet.properties, gridProperties }, cells };
  const counts: Json = {};
  if (rows.length > 0) counts.updatedRows = rows.length;
  if (rows.length > 0) counts.updatedColumns = width;
  if (updatedCells > 0) counts.updatedCells = updatedCells;
  return { spreadsheet: replaceSheet(spreadsheet, updatedSheet), sheet: updatedSheet, area, counts };
}

function checkFits(area: A1Area, rows: unknown[][], text: string): Failure | undefined {
  const start = { row: area.startRow ?? 0, column: area.startColumn ?? 0 };
  const single = area.endRow === (area.startRow ?? 0) + 1 && area.endColumn === (area.startColumn ?? 0) + 1;
  if (single) return undefined;
  if (area.endRow !== undefined && rows.length > area.endRow - start.row) {
    return invalid(`Requested writing within range [${text}], but tried writing to row [${start.row + rows.length}]`);
  }
  const width = Math.max(0, ...rows.map((row) => row.length));
  if (area.endColumn !== undefined && width > area.endColumn - start.column) {
    return invalid(`Requested writing within range [${text}], but tried writing to column [${columnLetters(start.column + width - 1)}]`);
  }
  return undefined;
}

interface UpdateInput {
  range: string;
  majorDimension?: unknown;
  values?: unknown;
}

function updateOne(spreadsheet: SpreadsheetRecord, input: UpdateInput, option: ValueInputOption): Written | Failure {
  const resolved = resolveRange(spreadsheet, input.range);
  if (!resolved) return { error: unparsableRange(input.range) };
  const dimension = majorDimension(input.majorDimension);
  if (isFailure(dimension)) return dimension;
  const rows = rowsOf(input.values, dimension);
  if (isFailure(rows)) return rows;
  if (!startsInGrid(resolved.sheet, resolved.area)) return { error: exceedsGrid(resolved.sheet, cornerOf(resolved.area)) };
  const misfit = checkFits(resolved.area, rows, input.range);
  if (misfit) return misfit;
  return writeRows(spreadsheet, resolved.sheet, { row: resolved.area.startRow ?? 0, column: resolved.area.startColumn ?? 0 }, rows, option, false);
}

function updateResponse(spreadsheetId: string, written: Written, include: boolean, render: ValueRenderOption): Json {
  const response: Json = { spreadsheetId, updatedRange: rangeText(written.sheet, written.area), ...written.counts };
  if (include) response.updatedData = valueRange(written.spreadsheet, written.sheet, written.area, "ROWS", render);
  return response;
}

function responseOptions(source: { get(name: string): unknown }): { include: boolean; render: ValueRenderOption } | Failure {
  const render = renderOption(source.get("responseValueRenderOption"));
  if (isFailure(render)) return render;
  const include = source.get("includeValuesInResponse");
  return { include: include === true || include === "true", render };
}

const fromQuery = (query: URLSearchParams) => ({ get: (name: string) => query.get(name) ?? undefined });
const fromBody = (body: Json) => ({ get: (name: string) => body[name] });

export function updateValues(call: ValuesCall): ValuesResult {
  const option = inputOption(call.query.get("valueInputOption") ?? undefined);
  if (isFailure(option)) return option;
  const response = responseOptions(fromQuery(call.query));
  if (isFailure(response)) return response;
  if (typeof call.body.range === "string" && resolveRange(call.spreadsheet, call.body.range)?.sheet !== resolveRange(call.spreadsheet, call.range)?.sheet) {
    return invalid(`Requested range [${call.range}] does not match the range in the body [${call.body.range}].`);
  }
  const written = updateOne(call.spreadsheet, { range: call.range, majorDimension: call.body.majorDimension, values: call.body.values }, option);
  if (isFailure(written)) return written;
  return { body: updateResponse(call.spreadsheet.spreadsheetId, written, response.include, response.render), spreadsheet: written.spreadsheet };
}

export function batchUpdateValues(call: ValuesCall): ValuesResult {
  const option = inputOption(call.body.valueInputOption);
  if (isFailure(option)) return option;
  const response = responseOptions(fromBody(call.body));
  if (isFailure(response)) return response;
  const data = call.body.data ?? [];
  if (!Array.isArray(data)) return invalid("Invalid data: expected a list of ValueRange.");
  let spreadsheet = call.spreadsheet;
  const responses: Json[] = [];
  const totals = { rows: 0, columns: 0, cells: 0, sheets: new Set<number>() };
  for (const [index, item] of data.entries()) {
    const entry = (typeof item === "object" && item !== null ? item : {}) as Json;
    if (typeof entry.range !== "string") return invalid(`Invalid data[${index}]: range is required.`);
    const written = updateOne(spreadsheet, { range: entry.range, majorDimension: entry.majorDimension, values: entry.values }, option);
    if (isFailure(written)) return written;
    spreadsheet = written.spreadsheet;
    responses.push(updateResponse(spreadsheet.spreadsheetId, written, response.include, response.render));
    totals.rows += Number(written.counts.updatedRows ?? 0);
    totals.columns += Number(written.counts.updatedColumns ?? 0);
    totals.cells += Number(written.counts.updatedCells ?? 0);
    if (written.counts.updatedCells) totals.sheets.add(written.sheet.properties.sheetId);
  }
  const body: Json = { spreadsheetId: spreadsheet.spreadsheetId };
  if (totals.rows) body.totalUpdatedRows = totals.rows;
  if (totals.columns) body.totalUpdatedColumns = totals.columns;
  if (totals.cells) body.totalUpdatedCells = totals.cells;
  if (totals.sheets.size) body.totalUpdatedSheets = totals.sheets.size;
  if (responses.length > 0) body.responses = responses;
  return { body, spreadsheet };
}

/** Looks at the row's stored cells only, so a table's scan costs its rows, not rows x columns. */
function rowHasValue(sheet: SheetRecord, row: number, startColumn: number, endColumn: number): boolean {
  for (const [column, cell] of rowEntries(sheet.cells, row)) if (column >= startColumn && column < endColumn && cell.value !== undefined) return true;
  return false;
}

/**
 * The "table" append looks for: the first row at or below the range's top that has a value in
 * its columns, down through the rows that follow without a gap; undefined when there is none.
 */
function findTable(sheet: SheetRecord, area: BoundedArea): BoundedArea | undefined {
  let start = area.startRow;
  while (start < area.endRow && !rowHasValue(sheet, start, area.startColumn, area.endColumn)) start += 1;
  if (start >= area.endRow) return undefined;
  let end = start;
  while (end < area.endRow && rowHasValue(sheet, end, area.startColumn, area.endColumn)) end += 1;
  let first = area.endColumn;
  let last = area.startColumn;
  for (let row = start; row < end; row++) {
    for (const [column, cell] of rowEntries(sheet.cells, row)) {
      if (column < area.startColumn || column >= area.endColumn || cell.value === undefined) continue;
      first = Math.min(first, column);
      last = Math.max(last, column + 1);
    }
  }
  return { startRow: start, endRow: end, startColumn: first, endColumn: last };
}

/** Moves every row at or below `row` down by `count` rows (row references, not cells). */
function shiftRowsDown(sheet: SheetRecord, row: number, count: number): SheetRecord {
  const cells = insertGridRows(sheet.cells, row, count);
  const grid = sheet.properties.gridProperties;
  return { properties: { ...sheet.properties, gridProperties: { ...grid, rowCount: grid.rowCount + count } }, cells };
}

export function appendValues(call: ValuesCall): ValuesResult {
  const option = inputOption(call.query.get("valueInputOption") ?? undefined);
  if (isFailure(option)) return option;
  const insert = enumOption(call.query.get("insertDataOption") ?? undefined, ["OVERWRITE", "INSERT_ROWS"] as const, "OVERWRITE", "insertDataOption", "InsertDataOption");
  if (isFailure(insert)) return insert;
  const response = responseOptions(fromQuery(call.query));
  if (isFailure(response)) return response;
  const resolved = resolveRange(call.spreadsheet, call.range);
  if (!resolved) return { error: unparsableRange(call.range) };
  const dimension = majorDimension(call.body.majorDimension);
  if (isFailure(dimension)) return dimension;
  const rows = rowsOf(call.body.values, dimension);
  if (isFailure(rows)) return rows;
  // A single cell is where to start looking: the table may reach to its right.
  const single = resolved.area.endRow === (resolved.area.startRow ?? 0) + 1 && resolved.area.endColumn === (resolved.area.startColumn ?? 0) + 1;
  const searched = boundedArea(resolved.sheet, { ...resolved.area, endRow: undefined, ...(single ? { endColumn: undefined } : {}) });
  const table = findTable(resolved.sheet, searched);
  const corner = table ? { row: table.endRow, column: table.startColumn } : { row: searched.startRow, column: searched.startColumn };
  let spreadsheet = call.spreadsheet;
  let sheet = resolved.sheet;
  if (insert === "INSERT_ROWS" && rows.length > 0) {
    sheet = shiftRowsDown(sheet, corner.row, rows.length);
    spreadsheet = replaceSheet(spreadsheet, sheet);
  }
  // Append adds rows as needed but never columns: Google names the first column past the grid.
  const columnCount = sheet.properties.gridProperties.columnCount;
  const width = Math.max(0, ...rows.map((row) => row.length));
  if (corner.column + width > columnCount) return { error: exceedsGrid(sheet, cornerOf({ startRow: searched.startRow, startColumn: columnCount })) };
  const written = writeRows(spreadsheet, sheet, corner, rows, option, true);
  if (isFailure(written)) return written;
  const body: Json = { spreadsheetId: spreadsheet.spreadsheetId };
  if (table) body.tableRange = rangeText(resolved.sheet, table);
  body.updates = updateResponse(spreadsheet.spreadsheetId, written, response.include, response.render);
  return { body, spreadsheet: written.spreadsheet };
}

function clearOne(spreadsheet: SpreadsheetRecord, text: string): { spreadsheet: SpreadsheetRecord; cleared: string } | Failure {
  const resolved = resolveRange(spreadsheet, text);
  if (!resolved) return { error: unparsableRange(text) };
  const area = boundedArea(resolved.sheet, resolved.area);
  const cleared: [number, number, Cell | undefined][] = [];
  for (const [row, column, cell] of gridEntries(resolved.sheet.cells)) {
    const inside = row >= area.startRow && row < area.endRow && column >= area.startColumn && column < area.endColumn;
    if (!inside || cell.value === undefined) continue;
    cleared.push([row, column, cell.format !== undefined || cell.note !== undefined ? { ...(cell.format ? { format: cell.format } : {}), ...(cell.note ? { note: cell.note } : {}) } : undefined]);
  }
  const cells = editGrid(resolved.sheet.cells, (editor) => cleared.forEach(([row, column, cell]) => editor.set(row, column, cell)));
  const sheet: SheetRecord = { ...resolved.sheet, cells };
  return { spreadsheet: replaceSheet(spreadsheet, sheet), cleared: rangeText(sheet, area) };
}

export function clearValues(call: ValuesCall): ValuesResult {
  const cleared = clearOne(call.spreadsheet, call.range);
  if (isFailure(cleared)) return cleared;
  return { body: { spreadsheetId: call.spreadsheet.spreadsheetId, clearedRange: cleared.cleared }, spreadsheet: cleared.spreadsheet };
}

export function batchClearValues(call: ValuesCall): ValuesResult {
  const ranges = call.body.ranges ?? [];
  if (!Array.isArray(ranges) || ranges.some((range) => typeof range !== "string")) return invalid("Invalid ranges: expected a list of strings.");
  let spreadsheet = call.spreadsheet;
  const clearedRanges: string[] = [];
  for (const text of ranges as string[]) {
    const cleared = clearOne(spreadsheet, text);
    if (isFailure(cleared)) return cleared;
    spreadsheet = cleared.spreadsheet;
    clearedRanges.push(cleared.cleared);
  }
  return { body: { spreadsheetId: spreadsheet.spreadsheetId, ...(clearedRanges.length > 0 ? { clearedRanges } : {}) }, spreadsheet };
}
