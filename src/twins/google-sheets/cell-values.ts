/**
 * Values in and out of cells. In: `valueInputOption` RAW stores what was sent (a string stays a
 * string, even `=1+1`); USER_ENTERED reads it as the Sheets UI does (numbers, TRUE/FALSE, a
 * leading `'` forcing text, `=` starting a formula). Out: `valueRenderOption` FORMATTED_VALUE
 * (strings as displayed), UNFORMATTED_VALUE (numbers and booleans as JSON) or FORMULA (a
 * formula's text instead of its result). Effective values are computed per read with a
 * memo and a cycle check, so a formula sees the cells as they are now.
 */
import type { A1Area, BoundedArea } from "../google-common/a1-notation.js";
import { type Value, evaluateFormula, isFormulaError } from "./formulas.js";
import { type CellInput, type SheetRecord, type SpreadsheetRecord, cellAt, sheetByTitle } from "./model.js";
import { type NumberFormat, detectDate, formatWithPattern } from "./number-formats.js";

export type ValueInputOption = "RAW" | "USER_ENTERED";
export type ValueRenderOption = "FORMATTED_VALUE" | "UNFORMATTED_VALUE" | "FORMULA";

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$/;

/** What a value sent by a client becomes; undefined for null (which leaves the cell as it is). */
export function parseInput(value: unknown, option: ValueInputOption): CellInput | undefined {
  return parseEntry(value, option)?.input;
}

/**
 * The value and, for a date typed in USER_ENTERED, the DATE number format Sheets gives the cell
 * (its serial number is the value).
 */
export function parseEntry(value: unknown, option: ValueInputOption): { input: CellInput; numberFormat?: NumberFormat } | undefined {
  if (option === "USER_ENTERED" && typeof value === "string") {
    const date = detectDate(value.trim());
    if (date) return { input: { numberValue: date.serial }, numberFormat: date.numberFormat };
  }
  const input = readInput(value, option);
  return input === undefined ? undefined : { input };
}

function readInput(value: unknown, option: ValueInputOption): CellInput | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number") return { numberValue: value };
  if (typeof value === "boolean") return { boolValue: value };
  const text = typeof value === "string" ? value : JSON.stringify(value);
  if (option === "RAW") return { stringValue: text };
  if (text.startsWith("'")) return { stringValue: text.slice(1) };
  if (text.startsWith("=") && text.length > 1) return { formulaValue: text };
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return { boolValue: trimmed.toLowerCase() === "true" };
  if (trimmed !== "" && /\d/.test(trimmed) && NUMBER.test(trimmed)) return { numberValue: Number(trimmed.replace(/,/g, "")) };
  const percent = /^([+-]?\d+(\.\d+)?)%$/.exec(trimmed);
  if (percent) return { numberValue: Number(percent[1]) / 100 };
  return { stringValue: text };
}

/** Google's "automatic" number format: up to 10 significant digits, no trailing zeros. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const rounded = Number(value.toPrecision(10));
  if (Math.abs(rounded) >= 1e15 || (rounded !== 0 && Math.abs(rounded) < 1e-9)) return rounded.toExponential().toUpperCase();
  return String(rounded);
}

export function formattedValue(value: Value): string | undefined {
  if (value === undefined) return undefined;
  if (isFormulaError(value)) return value.error;
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return value;
}

/** Effective values of a spreadsheet's cells, computed on demand within one read. */
export interface Evaluator {
  value(sheet: SheetRecord, row: number, column: number): Value;
}

export function createEvaluator(spreadsheet: SpreadsheetRecord): Evaluator {
  const memo = new Map<string, Value>();
  const parsed = new Map<string, unknown>();
  const inProgress = new Set<string>();
  const sheetOf = (current: SheetRecord, name: string | undefined) => (name === undefined ? current : sheetByTitle(spreadsheet, name));

  const value = (sheet: SheetRecord, row: number, column: number): Value => {
    const input = cellAt(sheet, row, column)?.value;
    if (input === undefined) return undefined;
    if ("stringValue" in input) return input.stringValue;
    if ("numberValue" in input) return input.numberValue;
    if ("boolValue" in input) return input.boolValue;
    const key = `${sheet.properties.sheetId}:${row},${column}`;
    if (memo.has(key)) return memo.get(key);
    if (inProgress.has(key)) return { error: "#REF!", message: "Circular dependency detected. To resolve with iterative calculation, see File > Settings." };
    inProgress.add(key);
    const result = evaluateFormula(input.formulaValue, {
      cell: (name, targetRow, targetColumn) => {
        const target = sheetOf(sheet, name);
        return target ? value(target, targetRow, targetColumn) : { error: "#REF!", message: `Unresolved sheet name '${name ?? ""}'.` };
      },
      bound: (name, area: A1Area): BoundedArea | undefined => {
        const target = sheetOf(sheet, name);
        if (!target) return undefined;
        const grid = target.properties.gridProperties;
        return { startRow: area.startRow ?? 0, endRow: Math.min(area.endRow ?? grid.rowCount, grid.rowCount), startColumn: area.startColumn ?? 0, endColumn: Math.min(area.endColumn ?? grid.columnCount, grid.columnCount) };
      },
    }, parsed);
    inProgress.delete(key);
    memo.set(key, result);
    return result;
  };
  return { value };
}

/** What the cell displays: its effective value through its number format, if it has one. */
export function displayedValue(evaluator: Evaluator, sheet: SheetRecord, row: number, column: number): string | undefined {
  const value = evaluator.value(sheet, row, column);
  if (typeof value === "number") {
    const numberFormat = cellAt(sheet, row, column)?.format?.numberFormat as NumberFormat | undefined;
    const shown = formatWithPattern(value, numberFormat);
    if (shown !== undefined) return shown;
  }
  return formattedValue(value);
}

/**
 * One cell in a ValueRange, per the render option; undefined for an empty cell. Dates are serial
 * numbers when unformatted unless `dateTimeRenderOption` is FORMATTED_STRING.
 */
export function renderValue(evaluator: Evaluator, sheet: SheetRecord, row: number, column: number, option: ValueRenderOption, dateTimeRenderOption = "SERIAL_NUMBER"): string | number | boolean | undefined {
  const cell = cellAt(sheet, row, column);
  const input = cell?.value;
  if (input === undefined) return undefined;
  if (option === "FORMULA" && "formulaValue" in input) return input.formulaValue;
  if (option === "FORMATTED_VALUE") return displayedValue(evaluator, sheet, row, column);
  const value = evaluator.value(sheet, row, column);
  if (isFormulaError(value)) return value.error;
  const type = (cell?.format?.numberFormat as NumberFormat | undefined)?.type;
  if (dateTimeRenderOption === "FORMATTED_STRING" && typeof value === "number" && (type === "DATE" || type === "DATE_TIME")) return displayedValue(evaluator, sheet, row, column);
  return value;
}

/** Google's ExtendedValue for an effective value (`errorValue` for a formula error). */
export function extendedValue(value: Value): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (isFormulaError(value)) return { errorValue: { type: ERROR_TYPES[value.error], message: value.message } };
  if (typeof value === "number") return { numberValue: value };
  if (typeof value === "boolean") return { boolValue: value };
  return { stringValue: value };
}

const ERROR_TYPES: Readonly<Record<string, string>> = {
  "#NAME?": "NAME",
  "#DIV/0!": "DIVIDE_BY_ZERO",
  "#VALUE!": "VALUE",
  "#REF!": "REF",
  "#ERROR!": "ERROR",
  "#NUM!": "NUM",
  "#N/A": "N_A",
};
