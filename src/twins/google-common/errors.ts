/**
 * Google's JSON error shape, shared by the Drive, Docs and Sheets twins:
 * `{ "error": { "code", "message", "errors": [{ "message", "domain", "reason", "location"?, "locationType"? }], "status" } }`.
 * Drive v3 fills `errors`; Docs v1 and Sheets v4 answer with `code`, `message` and `status` only
 * (pass no `reason`).
 */
import { jsonResponse } from "../kit/index.js";

/** The canonical status (google.rpc.Code name) for an HTTP status. */
const STATUS_OF_CODE: Readonly<Record<number, string>> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  412: "FAILED_PRECONDITION",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

export interface GoogleErrorOptions {
  code: number;
  message: string;
  /** google.rpc status name; derived from `code` when omitted. */
  status?: string;
  /** Drive-style detail: `reason` such as `notFound`, `userRateLimitExceeded`, `invalid`. */
  reason?: string;
  /** The detail's own message when Google words it apart from the top one ("Invalid Credentials"). */
  detailMessage?: string;
  domain?: string;
  location?: string;
  locationType?: string;
  headers?: Record<string, string>;
}

export function googleErrorBody(options: GoogleErrorOptions): { error: Record<string, unknown> } {
  const error: Record<string, unknown> = { code: options.code, message: options.message };
  if (options.reason !== undefined) {
    const detail: Record<string, unknown> = { message: options.detailMessage ?? options.message, domain: options.domain ?? "global", reason: options.reason };
    if (options.location !== undefined) detail.location = options.location;
    if (options.locationType !== undefined) detail.locationType = options.locationType;
    error.errors = [detail];
  }
  error.status = options.status ?? STATUS_OF_CODE[options.code] ?? "UNKNOWN";
  return { error };
}

export function googleError(options: GoogleErrorOptions): Response {
  return jsonResponse(googleErrorBody(options), options.code, options.headers ?? {});
}
