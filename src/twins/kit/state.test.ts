import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { collectionNames, countRecords, deleteRecord, emptyState, getRecord, hasRecord, listRecords, putRecord, stateToJson, type TenantState } from "./state.js";

describe("tenant state", () => {
  test("put, get, list in insertion order, replace in place, delete", () => {
    let state = emptyState(0, 1);
    state = putRecord(state, "users", "U1", { name: "ada" });
    state = putRecord(state, "users", "U2", { name: "bob" });
    state = putRecord(state, "users", "U1", { name: "ada lovelace" });
    expect(listRecords(state, "users")).toEqual([{ name: "ada lovelace" }, { name: "bob" }]);
    expect(getRecord(state, "users", "U2")).toEqual({ name: "bob" });
    expect(hasRecord(state, "users", "U3")).toBe(false);
    state = deleteRecord(state, "users", "U1");
    expect(listRecords(state, "users")).toEqual([{ name: "bob" }]);
    expect(countRecords(state, "users")).toBe(1);
    expect(countRecords(state, "channels")).toBe(0);
    expect(collectionNames(state)).toEqual(["users"]);
    expect(stateToJson(state)).toEqual({ users: { U2: { name: "bob" } } });
  });

  test("writes never change an earlier state (persistence)", () => {
    const before = putRecord(emptyState(0, 1), "notes", "N1", "one");
    const after = deleteRecord(putRecord(before, "notes", "N2", "two"), "notes", "N1");
    expect(listRecords(before, "notes")).toEqual(["one"]);
    expect(listRecords(after, "notes")).toEqual(["two"]);
  });

  test("deleting a missing record returns the same state", () => {
    const state = putRecord(emptyState(0, 1), "notes", "N1", "one");
    expect(deleteRecord(state, "notes", "N9")).toBe(state);
    expect(deleteRecord(state, "other", "N1")).toBe(state);
  });
});

type Operation =
  | { kind: "put"; collection: string; id: string; value: number }
  | { kind: "delete"; collection: string; id: string }
  | { kind: "snapshot" }
  | { kind: "restore"; index: number };

type Model = Map<string, Map<string, number>>;

function copyModel(model: Model): Model {
  return new Map([...model].map(([name, records]) => [name, new Map(records)]));
}

function modelToJson(model: Model): Record<string, [string, number][]> {
  const result: Record<string, [string, number][]> = {};
  for (const [name, records] of model) if (records.size > 0) result[name] = [...records];
  return result;
}

function stateToEntries(state: TenantState): Record<string, [string, number][]> {
  const result: Record<string, [string, number][]> = {};
  for (const name of collectionNames(state)) {
    const records = state.collections.get(name)!;
    if (records.size > 0) result[name] = [...records.entries()] as [string, number][];
  }
  return result;
}

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("put" as const), collection: fc.constantFrom("a", "b"), id: fc.constantFrom("1", "2", "3", "4", "5"), value: fc.integer() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("delete" as const), collection: fc.constantFrom("a", "b"), id: fc.constantFrom("1", "2", "3", "4", "5") }) },
  { weight: 1, arbitrary: fc.constant({ kind: "snapshot" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("restore" as const), index: fc.nat(20) }) },
);

describe("tenant state against a plain-Map model", () => {
  test("any interleaving of put, delete, snapshot and restore gives the model's contents and order", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        let state = emptyState(0, 7);
        let model: Model = new Map();
        const snapshots: { state: TenantState; model: Model }[] = [];
        for (const step of operations) {
          switch (step.kind) {
            case "put":
              state = putRecord(state, step.collection, step.id, step.value);
              if (!model.has(step.collection)) model.set(step.collection, new Map());
              model.get(step.collection)!.set(step.id, step.value);
              break;
            case "delete":
              state = deleteRecord(state, step.collection, step.id);
              model.get(step.collection)?.delete(step.id);
              break;
            case "snapshot":
              // A snapshot of the state is the reference; the model needs a deep copy.
              snapshots.push({ state, model: copyModel(model) });
              break;
            case "restore": {
              const saved = snapshots[step.index % Math.max(1, snapshots.length)];
              if (saved) {
                state = saved.state;
                model = copyModel(saved.model);
              }
              break;
            }
          }
          expect(stateToEntries(state)).toEqual(modelToJson(model));
        }
        // Every snapshot still holds exactly what it held when it was taken.
        for (const saved of snapshots) expect(stateToEntries(saved.state)).toEqual(modelToJson(saved.model));
      }),
      { numRuns: 300 },
    );
  });
});
