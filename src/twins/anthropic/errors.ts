/**
 * Anthropic's error answers: `{"type": "error", "error": {"type", "message"}, "request_id"}` with
 * the status Anthropic uses for each error type, and a `request-id` header on every answer.
 */
import { type Tenant, jsonResponse } from "../kit/index.js";
import { requestId } from "./ids.js";

export type AnthropicErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "request_too_large"
  | "rate_limit_error"
  | "api_error"
  | "overloaded_error";

const TYPE_BY_STATUS: Record<number, AnthropicErrorType> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

const DEFAULT_MESSAGES: Record<AnthropicErrorType, string> = {
  invalid_request_error: "Invalid request",
  authentication_error: "invalid x-api-key",
  permission_error: "Your API key does not have permission to use the specified resource.",
  not_found_error: "Not found",
  request_too_large: "Request exceeds the maximum allowed number of bytes.",
  rate_limit_error: "This request would exceed your organization's rate limit. Please try again later.",
  api_error: "Internal server error",
  overloaded_error: "Overloaded",
};

/** The error type Anthropic pairs with an HTTP status (other 4xx: invalid_request_error, 5xx: api_error). */
export function errorTypeOf(status: number): AnthropicErrorType {
  return TYPE_BY_STATUS[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
}

export function anthropicError(tenant: Tenant, status: number, message?: string, headers: Record<string, string> = {}): Response {
  const type = errorTypeOf(status);
  const id = requestId(tenant);
  return jsonResponse({ type: "error", error: { type, message: message ?? DEFAULT_MESSAGES[type] }, request_id: id }, status, { "request-id": id, ...headers });
}

export const invalidRequest = (tenant: Tenant, message: string): Response => anthropicError(tenant, 400, message);

/** The 429 with Anthropic's rate-limit headers; `resetAt` is epoch seconds of the virtual clock. */
export function rateLimitError(tenant: Tenant, info: { retryAfterSeconds: number; limit?: number; resetAt?: number }, message?: string): Response {
  const resetAt = info.resetAt ?? Math.ceil(tenant.now() / 1000) + info.retryAfterSeconds;
  const headers: Record<string, string> = {
    "retry-after": String(info.retryAfterSeconds),
    "anthropic-ratelimit-requests-remaining": "0",
    "anthropic-ratelimit-requests-reset": new Date(resetAt * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
  if (info.limit !== undefined) headers["anthropic-ratelimit-requests-limit"] = String(info.limit);
  return anthropicError(tenant, 429, message, headers);
}
