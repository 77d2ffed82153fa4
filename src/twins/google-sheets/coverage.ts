/**
 * What the Sheets twin covers of Google Sheets v4, keyed by the discovery method id, with the
 * test that proves each (scripts/twin-coverage.ts builds docs/twins/coverage.md from it).
 */
import { type CoverageEntry, testReference as t } from "../kit/index.js";
export type { CoverageEntry } from "../kit/index.js";

const SDK = "test/twins/google-sheets-sdk.test.ts";
const CONTRACT = "test/twins/google-sheets-contract.test.ts";

const VALUES = t(SDK, "writes and reads values with input and render options, formulas and majorDimension");
const APPEND = t(SDK, "appends after the table it finds, growing the grid");
const BATCH_VALUES = t(SDK, "reads, writes and clears several ranges in one call");
const STRUCTURE = t(SDK, "changes sheets and cells with batchUpdate, all or nothing");
const SESSION = t(CONTRACT, "answers a scripted session with bodies that match the discovery schemas");

export const SHEETS_COVERAGE: Record<string, CoverageEntry> = {
  "sheets.spreadsheets.create": { status: "partial", test: t(SDK, "creates a spreadsheet that is also a Drive file of the caller"), note: "properties and sheets' properties; sheets' data, named ranges and developer metadata are ignored" },
  "sheets.spreadsheets.get": { status: "partial", test: SESSION, note: "ranges and includeGridData; no charts, banding, filters, conditional formats or merges; effectiveFormat is the default format under userEnteredFormat" },
  "sheets.spreadsheets.batchUpdate": {
    status: "partial",
    test: STRUCTURE,
    note: "addSheet, deleteSheet, updateSheetProperties, updateSpreadsheetProperties, updateCells, repeatCell, appendCells, appendDimension, insertDimension, deleteDimension, duplicateSheet, findReplace, sortRange, autoResizeDimensions (no-op); formulas' cell references move with inserted and deleted rows and columns (whole-column and whole-row references do not); other requests answer 400",
  },
  "sheets.spreadsheets.values.get": { status: "partial", test: VALUES, note: "FORMATTED_VALUE applies common numberFormat patterns only; a formula's result does not inherit its inputs' date format" },
  "sheets.spreadsheets.values.update": { status: "partial", test: VALUES, note: "USER_ENTERED reads numbers, booleans, percentages, ISO and US dates, a leading ' and formulas; times and currencies stay text" },
  "sheets.spreadsheets.values.append": { status: "supported", test: APPEND },
  "sheets.spreadsheets.values.clear": { status: "supported", test: BATCH_VALUES },
  "sheets.spreadsheets.values.batchGet": { status: "supported", test: BATCH_VALUES },
  "sheets.spreadsheets.values.batchUpdate": { status: "supported", test: BATCH_VALUES },
  "sheets.spreadsheets.values.batchClear": { status: "supported", test: BATCH_VALUES },
  "sheets.spreadsheets.sheets.copyTo": { status: "supported", test: t(SDK, "copies a sheet to another spreadsheet") },
};
