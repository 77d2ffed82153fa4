/**
 * Tenant state: collections of records held in persistent (structurally shared) maps, so a
 * snapshot is keeping a reference and a restore is putting one back, both O(1) whatever the
 * size. Records are plain JSON values treated as immutable: a write replaces the record.
 * The clock, id counters and random state live in the state too, so restoring a snapshot
 * replays the same ids and timestamps (determinism).
 */
import { Map as ImmutableMap, OrderedMap } from "immutable";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Meta {
  /** Virtual time, milliseconds since the epoch. */
  now: number;
  /** Per-prefix counters for deterministic ids. */
  counters: ImmutableMap<string, number>;
  /** The state of the seeded random generator. */
  randomState: number;
}

export interface TenantState {
  readonly collections: ImmutableMap<string, OrderedMap<string, unknown>>;
  readonly meta: Meta;
}

const EMPTY_COLLECTION = OrderedMap<string, unknown>();

export function emptyState(startTime: number, seed: number): TenantState {
  return { collections: ImmutableMap(), meta: { now: startTime, counters: ImmutableMap(), randomState: seed >>> 0 } };
}

export function getRecord<T>(state: TenantState, collection: string, id: string): T | undefined {
  return state.collections.get(collection)?.get(id) as T | undefined;
}

export function hasRecord(state: TenantState, collection: string, id: string): boolean {
  return state.collections.get(collection)?.has(id) ?? false;
}

export function putRecord<T>(state: TenantState, collection: string, id: string, value: T): TenantState {
  const records = state.collections.get(collection) ?? EMPTY_COLLECTION;
  return { ...state, collections: state.collections.set(collection, records.set(id, value)) };
}

export function deleteRecord(state: TenantState, collection: string, id: string): TenantState {
  const records = state.collections.get(collection);
  if (!records?.has(id)) return state;
  return { ...state, collections: state.collections.set(collection, records.delete(id)) };
}

/** Records in insertion order (a record replaced in place keeps its position). */
export function listRecords<T>(state: TenantState, collection: string): T[] {
  return [...(state.collections.get(collection)?.values() ?? [])] as T[];
}

export function countRecords(state: TenantState, collection: string): number {
  return state.collections.get(collection)?.size ?? 0;
}

export function collectionNames(state: TenantState): string[] {
  return [...state.collections.keys()];
}

/** A plain-object view of all collections, for the admin plane's state inspection. */
export function stateToJson(state: TenantState): Record<string, Record<string, unknown>> {
  const result: Record<string, Record<string, unknown>> = {};
  for (const [name, records] of state.collections) result[name] = Object.fromEntries(records);
  return result;
}
