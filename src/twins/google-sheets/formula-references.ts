/**
 * Rewriting formulas when rows or columns move, as Google Sheets does: inserting rows above a
 * reference shifts it down, deleting them shifts it up, and a reference to a deleted cell
 * becomes `#REF!`. Only cell references and cell ranges (`B2`, `$B$2`, `A1:B9`, with a sheet or
 * not) are rewritten; text inside string literals is left alone.
 */
import { columnIndex, columnLetters } from "../google-common/a1-notation.js";

export interface DimensionChange {
  /** The title of the sheet whose rows or columns moved. */
  sheetTitle: string;
  dimension: "ROWS" | "COLUMNS";
  /** 0-based first index inserted or deleted. */
  start: number;
  count: number;
  kind: "insert" | "delete";
}

const REFERENCE = /^((?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?(?![A-Za-z0-9_(!])/;

function sheetOfPrefix(prefix: string | undefined): string | undefined {
  if (prefix === undefined) return undefined;
  const name = prefix.slice(0, -1);
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

/** The new [first, last] positions (inclusive) of a span, or undefined when all of it is deleted. */
function moveSpan(first: number, last: number, change: DimensionChange): [number, number] | undefined {
  const { start, count } = change;
  if (change.kind === "insert") return [first >= start ? first + count : first, last >= start ? last + count : last];
  const end = start + count;
  if (first >= start && last < end) return undefined;
  const newFirst = first < start ? first : first >= end ? first - count : start;
  const newLast = last < start ? last : last >= end ? last - count : start - 1;
  return newLast < newFirst ? undefined : [newFirst, newLast];
}

/**
 * The formula with its references to the changed sheet moved. `ownSheet` is the title of the
 * sheet that holds the formula: its references without a sheet name point there.
 */
export function moveReferences(formula: string, ownSheet: string, change: DimensionChange): string {
  let result = "";
  let index = 0;
  while (index < formula.length) {
    const character = formula[index]!;
    if (character === '"') {
      const close = formula.indexOf('"', index + 1);
      const end = close < 0 ? formula.length : close + 1;
      result += formula.slice(index, end);
      index = end;
      continue;
    }
    const previous = formula[index - 1];
    const match = previous !== undefined && /[A-Za-z0-9_.$']/.test(previous) ? null : REFERENCE.exec(formula.slice(index));
    if (!match) {
      result += character;
      index += 1;
      continue;
    }
    const [text, prefix, firstColumnAnchor, firstColumn, firstRowAnchor, firstRow, secondColumnAnchor, secondColumn, secondRowAnchor, secondRow] = match;
    index += text.length;
    const target = sheetOfPrefix(prefix) ?? ownSheet;
    if (target.toLowerCase() !== change.sheetTitle.toLowerCase()) {
      result += text;
      continue;
    }
    const rows: [number, number] = [Number(firstRow) - 1, Number(secondRow ?? firstRow) - 1];
    const columns: [number, number] = [columnIndex(firstColumn!), columnIndex(secondColumn ?? firstColumn!)];
    const moved = change.dimension === "ROWS" ? moveSpan(rows[0], rows[1], change) : moveSpan(columns[0], columns[1], change);
    if (!moved) {
      result += `${prefix ?? ""}#REF!`;
      continue;
    }
    const [newRows, newColumns] = change.dimension === "ROWS" ? [moved, columns] : [rows, moved];
    const first = `${firstColumnAnchor}${columnLetters(newColumns[0])}${firstRowAnchor}${newRows[0] + 1}`;
    const second = secondRow === undefined ? "" : `:${secondColumnAnchor}${columnLetters(newColumns[1])}${secondRowAnchor}${newRows[1] + 1}`;
    result += `${prefix ?? ""}${first}${second}`;
  }
  return result;
}
