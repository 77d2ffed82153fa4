/**
 * The small part of Markdown a spec needs, line by line so every piece keeps its line number:
 * ATX headings outside fenced code, and top-level list items with their continuation lines.
 * Deliberately not a full CommonMark parser: a spec is structured prose, and a reader that
 * knows where each requirement starts gives better messages than a generic AST would.
 */

export interface SourceLine {
  text: string;
  /** 1-based. */
  line: number;
}

export interface Heading {
  level: number;
  text: string;
  line: number;
  /** The index of the heading in the line array. */
  index: number;
}

export interface ListItem {
  kind: "ordered" | "bullet";
  /** The number written for an ordered item. */
  number?: number;
  /** The first line's text after the marker, untrimmed at the end. */
  firstLine: string;
  /** All of the item's text, lines trimmed and joined with a space. */
  text: string;
  line: number;
  /** 1-based column of the text after the marker. */
  column: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const ORDERED = /^( *)(\d{1,9})([.)])([ \t]+|$)(.*)$/;
const BULLET = /^( *)([-*+])([ \t]+|$)(.*)$/;

/** Splits text into lines, accepting \n and \r\n, numbering from 1. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, "").split(/\r?\n/);
}

/** The ATX headings of `lines` from `start`, skipping fenced code blocks. */
export function findHeadings(lines: readonly string[], start: number): Heading[] {
  const headings: Heading[] = [];
  let fence: string | undefined;
  for (let index = start; index < lines.length; index += 1) {
    const text = lines[index]!;
    const fenceMatch = FENCE.exec(text);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const match = HEADING.exec(text);
    if (match) headings.push({ level: match[1]!.length, text: (match[2] ?? "").trim(), line: index + 1, index });
  }
  return headings;
}

function listMarker(text: string): { kind: "ordered" | "bullet"; number?: number; rest: string; column: number; indent: number } | undefined {
  const ordered = ORDERED.exec(text);
  if (ordered) {
    const column = ordered[1]!.length + ordered[2]!.length + ordered[3]!.length + ordered[4]!.length + 1;
    return { kind: "ordered", number: Number(ordered[2]), rest: ordered[5]!, column, indent: ordered[1]!.length };
  }
  const bullet = BULLET.exec(text);
  // A thematic break (---, ***) is not a list item.
  if (bullet && !/^ {0,3}([-*_])( *\1){2,} *$/.test(text)) {
    return { kind: "bullet", rest: bullet[4]!, column: bullet[1]!.length + 1 + bullet[3]!.length + 1, indent: bullet[1]!.length };
  }
  return undefined;
}

/**
 * The top-level list items of a section body. An item runs on over indented lines (nested lists
 * and paragraphs included) and over unindented lines that follow it directly (lazy continuation);
 * a blank line followed by an unindented line that is not an item ends it.
 */
export function listItems(body: readonly SourceLine[]): ListItem[] {
  const items: ListItem[] = [];
  let current: { item: ListItem; parts: string[] } | undefined;
  let blankBefore = false;
  /** The indentation of the first item: a marker indented further is a nested item, part of the current one. */
  let baseIndent: number | undefined;
  const close = (): void => {
    if (!current) return;
    current.item.text = current.parts.filter((part) => part !== "").join(" ");
    items.push(current.item);
    current = undefined;
  };
  for (const { text, line } of body) {
    if (text.trim() === "") {
      blankBefore = true;
      continue;
    }
    const found = listMarker(text);
    const marker = found && (baseIndent === undefined || found.indent <= baseIndent + 1 || !current) ? found : undefined;
    if (marker) {
      baseIndent ??= marker.indent;
      close();
      current = {
        item: { kind: marker.kind, ...(marker.number !== undefined ? { number: marker.number } : {}), firstLine: marker.rest, text: "", line, column: marker.column },
        parts: [marker.rest.trim()],
      };
    } else if (current && (/^(\s{2,}|\t)/.test(text) || !blankBefore)) {
      current.parts.push(text.trim());
    } else {
      close();
    }
    blankBefore = false;
  }
  close();
  return items;
}

/** Paragraphs (runs of non-blank lines), each trimmed and joined with a space. */
export function paragraphs(body: readonly SourceLine[]): SourceLine[] {
  const result: SourceLine[] = [];
  let current: SourceLine | undefined;
  for (const { text, line } of body) {
    if (text.trim() === "") {
      if (current) result.push(current);
      current = undefined;
    } else if (current) current.text += ` ${text.trim()}`;
    else current = { text: text.trim(), line };
  }
  if (current) result.push(current);
  return result;
}
