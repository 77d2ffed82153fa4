/**
 * Google's error answers for the Gemini API: `{"error": {code, message, status, details?}}` with
 * the canonical gRPC status name for each HTTP code, and the exact messages Google sends for a bad
 * key, a missing key, an exhausted quota, an unknown model and its internal failures.
 */
import { jsonResponse } from "../kit/index.js";

const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  499: "CANCELLED",
  500: "INTERNAL",
  501: "NOT_IMPLEMENTED",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

const DEFAULT_MESSAGES: Readonly<Record<number, string>> = {
  400: "Request contains an invalid argument.",
  401: "Request had invalid authentication credentials.",
  403: "The caller does not have permission",
  404: "Requested entity was not found.",
  429: "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
  500: "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
  503: "The model is overloaded. Please try again later.",
  504: "The request timed out. Please try again.",
};

export const RATE_LIMIT_DOCS = "https://ai.google.dev/gemini-api/docs/rate-limits";

/** The gRPC status name Google pairs with an HTTP code (UNKNOWN for codes it has no name for). */
export function statusNameOf(code: number): string {
  return STATUS_NAMES[code] ?? (code >= 500 ? "INTERNAL" : code >= 400 ? "FAILED_PRECONDITION" : "UNKNOWN");
}

export function defaultMessageOf(code: number): string {
  return DEFAULT_MESSAGES[code] ?? `The request failed with status ${statusNameOf(code)}.`;
}

export interface GoogleErrorBody {
  error: { code: number; message: string; status: string; details?: unknown[] };
}

export function googleErrorBody(code: number, message = defaultMessageOf(code), details?: unknown[]): GoogleErrorBody {
  return { error: { code, message, status: statusNameOf(code), ...(details && details.length > 0 ? { details } : {}) } };
}

export function googleError(code: number, message?: string, details?: unknown[], headers: Record<string, string> = {}): Response {
  return jsonResponse(googleErrorBody(code, message, details), code, headers);
}

/** 400 INVALID_ARGUMENT, the answer to every malformed request. */
export function invalidArgument(message: string, details?: unknown[]): Response {
  return googleError(400, message, details);
}

/** A wrong key: Google answers 400 (not 401) with an ErrorInfo naming API_KEY_INVALID. */
export function apiKeyInvalid(): Response {
  const message = "API key not valid. Please pass a valid API key.";
  return googleError(400, message, [
    { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID", domain: "googleapis.com", metadata: { service: "generativelanguage.googleapis.com" } },
    { "@type": "type.googleapis.com/google.rpc.LocalizedMessage", locale: "en-US", message },
  ]);
}

/** No key at all: 403 PERMISSION_DENIED, without details. */
export function unregisteredCaller(): Response {
  return googleError(403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
}

/** An OAuth bearer token instead of a key: the twin knows no OAuth, so it is not a credential. */
export function invalidBearer(): Response {
  return googleError(401, "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.", [
    { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "ACCESS_TOKEN_TYPE_UNSUPPORTED", metadata: { service: "generativelanguage.googleapis.com", method: "google.ai.generativelanguage.v1beta.GenerativeService.GenerateContent" } },
  ]);
}

/**
 * 429 RESOURCE_EXHAUSTED as the Gemini API sends it: a QuotaFailure, a Help link and a RetryInfo
 * whose `retryDelay` ("26s") is the only place the wait is given; there is no Retry-After header.
 */
export function quotaExhausted(model: string, retryAfterSeconds: number, message?: string): Response {
  return googleError(429, message ?? defaultMessageOf(429), [
    {
      "@type": "type.googleapis.com/google.rpc.QuotaFailure",
      violations: [
        {
          quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
          quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
          quotaDimensions: { location: "global", model },
          quotaValue: "10",
        },
      ],
    },
    { "@type": "type.googleapis.com/google.rpc.Help", links: [{ description: "Learn more about Gemini API quotas", url: RATE_LIMIT_DOCS }] },
    { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${Math.max(0, Math.round(retryAfterSeconds))}s` },
  ]);
}

/** The model named in a path is not one the twin serves. */
export function modelNotFound(model: string, method: string): Response {
  return googleError(404, `models/${model} is not found for API version v1beta, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`);
}

/** An error a scripted turn asks for, in Google's shape; 429 gets the quota details. */
export function scriptedError(model: string, error: { status: number; message?: string; retryAfterSeconds?: number }): Response {
  if (error.status === 429) return quotaExhausted(model, error.retryAfterSeconds ?? 30, error.message);
  return googleError(error.status, error.message);
}
