/**
 * Jira's answers to injected faults and to anything unexpected: 429 with `Retry-After`,
 * `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (an ISO timestamp) and
 * `RateLimit-Reason`; 503 for a server error; a bare 500 ErrorCollection (never a stack) for a bug.
 * The vendor limits used by `rateLimit: true` are Jira Cloud's burst limits per operation.
 */
import type { FaultInfo, RateLimit, TwinContext } from "../kit/index.js";
import { jiraError, json } from "./errors.js";

export function rateLimited(_context: TwinContext, info: FaultInfo): Response {
  const reset = new Date(info.resetAt * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return json({ errorMessages: ["Rate limit exceeded."], errors: {} }, 429, {
    "content-type": "application/json;charset=UTF-8",
    "retry-after": String(info.retryAfterSeconds),
    "x-ratelimit-limit": String(info.limit),
    "x-ratelimit-remaining": String(info.remaining),
    "x-ratelimit-reset": reset,
    "ratelimit-reason": "jira-burst-based",
  });
}

export function serverError(): Response {
  return jiraError(503, ["Service Unavailable"]);
}

export function internalError(): Response {
  return jiraError(500, ["Internal server error"]);
}

/** Burst limits: 100 requests a second for reads and creates, 50 for updates and deletes. */
export function vendorRateLimit(method: string): RateLimit | undefined {
  const verb = method.split(" ")[0];
  if (verb === "GET" || verb === "POST") return { limit: 100, windowMs: 1000 };
  if (verb === "PUT" || verb === "DELETE") return { limit: 50, windowMs: 1000 };
  return undefined;
}
