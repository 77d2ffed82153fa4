/** Finding text a spec parsed back in its source, so lint messages point at the word itself. */
import type { SpecDocument } from "./model.js";
import { splitLines } from "./markdown.js";

const linesCache = new WeakMap<SpecDocument, string[]>();

function linesOf(spec: SpecDocument): string[] {
  let lines = linesCache.get(spec);
  if (!lines) {
    lines = splitLines(spec.source);
    linesCache.set(spec, lines);
  }
  return lines;
}

/**
 * Where `needle` is, searching from `line` over the next few lines (a list item's continuation
 * lines); `fallback` when it is not found as written (it was split over two lines).
 */
export function locateText(spec: SpecDocument, needle: string, line: number, fallback: { line: number; column: number }, { span = 12, caseInsensitive = false } = {}): { line: number; column: number } {
  const lines = linesOf(spec);
  const wanted = caseInsensitive ? needle.toLowerCase() : needle;
  for (let index = line - 1; index < Math.min(lines.length, line - 1 + span); index += 1) {
    const text = caseInsensitive ? lines[index]!.toLowerCase() : lines[index]!;
    const at = text.indexOf(wanted);
    if (at !== -1) return { line: index + 1, column: at + 1 };
  }
  return fallback;
}

/** The first line (from `from`) holding the start of `text`, for entries parsed without a line. */
export function lineOfEntry(spec: SpecDocument, text: string, from = 1): { line: number; column: number } {
  const lines = linesOf(spec);
  const start = text.slice(0, 24);
  for (let index = Math.max(0, from - 1); index < lines.length; index += 1) {
    const at = lines[index]!.indexOf(start);
    if (at !== -1) return { line: index + 1, column: at + 1 };
  }
  return { line: from, column: 1 };
}
