/**
 * The run store on Postgres (pg under kysely), for factories whose runs outlive a machine or are
 * shared by a team: the same tables and rules as SQLite (ADR 0105), in a schema of their own
 * (`lightsout` unless told) so they never collide with an application's tables. Every append
 * takes a transaction-scoped advisory lock for the store first: appends are serialized, which is
 * what makes the key check race-free across processes and makes `sequence` order equal commit
 * order, so a reader tailing with `afterSequence` can never skip a record that commits late.
 */
import { CompiledQuery, Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { errorMessage } from "../errors.js";
import { createKyselyRunStore, type WriteTransaction } from "./kysely-run-store.js";
import { storeError } from "./record-checks.js";
import { type Migration, POSTGRES_MIGRATIONS, SCHEMA_MIGRATIONS_TABLE, type StoreDatabase } from "./schema.js";
import type { RunStore } from "./types.js";

export interface PostgresRunStoreOptions {
  /** `postgres://user:password@host:port/database` (libpq's URL form). */
  connectionString: string;
  /** The schema holding the store's tables; created when missing. */
  schema?: string;
  clock?: () => number;
  /** Connections in the pool. */
  maxConnections?: number;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** The connection string with its password masked: what error messages show. */
export function redactConnectionString(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "(an unparseable connection string)";
  }
}

/** Applies the missing migrations under the store's lock, so two processes opening a new store at once do not both create it. */
async function migratePostgres(writeTransaction: WriteTransaction, schema: string, label: string, now: () => number, migrations: readonly Migration[] = POSTGRES_MIGRATIONS): Promise<void> {
  const latest = migrations.at(-1)?.version ?? 0;
  await writeTransaction(async (trx) => {
    // Under the lock: two processes creating the same schema at once would otherwise race.
    await sql.raw(`create schema if not exists "${schema}"`).execute(trx);
    await sql.raw(SCHEMA_MIGRATIONS_TABLE).execute(trx);
    const row = await trx.selectFrom("schema_migrations").select((eb) => eb.fn.max("version").as("current")).executeTakeFirst();
    const current = Number(row?.current ?? 0);
    if (current > latest) throw storeError(`${label} has schema version ${current}, newer than this lightsout knows (${latest}): upgrade lightsout to use it`);
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      for (const statement of migration.statements) await sql.raw(statement).execute(trx);
      await trx.insertInto("schema_migrations").values({ version: migration.version, applied_at: now() }).execute();
    }
  });
}

export async function createPostgresRunStore({ connectionString, schema = "lightsout", clock = Date.now, maxConnections = 10 }: PostgresRunStoreOptions): Promise<RunStore> {
  const label = `the Postgres store at ${redactConnectionString(connectionString)} (schema ${schema})`;
  if (!SCHEMA_NAME.test(schema)) throw storeError(`cannot open the Postgres store: schema ${JSON.stringify(schema)} is not a plain identifier (letters, digits, _; at most 63)`);
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  // An idle connection that dies (server restart) is reported here; without a listener Node would
  // exit. The next query on it fails with its own error, which reaches the caller as a STORE error.
  pool.on("error", () => undefined);
  const db = new Kysely<StoreDatabase>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: async (connection) => {
        await connection.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`));
      },
    }),
  });
  const writeTransaction: WriteTransaction = (work) =>
    db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`lightsout.store:${schema}`}))`.execute(trx);
      return work(trx);
    });
  try {
    await migratePostgres(writeTransaction, schema, label, clock);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    if (typeof error === "object" && error !== null && (error as { code?: unknown }).code === "STORE") throw error;
    throw storeError(`cannot open ${label}: ${connectionErrorMessage(error)}`, error);
  }
  return createKyselyRunStore({ db, writeTransaction, clock, label });
}

/** Node reports a refused connection to a host with several addresses as an AggregateError with an empty message. */
function connectionErrorMessage(error: unknown): string {
  const message = errorMessage(error);
  if (message) return message;
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : "connection failed";
}
