/**
 * Google's answers to injected faults, to quota exhaustion and to anything unexpected.
 * - A `rateLimit` fault on a Drive method answers 403 `userRateLimitExceeded`, Drive's documented
 *   answer to a user going too fast; set the tenant config `driveRateLimitStatus: 429` for the
 *   other answer Drive gives, 429 `rateLimitExceeded` / RESOURCE_EXHAUSTED. Docs and Sheets answer
 *   429 RESOURCE_EXHAUSTED only, as their APIs do.
 * - Quotas (quotas.ts) answer 429 RESOURCE_EXHAUSTED with Google's quota wording.
 * - `errorRate` answers 503 `backendError`; an exception, 500 `internalError`.
 * Google sends no Retry-After on these: clients back off exponentially.
 */
import { googleError } from "../google-common/errors.js";
import type { FaultInfo, RateLimit, TwinContext } from "../kit/index.js";

const isDrive = (method: string) => method.startsWith("drive.") || method.includes("/drive/v3");

export function quotaExceeded(method: string, limitName = "Queries per minute per user"): Response {
  const service = isDrive(method) ? "drive.googleapis.com" : method.startsWith("sheets.") ? "sheets.googleapis.com" : "docs.googleapis.com";
  const message = `Quota exceeded for quota metric 'Queries' and limit '${limitName}' of service '${service}' for consumer 'project_number:0'.`;
  return googleError({ code: 429, message, status: "RESOURCE_EXHAUSTED", ...(isDrive(method) ? { reason: "rateLimitExceeded", domain: "usageLimits" } : {}) });
}

export function rateLimited(context: TwinContext, info: FaultInfo): Response {
  if (isDrive(info.method) && context.tenant.config.driveRateLimitStatus !== 429) {
    return googleError({ code: 403, message: "User rate limit exceeded.", reason: "userRateLimitExceeded", domain: "usageLimits" });
  }
  return quotaExceeded(info.method);
}

export function serverError(context: TwinContext): Response {
  return googleError({ code: 503, message: "The service is currently unavailable.", status: "UNAVAILABLE", ...(isDrive(context.method) ? { reason: "backendError" } : {}) });
}

export function internalError(context: TwinContext): Response {
  return googleError({ code: 500, message: "Internal error encountered.", status: "INTERNAL", ...(isDrive(context.method) ? { reason: "internalError" } : {}) });
}

/**
 * Google's published per-user limits, for `rateLimit: true`: Drive 12,000 queries a minute; Docs
 * 300 reads and 60 writes a minute; Sheets 300 a minute.
 */
export function vendorRateLimit(method: string): RateLimit | undefined {
  if (isDrive(method)) return { limit: 12_000, windowMs: 60_000 };
  if (method === "docs.documents.get") return { limit: 300, windowMs: 60_000 };
  if (method.startsWith("docs.")) return { limit: 60, windowMs: 60_000 };
  if (method.startsWith("sheets.")) return { limit: 300, windowMs: 60_000 };
  return undefined;
}
