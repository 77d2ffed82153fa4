/**
 * A1 notation as Google Sheets reads it: `Sheet1!A1:B2`, `'My Sheet'!A:A` (quotes doubled
 * inside), whole columns `A:C`, whole rows `2:5`, open ranges `A2:B` (column A to B from row 2
 * down) and a bare sheet name `Sheet1`. Parsing is pure syntax; which sheet a name means (and
 * whether a bare word is a sheet or a cell) is decided against a spreadsheet by the Sheets twin.
 * Rows and columns here are 0-based with exclusive ends, like Sheets' GridRange; an undefined
 * bound is open. R1C1 notation is not read. ADR 0132.
 */

export interface A1Area {
  startRow?: number;
  endRow?: number;
  startColumn?: number;
  endColumn?: number;
}

export interface A1Reference {
  /** The sheet named before `!`, unquoted; undefined when the text names none. */
  sheetName?: string;
  /** The cells after `!`; undefined for a bare sheet name (the whole sheet). */
  area?: A1Area;
  /** A text without `!` that reads both as a sheet name and as cells (`A1`, `B`): resolved against the sheets. */
  bareName?: string;
}

/** Google's limits: 18,278 columns (ZZZ) and 10 million rows. */
export const MAX_COLUMNS = 18_278;
export const MAX_ROWS = 10_000_000;

const ENDPOINT = /^([A-Za-z]{1,3})?([1-9][0-9]{0,7})?$/;

/** `A` -> 0, `Z` -> 25, `AA` -> 26. */
export function columnIndex(letters: string): number {
  let index = 0;
  for (const letter of letters.toUpperCase()) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

/** 0 -> `A`, 26 -> `AA`. */
export function columnLetters(index: number): string {
  let letters = "";
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

interface Endpoint {
  row?: number;
  column?: number;
}

function endpoint(text: string): Endpoint | undefined {
  const match = ENDPOINT.exec(text);
  if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
  const column = match[1] === undefined ? undefined : columnIndex(match[1]);
  const row = match[2] === undefined ? undefined : Number(match[2]) - 1;
  if ((column !== undefined && column >= MAX_COLUMNS) || (row !== undefined && row >= MAX_ROWS)) return undefined;
  return { row, column };
}

/** The cells of `A1`, `A1:B2`, `A:B`, `2:3`, `A2:B`; undefined when the text is not cells. */
export function parseArea(text: string): A1Area | undefined {
  const parts = text.split(":");
  if (parts.length > 2) return undefined;
  const first = endpoint(parts[0]!);
  if (!first) return undefined;
  if (parts.length === 1) {
    // A single endpoint is a cell only with both a column and a row (`B` alone is a name).
    if (first.row === undefined || first.column === undefined) return undefined;
    return { startRow: first.row, endRow: first.row + 1, startColumn: first.column, endColumn: first.column + 1 };
  }
  const second = endpoint(parts[1]!);
  if (!second) return undefined;
  const rows = span(first.row, second.row);
  const columns = span(first.column, second.column);
  // `A:1`, `1:A` and `2:B5` mix a column with a row where Google reads no range.
  if (!rows || !columns) return undefined;
  if (first.column === undefined && second.column !== undefined) return undefined;
  if (first.row === undefined && second.column === undefined) return undefined;
  const area: A1Area = {};
  if (rows.start !== undefined) area.startRow = rows.start;
  if (rows.end !== undefined) area.endRow = rows.end;
  if (columns.start !== undefined) area.startColumn = columns.start;
  if (columns.end !== undefined) area.endColumn = columns.end;
  if (area.startRow === undefined && area.endRow === undefined && area.startColumn === undefined && area.endColumn === undefined) return undefined;
  return area;
}

/**
 * One dimension of a two-endpoint range: both given (sorted), only the second (`A:B5` runs from
 * the first row), only the first (`A2:B` runs open to the end), or neither (open both ways).
 */
function span(first: number | undefined, second: number | undefined): { start?: number; end?: number } | undefined {
  if (first !== undefined && second !== undefined) return { start: Math.min(first, second), end: Math.max(first, second) + 1 };
  if (first === undefined && second !== undefined) return { start: 0, end: second + 1 };
  if (first !== undefined) return { start: first };
  return {};
}

/** Reads a quoted sheet name at the start (`'It''s'!A1`): the name and where the rest begins. */
function quotedName(text: string): { name: string; rest: number } | undefined {
  let name = "";
  for (let index = 1; index < text.length; index++) {
    const character = text[index]!;
    if (character !== "'") {
      name += character;
      continue;
    }
    if (text[index + 1] === "'") {
      name += "'";
      index += 1;
      continue;
    }
    return name === "" ? undefined : { name, rest: index + 1 };
  }
  return undefined;
}

/** Undefined when the text is not A1 notation at all. */
export function parseA1(text: string): A1Reference | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (trimmed.startsWith("'")) {
    const quoted = quotedName(trimmed);
    if (!quoted) return undefined;
    const rest = trimmed.slice(quoted.rest);
    if (rest === "") return { sheetName: quoted.name };
    if (!rest.startsWith("!")) return undefined;
    const area = parseArea(rest.slice(1));
    return area ? { sheetName: quoted.name, area } : undefined;
  }
  const bang = trimmed.lastIndexOf("!");
  if (bang >= 0) {
    const sheetName = trimmed.slice(0, bang);
    const area = parseArea(trimmed.slice(bang + 1));
    if (sheetName === "" || !area) return undefined;
    return { sheetName, area };
  }
  const area = parseArea(trimmed);
  if (area) return { area, bareName: trimmed };
  return { sheetName: trimmed };
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A sheet name as Google writes it in a range: quoted when it has spaces, symbols or reads as cells. */
export function quoteSheetName(name: string): string {
  if (PLAIN_NAME.test(name) && parseArea(name) === undefined) return name;
  return `'${name.replace(/'/g, "''")}'`;
}

export interface BoundedArea {
  startRow: number;
  endRow: number;
  startColumn: number;
  endColumn: number;
}

/** `Sheet1!A1:B2`, or `Sheet1!A1` for a single cell. */
export function formatA1(sheetName: string, area: BoundedArea): string {
  const start = `${columnLetters(area.startColumn)}${area.startRow + 1}`;
  const end = `${columnLetters(area.endColumn - 1)}${area.endRow}`;
  const single = area.endRow - area.startRow === 1 && area.endColumn - area.startColumn === 1;
  return `${quoteSheetName(sheetName)}!${single ? start : `${start}:${end}`}`;
}
