/**
 * What a trial changed in a twin tenant: records added, removed or changed between the seeded
 * state and the end of the trial. Tenant state is persistent maps with structural sharing and
 * records are replaced, never mutated, so unchanged collections and records are the same
 * objects: comparing references first makes the diff cost what the trial changed, not the size
 * of the tenant. A record replaced by an equal one is not a change.
 */
import { isDeepStrictEqual } from "node:util";
import type { TenantState } from "../../twins/index.js";
import type { StateChange } from "../model.js";

/** At most this many changes are listed; then one marker change says how many more there were. */
export const STATE_DIFF_LIMIT = 500;
/** The marker's collection name: `{collection: "…", id: "<n> more changes not shown", change: "changed"}`. */
export const TRUNCATED_COLLECTION = "…";

export function diffTenantState(before: TenantState, after: TenantState, limit = STATE_DIFF_LIMIT): StateChange[] {
  const changes: StateChange[] = [];
  let omitted = 0;
  const add = (change: StateChange) => {
    if (changes.length < limit) changes.push(change);
    else omitted += 1;
  };
  if (before.collections !== after.collections) {
    const names = new Set([...before.collections.keys(), ...after.collections.keys()]);
    for (const collection of names) {
      const old = before.collections.get(collection);
      const current = after.collections.get(collection);
      if (old === current) continue;
      for (const [id, record] of current ?? []) {
        const previous = old?.get(id);
        if (previous === undefined && !old?.has(id)) add({ collection, id, change: "added", after: record });
        else if (previous !== record && !isDeepStrictEqual(previous, record)) add({ collection, id, change: "changed", before: previous, after: record });
      }
      for (const [id, record] of old ?? []) {
        if (!current?.has(id)) add({ collection, id, change: "removed", before: record });
      }
    }
  }
  if (omitted > 0) changes.push({ collection: TRUNCATED_COLLECTION, id: `${omitted} more changes not shown`, change: "changed" });
  return changes;
}
