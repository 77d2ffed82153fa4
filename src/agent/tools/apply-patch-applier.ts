/**
 * Applies parsed v4a patch operations through an ExecutionEnvironment (Appendix A).
 * Hunks are located in order: the `@@` hint narrows where to look, then the hunk's old lines
 * (context + deleted) are matched exactly, then ignoring trailing whitespace, then ignoring
 * surrounding whitespace, then with Unicode punctuation folded to ASCII. Every file's new text
 * is computed before anything is written, so a failing hunk leaves the workspace untouched.
 */
import type { ExecutionEnvironment } from "../execution/environment.js";
import type { PatchHunk, PatchOperation } from "./apply-patch-parser.js";

export class PatchApplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PatchApplyError";
  }
}

export interface AppliedChange {
  readonly kind: "added" | "deleted" | "updated" | "moved";
  readonly path: string;
  readonly movedTo?: string;
}

const PUNCTUATION: Readonly<Record<string, string>> = {
  "\u2018": "'", "\u2019": "'", "\u201A": "'", "\u201B": "'",
  "\u201C": '"', "\u201D": '"', "\u201E": '"', "\u201F": '"',
  "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
  "\u00A0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202F": " ", "\u2026": "...",
};

function foldUnicode(text: string): string {
  return text.normalize("NFC").replace(/[\u2018-\u201F\u2010-\u2015\u2212\u00A0\u2002\u2003\u2009\u202F\u2026]/g, (c) => PUNCTUATION[c] ?? c).trim();
}

const COMPARATORS: readonly ((a: string, b: string) => boolean)[] = [
  (a, b) => a === b,
  (a, b) => a.trimEnd() === b.trimEnd(),
  (a, b) => a.trim() === b.trim(),
  (a, b) => foldUnicode(a) === foldUnicode(b),
];

/** First index >= start where `pattern` matches `lines`, trying stricter comparisons first. */
export function seekSequence(lines: readonly string[], pattern: readonly string[], start: number, atEnd: boolean): number {
  if (pattern.length === 0) return atEnd ? lines.length : start;
  if (pattern.length > lines.length) return -1;
  for (const same of COMPARATORS) {
    const matchesAt = (at: number) => pattern.every((line, offset) => same(lines[at + offset]!, line));
    if (atEnd) {
      const at = lines.length - pattern.length;
      if (at >= start && matchesAt(at)) return at;
    }
    for (let at = start; at + pattern.length <= lines.length; at++) if (matchesAt(at)) return at;
  }
  return -1;
}

interface Replacement {
  readonly start: number;
  readonly deleteCount: number;
  readonly insert: readonly string[];
}

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function describeHunk(hunk: PatchHunk, index: number): string {
  return `hunk ${index + 1} (patch line ${hunk.patchLine})`;
}

