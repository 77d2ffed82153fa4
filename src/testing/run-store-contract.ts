/**
 * The RunStore contract suite: what every store (memory, SQLite, Postgres, a consumer's own)
 * must do for the factory to record runs on it unchanged. Call it from a test file with a
 * factory for a fresh, empty store; stores that persist pass `reopen` too, and also prove that
 * what was committed survives close and reopen. Imports vitest: use it from tests only.
 *
 *   runStoreContract("sqlite", async () => ({ store, cleanup, path }), { reopen: ({ path }) => open(path) });
 */
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { NewRecord, RunStore, StoredRecord } from "../store/types.js";

export interface RunStoreFixture {
  /** A fresh store with no records and no blobs. */
  store: RunStore;
  /** Closes whatever the fixture opened (the store may already be closed) and deletes its data. */
  cleanup: () => Promise<void>;
}

export interface RunStoreContractOptions<Fixture extends RunStoreFixture> {
  /** A new store over the same data as `fixture.store`, which the suite has closed first. */
  reopen?: (fixture: Fixture) => Promise<RunStore>;
}

const STORE_ERROR = { code: "STORE" };

export function runStoreContract<Fixture extends RunStoreFixture>(name: string, makeStore: () => Promise<Fixture>, options: RunStoreContractOptions<Fixture> = {}): void {
  /** Runs `body` on a fresh store and always cleans up. */
  const withStore = (body: (store: RunStore, fixture: Fixture) => Promise<void>) => async () => {
    const fixture = await makeStore();
    try {
      await body(fixture.store, fixture);
    } finally {
      await fixture.cleanup();
    }
  };

  /** A root record and the records under it, each the child of the one before. */
  const chain = async (store: RunStore, runId: string, types: string[]): Promise<StoredRecord[]> => {
    const records: StoredRecord[] = [];
    for (const type of types) records.push(await store.append({ runId, type, parentId: records.at(-1)?.id, payload: { type } }));
    return records;
  };

  describe(`RunStore contract: ${name}`, () => {
    test("append returns the stored record, get reads it back, unknown ids read as undefined", withStore(async (store) => {
      const root = await store.append({ runId: "run-1", type: "run", payload: { spec: "hello.md", nested: { list: [1, "two", null, true], text: "é ✓ \u0000" } }, at: 1_700_000_000_000 });
      expect(root).toEqual({
        id: expect.any(String),
        runId: "run-1",
        parentId: undefined,
        type: "run",
        version: 1,
        key: undefined,
        payload: { spec: "hello.md", nested: { list: [1, "two", null, true], text: "é ✓ \u0000" } },
        blobs: [],
        at: 1_700_000_000_000,
        sequence: 1,
      });
      const stage = await store.append({ runId: "run-1", parentId: root.id, type: "stage", version: 3, key: "stage:plan", payload: { node: "plan" } });
      expect(stage).toMatchObject({ parentId: root.id, type: "stage", version: 3, key: "stage:plan", sequence: 2 });
      expect(Number.isSafeInteger(stage.at)).toBe(true);
      expect(await store.get(root.id)).toEqual(root);
      expect(await store.get(stage.id)).toEqual(stage);
      expect(await store.get("no-such-record")).toBeUndefined();
      expect(await store.get(`${stage.id}0`)).toBeUndefined();
    }));

    test("ids are unique across runs and sort in append order; sequences count from 1 across the store", withStore(async (store) => {
      const appended: StoredRecord[] = [];
      for (let index = 0; index < 12; index += 1) {
        const runId = `run-${index % 3}`;
        const [root] = await store.query({ runId, limit: 1 });
        appended.push(await store.append({ runId, parentId: root?.id, type: root ? "note" : "run", payload: { index } }));
      }
      expect(appended.map((record) => record.sequence)).toEqual(appended.map((_, index) => index + 1));
      expect(new Set(appended.map((record) => record.id)).size).toBe(12);
      expect([...appended.map((record) => record.id)].sort()).toEqual(appended.map((record) => record.id));
    }));

    test("the stored payload is a copy: changing the object afterwards changes nothing", withStore(async (store) => {
      const payload = { list: [1, 2], skipped: undefined };
      const root = await store.append({ runId: "run-1", type: "run", payload });
      payload.list.push(3);
      root.payload["list"] = "changed by the caller";
      expect((await store.get(root.id))?.payload).toEqual({ list: [1, 2] });
    }));

    test("a malformed record is refused with a STORE error naming the field", withStore(async (store) => {
      const bad: Array<[unknown, RegExp]> = [
        [{ runId: "", type: "run", payload: {} }, /runId must be a non-empty string/],
        [{ runId: "r", type: "", payload: {} }, /type must be a non-empty string/],
        [{ runId: "r", type: "run", payload: [] }, /payload must be an object, got an array/],
        [{ runId: "r", type: "run", payload: { n: 1n } }, /payload is not JSON-serialisable/],
        [{ runId: "r", type: "run", version: 0, payload: {} }, /version must be a positive integer/],
        [{ runId: "r", type: "run", key: "", payload: {} }, /key must be a non-empty string/],
        [{ runId: "r", type: "run", at: 1.5, payload: {} }, /at must be milliseconds since the epoch/],
        [{ runId: "r", type: "run", payload: {}, blobs: [{ sha256: "abc", size: 1 }] }, /blobs\[0\]\.sha256 must be a lowercase hex sha256/],
      ];
      for (const [record, message] of bad) await expect(store.append(record as NewRecord)).rejects.toMatchObject({ ...STORE_ERROR, message: expect.stringMatching(message) });
      expect(await store.listRuns()).toEqual([]);
    }));

    test("a repeated key returns the first record, even with a different payload", withStore(async (store) => {
      const root = await store.append({ runId: "run-1", type: "run", key: "root", payload: { attempt: 1 } });
      const again = await store.append({ runId: "run-1", type: "run", key: "root", payload: { attempt: 2 } });
      expect(again).toEqual(root);
      const turn = await store.append({ runId: "run-1", parentId: root.id, type: "agent-turn", key: "turn-1", payload: { text: "first" } });
      expect(await store.append({ runId: "run-1", parentId: root.id, type: "agent-turn", key: "turn-1", payload: { text: "retry" } })).toEqual(turn);
      expect(await store.query({ runId: "run-1" })).toEqual([root, turn]);
      // The same key in another run is another record.
      const otherRoot = await store.append({ runId: "run-2", type: "run", key: "root", payload: { attempt: 1 } });
      expect(otherRoot.id).not.toBe(root.id);
      expect((await store.listRuns()).map((run) => [run.runId, run.records])).toEqual([["run-2", 1], ["run-1", 2]]);
    }));

    test("concurrent appends with one key store one record; with distinct keys, one each", withStore(async (store) => {
      const root = await store.append({ runId: "run-1", type: "run", payload: {} });
      const same = await Promise.all(Array.from({ length: 10 }, (_, index) => store.append({ runId: "run-1", parentId: root.id, type: "tool-call", key: "call-1", payload: { index } })));
      expect(new Set(same.map((record) => record.id)).size).toBe(1);
      const distinct = await Promise.all(Array.from({ length: 10 }, (_, index) => store.append({ runId: "run-1", parentId: root.id, type: "tool-call", key: `call-${index + 2}`, payload: { index } })));
      expect(new Set(distinct.map((record) => record.id)).size).toBe(10);
      const stored = await store.query({ runId: "run-1" });
      expect(stored).toHaveLength(12);
      expect(stored.map((record) => record.sequence)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    }));

    test("a parent must exist and be in the same run; a run has one root", withStore(async (store) => {
      const [root] = await chain(store, "run-1", ["run"]);
      const [otherRoot] = await chain(store, "run-2", ["run"]);
      await expect(store.append({ runId: "run-1", parentId: "rec_999999999999", type: "stage", payload: {} })).rejects.toMatchObject({ ...STORE_ERROR, message: expect.stringMatching(/parentId "rec_999999999999" is not a record in this store/) });
      await expect(store.append({ runId: "run-1", parentId: "garbage", type: "stage", payload: {} })).rejects.toMatchObject({ ...STORE_ERROR, message: expect.stringMatching(/parentId "garbage" is not a record/) });
      await expect(store.append({ runId: "run-1", parentId: otherRoot?.id, type: "stage", payload: {} })).rejects.toMatchObject({ ...STORE_ERROR, message: expect.stringMatching(/belongs to run "run-2"/) });
      await expect(store.append({ runId: "run-1", type: "run", payload: {} })).rejects.toMatchObject({ ...STORE_ERROR, message: expect.stringMatching(/already has a root record/) });
      await expect(store.append({ runId: "run-3", parentId: root?.id, type: "stage", payload: {} })).rejects.toMatchObject(STORE_ERROR);
      // Refused appends leave nothing behind.
      expect((await store.listRuns()).map((run) => [run.runId, run.records])).toEqual([["run-2", 1], ["run-1", 1]]);
      expect(await store.query({})).toHaveLength(2);
    }));

    test("a fork is a second child of an earlier record; each branch's lineage is its own", withStore(async (store) => {
      const [root, plan, implement] = await chain(store, "run-1", ["run", "stage", "stage"]);
      if (!root || !plan || !implement) throw new Error("chain failed");
      const retry = await store.append({ runId: "run-1", parentId: plan.id, type: "stage", payload: { attempt: 2 } });
      const alternative = await store.append({ runId: "run-1", parentId: plan.id, type: "stage", payload: { attempt: 3 } });
      const deeper = await store.append({ runId: "run-1", parentId: retry.id, type: "verdict", payload: {} });
      expect(await store.lineage(implement.id)).toEqual([root, plan, implement]);
      expect(await store.lineage(deeper.id)).toEqual([root, plan, retry, deeper]);
      expect(await store.lineage(alternative.id)).toEqual([root, plan, alternative]);
      expect(await store.lineage(root.id)).toEqual([root]);
      expect(await store.lineage("rec_999999999999")).toEqual([]);
      expect(await store.lineage("garbage")).toEqual([]);
      expect(await store.query({ parentId: plan.id })).toEqual([implement, retry, alternative]);
    }));

    test("blobs are stored once under their sha256 and read back byte for byte", withStore(async (store) => {
      const binary = Uint8Array.from({ length: 512 }, (_, index) => (index * 7) % 256);
      const ref = await store.putBlob(binary);
      expect(ref).toEqual({ sha256: createHash("sha256").update(binary).digest("hex"), size: 512 });
      expect(await store.putBlob(Uint8Array.from(binary))).toEqual(ref);
      const read = await store.getBlob(ref.sha256);
      expect(read).toBeInstanceOf(Uint8Array);
      expect(Array.from(read ?? [])).toEqual(Array.from(binary));
      const text = await store.putBlob("héllo\u0000wörld");
      expect(text).toEqual(await store.putBlob(new TextEncoder().encode("héllo\u0000wörld")));
      expect(new TextDecoder().decode(await store.getBlob(text.sha256))).toBe("héllo\u0000wörld");
      const empty = await store.putBlob(new Uint8Array());
      expect(empty.size).toBe(0);
      expect(await store.getBlob(empty.sha256)).toEqual(new Uint8Array());
      expect(await store.getBlob("0".repeat(64))).toBeUndefined();
      expect(await store.getBlob("not-a-hash")).toBeUndefined();
    }));

    test("a record names blobs that were put, with their size", withStore(async (store) => {
      const ref = await store.putBlob("a transcript");
      const root = await store.append({ runId: "run-1", type: "run", payload: {}, blobs: [ref] });
      expect(root.blobs).toEqual([ref]);
      expect((await store.get(root.id))?.blobs).toEqual([ref]);
      const never = { sha256: createHash("sha256").update("never put").digest("hex"), size: 9 };
      await expect(store.append({ runId: "run-1", parentId: root.id, type: "note", payload: {}, blobs: [never] })).rejects.toMatchObject({ ...STORE_ERROR, message: expect.stringMatching(/was never put/) });
      await expect(store.append({ runId: "run-1", parentId: root.id, type: "note", payload: {}, blobs: [{ ...ref, size: 1 }] })).rejects.toMatchObject({ ...STORE_ERROR, message: expect.stringMatching(/has 12 bytes, not 1/) });
      expect(await store.query({ runId: "run-1" })).toEqual([root]);
    }));

    test("query filters by run, type and parent, in append order, with a limit", withStore(async (store) => {
      const [a0, a1, a2] = await chain(store, "a", ["run", "stage", "verdict"]);
      const [b0, b1] = await chain(store, "b", ["run", "stage"]);
      const a3 = await store.append({ runId: "a", parentId: a0?.id, type: "stage", payload: {} });
      expect(await store.query({})).toEqual([a0, a1, a2, b0, b1, a3]);
      expect(await store.query({ runId: "a" })).toEqual([a0, a1, a2, a3]);
      expect(await store.query({ type: "stage" })).toEqual([a1, b1, a3]);
      expect(await store.query({ runId: "a", type: "stage" })).toEqual([a1, a3]);
      expect(await store.query({ parentId: a0?.id })).toEqual([a1, a3]);
      expect(await store.query({ runId: "b", parentId: a0?.id })).toEqual([]);
      expect(await store.query({ runId: "a", limit: 2 })).toEqual([a0, a1]);
      expect(await store.query({ limit: 0 })).toEqual([]);
      expect(await store.query({ runId: "nope" })).toEqual([]);
      await expect(store.query({ limit: -1 })).rejects.toMatchObject(STORE_ERROR);
    }));

    test("afterSequence tails the store: only records appended since", withStore(async (store) => {
      const first = await chain(store, "run-1", ["run", "stage"]);
      const last = first.at(-1)?.sequence ?? 0;
      expect(await store.query({ afterSequence: last })).toEqual([]);
      const more = await store.append({ runId: "run-1", parentId: first[0]?.id, type: "stage", payload: {} });
      const other = await store.append({ runId: "run-2", type: "run", payload: {} });
      expect(await store.query({ afterSequence: last })).toEqual([more, other]);
      expect(await store.query({ afterSequence: last, runId: "run-1" })).toEqual([more]);
      expect(await store.query({ afterSequence: 1, limit: 1 })).toEqual([first[1]]);
    }));

    test("listRuns: newest run first, with its root, record count and first and last times", withStore(async (store) => {
      const first = await store.append({ runId: "first", type: "run", payload: { spec: "a.md" }, at: 1_000 });
      await store.append({ runId: "first", parentId: first.id, type: "stage", payload: {}, at: 5_000 });
      const second = await store.append({ runId: "second", type: "run", payload: { spec: "b.md" }, at: 2_000 });
      await store.append({ runId: "first", parentId: first.id, type: "stage", payload: {}, at: 3_000 });
      const third = await store.append({ runId: "third", type: "run", payload: {}, at: 4_000 });
      expect(await store.listRuns()).toEqual([
        { runId: "third", root: third, records: 1, firstAt: 4_000, lastAt: 4_000 },
        { runId: "second", root: second, records: 1, firstAt: 2_000, lastAt: 2_000 },
        { runId: "first", root: first, records: 3, firstAt: 1_000, lastAt: 5_000 },
      ]);
      expect((await store.listRuns({ limit: 2 })).map((run) => run.runId)).toEqual(["third", "second"]);
      await expect(store.listRuns({ limit: 1.5 })).rejects.toMatchObject(STORE_ERROR);
    }));

    test("large payloads and blobs round-trip intact", withStore(async (store) => {
      const text = "x".repeat(1_000_000) + "✓";
      const bytes = Uint8Array.from({ length: 4 * 1024 * 1024 }, (_, index) => (index * 31 + (index >> 8)) % 256);
      const ref = await store.putBlob(bytes);
      const root = await store.append({ runId: "big", type: "run", payload: { text, many: Array.from({ length: 10_000 }, (_, index) => index) }, blobs: [ref] });
      const read = await store.get(root.id);
      expect(read?.payload["text"]).toBe(text);
      expect(read?.payload["many"]).toHaveLength(10_000);
      const blob = await store.getBlob(ref.sha256);
      expect(blob?.byteLength).toBe(bytes.byteLength);
      expect(createHash("sha256").update(blob ?? new Uint8Array()).digest("hex")).toBe(ref.sha256);
    }));

    test("close can be called twice", withStore(async (store) => {
      await store.close();
      await store.close();
    }));

    const reopen = options.reopen;
    if (reopen) {
      test("what was appended survives close and reopen; keys and sequences carry on", withStore(async (store, fixture) => {
        const ref = await store.putBlob(Uint8Array.from([0, 1, 2, 255]));
        const root = await store.append({ runId: "run-1", type: "run", key: "root", payload: { spec: "a.md" }, blobs: [ref] });
        const stage = await store.append({ runId: "run-1", parentId: root.id, type: "stage", payload: {} });
        await store.close();
        const reopened = await reopen(fixture);
        try {
          expect(await reopened.get(stage.id)).toEqual(stage);
          expect(await reopened.lineage(stage.id)).toEqual([root, stage]);
          expect(Array.from((await reopened.getBlob(ref.sha256)) ?? [])).toEqual([0, 1, 2, 255]);
          expect(await reopened.append({ runId: "run-1", type: "run", key: "root", payload: { spec: "b.md" } })).toEqual(root);
          const next = await reopened.append({ runId: "run-1", parentId: stage.id, type: "stage", payload: {} });
          expect(next.sequence).toBe(3);
          expect(await reopened.listRuns()).toEqual([{ runId: "run-1", root, records: 3, firstAt: root.at, lastAt: Math.max(root.at, stage.at, next.at) }]);
        } finally {
          await reopened.close();
        }
      }));
    }
  });
}
