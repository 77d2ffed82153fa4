/**
 * Okta's rate limits and its answers to injected faults. Every Management API answer carries
 * `X-Rate-Limit-Limit`, `-Remaining` and `-Reset` (epoch seconds) for the endpoint's bucket,
 * counted per virtual minute; over a limit (the kit's `rateLimit` fault) the answer is 429
 * `E0000047` with the same headers and a `Date` from the virtual clock, which the official SDK
 * subtracts from `X-Rate-Limit-Reset` to know how long to back off.
 */
import type { FaultInfo, RateLimit, Tenant, TwinContext } from "../kit/index.js";
import { jsonResponse } from "../kit/index.js";
import { oauthError, oktaError } from "./errors.js";

const MINUTE = 60_000;

/**
 * Per-minute limits of an org's buckets (Okta's published defaults for the endpoints the twin
 * serves): the method is `VERB template`, and the first matching prefix wins.
 */
const BUCKETS: [prefix: string, limit: number][] = [
  ["POST /oauth2/", 2000],
  ["GET /oauth2/", 2000],
  ["GET /api/v1/users/{id}", 2000],
  ["GET /api/v1/users", 1000],
  ["POST /api/v1/users", 1000],
  ["DELETE /api/v1/users", 1000],
  ["PUT /api/v1/users", 1000],
  ["GET /api/v1/groups", 1000],
  ["POST /api/v1/groups", 1000],
  ["PUT /api/v1/groups", 1000],
  ["DELETE /api/v1/groups", 1000],
  ["GET /api/v1/apps", 500],
  ["POST /api/v1/apps", 500],
  ["PUT /api/v1/apps", 500],
  ["DELETE /api/v1/apps", 500],
];
const DEFAULT_LIMIT = 1000;

export function vendorRateLimit(method: string): RateLimit {
  const bucket = BUCKETS.find(([prefix]) => method.startsWith(prefix));
  return { limit: bucket?.[1] ?? DEFAULT_LIMIT, windowMs: MINUTE };
}

const HEADER_WINDOW_PREFIX = "okta-headers|";

/**
 * The X-Rate-Limit-* headers of a request that was not refused: counted in the tenant's
 * rate-window bookkeeping (cleared by a reset, never snapshotted) under a key of its own.
 */
export function rateLimitHeaders(tenant: Tenant, method: string): Record<string, string> {
  const { limit, windowMs } = vendorRateLimit(method);
  const key = `${HEADER_WINDOW_PREFIX}${method}`;
  const now = tenant.now();
  let window = tenant.rateWindows.get(key);
  if (!window || now - window.windowStart >= windowMs) {
    window = { windowStart: now, count: 0 };
    tenant.rateWindows.set(key, window);
  }
  window.count += 1;
  return {
    "x-rate-limit-limit": String(limit),
    "x-rate-limit-remaining": String(Math.max(0, limit - window.count)),
    "x-rate-limit-reset": String(Math.ceil((window.windowStart + windowMs) / 1000)),
  };
}

export function dateHeader(tenant: Tenant): string {
  return new Date(tenant.now()).toUTCString();
}

const isOAuth = (context: TwinContext) => context.path.startsWith("/oauth2/") || context.path.startsWith("/.well-known/");

export function rateLimited(context: TwinContext, info: FaultInfo): Response {
  const headers = {
    date: dateHeader(context.tenant),
    "x-rate-limit-limit": String(info.limit),
    "x-rate-limit-remaining": "0",
    "x-rate-limit-reset": String(info.resetAt),
  };
  return oktaError(context.tenant, 429, "E0000047", "API call exceeded rate limit due to too many requests.", [], headers);
}

export function serverError(context: TwinContext): Response {
  if (isOAuth(context)) return oauthError(500, "server_error", "The authorization server encountered an unexpected condition.");
  return oktaError(context.tenant, 500, "E0000009", "Internal Server Error");
}

export function internalError(context: TwinContext): Response {
  try {
    return serverError(context);
  } catch {
    return jsonResponse({ errorCode: "E0000009", errorSummary: "Internal Server Error", errorCauses: [] }, 500);
  }
}
