/**
 * A RunStore in memory: for tests of code that records runs (the factory's, a consumer's), and
 * for one-off runs that need no history. Same rules and errors as the SQLite and Postgres stores
 * (it passes the same contract suite); records and blobs are copied in and out, so a caller that
 * mutates a payload after appending cannot change what was stored.
 */
import { appendRecord, type AppendSteps } from "./append-record.js";
import { blobBytes, blobRefOf, plainBytes } from "./blob-hash.js";
import { type CheckedRecord, checkLimit, checkNewRecord, checkQuery, storeError } from "./record-checks.js";
import { formatRecordId, parseRecordId } from "./record-id.js";
import type { BlobRef, NewRecord, RecordQuery, RunStore, RunSummary, StoredRecord } from "./types.js";

export interface MemoryRunStoreOptions {
  /** Milliseconds since the epoch for records appended without `at`. */
  clock?: () => number;
}

interface StoredRow {
  record: StoredRecord;
  payloadJson: string;
}

interface RunRow {
  rootSequence: number;
  records: number;
  firstAt: number;
  lastAt: number;
}

export function createMemoryRunStore({ clock = Date.now }: MemoryRunStoreOptions = {}): RunStore {
  const rows: StoredRow[] = [];
  const byKey = new Map<string, number>();
  const runs = new Map<string, RunRow>();
  const blobs = new Map<string, Uint8Array>();
  let closed = false;
  // Appends run one at a time, like a database transaction: the key check and the insert of one
  // append must not interleave with another's.
  let tail: Promise<unknown> = Promise.resolve();

  const keyOf = (runId: string, key: string): string => `${runId}\u0000${key}`;
  /** A fresh copy: the payload re-parsed from its stored JSON, the blob list copied. */
  const copyOut = (row: StoredRow): StoredRecord => ({ ...row.record, payload: JSON.parse(row.payloadJson) as Record<string, unknown>, blobs: row.record.blobs.map((ref) => ({ ...ref })) });
  const bySequence = (sequence: number): StoredRow | undefined => rows[sequence - 1];
  const ensureOpen = (): void => {
    if (closed) throw storeError("the run store is closed");
  };

  const steps: AppendSteps = {
    findByKey: async (runId, key) => {
      const sequence = byKey.get(keyOf(runId, key));
      const row = sequence === undefined ? undefined : bySequence(sequence);
      return row && copyOut(row);
    },
    findBySequence: async (sequence) => {
      const row = bySequence(sequence);
      return row && copyOut(row);
    },
    findRoot: async (runId) => {
      const run = runs.get(runId);
      const row = run && bySequence(run.rootSequence);
      return row && copyOut(row);
    },
    blobSize: async (sha256) => blobs.get(sha256)?.byteLength,
    insert: async (checked: CheckedRecord, at: number) => {
      const sequence = rows.length + 1;
      const record: StoredRecord = {
        id: formatRecordId(sequence),
        runId: checked.runId,
        parentId: checked.parentSequence === undefined ? undefined : formatRecordId(checked.parentSequence),
        type: checked.type,
        version: checked.version,
        key: checked.key,
        payload: {},
        blobs: checked.blobs,
        at,
        sequence,
      };
      const row = { record, payloadJson: checked.payloadJson };
      rows.push(row);
      if (checked.key !== undefined) byKey.set(keyOf(checked.runId, checked.key), sequence);
      const run = runs.get(checked.runId);
      if (run) {
        run.records += 1;
        run.firstAt = Math.min(run.firstAt, at);
        run.lastAt = Math.max(run.lastAt, at);
      } else {
        runs.set(checked.runId, { rootSequence: sequence, records: 1, firstAt: at, lastAt: at });
      }
      return copyOut(row);
    },
  };

  return {
    append(record: NewRecord): Promise<StoredRecord> {
      const result = tail.then(() => {
        ensureOpen();
        return appendRecord(checkNewRecord(record), steps, clock);
      });
      tail = result.catch(() => undefined);
      return result;
    },

    async putBlob(bytes: Uint8Array | string): Promise<BlobRef> {
      ensureOpen();
      const data = blobBytes(bytes);
      const ref = blobRefOf(data);
      if (!blobs.has(ref.sha256)) blobs.set(ref.sha256, plainBytes(data));
      return ref;
    },

    async getBlob(sha256: string): Promise<Uint8Array | undefined> {
      ensureOpen();
      const data = blobs.get(sha256);
      return data && plainBytes(data);
    },

    async get(id: string): Promise<StoredRecord | undefined> {
      ensureOpen();
      const sequence = parseRecordId(id);
      const row = sequence === undefined ? undefined : bySequence(sequence);
      return row && copyOut(row);
    },

    async query(query: RecordQuery): Promise<StoredRecord[]> {
      ensureOpen();
      const { runId, type, parentId, afterSequence = 0, limit } = checkQuery(query);
      const found: StoredRecord[] = [];
      for (const row of rows.slice(afterSequence)) {
        if (limit !== undefined && found.length >= limit) break;
        const record = row.record;
        if (runId !== undefined && record.runId !== runId) continue;
        if (type !== undefined && record.type !== type) continue;
        if (parentId !== undefined && record.parentId !== parentId) continue;
        found.push(copyOut(row));
      }
      return found;
    },

    async lineage(id: string): Promise<StoredRecord[]> {
      ensureOpen();
      const chain: StoredRecord[] = [];
      let sequence = parseRecordId(id);
      while (sequence !== undefined) {
        const row = bySequence(sequence);
        if (!row) break;
        chain.push(copyOut(row));
        sequence = row.record.parentId === undefined ? undefined : parseRecordId(row.record.parentId);
      }
      return chain.reverse();
    },

    async listRuns(options: { limit?: number } = {}): Promise<RunSummary[]> {
      ensureOpen();
      const limit = checkLimit(options.limit, "listRuns");
      const newestFirst = [...runs.entries()].sort(([, a], [, b]) => b.rootSequence - a.rootSequence).slice(0, limit);
      return newestFirst.map(([runId, run]) => ({ runId, root: copyOut(bySequence(run.rootSequence) as StoredRow), records: run.records, firstAt: run.firstAt, lastAt: run.lastAt }));
    },

    async close(): Promise<void> {
      closed = true;
    },
  };
}
