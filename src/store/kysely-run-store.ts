/**
 * The RunStore over SQL, once for both dialects (SQLite and Postgres share the schema in
 * schema.ts): each dialect only opens the database, runs its migrations and says how to start a
 * write transaction that excludes every other append to the same store, in this process or
 * another. Everything else (the append rules, the queries, the row mapping) is here.
 */
import { type Kysely, type Selectable, sql } from "kysely";
import { LightsoutError, errorMessage } from "../errors.js";
import { appendRecord, type AppendSteps } from "./append-record.js";
import { blobBytes, blobRefOf, isSha256, plainBytes } from "./blob-hash.js";
import { type CheckedRecord, checkLimit, checkNewRecord, checkQuery, storeError } from "./record-checks.js";
import { formatRecordId, parseRecordId } from "./record-id.js";
import type { RecordsTable, StoreDatabase } from "./schema.js";
import type { BlobRef, NewRecord, RecordQuery, RunStore, RunSummary, StoredRecord } from "./types.js";

export type WriteTransaction = <T>(work: (trx: Kysely<StoreDatabase>) => Promise<T>) => Promise<T>;

export interface KyselyRunStoreOptions {
  db: Kysely<StoreDatabase>;
  writeTransaction: WriteTransaction;
  clock: () => number;
  /** "the SQLite store at /x/store.sqlite": prefixes driver errors, so a failure says which store. */
  label: string;
}

type RecordRow = Selectable<RecordsTable>;

/** Postgres returns bigint columns as strings (they may exceed 2^53); ours never do. */
const toNumber = (value: number | string): number => (typeof value === "number" ? value : Number(value));

export function toStoredRecord(row: RecordRow): StoredRecord {
  const sequence = toNumber(row.sequence);
  return {
    id: formatRecordId(sequence),
    runId: row.run_id,
    parentId: row.parent_sequence === null ? undefined : formatRecordId(toNumber(row.parent_sequence)),
    type: row.type,
    version: row.version,
    key: row.key ?? undefined,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    blobs: JSON.parse(row.blobs) as BlobRef[],
    at: toNumber(row.at),
    sequence,
  };
}

function appendSteps(trx: Kysely<StoreDatabase>): AppendSteps {
  const one = async (query: Promise<RecordRow | undefined>): Promise<StoredRecord | undefined> => {
    const row = await query;
    return row && toStoredRecord(row);
  };
  return {
    findByKey: (runId, key) => one(trx.selectFrom("records").selectAll().where("run_id", "=", runId).where("key", "=", key).executeTakeFirst()),
    findBySequence: (sequence) => one(trx.selectFrom("records").selectAll().where("sequence", "=", sequence).executeTakeFirst()),
    findRoot: (runId) => one(trx.selectFrom("records").selectAll().where("sequence", "=", trx.selectFrom("runs").select("root_sequence").where("run_id", "=", runId)).executeTakeFirst()),
    blobSize: async (sha256) => {
      const row = await trx.selectFrom("blobs").select("size").where("sha256", "=", sha256).executeTakeFirst();
      return row && toNumber(row.size);
    },
    insert: async (record: CheckedRecord, at: number) => {
      const row = await trx
        .insertInto("records")
        .values({ run_id: record.runId, parent_sequence: record.parentSequence ?? null, type: record.type, version: record.version, key: record.key ?? null, payload: record.payloadJson, blobs: JSON.stringify(record.blobs), at })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (record.parentSequence === undefined) {
        await trx.insertInto("runs").values({ run_id: record.runId, root_sequence: row.sequence, records: 1, first_at: at, last_at: at }).execute();
      } else {
        // CASE rather than min()/least(): the one spelling both dialects accept.
        await trx
          .updateTable("runs")
          .set({
            records: sql`records + 1`,
            first_at: sql`case when first_at > ${at} then ${at} else first_at end`,
            last_at: sql`case when last_at < ${at} then ${at} else last_at end`,
          })
          .where("run_id", "=", record.runId)
          .execute();
      }
      return toStoredRecord(row);
    },
  };
}

