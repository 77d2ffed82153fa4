/**
 * The error taxonomy of the LLM layer (spec section 6): one LlmError class whose `kind` names the
 * spec's error type, classified from the HTTP status, the provider's error body and message, with
 * the `retryable` flag and the delay a `Retry-After` header asks for.
 */
import { LightsoutError } from "../errors.js";

export type LlmErrorKind =
  | "authentication"
  | "access_denied"
  | "not_found"
  | "invalid_request"
  | "rate_limit"
  | "server"
  | "content_filter"
  | "context_length"
  | "quota_exceeded"
  | "request_timeout"
  | "aborted"
  | "network"
  | "stream"
  | "unknown";

export interface LlmErrorDetails {
  kind: LlmErrorKind;
  provider: string;
  statusCode?: number;
  /** The provider's own error code or gRPC status, when it sent one. */
  errorCode?: string;
  retryable: boolean;
  /** Milliseconds the provider asked to wait (Retry-After / retry-after-ms headers). */
  retryAfterMs?: number;
  /** The provider's error body, for debugging. */
  raw?: string;
  cause?: unknown;
}

/** A failed model call. `code` is "CANCELLED" for an aborted call, else "LLM_PROVIDER". */
export class LlmError extends LightsoutError {
  readonly kind: LlmErrorKind;
  readonly provider: string;
  readonly statusCode: number | undefined;
  readonly errorCode: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly raw: string | undefined;

  constructor(message: string, details: LlmErrorDetails) {
    super(details.kind === "aborted" ? "CANCELLED" : "LLM_PROVIDER", message, { cause: details.cause });
    this.name = "LlmError";
    this.kind = details.kind;
    this.provider = details.provider;
    this.statusCode = details.statusCode;
    this.errorCode = details.errorCode;
    this.retryable = details.retryable;
    this.retryAfterMs = details.retryAfterMs;
    this.raw = details.raw;
  }

  static isLlmError(value: unknown): value is LlmError {
    return LightsoutError.isInstance(value) && typeof (value as { kind?: unknown }).kind === "string" && typeof (value as { retryable?: unknown }).retryable === "boolean";
  }
}

const RETRYABLE_KINDS = new Set<LlmErrorKind>(["rate_limit", "server", "network", "stream", "unknown"]);

/** Spec 6.3: transient kinds retry; client mistakes do not; unknown errors default to retryable. */
export function isRetryableKind(kind: LlmErrorKind): boolean {
  return RETRYABLE_KINDS.has(kind);
}

/** Spec 6.4. */
export function kindFromStatus(status: number): LlmErrorKind {
  if (status === 400 || status === 422) return "invalid_request";
  if (status === 401) return "authentication";
  if (status === 403) return "access_denied";
  if (status === 404) return "not_found";
  if (status === 408) return "request_timeout";
  if (status === 413) return "context_length";
  if (status === 429) return "rate_limit";
  if (status >= 500 && status <= 599) return "server";
  return "unknown";
}

const GRPC_KINDS: Record<string, LlmErrorKind> = {
  NOT_FOUND: "not_found",
  INVALID_ARGUMENT: "invalid_request",
  UNAUTHENTICATED: "authentication",
  PERMISSION_DENIED: "access_denied",
  RESOURCE_EXHAUSTED: "rate_limit",
  UNAVAILABLE: "server",
  DEADLINE_EXCEEDED: "request_timeout",
  INTERNAL: "server",
};

/** Spec 6.5: the message refines an ambiguous status (a 400 that is really a context overflow). */
export function kindFromMessage(message: string): LlmErrorKind | undefined {
  const text = message.toLowerCase();
  if (/context length|context window|too many tokens|prompt is too long|maximum context/.test(text)) return "context_length";
  if (/content filter|content_filter|safety/.test(text)) return "content_filter";
  // Not "quota" alone: Gemini words every 429 as "You exceeded your current quota".
  if (/insufficient_quota|billing hard limit/.test(text)) return "quota_exceeded";
  if (/unauthorized|invalid key|invalid api key|invalid x-api-key|api key not valid/.test(text)) return "authentication";
  if (/not found|does not exist/.test(text)) return "not_found";
  return undefined;
}

