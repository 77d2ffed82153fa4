/**
 * Applying a CellData to a stored cell under a field mask, as updateCells, repeatCell and
 * appendCells do: `userEnteredValue`, `userEnteredFormat` (or a path inside it, such as
 * `userEnteredFormat.textFormat.bold`) and `note`; `*` means all three. A masked field absent from
 * the data is cleared. Read-only fields (effectiveValue, formattedValue) are ignored.
 */
import type { Cell, CellInput } from "./model.js";

type Json = Record<string, unknown>;

const CELL_FIELDS = ["userEnteredValue", "userEnteredFormat", "note"] as const;

export type CellFieldMask = string[][];

/** The mask's paths, or a message when it names no field. */
export function parseCellFields(fields: unknown): CellFieldMask | string {
  if (typeof fields !== "string" || fields.trim() === "") return "At least one field must be specified in 'fields'.";
  const paths = fields
    .split(",")
    .map((field) => field.trim())
    .filter((field) => field !== "");
  if (paths.includes("*")) return CELL_FIELDS.map((field) => [field]);
  return paths.map((path) => path.split("."));
}

function setPath(target: Json | undefined, path: readonly string[], value: unknown): Json | undefined {
  const copy: Json = { ...target };
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
  } else {
    const child = setPath(copy[head] as Json | undefined, rest, value);
    if (child === undefined) delete copy[head];
    else copy[head] = child;
  }
  return Object.keys(copy).length === 0 ? undefined : copy;
}

function getPath(source: unknown, path: readonly string[]): unknown {
  let current = source;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Json)[key];
  }
  return current;
}

/** A userEnteredValue as the twin stores it, or a message. */
export function cellInputOf(value: unknown): CellInput | undefined | string {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null) return "userEnteredValue must be an ExtendedValue object.";
  const entry = value as Json;
  if (typeof entry.stringValue === "string") return { stringValue: entry.stringValue };
  if (typeof entry.numberValue === "number") return { numberValue: entry.numberValue };
  if (typeof entry.boolValue === "boolean") return { boolValue: entry.boolValue };
  if (typeof entry.formulaValue === "string") {
    return entry.formulaValue.startsWith("=") ? { formulaValue: entry.formulaValue } : `Invalid formulaValue: ${JSON.stringify(entry.formulaValue)} must start with '='.`;
  }
  if (Object.keys(entry).length === 0) return undefined;
  return `Unsupported userEnteredValue: ${JSON.stringify(entry).slice(0, 60)}.`;
}

/** The cell after the masked fields of `data` are applied; undefined when nothing is left. */
export function applyCellFields(cell: Cell | undefined, data: Json, mask: CellFieldMask): Cell | undefined | string {
  let next: Cell = { ...cell };
  for (const path of mask) {
    const [head, ...rest] = path as [string, ...string[]];
    if (head === "userEnteredValue") {
      const input = cellInputOf(data.userEnteredValue);
      if (typeof input === "string") return input;
      if (input === undefined) delete next.value;
      else next.value = input;
    } else if (head === "userEnteredFormat") {
      const format = rest.length === 0 ? (data.userEnteredFormat as Json | undefined) : setPath(next.format, rest, getPath(data.userEnteredFormat, rest));
      if (format === undefined || Object.keys(format).length === 0) delete next.format;
      else next.format = format;
    } else if (head === "note") {
      if (typeof data.note === "string" && data.note !== "") next.note = data.note;
      else delete next.note;
    } else if (!["effectiveValue", "formattedValue", "effectiveFormat", "hyperlink", "textFormatRuns", "dataValidation", "pivotTable", "dataSourceTable", "dataSourceFormula"].includes(head)) {
      return `Invalid field mask: ${path.join(".")} is not a field of CellData.`;
    }
  }
  next = { ...next };
  return next.value === undefined && next.format === undefined && next.note === undefined ? undefined : next;
}