/** The new text of a file after its hunks; throws PatchApplyError naming the hunk that did not match. */
export function applyHunks(original: string, hunks: readonly PatchHunk[], path: string): string {
  const lines = splitLines(original.replace(/\r\n/g, "\n"));
  const replacements: Replacement[] = [];
  let cursor = 0;
  hunks.forEach((hunk, hunkIndex) => {
    let searchFrom = cursor;
    let hintIndex = -1;
    if (hunk.contextHint !== undefined) {
      hintIndex = seekSequence(lines, [hunk.contextHint], cursor, false);
      if (hintIndex !== -1) searchFrom = hintIndex;
    }
    let hunkLines = hunk.lines;
    const oldOf = (source: typeof hunkLines) => source.filter((line) => line.kind !== "add").map((line) => line.text);
    let oldLines = oldOf(hunkLines);
    if (oldLines.length === 0) {
      // Pure insertion: after the hint line when there is one, else at the end of the file.
      const at = hintIndex !== -1 ? hintIndex + 1 : lines.length;
      replacements.push({ start: at, deleteCount: 0, insert: hunkLines.map((line) => line.text) });
      cursor = at;
      return;
    }
    let found = seekSequence(lines, oldLines, searchFrom, hunk.isEndOfFile);
    const last = hunkLines[hunkLines.length - 1];
    if (found === -1 && last?.kind === "context" && last.text === "") {
      // A trailing blank context line often stands for the end of the file.
      hunkLines = hunkLines.slice(0, -1);
      oldLines = oldOf(hunkLines);
      found = seekSequence(lines, oldLines, searchFrom, hunk.isEndOfFile);
    }
    if (found === -1 && hintIndex !== -1) found = seekSequence(lines, oldLines, cursor, hunk.isEndOfFile);
    if (found === -1) {
      const hintNote = hunk.contextHint !== undefined && hintIndex === -1 ? ` (the @@ context "${hunk.contextHint}" was not found either)` : "";
      throw new PatchApplyError(
        `Failed to apply ${describeHunk(hunk, hunkIndex)} to ${path}: could not find these lines${hintNote}:\n` +
          oldLines.join("\n") +
          "\nRead the file again and make the context lines match it exactly.",
      );
    }
    // Only the span from the first to the last changed line is replaced: surrounding context just
    // locates the hunk, so neighbouring hunks may share context lines. Context inside the span keeps
    // the file's own text (a fuzzy match must not rewrite it); added lines come from the patch.
    const firstChange = hunkLines.findIndex((line) => line.kind !== "context");
    const lastChange = hunkLines.length - 1 - [...hunkLines].reverse().findIndex((line) => line.kind !== "context");
    const spanStart = found + firstChange; // leading lines are all context, each one old line
    const insert: string[] = [];
    let oldIndex = firstChange;
    for (const line of hunkLines.slice(firstChange, lastChange + 1)) {
      if (line.kind === "add") insert.push(line.text);
      else if (line.kind === "context") insert.push(lines[found + oldIndex++]!);
      else oldIndex++;
    }
    if (spanStart < cursor) {
      throw new PatchApplyError(`Failed to apply ${describeHunk(hunk, hunkIndex)} to ${path}: it overlaps the previous hunk.`);
    }
    replacements.push({ start: spanStart, deleteCount: oldIndex - firstChange, insert });
    cursor = found + oldIndex;
  });
  const result = [...lines];
  for (const replacement of [...replacements].sort((a, b) => b.start - a.start)) {
    result.splice(replacement.start, replacement.deleteCount, ...replacement.insert);
  }
  return result.length === 0 ? "" : `${result.join("\n")}\n`;
}

type PlannedWrite = { readonly path: string; readonly content: string } | { readonly path: string; readonly delete: true };

/** Verifies every operation, then writes; returns what changed in patch order. */
export async function applyPatchOperations(
  operations: readonly PatchOperation[],
  env: ExecutionEnvironment,
): Promise<AppliedChange[]> {
  const planned: PlannedWrite[] = [];
  const changes: AppliedChange[] = [];
  for (const operation of operations) {
    if (operation.type === "add") {
      planned.push({ path: operation.path, content: operation.content });
      changes.push({ kind: "added", path: operation.path });
      continue;
    }
    if (!(await env.fileExists(operation.path))) {
      const verb = operation.type === "delete" ? "delete" : "update";
      throw new PatchApplyError(`Cannot ${verb} ${operation.path}: file not found.`);
    }
    if (operation.type === "delete") {
      planned.push({ path: operation.path, delete: true });
      changes.push({ kind: "deleted", path: operation.path });
      continue;
    }
    const original = await env.readFile(operation.path);
    const updated = operation.hunks.length === 0 ? original : applyHunks(original, operation.hunks, operation.path);
    if (operation.moveTo !== undefined && operation.moveTo !== operation.path) {
      planned.push({ path: operation.moveTo, content: updated });
      planned.push({ path: operation.path, delete: true });
      changes.push({ kind: "moved", path: operation.path, movedTo: operation.moveTo });
    } else {
      planned.push({ path: operation.path, content: updated });
      changes.push({ kind: "updated", path: operation.path });
    }
  }
  for (const write of planned) {
    if ("delete" in write) await env.deleteFile(write.path);
    else await env.writeFile(write.path, write.content);
  }
  return changes;
}

/** The summary the model gets, codex-style: `A path`, `M path`, `D path`, `R old -> new`. */
export function summarizeChanges(changes: readonly AppliedChange[]): string {
  if (changes.length === 0) return "The patch contained no operations; nothing changed.";
  const letters = { added: "A", deleted: "D", updated: "M", moved: "R" } as const;
  const lines = changes.map((change) =>
    change.kind === "moved" ? `R ${change.path} -> ${change.movedTo}` : `${letters[change.kind]} ${change.path}`,
  );
  return `Success. Updated the following files:\n${lines.join("\n")}`;
}