/** Case-insensitive header lookup over a plain record. */
function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The wait asked by `retry-after-ms` or `Retry-After` (seconds or an HTTP date), in ms. */
export function retryAfterMsFromHeaders(headers: Record<string, string> | undefined, now: () => number = Date.now): number | undefined {
  const ms = header(headers, "retry-after-ms");
  if (ms !== undefined && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = header(headers, "retry-after");
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

/** Gemini gives the wait only in the body: a google.rpc.RetryInfo detail with retryDelay "26s". */
function retryInfoMs(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const detail of details as { "@type"?: unknown; retryDelay?: unknown }[]) {
    if (typeof detail?.["@type"] === "string" && detail["@type"].endsWith("google.rpc.RetryInfo") && typeof detail.retryDelay === "string") {
      const seconds = Number.parseFloat(detail.retryDelay);
      if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    }
  }
  return undefined;
}

/** The message, code and retry delay inside a provider's JSON error body (OpenAI, Anthropic and Gemini shapes). */
function parseErrorBody(body: string | undefined): { message?: string; code?: string; retryAfterMs?: number } {
  if (!body) return {};
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown; type?: unknown; code?: unknown; status?: unknown; details?: unknown } };
    const error = parsed.error;
    if (!error || typeof error !== "object") return {};
    const message = typeof error.message === "string" ? error.message : undefined;
    const code = [error.status, error.code, error.type].find((value): value is string => typeof value === "string");
    const retryAfterMs = retryInfoMs(error.details);
    return { ...(message !== undefined ? { message } : {}), ...(code !== undefined ? { code } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  } catch {
    return {};
  }
}

export interface HttpFailure {
  provider: string;
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
  message?: string;
  cause?: unknown;
}

/** An LlmError for an HTTP error answer. */
export function errorFromHttp(failure: HttpFailure): LlmError {
  const parsed = parseErrorBody(failure.body);
  const providerMessage = parsed.message ?? failure.message ?? `HTTP ${failure.statusCode}`;
  const byStatus = kindFromStatus(failure.statusCode);
  const byGrpc = parsed.code !== undefined ? GRPC_KINDS[parsed.code] : undefined;
  const byMessage = kindFromMessage(`${providerMessage} ${parsed.code ?? ""}`);
  // The status decides, except where the message is more precise than a generic status.
  const refinable = byStatus === "invalid_request" || byStatus === "unknown" || byStatus === "rate_limit" || byStatus === "access_denied";
  let kind = byStatus === "unknown" ? (byGrpc ?? byStatus) : byStatus;
  if (refinable && byMessage !== undefined && !(byStatus === "rate_limit" && byMessage !== "quota_exceeded")) kind = byMessage;
  const retryAfterMs = retryAfterMsFromHeaders(failure.headers) ?? parsed.retryAfterMs;
  return new LlmError(`${failure.provider}: ${failure.statusCode} ${kind}: ${providerMessage}`, {
    kind,
    provider: failure.provider,
    statusCode: failure.statusCode,
    ...(parsed.code !== undefined ? { errorCode: parsed.code } : {}),
    retryable: isRetryableKind(kind),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(failure.body !== undefined ? { raw: failure.body } : {}),
    cause: failure.cause,
  });
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

/**
 * Any failure of a provider call as an LlmError: AI SDK APICallErrors by status, aborts as
 * "aborted", fetch failures as "network", the rest as "unknown" (retryable, spec 6.3).
 */
export function toLlmError(error: unknown, provider: string, signal?: AbortSignal): LlmError {
  if (LlmError.isLlmError(error) && (error.kind === "aborted" || !signal?.aborted)) return error;
  if (signal?.aborted || isAbortError(error)) {
    return new LlmError(`${provider}: the call was cancelled`, { kind: "aborted", provider, retryable: false, cause: error });
  }
  const api = error as { statusCode?: unknown; responseHeaders?: Record<string, string>; responseBody?: unknown; message?: unknown; name?: unknown };
  if (error instanceof Error && typeof api.statusCode === "number") {
    return errorFromHttp({
      provider,
      statusCode: api.statusCode,
      ...(api.responseHeaders ? { headers: api.responseHeaders } : {}),
      ...(typeof api.responseBody === "string" ? { body: api.responseBody } : {}),
      message: error.message,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  const network = error instanceof TypeError || /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|socket/i.test(message) || (error instanceof Error && error.name === "AI_APICallError");
  const kind: LlmErrorKind = network ? "network" : (kindFromMessage(message) ?? "unknown");
  return new LlmError(`${provider}: ${kind}: ${message}`, { kind, provider, retryable: isRetryableKind(kind), cause: error });
}
