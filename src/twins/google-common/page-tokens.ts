/**
 * Opaque page tokens (`pageToken` in, `nextPageToken` out) for Google's list methods. A token
 * carries the offset of the next page and a digest of the query it belongs to: a token replayed
 * with another `q` or `orderBy` is refused (Google's 400 on `pageToken`), as are tokens the twin
 * did not make. Stateless, so snapshots and restores need not know about them.
 */
import { createHash } from "node:crypto";

function digest(scope: string): string {
  return createHash("sha256").update(scope).digest("base64url").slice(0, 12);
}

export function encodePageToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: digest(scope) })).toString("base64url");
}

/** The offset a token stands for, or undefined when it is not one of ours for this scope. */
export function decodePageToken(token: string, scope: string): number | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown; s?: unknown };
    if (typeof value.o !== "number" || !Number.isInteger(value.o) || value.o < 0 || value.s !== digest(scope)) return undefined;
    return value.o;
  } catch {
    return undefined;
  }
}
