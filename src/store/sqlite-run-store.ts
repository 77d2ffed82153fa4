/**
 * The default run store: one SQLite file (better-sqlite3 under kysely). WAL lets readers (a
 * `lightsout runs list` in another terminal) work while a run appends; `synchronous = FULL` (the
 * default `durability`) makes every committed append durable, so a crash or power cut loses
 * nothing that `append` returned, and since each append is one transaction a crash mid-append
 * leaves no half record.
 * Appends take the write lock up front (`begin immediate`) so two processes on one file queue
 * instead of failing halfway; a waiting writer gives up after `busyTimeoutMs`.
 */
import Database from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { errorMessage } from "../errors.js";
import { createKyselyRunStore, type WriteTransaction } from "./kysely-run-store.js";
import { storeError } from "./record-checks.js";
import { type Migration, SCHEMA_MIGRATIONS_TABLE, SQLITE_MIGRATIONS, type StoreDatabase } from "./schema.js";
import type { RunStore } from "./types.js";

export interface SqliteRunStoreOptions {
  /** A file path (its directory must exist), or `:memory:` for a store that lives as long as the object. */
  path: string;
  /** Milliseconds since the epoch for records appended without `at`. */
  clock?: () => number;
  /** How long an append waits for another process's write to finish. */
  busyTimeoutMs?: number;
  /**
   * "full" (default): an append is on disk when it returns, whatever crashes next, the machine
   * included; it costs an fsync per append. "normal": an append survives the process being
   * killed, but the last ones may be lost (never half-written) if the machine loses power.
   */
  durability?: "full" | "normal";
}

/** Applies the migrations the file does not have yet, in one transaction; refuses a file from a newer lightsout. */
export function migrateSqlite(database: Database.Database, label: string, { migrations = SQLITE_MIGRATIONS, now = Date.now }: { migrations?: readonly Migration[]; now?: () => number } = {}): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const migrate = database.transaction(() => {
    database.exec(SCHEMA_MIGRATIONS_TABLE);
    const { current } = database.prepare("select coalesce(max(version), 0) as current from schema_migrations").get() as { current: number };
    if (current > latest) throw storeError(`${label} has schema version ${current}, newer than this lightsout knows (${latest}): upgrade lightsout to use it`);
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      for (const statement of migration.statements) database.exec(statement);
      database.prepare("insert into schema_migrations (version, applied_at) values (?, ?)").run(migration.version, now());
    }
    return Math.max(current, latest);
  });
  return migrate.immediate();
}

export function createSqliteRunStore({ path, clock = Date.now, busyTimeoutMs = 5_000, durability = "full" }: SqliteRunStoreOptions): RunStore {
  const label = path === ":memory:" ? "the in-memory SQLite store" : `the SQLite store at ${path}`;
  let database: Database.Database | undefined;
  try {
    database = new Database(path);
    database.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    database.pragma("journal_mode = WAL");
    database.pragma(`synchronous = ${durability === "normal" ? "NORMAL" : "FULL"}`);
    database.pragma("foreign_keys = ON");
    migrateSqlite(database, label, { now: clock });
  } catch (error) {
    database?.close();
    if (storeErrorLike(error)) throw error;
    throw storeError(`cannot open ${label}: ${errorMessage(error)}`, error);
  }
  const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database }) });
  // kysely's SQLite driver hands out its one connection to one caller at a time, so an append's
  // statements never interleave with another's in this process; `begin immediate` also takes the
  // file's write lock before the key check, so no other process can slip in between either.
  const writeTransaction: WriteTransaction = (work) =>
    db.connection().execute(async (connection) => {
      await sql`begin immediate`.execute(connection);
      try {
        const result = await work(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection).catch(() => undefined);
        throw error;
      }
    });
  return createKyselyRunStore({ db, writeTransaction, clock, label });
}

function storeErrorLike(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "STORE";
}
