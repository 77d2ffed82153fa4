/**
 * batchUpdate requests that work on a sheet's data as a whole: duplicateSheet, findReplace and
 * sortRange. Like the others they change the working copy or say why not (request-context.ts).
 */
import { editGrid, gridCell, gridEntries } from "./cell-grid.js";
import { createEvaluator } from "./cell-values.js";
import { isFormulaError } from "./formulas.js";
import { type Cell, type SheetRecord, type SpreadsheetRecord, replaceSheet, sheetById, sheetByTitle } from "./model.js";
import { type Json, type Outcome, type Working, gridRange, integer, isObject, reindex, sheetOf } from "./request-context.js";

export function duplicateSheet(working: Working, request: Json): Outcome {
  const source = sheetOf(working, request.sourceSheetId);
  if (typeof source === "string") return { error: source };
  const sheets = working.spreadsheet.sheets;
  const title = typeof request.newSheetName === "string" && request.newSheetName !== "" ? request.newSheetName : `Copy of ${source.properties.title}`;
  if (sheetByTitle(working.spreadsheet, title)) return { error: `A sheet with the name "${title}" already exists. Please enter another name.` };
  const requestedId = integer(request.newSheetId);
  if (requestedId !== undefined && sheetById(working.spreadsheet, requestedId)) return { error: `A sheet with the id ${requestedId} already exists.` };
  const index = Math.min(Math.max(integer(request.insertSheetIndex) ?? source.properties.index + 1, 0), sheets.length);
  const copy: SheetRecord = { properties: { ...source.properties, sheetId: requestedId ?? working.nextSheetId(), title, index }, cells: source.cells };
  const next = [...sheets];
  next.splice(index, 0, copy);
  const reindexed = reindex(next);
  working.spreadsheet = { ...working.spreadsheet, sheets: reindexed };
  return { reply: { duplicateSheet: { properties: reindexed[index]!.properties } } };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The sheets a findReplace looks in: its range's, its sheetId's, or all of them. */
function findScope(working: Working, request: Json): { sheet: SheetRecord; inside: (row: number, column: number) => boolean }[] | string {
  if (isObject(request.range)) {
    const area = gridRange(working, request.range);
    if (typeof area === "string") return area;
    return [{ sheet: area.sheet, inside: (row, column) => row >= area.startRow && row < area.endRow && column >= area.startColumn && column < area.endColumn }];
  }
  if (request.sheetId !== undefined) {
    const sheet = sheetOf(working, request.sheetId);
    return typeof sheet === "string" ? sheet : [{ sheet, inside: () => true }];
  }
  if (request.allSheets === true) return working.spreadsheet.sheets.map((sheet) => ({ sheet, inside: () => true }));
  return "One of range, sheetId or allSheets must be set.";
}

/**
 * Replaces text in string cells (and in formulas with `includeFormulas`); numbers and booleans
 * are left alone. The reply counts as Google's does: values, formulas, rows, sheets, occurrences.
 */
export function findReplace(working: Working, request: Json): Outcome {
  if (typeof request.find !== "string" || request.find === "") return { error: "find must not be empty." };
  const scope = findScope(working, request);
  if (typeof scope === "string") return { error: scope };
  let pattern: RegExp;
  try {
    const source = request.searchByRegex === true ? request.find : escapeRegExp(request.find);
    pattern = new RegExp(request.matchEntireCell === true ? `^(?:${source})$` : source, request.matchCase === true ? "g" : "gi");
  } catch {
    return { error: `Invalid regular expression: ${request.find}` };
  }
  const replacement = typeof request.replacement === "string" ? request.replacement : "";
  const totals = { valuesChanged: 0, formulasChanged: 0, occurrencesChanged: 0, rows: new Set<string>(), sheets: new Set<number>() };
  let spreadsheet: SpreadsheetRecord = working.spreadsheet;
  for (const { sheet, inside } of scope) {
    const changes: [number, number, Cell][] = [];
    for (const [row, column, cell] of gridEntries(sheet.cells)) {
      const value = cell.value;
      if (!value || !inside(row, column)) continue;
      const isFormula = "formulaValue" in value;
      if (!isFormula && !("stringValue" in value)) continue;
      if (isFormula && request.includeFormulas !== true) continue;
      const text = isFormula ? value.formulaValue : value.stringValue;
      const occurrences = text.match(pattern)?.length ?? 0;
      if (occurrences === 0) continue;
      const replaced = text.replace(pattern, replacement);
      changes.push([row, column, { ...cell, value: isFormula ? { formulaValue: replaced } : { stringValue: replaced } }]);
      totals.occurrencesChanged += occurrences;
      if (isFormula) totals.formulasChanged += 1;
      else totals.valuesChanged += 1;
      totals.rows.add(`${sheet.properties.sheetId}:${row}`);
      totals.sheets.add(sheet.properties.sheetId);
    }
    if (changes.length > 0) spreadsheet = replaceSheet(spreadsheet, { ...sheet, cells: editGrid(sheet.cells, (editor) => changes.forEach(([row, column, cell]) => editor.set(row, column, cell))) });
  }
  working.spreadsheet = spreadsheet;
  const reply: Json = {};
  if (totals.valuesChanged) reply.valuesChanged = totals.valuesChanged;
  if (totals.formulasChanged) reply.formulasChanged = totals.formulasChanged;
  if (totals.rows.size) reply.rowsChanged = totals.rows.size;
  if (totals.sheets.size) reply.sheetsChanged = totals.sheets.size;
  if (totals.occurrencesChanged) reply.occurrencesChanged = totals.occurrencesChanged;
  return { reply: { findReplace: reply } };
}

/** Numbers sort before text before booleans; empty cells go last whatever the order, as in Sheets. */
function rank(value: unknown): number {
  if (typeof value === "number") return 0;
  if (typeof value === "string") return 1;
  if (typeof value === "boolean") return 2;
  return 3;
}

export function sortRange(working: Working, request: Json): Outcome {
  const area = gridRange(working, request.range);
  if (typeof area === "string") return { error: area };
  const specs = Array.isArray(request.sortSpecs) ? request.sortSpecs.filter(isObject) : [];
  if (specs.length === 0) return { error: "At least one sort spec is required." };
  const keys: { column: number; descending: boolean }[] = [];
  for (const spec of specs) {
    const column = integer(spec.dimensionIndex) ?? 0;
    if (column < area.startColumn || column >= area.endColumn) return { error: `Sort column ${column} is outside the range.` };
    keys.push({ column, descending: spec.sortOrder === "DESCENDING" });
  }
  const evaluator = createEvaluator(working.spreadsheet);
  const valueOf = (row: number, column: number): unknown => {
    const value = evaluator.value(area.sheet, row, column);
    return isFormulaError(value) ? value.error : value;
  };
  const rows = Array.from({ length: area.endRow - area.startRow }, (_, offset) => area.startRow + offset);
  const sorted = [...rows].sort((left, right) => {
    for (const key of keys) {
      const a = valueOf(left, key.column);
      const b = valueOf(right, key.column);
      const rankA = rank(a);
      const rankB = rank(b);
      if (rankA === 3 || rankB === 3) {
        if (rankA !== rankB) return rankA === 3 ? 1 : -1;
        continue;
      }
      let order = rankA - rankB;
      if (order === 0) order = typeof a === "string" ? a.localeCompare(b as string, "en", { sensitivity: "base" }) : Number(a) - Number(b);
      if (order !== 0) return key.descending ? -order : order;
    }
    return left - right;
  });
  const cells = editGrid(area.sheet.cells, (editor) => {
    for (const [offset, from] of sorted.entries()) {
      for (let column = area.startColumn; column < area.endColumn; column++) editor.set(area.startRow + offset, column, gridCell(area.sheet.cells, from, column));
    }
  });
  working.spreadsheet = replaceSheet(working.spreadsheet, { ...area.sheet, cells });
  return { reply: {} };
}
