/**
 * Which segment every index belongs to. The body is one segment and each table cell's content
 * is another; Google checks an index against "the end index of the referenced segment" and
 * refuses a range that leaves its segment, so the request handlers ask this map. The markers
 * that open a table, a row or a cell belong to the segment that holds the table.
 */
import type { Unit } from "./model.js";

export interface Segment {
  start: number;
  end: number;
}

export interface SegmentMap {
  /** The segment of each index; one past the last index is the body's. */
  of(index: number): Segment;
  body: Segment;
}

export function segmentMap(units: readonly Unit[]): SegmentMap {
  const owners: Segment[] = new Array<Segment>(units.length);
  const body: Segment = { start: 0, end: units.length };

  function walk(index: number, segment: Segment): number {
    let cursor = index;
    while (cursor < units.length) {
      const unit = units[cursor]!;
      if (unit.kind === "rowStart" || unit.kind === "cellStart" || unit.kind === "tableEnd") break;
      owners[cursor] = segment;
      cursor = unit.kind === "tableStart" ? walkTable(cursor + 1, segment) : cursor + 1;
    }
    segment.end = cursor;
    return cursor;
  }

  function walkTable(index: number, segment: Segment): number {
    let cursor = index;
    while (cursor < units.length) {
      const kind = units[cursor]!.kind;
      if (kind === "rowStart") {
        owners[cursor] = segment;
        cursor += 1;
      } else if (kind === "cellStart") {
        owners[cursor] = segment;
        cursor = walk(cursor + 1, { start: cursor + 1, end: cursor + 1 });
      } else {
        if (kind === "tableEnd") {
          owners[cursor] = segment;
          cursor += 1;
        }
        break;
      }
    }
    return cursor;
  }

  walk(0, body);
  body.end = units.length;
  return { of: (index) => owners[index] ?? body, body };
}

function isLowSurrogate(unit: Unit | undefined): boolean {
  if (unit?.kind !== "text") return false;
  const code = unit.text.charCodeAt(0);
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when the index falls between the two halves of a surrogate pair (an emoji, say). */
export function splitsSurrogatePair(units: readonly Unit[], index: number): boolean {
  return isLowSurrogate(units[index]);
}

/**
 * The body's grammar, which a deletion must leave intact: paragraphs and tables, a table being
 * `tableStart (rowStart (cellStart content)+)+ tableEnd` with `columns` cells a row, preceded by
 * a paragraph's newline (or the section break) and followed by a paragraph; every cell and the
 * body end with a newline. Deletions are checked against it afterwards instead of listing every
 * way a range can cut a table.
 */
export function isWellFormed(units: readonly Unit[]): boolean {
  /** Parses content from `index`; the index after it, or -1 when malformed. */
  const content = (index: number): number => {
    let cursor = index;
    let sawNewline = false;
    while (cursor < units.length) {
      const unit = units[cursor]!;
      if (unit.kind === "rowStart" || unit.kind === "cellStart" || unit.kind === "tableEnd") break;
      if (unit.kind === "tableStart") {
        const previous = units[cursor - 1]?.kind;
        if (previous !== "newline" && previous !== "sectionBreak") return -1;
        cursor = table(cursor);
        if (cursor < 0) return -1;
        const next = units[cursor]?.kind;
        if (next !== "text" && next !== "newline" && next !== "pageBreak") return -1;
        sawNewline = false;
        continue;
      }
      sawNewline = unit.kind === "newline";
      cursor += 1;
    }
    return sawNewline ? cursor : -1;
  };
  const table = (index: number): number => {
    const columns = (units[index] as Extract<Unit, { kind: "tableStart" }>).columns;
    let cursor = index + 1;
    let rows = 0;
    while (units[cursor]?.kind === "rowStart") {
      cursor += 1;
      let cells = 0;
      while (units[cursor]?.kind === "cellStart") {
        cursor = content(cursor + 1);
        if (cursor < 0) return -1;
        cells += 1;
      }
      if (cells !== columns) return -1;
      rows += 1;
    }
    return rows > 0 && units[cursor]?.kind === "tableEnd" ? cursor + 1 : -1;
  };
  if (units[0]?.kind !== "sectionBreak") return false;
  return content(1) === units.length;
}
