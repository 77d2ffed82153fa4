/**
 * The store's tables, the same in SQLite and Postgres (ADR 0105). Records are an append-only
 * table whose autoincrement `sequence` is both the append order and the record id; `runs` keeps
 * one summary row per run, updated in the append's transaction, so listing runs never scans
 * records; blobs are keyed by their sha256. Migrations are numbered; a store records the ones it
 * has applied in `schema_migrations`, and a store newer than this code is refused, not guessed at.
 */
import type { Generated } from "kysely";

export interface RecordsTable {
  sequence: Generated<number | string>;
  run_id: string;
  parent_sequence: number | string | null;
  type: string;
  version: number;
  key: string | null;
  /** The payload's JSON text, stored as text in both dialects so it reads back exactly as written. */
  payload: string;
  /** The blob references' JSON text: `[{"sha256": ..., "size": ...}]`. */
  blobs: string;
  at: number | string;
}

export interface BlobsTable {
  sha256: string;
  size: number | string;
  bytes: Uint8Array;
}

export interface RunsTable {
  run_id: string;
  root_sequence: number | string;
  records: number | string;
  first_at: number | string;
  last_at: number | string;
}

export interface SchemaMigrationsTable {
  version: number;
  applied_at: number | string;
}

export interface StoreDatabase {
  records: RecordsTable;
  blobs: BlobsTable;
  runs: RunsTable;
  schema_migrations: SchemaMigrationsTable;
}

/** One migration: the statements that take the schema from `version - 1` to `version`. */
export interface Migration {
  version: number;
  statements: readonly string[];
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      "create table blobs (sha256 text primary key, size integer not null, bytes blob not null)",
      `create table records (
        sequence integer primary key autoincrement,
        run_id text not null,
        parent_sequence integer references records (sequence),
        type text not null,
        version integer not null,
        key text,
        payload text not null,
        blobs text not null,
        at integer not null
      )`,
      "create unique index records_run_key on records (run_id, key) where key is not null",
      "create index records_run on records (run_id, sequence)",
      "create index records_type on records (type, sequence)",
      "create index records_parent on records (parent_sequence)",
      `create table runs (
        run_id text primary key,
        root_sequence integer not null references records (sequence),
        records integer not null,
        first_at integer not null,
        last_at integer not null
      )`,
      "create index runs_started on runs (root_sequence)",
    ],
  },
];

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      "create table blobs (sha256 text primary key, size bigint not null, bytes bytea not null)",
      `create table records (
        sequence bigserial primary key,
        run_id text not null,
        parent_sequence bigint references records (sequence),
        type text not null,
        version integer not null,
        key text,
        payload text not null,
        blobs text not null,
        at bigint not null
      )`,
      "create unique index records_run_key on records (run_id, key) where key is not null",
      "create index records_run on records (run_id, sequence)",
      "create index records_type on records (type, sequence)",
      "create index records_parent on records (parent_sequence)",
      `create table runs (
        run_id text primary key,
        root_sequence bigint not null references records (sequence),
        records integer not null,
        first_at bigint not null,
        last_at bigint not null
      )`,
      "create index runs_started on runs (root_sequence)",
    ],
  },
];

export const SCHEMA_MIGRATIONS_TABLE = "create table if not exists schema_migrations (version integer primary key, applied_at bigint not null)";
