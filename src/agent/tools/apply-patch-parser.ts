/**
 * Parser for the v4a patch format of apply_patch (coding-agent-loop-spec Appendix A):
 * `*** Begin Patch`, Add / Delete / Update File operations, `*** Move to:`, `@@` hunks of
 * context (` `), deleted (`-`) and added (`+`) lines, optional `*** End of File`, `*** End Patch`.
 * Errors name the patch line and what was expected there.
 */

export type HunkLineKind = "context" | "delete" | "add";

export interface HunkLine {
  readonly kind: HunkLineKind;
  readonly text: string;
}

export interface PatchHunk {
  /** The text after `@@ ` (a line near the change, usually a signature), if any. */
  readonly contextHint?: string;
  readonly lines: readonly HunkLine[];
  /** `*** End of File` followed the hunk: it must match at the end of the file. */
  readonly isEndOfFile: boolean;
  /** 1-based line of the hunk's first line in the patch text, for error messages. */
  readonly patchLine: number;
}

export type PatchOperation =
  | { readonly type: "add"; readonly path: string; readonly content: string }
  | { readonly type: "delete"; readonly path: string }
  | { readonly type: "update"; readonly path: string; readonly moveTo?: string; readonly hunks: readonly PatchHunk[] };

export class PatchParseError extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`Invalid patch: line ${line}: ${detail}`);
    this.name = "PatchParseError";
  }
}

const BEGIN = "*** Begin Patch";
const END = "*** End Patch";
const ADD = "*** Add File: ";
const DELETE = "*** Delete File: ";
const UPDATE = "*** Update File: ";
const MOVE = "*** Move to: ";
const END_OF_FILE = "*** End of File";

function isOperationHeader(line: string): boolean {
  return line.startsWith(ADD) || line.startsWith(DELETE) || line.startsWith(UPDATE) || line.trim() === END;
}

function pathOf(line: string, prefix: string, lineNumber: number): string {
  const path = line.slice(prefix.length).trim();
  if (path === "") throw new PatchParseError(lineNumber, `expected a file path after "${prefix.trim()}"`);
  return path;
}

/** Parses a whole patch; throws PatchParseError with the offending line. */
export function parsePatch(patch: string): PatchOperation[] {
  const lines = patch.replace(/\r\n/g, "\n").split("\n");
  // Tolerate blank lines around the patch and a trailing newline.
  let first = 0;
  while (first < lines.length && lines[first]!.trim() === "") first++;
  let last = lines.length - 1;
  while (last >= first && lines[last]!.trim() === "") last--;
  if (first > last) throw new PatchParseError(1, `the patch is empty; expected "${BEGIN}"`);
  if (lines[first]!.trim() !== BEGIN) throw new PatchParseError(first + 1, `expected "${BEGIN}", found "${lines[first]}"`);
  if (lines[last]!.trim() !== END) throw new PatchParseError(last + 1, `expected "${END}" as the last line, found "${lines[last]}"`);

  const operations: PatchOperation[] = [];
  let index = first + 1;
  const lineNo = () => index + 1;
  while (index < last) {
    const line = lines[index]!;
    if (line.startsWith(ADD)) {
      const path = pathOf(line, ADD, lineNo());
      index++;
      const content: string[] = [];
      while (index < last && !isOperationHeader(lines[index]!)) {
        const body = lines[index]!;
        if (!body.startsWith("+")) {
          throw new PatchParseError(lineNo(), `expected a line starting with "+" in "Add File: ${path}", found "${body}"`);
        }
        content.push(body.slice(1));
        index++;
      }
      operations.push({ type: "add", path, content: content.length === 0 ? "" : `${content.join("\n")}\n` });
    } else if (line.startsWith(DELETE)) {
      operations.push({ type: "delete", path: pathOf(line, DELETE, lineNo()) });
      index++;
    } else if (line.startsWith(UPDATE)) {
      const path = pathOf(line, UPDATE, lineNo());
      const headerLine = lineNo();
      index++;
      let moveTo: string | undefined;
      if (index < last && lines[index]!.startsWith(MOVE)) {
        moveTo = pathOf(lines[index]!, MOVE, lineNo());
        index++;
      }
      const hunks: PatchHunk[] = [];
      while (index < last && !isOperationHeader(lines[index]!)) {
        const { hunk, next } = parseHunk(lines, index, last, hunks.length === 0, path);
        hunks.push(hunk);
        index = next;
      }
      if (hunks.length === 0 && moveTo === undefined) {
        throw new PatchParseError(headerLine, `"Update File: ${path}" has no hunks; expected "@@" followed by changed lines`);
      }
      operations.push(moveTo === undefined ? { type: "update", path, hunks } : { type: "update", path, moveTo, hunks });
    } else if (line.trim() === "") {
      index++; // blank lines between operations are harmless
    } else {
      throw new PatchParseError(
        lineNo(),
        `expected "${ADD.trim()}", "${DELETE.trim()}", "${UPDATE.trim()}" or "${END}", found "${line}"`,
      );
    }
  }
  return operations;
}

function parseHunk(
  lines: readonly string[],
  start: number,
  end: number,
  isFirst: boolean,
  path: string,
): { hunk: PatchHunk; next: number } {
  let index = start;
  let contextHint: string | undefined;
  const header = lines[index]!;
  if (header === "@@" || header.startsWith("@@ ")) {
    const hint = header.slice(2).trim();
    if (hint !== "") contextHint = hint;
    index++;
  } else if (!isFirst) {
    throw new PatchParseError(start + 1, `expected "@@" to start the next hunk of "${path}", found "${header}"`);
  }
  const hunkLines: HunkLine[] = [];
  let isEndOfFile = false;
  while (index < end) {
    const line = lines[index]!;
    if (line.trim() === END_OF_FILE) {
      isEndOfFile = true;
      index++;
      break;
    }
    if (line === "@@" || line.startsWith("@@ ") || isOperationHeader(line)) break;
    const marker = line[0];
    if (marker === " ") hunkLines.push({ kind: "context", text: line.slice(1) });
    else if (marker === "-") hunkLines.push({ kind: "delete", text: line.slice(1) });
    else if (marker === "+") hunkLines.push({ kind: "add", text: line.slice(1) });
    else if (line === "") hunkLines.push({ kind: "context", text: "" }); // an empty context line whose space was stripped
    else {
      throw new PatchParseError(
        index + 1,
        `expected a hunk line starting with " ", "-" or "+" in "Update File: ${path}", found "${line}"`,
      );
    }
    index++;
  }
  if (!hunkLines.some((line) => line.kind !== "context")) {
    throw new PatchParseError(start + 1, `hunk of "${path}" changes nothing; expected "-" or "+" lines`);
  }
  const hunk: PatchHunk = contextHint === undefined
    ? { lines: hunkLines, isEndOfFile, patchLine: start + 1 }
    : { contextHint, lines: hunkLines, isEndOfFile, patchLine: start + 1 };
  return { hunk, next: index };
}
