/**
 * The run store's contract, modeled on CXDB: every run, stage, agent turn, tool call, trial and
 * verdict is an append-only, typed, versioned record. Records form a tree: each names its parent,
 * so a retry or an alternative attempt forks from any record without copying what came before.
 * Large payloads are content-addressed blobs (sha256), stored once however often they are named.
 * Appends are idempotent: appending a record whose `key` is already in its run returns the record
 * stored the first time. Implementations: SQLite (default, one file) and Postgres; both pass
 * `runStoreContract` (src/testing). Guide: docs/store/README.md.
 */

/** What a record is about. Open-ended: the factory adds its own types; these are the usual ones. */
export type RecordType =
  | "run"
  | "stage"
  | "agent-turn"
  | "tool-call"
  | "trial"
  | "verdict"
  | "evaluation"
  | "feedback"
  | "iteration"
  | "note"
  | (string & {});

/** A reference to a blob: its sha256 in hex and its size in bytes. */
export interface BlobRef {
  sha256: string;
  size: number;
}

export interface NewRecord {
  runId: string;
  /** The record this one follows or belongs to; undefined for a run's root record. */
  parentId?: string;
  type: RecordType;
  /** The version of this type's payload shape (records on disk are versioned data). */
  version?: number;
  /** Idempotency key, unique within the run; a repeated append returns the first record. */
  key?: string;
  /** Small, JSON-serialisable data; put large payloads in blobs and name them here. */
  payload: Record<string, unknown>;
  /** Blobs this record names (they must have been put before). */
  blobs?: readonly BlobRef[];
  /** Milliseconds since the epoch; the store's clock when omitted. */
  at?: number;
}

export interface StoredRecord {
  /** Assigned by the store, unique across runs, sortable in append order within a store. */
  id: string;
  runId: string;
  parentId: string | undefined;
  type: RecordType;
  version: number;
  key: string | undefined;
  payload: Record<string, unknown>;
  blobs: BlobRef[];
  at: number;
  /** Position in append order, 1-based, across the whole store. */
  sequence: number;
}

export interface RunSummary {
  runId: string;
  /** The run's root record's payload (what the run is: spec, model, started by...). */
  root: StoredRecord;
  records: number;
  firstAt: number;
  lastAt: number;
}

export interface RecordQuery {
  runId?: string;
  type?: RecordType;
  parentId?: string;
  /** Records with a sequence greater than this (for tailing). */
  afterSequence?: number;
  limit?: number;
}

export interface RunStore {
  /** Appends a record (idempotent by `key` within its run). Rejects an unknown parent or blob. */
  append(record: NewRecord): Promise<StoredRecord>;
  /** Stores bytes under their sha256 (once) and returns the reference. */
  putBlob(bytes: Uint8Array | string): Promise<BlobRef>;
  /** The bytes of a blob, or undefined when the store has none with that hash. */
  getBlob(sha256: string): Promise<Uint8Array | undefined>;
  get(id: string): Promise<StoredRecord | undefined>;
  /** Records in append order. */
  query(query: RecordQuery): Promise<StoredRecord[]>;
  /** The records from the run's root down to `id`, root first (the history a fork inherits). */
  lineage(id: string): Promise<StoredRecord[]>;
  /** Runs, newest first. */
  listRuns(options?: { limit?: number }): Promise<RunSummary[]>;
  close(): Promise<void>;
}
