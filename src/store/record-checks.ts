/**
 * Checks a record before any storage sees it, the same way for every implementation, so a bad
 * append fails with the same precise message whichever store is configured. What passes is
 * normalized: the payload as the JSON text that will be stored (the store hands back what it
 * parses from that text, so a record read back equals the record returned by `append`).
 */
import { LightsoutError } from "../errors.js";
import { isSha256 } from "./blob-hash.js";
import { parseRecordId } from "./record-id.js";
import type { BlobRef, NewRecord, RecordQuery } from "./types.js";

export interface CheckedRecord {
  runId: string;
  /** As given, for messages. */
  parentId: string | undefined;
  /** The parent's sequence; undefined for a root record, or when `parentId` is no record id (then it is unknown). */
  parentSequence: number | undefined;
  type: string;
  version: number;
  key: string | undefined;
  payloadJson: string;
  blobs: BlobRef[];
  at: number | undefined;
}

export function storeError(message: string, cause?: unknown): LightsoutError {
  return new LightsoutError("STORE", message, cause === undefined ? undefined : { cause });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value);
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "append to run "r1" (type "stage")": the prefix of every append error, so the caller knows which record failed. */
export function appendContext(record: { runId?: unknown; type?: unknown }): string {
  const run = typeof record.runId === "string" ? ` to run ${JSON.stringify(record.runId)}` : "";
  const type = typeof record.type === "string" ? ` (type ${JSON.stringify(record.type)})` : "";
  return `cannot append${run}${type}`;
}

export function checkNewRecord(record: NewRecord): CheckedRecord {
  if (!isPlainObject(record)) throw storeError(`cannot append: a record must be an object, got ${describe(record)}`);
  const fail = (what: string): LightsoutError => storeError(`${appendContext(record)}: ${what}`);
  if (typeof record.runId !== "string" || record.runId === "") throw fail(`runId must be a non-empty string, got ${describe(record.runId)}`);
  if (typeof record.type !== "string" || record.type === "") throw fail(`type must be a non-empty string, got ${describe(record.type)}`);
  const version = record.version ?? 1;
  if (!Number.isSafeInteger(version) || version < 1) throw fail(`version must be a positive integer, got ${describe(record.version)}`);
  if (record.key !== undefined && (typeof record.key !== "string" || record.key === "")) throw fail(`key must be a non-empty string when given, got ${describe(record.key)}`);
  if (record.parentId !== undefined && typeof record.parentId !== "string") throw fail(`parentId must be a record id, got ${describe(record.parentId)}`);
  if (record.at !== undefined && (!Number.isSafeInteger(record.at) || record.at < 0)) throw fail(`at must be milliseconds since the epoch (a non-negative integer), got ${describe(record.at)}`);
  if (!isPlainObject(record.payload)) throw fail(`payload must be an object, got ${describe(record.payload)}`);
  let payloadJson: string;
  try {
    payloadJson = JSON.stringify(record.payload);
  } catch (error) {
    throw storeError(`${appendContext(record)}: payload is not JSON-serialisable (${error instanceof Error ? error.message : String(error)})`, error);
  }
  const blobs = checkBlobRefs(record.blobs, fail);
  return {
    runId: record.runId,
    parentId: record.parentId,
    parentSequence: record.parentId === undefined ? undefined : parseRecordId(record.parentId),
    type: record.type,
    version,
    key: record.key,
    payloadJson,
    blobs,
    at: record.at,
  };
}

function checkBlobRefs(blobs: unknown, fail: (what: string) => LightsoutError): BlobRef[] {
  if (blobs === undefined) return [];
  if (!Array.isArray(blobs)) throw fail(`blobs must be an array of {sha256, size}, got ${describe(blobs)}`);
  return blobs.map((ref: unknown, index) => {
    if (!isPlainObject(ref) || !isSha256(ref["sha256"])) throw fail(`blobs[${index}].sha256 must be a lowercase hex sha256 (as putBlob returns it), got ${describe(isPlainObject(ref) ? ref["sha256"] : ref)}`);
    const size = ref["size"];
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) throw fail(`blobs[${index}].size must be a byte count, got ${describe(size)}`);
    return { sha256: ref["sha256"], size };
  });
}

/** A `limit` is a non-negative integer; 0 asks for nothing. */
export function checkLimit(limit: unknown, where: string): number | undefined {
  if (limit === undefined) return undefined;
  if (typeof limit !== "number" || !Number.isSafeInteger(limit) || limit < 0) throw storeError(`${where}: limit must be a non-negative integer, got ${describe(limit)}`);
  return limit;
}

export function checkQuery(query: RecordQuery): RecordQuery {
  if (!isPlainObject(query)) throw storeError(`query: expected an object, got ${describe(query)}`);
  checkLimit(query.limit, "query");
  const after = query.afterSequence;
  if (after !== undefined && (typeof after !== "number" || !Number.isSafeInteger(after) || after < 0)) throw storeError(`query: afterSequence must be a non-negative integer, got ${describe(after)}`);
  return query;
}
