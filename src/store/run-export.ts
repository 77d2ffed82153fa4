/**
 * A run as JSON Lines, for archiving, sharing a failing run, or loading it elsewhere: one line
 * per record in append order, `{"v":1,"kind":"record",...}` with the record exactly as stored,
 * then one line per blob the records name (each once), `{"v":1,"kind":"blob","sha256",...,
 * "base64"}`. Nothing else: the export holds what the run recorded and no more.
 */
import { storeError } from "./record-checks.js";
import type { RunStore, StoredRecord } from "./types.js";

export const EXPORT_VERSION = 1;

export interface ExportedRecordLine extends StoredRecord {
  v: typeof EXPORT_VERSION;
  kind: "record";
}

export interface ExportedBlobLine {
  v: typeof EXPORT_VERSION;
  kind: "blob";
  sha256: string;
  size: number;
  base64: string;
}

/** The run's lines, without newlines, records first; undefined when the store has no such run. */
export async function exportRunLines(store: RunStore, runId: string): Promise<AsyncGenerator<string> | undefined> {
  const records = await store.query({ runId });
  if (records.length === 0) return undefined;
  return (async function* lines(): AsyncGenerator<string> {
    const named = new Map<string, number>();
    for (const record of records) {
      const line: ExportedRecordLine = { v: EXPORT_VERSION, kind: "record", ...record };
      yield JSON.stringify(line);
      for (const ref of record.blobs) if (!named.has(ref.sha256)) named.set(ref.sha256, ref.size);
    }
    // Blobs one at a time: a run's transcripts together may be larger than memory should hold.
    for (const [sha256, size] of named) {
      const bytes = await store.getBlob(sha256);
      if (!bytes) throw storeError(`run ${JSON.stringify(runId)} names blob ${sha256}, which the store does not have`);
      const line: ExportedBlobLine = { v: EXPORT_VERSION, kind: "blob", sha256, size, base64: Buffer.from(bytes).toString("base64") };
      yield JSON.stringify(line);
    }
  })();
}
