/**
 * What a route handler receives, and Okta's cursor paging: `limit` and `after` in, an absolute
 * `Link: <...>; rel="next"` out (with the twin's own origin and tenant prefix, because the
 * official client follows it as given), and always a `rel="self"` link.
 */
import type { Tenant } from "../kit/index.js";
import { jsonResponse } from "../kit/index.js";
import type { UserRecord } from "./model.js";

/** Who is calling the Management API: an API token's user, or an OAuth access token's claims. */
export interface Caller {
  kind: "ssws" | "oauth";
  user?: UserRecord;
  scopes: string[];
}

export interface OktaRequest {
  tenant: Tenant;
  url: URL;
  /** Scheme, host and tenant prefix: the org URL. */
  baseUrl: string;
  httpMethod: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  rawBody: string;
  headers: Headers;
  /** Set for Management API routes. */
  caller?: Caller;
  /** Headers every answer carries (rate limits, date), added by the router. */
  headersOut: Record<string, string>;
}

export function json(request: OktaRequest, body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return jsonResponse(body, status, { ...request.headersOut, ...headers });
}

export function noContent(request: OktaRequest): Response {
  return new Response(null, { status: 204, headers: request.headersOut });
}

/** A positive integer query parameter, capped, or the default. */
export function queryLimit(query: URLSearchParams, fallback: number, max: number): number {
  const raw = query.get("limit");
  if (raw === null || !/^\d{1,9}$/.test(raw.trim())) return fallback;
  return Math.max(1, Math.min(max, Number(raw.trim())));
}

export interface Page<T> {
  items: T[];
  links: string;
}

/**
 * The page after the cursor `after` (the id of the last item of the previous page), with the
 * `Link` header for it: `self`, and `next` when more items follow.
 */
export function pageAfter<T>(request: OktaRequest, items: T[], idOf: (item: T) => string, fallbackLimit: number, maxLimit: number): Page<T> {
  const limit = queryLimit(request.query, fallbackLimit, maxLimit);
  const after = request.query.get("after");
  let start = 0;
  if (after) {
    const index = items.findIndex((item) => idOf(item) === after);
    start = index === -1 ? items.length : index + 1;
  }
  const page = items.slice(start, start + limit);
  const self = new URL(`${request.baseUrl}${request.url.pathname.slice(request.url.pathname.indexOf("/api/"))}`);
  request.query.forEach((value, key) => self.searchParams.append(key, value));
  const links = [`<${self.href}>; rel="self"`];
  if (start + limit < items.length && page.length > 0) {
    const next = new URL(self.href);
    next.searchParams.set("after", idOf(page.at(-1)!));
    next.searchParams.set("limit", String(limit));
    links.push(`<${next.href}>; rel="next"`);
  }
  return { items: page, links: links.join(", ") };
}

export function pagedJson<T>(request: OktaRequest, page: Page<T>, render: (item: T) => unknown): Response {
  return json(request, page.items.map(render), 200, { link: page.links });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
