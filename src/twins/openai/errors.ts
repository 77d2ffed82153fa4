/**
 * OpenAI's error answers: `{"error": {message, type, param, code}}` with the messages and codes
 * OpenAI sends for a bad key, a bad request, an unknown model, a rate limit and its own failures.
 */
import { jsonResponse } from "../kit/index.js";

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function openaiError(status: number, message: string, type: string, param: string | null, code: string | null, headers: Record<string, string> = {}): Response {
  const body: OpenAIErrorBody = { error: { message, type, param, code } };
  return jsonResponse(body, status, headers);
}

/** A 400 naming the offending parameter, as OpenAI's validation does. */
export function invalidRequest(message: string, param: string | null, code: string | null = "invalid_value"): Response {
  return openaiError(400, message, "invalid_request_error", param, code);
}

export function missingParameter(param: string): Response {
  return invalidRequest(`Missing required parameter: '${param}'.`, param, "missing_required_parameter");
}

export function invalidType(param: string, expected: string, value: unknown): Response {
  const got = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
  return invalidRequest(`Invalid type for '${param}': expected ${expected}, but got ${got} instead.`, param, "invalid_type");
}

export function invalidValue(param: string, value: unknown, supported: readonly string[]): Response {
  const list = supported.map((name) => `'${name}'`).join(", ");
  return invalidRequest(`Invalid value: '${String(value)}'. Supported values are: ${list}.`, param, "invalid_value");
}

export function modelNotFound(model: string): Response {
  return openaiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, "invalid_request_error", null, "model_not_found");
}

export function invalidApiKey(key: string): Response {
  const shown = key.length > 8 ? `${key.slice(0, 3)}${"*".repeat(Math.max(0, key.length - 7))}${key.slice(-4)}` : key;
  return openaiError(401, `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`, "invalid_request_error", null, "invalid_api_key");
}

export function missingApiKey(): Response {
  return openaiError(
    401,
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    "invalid_request_error",
    null,
    "invalid_api_key",
  );
}

/** `6s`, `1m30s`: how OpenAI writes the time until a rate-limit window resets. */
export function durationText(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  if (minutes === 0) return `${rest}s`;
  return rest === 0 ? `${minutes}m` : `${minutes}m${rest}s`;
}

export interface RateLimitDetails {
  model: string;
  retryAfterSeconds: number;
  limit: number;
  remaining: number;
}

export function rateLimitExceeded(details: RateLimitDetails, message?: string): Response {
  const { model, retryAfterSeconds, limit, remaining } = details;
  const text =
    message ??
    `Rate limit reached for ${model || "requests"} in organization org-twin on requests per min (RPM): Limit ${limit}, Used ${limit}, Requested 1. Please try again in ${durationText(retryAfterSeconds)}. Visit https://platform.openai.com/account/rate-limits to learn more.`;
  return openaiError(429, text, "requests", null, "rate_limit_exceeded", {
    "retry-after": String(retryAfterSeconds),
    "x-ratelimit-limit-requests": String(limit),
    "x-ratelimit-remaining-requests": String(remaining),
    "x-ratelimit-reset-requests": durationText(retryAfterSeconds),
  });
}

export function serverError(status = 500, message?: string): Response {
  const text =
    message ??
    (status === 503
      ? "The engine is currently overloaded, please try again later."
      : "The server had an error while processing your request. Sorry about that!");
  return openaiError(status, text, "server_error", null, null);
}

/** The answer for a scripted `error` turn: the status in OpenAI's shape for that status. */
export function scriptedError(model: string, error: { status: number; message?: string; retryAfterSeconds?: number }): Response {
  const { status, message } = error;
  if (status === 429) return rateLimitExceeded({ model, retryAfterSeconds: error.retryAfterSeconds ?? 1, limit: 500, remaining: 0 }, message);
  if (status >= 500) return serverError(status, message);
  if (status === 401) return openaiError(401, message ?? "Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key");
  if (status === 404) return openaiError(404, message ?? `The model \`${model}\` does not exist or you do not have access to it.`, "invalid_request_error", null, "model_not_found");
  return openaiError(status, message ?? "The request was rejected by the scripted policy.", "invalid_request_error", null, null);
}
