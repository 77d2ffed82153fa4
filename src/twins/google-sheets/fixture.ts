/**
 * The Sheets part of a Google tenant fixture:
 * `spreadsheets: [{ id?, title, owner, sheets?: [{ title, values?: [[...]] }] }]`. Values are read
 * as USER_ENTERED (so `=SUM(A1:A3)` is a formula and `42` a number). Each spreadsheet is a Drive
 * file owned by `owner`; sharing is Drive's part of the fixture.
 */
import { createWorkspaceFile, newWorkspaceId } from "../google-common/docs-sheets-files.js";
import { GOOGLE_SPREADSHEET_MIME, getWorkspaceFile } from "../google-common/workspace-files.js";
import { type Tenant, TwinFixtureError, fieldPath, fixtureObject } from "../kit/index.js";
import { parseEntry } from "./cell-values.js";
import { gridOf } from "./cell-grid.js";
import { type Cell, DEFAULT_PROPERTIES, type SheetRecord, newSheet, putSpreadsheet } from "./model.js";

function seedSheet(item: unknown, path: string, index: number, sheets: SheetRecord[]): SheetRecord {
  const entry = fixtureObject(item, path, ["title", "values"]);
  const title = entry.optionalString("title", { nonEmpty: true }) ?? `Sheet${index + 1}`;
  if (sheets.some((sheet) => sheet.properties.title.toLowerCase() === title.toLowerCase())) throw new TwinFixtureError(entry.path("title"), `a sheet named ${JSON.stringify(title)} already exists in this spreadsheet`);
  const entries: [number, number, Cell][] = [];
  let rows = 0;
  let columns = 0;
  for (const [row, line] of entry.optionalArray("values").entries()) {
    if (!Array.isArray(line)) throw new TwinFixtureError(fieldPath(entry.path("values"), row), "expected an array of cell values");
    for (const [column, value] of line.entries()) {
      if (value !== null && !["string", "number", "boolean"].includes(typeof value)) throw new TwinFixtureError(fieldPath(fieldPath(entry.path("values"), row), column), "expected a string, a number, a boolean or null");
      const parsed = parseEntry(value, "USER_ENTERED");
      if (parsed === undefined || ("stringValue" in parsed.input && parsed.input.stringValue === "")) continue;
      entries.push([row, column, { value: parsed.input, ...(parsed.numberFormat ? { format: { numberFormat: parsed.numberFormat } } : {}) }]);
      rows = Math.max(rows, row + 1);
      columns = Math.max(columns, column + 1);
    }
  }
  const sheet = newSheet(index === 0 ? 0 : 1000 + index, title, index);
  const grid = sheet.properties.gridProperties;
  return { properties: { ...sheet.properties, gridProperties: { ...grid, rowCount: Math.max(grid.rowCount, rows), columnCount: Math.max(grid.columnCount, columns) } }, cells: gridOf(entries) };
}

export function seedSpreadsheets(tenant: Tenant, fixture: Record<string, unknown>): void {
  if (fixture.spreadsheets === undefined) return;
  if (!Array.isArray(fixture.spreadsheets)) throw new TwinFixtureError("spreadsheets", "expected an array");
  for (const [index, item] of fixture.spreadsheets.entries()) {
    const path = fieldPath("spreadsheets", index);
    const entry = fixtureObject(item, path, ["id", "title", "owner", "sheets"]);
    const id = entry.optionalString("id", { nonEmpty: true }) ?? newWorkspaceId(tenant);
    if (getWorkspaceFile(tenant.state, id)) throw new TwinFixtureError(entry.path("id"), `a file with id ${JSON.stringify(id)} already exists`);
    const title = entry.string("title");
    const owner = entry.string("owner", { nonEmpty: true });
    const sheets: SheetRecord[] = [];
    for (const [sheetIndex, sheetItem] of entry.optionalArray("sheets").entries()) sheets.push(seedSheet(sheetItem, fieldPath(entry.path("sheets"), sheetIndex), sheetIndex, sheets));
    if (sheets.length === 0) sheets.push(newSheet(0, "Sheet1", 0));
    createWorkspaceFile(tenant, { id, name: title, mimeType: GOOGLE_SPREADSHEET_MIME, owner });
    tenant.update((state) => putSpreadsheet(state, { spreadsheetId: id, properties: { ...DEFAULT_PROPERTIES }, sheets }));
  }
}
