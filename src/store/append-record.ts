/**
 * The append algorithm, once for every store: each implementation provides the few storage
 * steps, run inside its own write transaction (or lock), so the rules are the same everywhere:
 *
 * 1. A key already used in the run returns the record stored first, even when the payload now
 *    differs: an append retried after a crash or a timeout (did it commit or not?) must never
 *    duplicate a turn, and the first write is the one the rest of the run may already name.
 * 2. A parent must exist and belong to the same run; a record without a parent is the run's root,
 *    and a run has exactly one root, so every record's lineage is well defined.
 * 3. Every named blob must have been put, with the size the reference claims.
 */
import { appendContext, type CheckedRecord, storeError } from "./record-checks.js";
import type { StoredRecord } from "./types.js";

export interface AppendSteps {
  findByKey(runId: string, key: string): Promise<StoredRecord | undefined>;
  findBySequence(sequence: number): Promise<StoredRecord | undefined>;
  /** The run's root record, if the run has one yet. */
  findRoot(runId: string): Promise<StoredRecord | undefined>;
  /** The stored size of a blob, or undefined when the store has no such blob. */
  blobSize(sha256: string): Promise<number | undefined>;
  /** Stores the record (and updates the run's summary); returns it as read back. */
  insert(record: CheckedRecord, at: number): Promise<StoredRecord>;
}

export async function appendRecord(record: CheckedRecord, steps: AppendSteps, now: () => number): Promise<StoredRecord> {
  if (record.key !== undefined) {
    const existing = await steps.findByKey(record.runId, record.key);
    if (existing) return existing;
  }
  const fail = (what: string) => storeError(`${appendContext(record)}: ${what}`);
  if (record.parentId !== undefined) {
    const parent = record.parentSequence === undefined ? undefined : await steps.findBySequence(record.parentSequence);
    if (!parent) throw fail(`parentId ${JSON.stringify(record.parentId)} is not a record in this store`);
    if (parent.runId !== record.runId) throw fail(`parentId ${JSON.stringify(record.parentId)} belongs to run ${JSON.stringify(parent.runId)}; a parent must be in the same run`);
  } else {
    const root = await steps.findRoot(record.runId);
    if (root) throw fail(`the run already has a root record (${root.id}); every other record names a parentId`);
  }
  for (const ref of record.blobs) {
    const size = await steps.blobSize(ref.sha256);
    if (size === undefined) throw fail(`blob ${ref.sha256} was never put (call putBlob first)`);
    if (size !== ref.size) throw fail(`blob ${ref.sha256} has ${size} bytes, not ${ref.size}`);
  }
  return steps.insert(record, record.at ?? now());
}
