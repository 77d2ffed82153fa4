/**
 * The table requests of batchUpdate: rows and columns inserted and deleted. A table is located
 * by `tableCellLocation.tableStartLocation.index` (the table's start index) with a row and a
 * column index; deleting its last row or column deletes the table, as Google does.
 */
import { type Unit, newline } from "./model.js";
import { type Json, type Outcome, type Range, type Working, integer, isObject } from "./request-context.js";
import { segmentMap } from "./segments.js";

/** The rows of the table that starts at `index`, as [start, end) unit ranges. */
function tableRows(units: readonly Unit[], index: number): Range[] | undefined {
  if (units[index]?.kind !== "tableStart") return undefined;
  const segments = segmentMap(units);
  const owner = segments.of(index);
  const rows: Range[] = [];
  let cursor = index + 1;
  while (units[cursor]?.kind === "rowStart" && segments.of(cursor) === owner) {
    const start = cursor;
    cursor += 1;
    while (cursor < units.length && !(segments.of(cursor) === owner && (units[cursor]!.kind === "rowStart" || units[cursor]!.kind === "tableEnd"))) cursor += 1;
    rows.push({ start, end: cursor });
  }
  return rows;
}

/** The cells of a row, as [start, end) unit ranges (a nested table's cells are not counted). */
function rowCells(units: readonly Unit[], row: Range): Range[] {
  const segments = segmentMap(units);
  const owner = segments.of(row.start);
  const cells: Range[] = [];
  for (let cursor = row.start + 1; cursor < row.end; cursor++) {
    if (units[cursor]!.kind !== "cellStart" || segments.of(cursor) !== owner) continue;
    if (cells.length > 0) cells.at(-1)!.end = cursor;
    cells.push({ start: cursor, end: row.end });
  }
  return cells;
}

function tableCellLocation(request: Json, units: readonly Unit[]): { rows: Range[]; row: number; tableStart: number } | string {
  const location = request.tableCellLocation;
  if (!isObject(location) || !isObject(location.tableStartLocation)) return "tableCellLocation.tableStartLocation is required.";
  const tableStart = integer(location.tableStartLocation.index);
  const rows = tableStart === undefined ? undefined : tableRows(units, tableStart);
  if (tableStart === undefined || rows === undefined) return `Invalid table start location. Must specify the start index of the table.`;
  const row = integer(location.rowIndex) ?? 0;
  if (row < 0 || row >= rows.length) return `Invalid row index ${row}: the table has ${rows.length} rows.`;
  return { rows, row, tableStart };
}

export function insertTableRow(working: Working, request: Json): Outcome {
  const location = tableCellLocation(request, working.units);
  if (typeof location === "string") return { error: location };
  const columns = (working.units[location.tableStart] as Extract<Unit, { kind: "tableStart" }>).columns;
  const target = location.rows[location.row]!;
  const row: Unit[] = [{ kind: "rowStart" }];
  for (let column = 0; column < columns; column++) row.push({ kind: "cellStart" }, newline());
  working.units.splice(request.insertBelow === true ? target.end : target.start, 0, ...row);
  return { reply: {} };
}

export function deleteTableRow(working: Working, request: Json): Outcome {
  const location = tableCellLocation(request, working.units);
  if (typeof location === "string") return { error: location };
  if (location.rows.length === 1) {
    // Google deletes the whole table with its last row.
    const last = location.rows[0]!.end;
    working.units.splice(location.tableStart, last + 1 - location.tableStart);
    return { reply: {} };
  }
  const target = location.rows[location.row]!;
  working.units.splice(target.start, target.end - target.start);
  return { reply: {} };
}

function columnOf(request: Json, columns: number): number | string {
  const location = request.tableCellLocation as Json;
  const column = integer(location.columnIndex) ?? 0;
  return column < 0 || column >= columns ? `Invalid column index ${column}: the table has ${columns} columns.` : column;
}

export function insertTableColumn(working: Working, request: Json): Outcome {
  const location = tableCellLocation(request, working.units);
  if (typeof location === "string") return { error: location };
  const start = working.units[location.tableStart] as Extract<Unit, { kind: "tableStart" }>;
  const column = columnOf(request, start.columns);
  if (typeof column === "string") return { error: column };
  if (start.columns >= 20) return { error: "The number of columns must be at most 20." };
  // From the last row up, so the earlier rows' indices stay valid.
  for (const row of [...location.rows].reverse()) {
    const cell = rowCells(working.units, row)[column]!;
    working.units.splice(request.insertRight === true ? cell.end : cell.start, 0, { kind: "cellStart" }, newline());
  }
  working.units[location.tableStart] = { kind: "tableStart", columns: start.columns + 1 };
  return { reply: {} };
}

export function deleteTableColumn(working: Working, request: Json): Outcome {
  const location = tableCellLocation(request, working.units);
  if (typeof location === "string") return { error: location };
  const start = working.units[location.tableStart] as Extract<Unit, { kind: "tableStart" }>;
  const column = columnOf(request, start.columns);
  if (typeof column === "string") return { error: column };
  if (start.columns === 1) {
    working.units.splice(location.tableStart, location.rows.at(-1)!.end + 1 - location.tableStart);
    return { reply: {} };
  }
  for (const row of [...location.rows].reverse()) {
    const cell = rowCells(working.units, row)[column]!;
    working.units.splice(cell.start, cell.end - cell.start);
  }
  working.units[location.tableStart] = { kind: "tableStart", columns: start.columns - 1 };
  return { reply: {} };
}
