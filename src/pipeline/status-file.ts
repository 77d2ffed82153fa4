/**
 * The status file contract (spec Appendix C): `{stageDir}/status.json` records the outcome of a
 * stage, and an external tool or agent may write it to report its own outcome. What an agent
 * writes is untrusted input, so reading never throws: a malformed file comes back as data with
 * a message precise enough to fix it. Decisions: docs/decisions/0030-status-file-parsing.md.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { errorMessage, LightsoutError } from "../errors.js";
import { STAGE_STATUSES, type Outcome, type StageStatus } from "./outcome.js";

export const STATUS_FILE_NAME = "status.json";
/** Where a malformed status.json written by an agent or tool is kept after the stage fails on it. */
export const INVALID_STATUS_FILE_NAME = "status.invalid.json";

/** The file as written on disk: the field names of Appendix C, plus `failure_reason` when set. */
export interface StatusFileRecord {
  outcome: StageStatus;
  preferred_label: string;
  suggested_next_ids: string[];
  context_updates: Record<string, unknown>;
  notes: string;
  failure_reason?: string;
}

/** A status file that exists but cannot be used; `error` names the file and what is wrong. */
export interface StatusFileError {
  error: string;
  path: string;
}

export type StatusFileReadResult = Outcome | StatusFileError | undefined;

export function statusFilePath(stageDir: string): string {
  return join(stageDir, STATUS_FILE_NAME);
}

export function isStatusFileError(value: StatusFileReadResult): value is StatusFileError {
  return value !== undefined && "error" in value;
}

export function toStatusFileRecord(outcome: Outcome): StatusFileRecord {
  return {
    outcome: outcome.status,
    preferred_label: outcome.preferredLabel ?? "",
    suggested_next_ids: [...(outcome.suggestedNextIds ?? [])],
    context_updates: { ...(outcome.contextUpdates ?? {}) },
    notes: outcome.notes ?? "",
    ...(outcome.failureReason !== undefined ? { failure_reason: outcome.failureReason } : {}),
  };
}

/**
 * Writes `{stageDir}/status.json` atomically: a reader (the engine, a watching UI, a resumed run)
 * sees either the old file or the new one, never half of one. Throws on I/O errors, which are
 * not expected failures of a stage; handlers turn them into FAIL outcomes.
 */
export function writeStatusFile(stageDir: string, outcome: Outcome): string {
  const path = statusFilePath(stageDir);
  // BigInt is the one JSON-less value a context update is likely to hold; keep it as text.
  const text = JSON.stringify(toStatusFileRecord(outcome), (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value), 2);
  const temporaryPath = join(stageDir, `.${STATUS_FILE_NAME}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    try {
      writeFileSync(temporaryPath, `${text}\n`);
    } catch (error) {
      // Creating the directory only when it is missing saves two system calls per stage.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      mkdirSync(stageDir, { recursive: true });
      writeFileSync(temporaryPath, `${text}\n`);
    }
    renameSync(temporaryPath, path);
  } catch (error) {
    rmSync(temporaryPath, { force: true });
    throw new LightsoutError("HANDLER", `cannot write ${path}: ${errorMessage(error)}`, { cause: error });
  }
  return path;
}

/** Removes a status file left by an earlier attempt, so a new one can be told from a stale one. */
export function removeStatusFile(stageDir: string): void {
  rmSync(statusFilePath(stageDir), { force: true });
}

/**
 * The outcome an external agent or tool reported by writing `{stageDir}/status.json` while it ran
 * (the caller removed any stale file before starting it), with `defaultUpdates` under its own
 * context updates; undefined when it wrote none. A malformed file gives FAIL with the reason and
 * is kept as status.invalid.json for whoever debugs the agent. Never throws.
 */
export function adoptWrittenStatus(stageDir: string, writer: string, defaultUpdates: Record<string, unknown> = {}): Outcome | undefined {
  const written = readStatusFile(stageDir);
  if (written === undefined) return undefined;
  if (isStatusFileError(written)) {
    try {
      renameSync(written.path, join(stageDir, INVALID_STATUS_FILE_NAME));
    } catch {
      // Best effort: the FAIL outcome carries the reason whether or not the file could be kept.
    }
    return { status: "fail", failureReason: `${writer} wrote an invalid status file: ${written.error}`, contextUpdates: { ...defaultUpdates } };
  }
  return { ...written, contextUpdates: { ...defaultUpdates, ...written.contextUpdates } };
}

/** The outcome in `{stageDir}/status.json`; undefined when there is no such file. Never throws. */
export function readStatusFile(stageDir: string): StatusFileReadResult {
  const path = statusFilePath(stageDir);
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    if (statSync(path).isDirectory()) return { path, error: `${path}: is a directory, not a file` };
    text = readFileSync(path, "utf8");
  } catch (error) {
    return { path, error: `${path}: cannot be read: ${errorMessage(error)}` };
  }
  return parseStatusFile(text, path);
}

/** Parses the text of a status file; `path` is only used in messages. Never throws. */
export function parseStatusFile(text: string, path: string): Outcome | StatusFileError {
  // A byte order mark is invisible in editors and rejected by JSON.parse; agents on Windows write it.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === "") return { path, error: `${path}: is empty; expected a JSON object with an "outcome" field` };
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    return { path, error: `${path}: invalid JSON${describeJsonErrorPosition(source, errorMessage(error))}: ${errorMessage(error)}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { path, error: `${path}: expected a JSON object with an "outcome" field, got ${describeType(value)}` };
  }
  const problems: string[] = [];
  const record = value as Record<string, unknown>;
  const status = readOutcomeField(record["outcome"], problems);
  const preferredLabel = readOptionalString(record, "preferred_label", problems);
  const notes = readOptionalString(record, "notes", problems);
  const failureReason = readOptionalString(record, "failure_reason", problems);
  const suggestedNextIds = readOptionalStringList(record, "suggested_next_ids", problems);
  const contextUpdates = readOptionalObject(record, "context_updates", problems);
  if (problems.length > 0 || status === undefined) return { path, error: `${path}: ${problems.join("; ")}` };
  const outcome: Outcome = { status };
  if (preferredLabel) outcome.preferredLabel = preferredLabel;
  if (suggestedNextIds && suggestedNextIds.length > 0) outcome.suggestedNextIds = suggestedNextIds;
  if (contextUpdates && Object.keys(contextUpdates).length > 0) outcome.contextUpdates = contextUpdates;
  if (notes) outcome.notes = notes;
  if (failureReason) outcome.failureReason = failureReason;
  return outcome;
}

