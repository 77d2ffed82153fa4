/**
 * Per-user quotas, counted in windows of virtual time: with the tenant config
 * `quotas: { perUserPerMinute: N }` a user's N+1th request within a virtual minute answers 429
 * RESOURCE_EXHAUSTED, whatever the method, as Google's "Queries per minute per user" quota does.
 * Off unless configured: with the default tick of a second per request, Google's real quota
 * (12,000 a minute for Drive) is never reached. The windows live with the kit's rate windows on
 * the tenant, so `reset` clears them.
 */
import type { Tenant } from "../kit/index.js";

const MINUTE_MS = 60_000;

export function perUserPerMinute(tenant: Tenant): number | undefined {
  const quotas = tenant.config.quotas;
  if (typeof quotas !== "object" || quotas === null) return undefined;
  const limit = (quotas as Record<string, unknown>).perUserPerMinute;
  return typeof limit === "number" && Number.isInteger(limit) && limit >= 0 ? limit : undefined;
}

/** Counts a request of `email`; true when it is over the quota. */
export function overQuota(tenant: Tenant, email: string): boolean {
  const limit = perUserPerMinute(tenant);
  if (limit === undefined) return false;
  const key = `quota|${email}`;
  const now = tenant.now();
  let window = tenant.rateWindows.get(key);
  if (!window || now - window.windowStart >= MINUTE_MS) {
    window = { windowStart: now, count: 0 };
    tenant.rateWindows.set(key, window);
  }
  window.count += 1;
  return window.count > limit;
}
