/** The run store: an append-only tree of typed records and content-addressed blobs (docs/store/README.md). */
export type { BlobRef, NewRecord, RecordQuery, RecordType, RunStore, RunSummary, StoredRecord } from "./types.js";
export { createMemoryRunStore, type MemoryRunStoreOptions } from "./memory-run-store.js";
export { createSqliteRunStore, type SqliteRunStoreOptions } from "./sqlite-run-store.js";
export { createPostgresRunStore, type PostgresRunStoreOptions } from "./postgres-run-store.js";
export { DEFAULT_STORE_PATH, STORE_URL_VARIABLE, describeStoreLocation, openRunStore, parseStoreUrl, resolveStoreLocation, withRunStore, type OpenRunStoreOptions, type StoreLocation } from "./open-run-store.js";
export { EXPORT_VERSION, exportRunLines, type ExportedBlobLine, type ExportedRecordLine } from "./run-export.js";
export { recordTree, type TreeEntry } from "./record-tree.js";
export { describeRun, type RunDescription } from "./describe-run.js";
export { formatRecordId, parseRecordId } from "./record-id.js";