function readOutcomeField(value: unknown, problems: string[]): StageStatus | undefined {
  const expected = `expected one of ${STAGE_STATUSES.join(", ")}`;
  if (value === undefined || value === null) {
    problems.push(`missing required field "outcome" (${expected})`);
    return undefined;
  }
  if (typeof value !== "string") {
    problems.push(`field "outcome" must be a string (${expected}), got ${describeType(value)}`);
    return undefined;
  }
  const normalized = value.trim().toLowerCase();
  const status = STAGE_STATUSES.find((candidate) => candidate === normalized);
  if (status === undefined) problems.push(`unknown outcome value ${JSON.stringify(value)} (${expected})`);
  return status;
}

/** Optional fields may be absent or null: agents serializing a record with empty fields write null. */
function readOptionalString(record: Record<string, unknown>, field: string, problems: string[]): string | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  problems.push(`field "${field}" must be a string, got ${describeType(value)}`);
  return undefined;
}

function readOptionalStringList(record: Record<string, unknown>, field: string, problems: string[]): string[] | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    problems.push(`field "${field}" must be an array of strings, got ${describeType(value)}`);
    return undefined;
  }
  const badIndex = value.findIndex((item) => typeof item !== "string");
  if (badIndex >= 0) {
    problems.push(`field "${field}" must be an array of strings, but item ${badIndex} is ${describeType(value[badIndex])}`);
    return undefined;
  }
  return value as string[];
}

function readOptionalObject(record: Record<string, unknown>, field: string, problems: string[]): Record<string, unknown> | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    problems.push(`field "${field}" must be an object, got ${describeType(value)}`);
    return undefined;
  }
  return value as Record<string, unknown>;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** ` at line L, column C` of the first character that is not valid JSON. */
function describeJsonErrorPosition(source: string, message: string): string {
  // V8 gives a position for some errors ("at position 5") but not for an unexpected token.
  const reported = /position (\d+)/.exec(message);
  const position = reported ? Number(reported[1]) : locateJsonSyntaxError(source);
  const before = source.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return ` at line ${line}, column ${column} (position ${position})`;
}

/** The offset at which a recursive-descent JSON recognizer stops; only called on text JSON.parse rejected. */
function locateJsonSyntaxError(source: string): number {
  let index = 0;
  const skipWhitespace = (): void => {
    while (index < source.length && " \t\n\r".includes(source[index]!)) index += 1;
  };
  const readString = (): boolean => {
    index += 1;
    while (index < source.length) {
      const character = source[index]!;
      if (character === '"') {
        index += 1;
        return true;
      }
      if (character === "\\") {
        index += 1;
        if (source[index] === "u") {
          index += 1;
          for (let digit = 0; digit < 4; digit += 1) {
            if (!/[0-9a-fA-F]/.test(source[index] ?? "")) return false;
            index += 1;
          }
          continue;
        }
        if (!'"\\/bfnrt'.includes(source[index] ?? "x")) return false;
        index += 1;
        continue;
      }
      if (character < " ") return false;
      index += 1;
    }
    return false;
  };
  const readSequence = (close: string, readItem: () => boolean): boolean => {
    index += 1;
    skipWhitespace();
    if (source[index] === close) {
      index += 1;
      return true;
    }
    for (;;) {
      if (!readItem()) return false;
      skipWhitespace();
      if (source[index] === close) {
        index += 1;
        return true;
      }
      if (source[index] !== ",") return false;
      index += 1;
    }
  };
  const readMember = (): boolean => {
    skipWhitespace();
    if (source[index] !== '"' || !readString()) return false;
    skipWhitespace();
    if (source[index] !== ":") return false;
    index += 1;
    return readValue();
  };
  const readValue = (): boolean => {
    skipWhitespace();
    const character = source[index];
    if (character === "{") return readSequence("}", readMember);
    if (character === "[") return readSequence("]", readValue);
    if (character === '"') return readString();
    const literal = ["true", "false", "null"].find((word) => word[0] === character);
    if (literal) {
      for (const expected of literal) {
        if (source[index] !== expected) return false;
        index += 1;
      }
      return true;
    }
    return readNumber();
  };
  const isDigit = (at: number): boolean => source[at] !== undefined && source[at]! >= "0" && source[at]! <= "9";
  const readDigits = (): boolean => {
    if (!isDigit(index)) return false;
    while (isDigit(index)) index += 1;
    return true;
  };
  const readNumber = (): boolean => {
    if (source[index] === "-") index += 1;
    if (source[index] === "0") index += 1;
    else if (!readDigits()) return false;
    if (source[index] === ".") {
      index += 1;
      if (!readDigits()) return false;
    }
    if (source[index] === "e" || source[index] === "E") {
      index += 1;
      if (source[index] === "+" || source[index] === "-") index += 1;
      if (!readDigits()) return false;
    }
    return true;
  };
  if (readValue()) skipWhitespace();
  return index;
}
