import { describe, expect, test } from "vitest";
import { deleteRecord, emptyState, putRecord, type TenantState } from "../../twins/index.js";
import { STATE_DIFF_LIMIT, TRUNCATED_COLLECTION, diffTenantState } from "./state-diff.js";

function seeded(): TenantState {
  let state = emptyState(0, 1);
  state = putRecord(state, "users", "U1", { name: "alice" });
  state = putRecord(state, "users", "U2", { name: "bob" });
  state = putRecord(state, "channels", "C1", { name: "general" });
  return state;
}

describe("diffTenantState", () => {
  test("no change, no diff (and the same state is not walked at all)", () => {
    const state = seeded();
    expect(diffTenantState(state, state)).toEqual([]);
    expect(diffTenantState(state, { ...state, meta: { ...state.meta, now: 99 } })).toEqual([]);
  });

  test("lists added, changed and removed records with their values", () => {
    const before = seeded();
    let after = putRecord(before, "users", "U2", { name: "robert" });
    after = deleteRecord(after, "users", "U1");
    after = putRecord(after, "messages/C1", "1.0001", { text: "hello" });
    expect(diffTenantState(before, after)).toEqual([
      { collection: "users", id: "U2", change: "changed", before: { name: "bob" }, after: { name: "robert" } },
      { collection: "users", id: "U1", change: "removed", before: { name: "alice" } },
      { collection: "messages/C1", id: "1.0001", change: "added", after: { text: "hello" } },
    ]);
  });

  test("a record replaced by an equal copy is not a change", () => {
    const before = seeded();
    const after = putRecord(before, "users", "U1", { name: "alice" });
    expect(diffTenantState(before, after)).toEqual([]);
  });

  test("stops at the limit with one marker saying how many more there were", () => {
    const before = seeded();
    let after = before;
    for (let index = 0; index < STATE_DIFF_LIMIT + 25; index += 1) after = putRecord(after, "events", `E${index}`, { index });
    const changes = diffTenantState(before, after);
    expect(changes).toHaveLength(STATE_DIFF_LIMIT + 1);
    expect(changes.at(-1)).toEqual({ collection: TRUNCATED_COLLECTION, id: "25 more changes not shown", change: "changed" });
  });
});
