/**
 * Secondary indexes (comments by issue, subtasks by parent, links by issue), built lazily from a
 * collection and cached on that collection's immutable map, so they are rebuilt only after a
 * write to it and never go stale across snapshots and restores.
 */
import type { TenantState } from "../kit/index.js";
import { COLLECTIONS, type CommentRecord, type IssueRecord, type LinkRecord, type WorklogRecord } from "./model.js";

const caches = new Map<string, WeakMap<object, Map<string, unknown[]>>>();

function grouped<T>(name: string, state: TenantState, collection: string, keysOf: (record: T) => (string | null)[]): Map<string, T[]> {
  const records = state.collections.get(collection);
  if (!records) return new Map();
  let cache = caches.get(name);
  if (!cache) {
    cache = new WeakMap();
    caches.set(name, cache);
  }
  const hit = cache.get(records);
  if (hit) return hit as Map<string, T[]>;
  const index = new Map<string, T[]>();
  for (const record of records.values() as IterableIterator<T>) {
    for (const key of keysOf(record)) {
      if (key === null) continue;
      const bucket = index.get(key);
      if (bucket) bucket.push(record);
      else index.set(key, [record]);
    }
  }
  cache.set(records, index as Map<string, unknown[]>);
  return index;
}

export function commentsOf(state: TenantState, issueId: string): CommentRecord[] {
  return grouped<CommentRecord>("comments", state, COLLECTIONS.comments, (comment) => [comment.issueId]).get(issueId) ?? [];
}

export function worklogsOf(state: TenantState, issueId: string): WorklogRecord[] {
  return grouped<WorklogRecord>("worklogs", state, COLLECTIONS.worklogs, (worklog) => [worklog.issueId]).get(issueId) ?? [];
}

export function childrenOf(state: TenantState, issueId: string): IssueRecord[] {
  return grouped<IssueRecord>("children", state, COLLECTIONS.issues, (issue) => [issue.parentId]).get(issueId) ?? [];
}

export function linksOf(state: TenantState, issueId: string): LinkRecord[] {
  return grouped<LinkRecord>("links", state, COLLECTIONS.links, (link) => [link.inwardIssueId, link.outwardIssueId]).get(issueId) ?? [];
}
