/**
 * A run's records as the tree their parents make, depth first, children in append order: the
 * order a reader follows a run with its retries and forks (`lightsout runs show --tree`).
 */
import type { StoredRecord } from "./types.js";

export interface TreeEntry {
  record: StoredRecord;
  /** 0 for a root; a record whose parent is not among the records given counts as a root. */
  depth: number;
}

export function recordTree(records: readonly StoredRecord[]): TreeEntry[] {
  const ids = new Set(records.map((record) => record.id));
  const children = new Map<string | undefined, StoredRecord[]>();
  for (const record of [...records].sort((a, b) => a.sequence - b.sequence)) {
    const parent = record.parentId !== undefined && ids.has(record.parentId) ? record.parentId : undefined;
    const siblings = children.get(parent) ?? [];
    siblings.push(record);
    children.set(parent, siblings);
  }
  const entries: TreeEntry[] = [];
  // An explicit stack, not recursion: a long run is a deep chain.
  const stack: TreeEntry[] = (children.get(undefined) ?? []).map((record) => ({ record, depth: 0 })).reverse();
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    entries.push(entry);
    const depth = entry.depth + 1;
    for (const child of [...(children.get(entry.record.id) ?? [])].reverse()) stack.push({ record: child, depth });
  }
  return entries;
}
