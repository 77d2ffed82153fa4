/**
 * Cursor paging as Slack does it: `cursor` and `limit` in, `response_metadata.next_cursor` out,
 * `""` on the last page. Cursors are opaque base64 of `<kind>:<key of the next item>` (Slack's
 * own look like `dXNlcjpVMDYxTkZUVDI=`, "user:U061NFTT2"), so a page boundary survives writes
 * before it; a cursor this twin did not make, or whose item is gone, is `invalid_cursor`.
 */
import type { Args } from "./args.js";
import { type SlackFailure, fail } from "./responses.js";

export interface PageOptions {
  /** Cursor prefix, e.g. `team`, `user`, `next_ts`. */
  kind: string;
  /** Items per page when `limit` is absent or 0. */
  defaultLimit: number;
  maxLimit: number;
  /** Whether an out-of-range or non-numeric `limit` is an `invalid_limit` error (else clamped). */
  strictLimit?: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string;
}

export const encodeCursor = (kind: string, key: string): string => Buffer.from(`${kind}:${key}`, "utf8").toString("base64");

export function decodeCursor(cursor: string, kind: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, "base64").toString("utf8");
  return text.startsWith(`${kind}:`) ? text.slice(kind.length + 1) : undefined;
}

export function pageLimit(args: Args, options: PageOptions): number | SlackFailure {
  const limit = args.integer("limit");
  if (limit === undefined || limit === 0) return options.defaultLimit;
  if (Number.isNaN(limit) || limit < 0 || limit > options.maxLimit) {
    if (options.strictLimit) return fail("invalid_limit");
    return Number.isNaN(limit) || limit < 0 ? options.defaultLimit : options.maxLimit;
  }
  return limit;
}

/** One page of `items` (already filtered and ordered), keyed by `keyOf`. */
export function paginate<T>(items: readonly T[], keyOf: (item: T) => string, args: Args, options: PageOptions): Page<T> | SlackFailure {
  const limit = pageLimit(args, options);
  if (typeof limit !== "number") return limit;
  let start = 0;
  const cursor = args.string("cursor");
  if (cursor !== undefined) {
    const key = decodeCursor(cursor, options.kind);
    const index = key === undefined ? -1 : items.findIndex((item) => keyOf(item) === key);
    if (index < 0) return fail("invalid_cursor");
    start = index;
  }
  const slice = items.slice(start, start + limit);
  const next = items[start + limit];
  return { items: slice, nextCursor: next === undefined ? "" : encodeCursor(options.kind, keyOf(next)) };
}
