/**
 * Where a value is in YAML (or JSON) text: a path of keys and indices -> 1-based line and column.
 * A path that does not exist is reported at its nearest existing ancestor (a missing key where its
 * mapping is), so every message can point somewhere.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from "yaml";

export type PathSegment = string | number;

export interface SourcePosition {
  line: number;
  column: number;
}

/** A parsed document and the line index to turn its offsets into positions. */
export interface LocatableSource {
  text: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
}

export function parseLocatable(text: string): LocatableSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  return { text, document, lineCounter };
}

export function positionOfOffset(source: LocatableSource, offset: number): SourcePosition {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * The position of the value at `path`, or of its key when `at` is "key" (for unknown keys, so
 * the caret is on the typo, not on its value), or of `needle` inside the string found there.
 * Line 1, column 1 when nothing better is known.
 */
export function locatePath(source: LocatableSource, path: readonly PathSegment[], at: "value" | "key" = "value", needle?: string): SourcePosition {
  let node: unknown = source.document.contents;
  let offset = (node as YamlNode | null)?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isAlias(node)) node = node.resolve(source.document);
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === String(segment));
      if (!pair) break;
      const last = index === path.length - 1;
      next = last && at === "key" ? pair.key : (pair.value ?? pair.key);
    } else if (isSeq(node) && typeof segment === "number") {
      next = node.items[segment];
    }
    const range = (next as YamlNode | null | undefined)?.range;
    if (!range) break;
    node = next;
    offset = range[0];
  }
  // Inside a string, point at the text itself (a `${...}` in a long line), when it is there as written.
  const range = (node as YamlNode | null)?.range;
  if (needle !== undefined && isScalar(node) && range) {
    const index = source.text.slice(range[0], range[1]).indexOf(needle);
    if (index >= 0) offset = range[0] + index;
  }
  return positionOfOffset(source, offset);
}