export function createKyselyRunStore({ db, writeTransaction, clock, label }: KyselyRunStoreOptions): RunStore {
  let closed = false;

  /** Runs one operation: refused once closed; a driver's error becomes a STORE error naming the store. */
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    if (closed) throw storeError(`${label} is closed`);
    try {
      return await work();
    } catch (error) {
      if (LightsoutError.isInstance(error)) throw error;
      throw storeError(`${label}: ${errorMessage(error)}`, error);
    }
  };

  return {
    append: (record: NewRecord) =>
      guard(async () => {
        const checked = checkNewRecord(record);
        return writeTransaction((trx) => appendRecord(checked, appendSteps(trx), clock));
      }),

    putBlob: (bytes: Uint8Array | string) =>
      guard(async () => {
        const data = blobBytes(bytes);
        const ref = blobRefOf(data);
        await db
          .insertInto("blobs")
          .values({ sha256: ref.sha256, size: ref.size, bytes: Buffer.from(data.buffer, data.byteOffset, data.byteLength) })
          .onConflict((conflict) => conflict.column("sha256").doNothing())
          .execute();
        return ref;
      }),

    getBlob: (sha256: string) =>
      guard(async () => {
        if (!isSha256(sha256)) return undefined;
        const row = await db.selectFrom("blobs").select("bytes").where("sha256", "=", sha256).executeTakeFirst();
        return row && plainBytes(row.bytes);
      }),

    get: (id: string) =>
      guard(async () => {
        const sequence = parseRecordId(id);
        if (sequence === undefined) return undefined;
        const row = await db.selectFrom("records").selectAll().where("sequence", "=", sequence).executeTakeFirst();
        return row && toStoredRecord(row);
      }),

    query: (query: RecordQuery) =>
      guard(async () => {
        const { runId, type, parentId, afterSequence, limit } = checkQuery(query);
        let select = db.selectFrom("records").selectAll().orderBy("sequence");
        if (runId !== undefined) select = select.where("run_id", "=", runId);
        if (type !== undefined) select = select.where("type", "=", type);
        if (parentId !== undefined) {
          const parentSequence = parseRecordId(parentId);
          if (parentSequence === undefined) return [];
          select = select.where("parent_sequence", "=", parentSequence);
        }
        if (afterSequence !== undefined) select = select.where("sequence", ">", afterSequence);
        if (limit !== undefined) select = select.limit(limit);
        return (await select.execute()).map(toStoredRecord);
      }),

    lineage: (id: string) =>
      guard(async () => {
        const sequence = parseRecordId(id);
        if (sequence === undefined) return [];
        // A parent always has a smaller sequence than its children, so ordering by sequence puts the root first.
        const { rows } = await sql<RecordRow>`
          with recursive chain (sequence, parent_sequence) as (
            select sequence, parent_sequence from records where sequence = ${sequence}
            union all
            select records.sequence, records.parent_sequence from records join chain on records.sequence = chain.parent_sequence
          )
          select records.* from records join chain on records.sequence = chain.sequence order by records.sequence`.execute(db);
        return rows.map(toStoredRecord);
      }),

    listRuns: (options: { limit?: number } = {}) =>
      guard(async () => {
        const limit = checkLimit(options.limit, "listRuns");
        let select = db
          .selectFrom("runs")
          .innerJoin("records", "records.sequence", "runs.root_sequence")
          .selectAll("records")
          .select(["runs.records as run_records", "runs.first_at as run_first_at", "runs.last_at as run_last_at"])
          .orderBy("runs.root_sequence", "desc");
        if (limit !== undefined) select = select.limit(limit);
        const rows = await select.execute();
        return rows.map(
          (row): RunSummary => ({ runId: row.run_id, root: toStoredRecord(row), records: toNumber(row.run_records), firstAt: toNumber(row.run_first_at), lastAt: toNumber(row.run_last_at) }),
        );
      }),

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
