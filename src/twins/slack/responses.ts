/**
 * Slack's answer shapes. Every Web API answer is HTTP 200 with `{"ok": true, ...}` or
 * `{"ok": false, "error": "<code>", ...}`; only rate limiting is HTTP 429 (with `Retry-After`).
 * Expected failures are data: a method handler returns a `SlackFailure`, it never throws one.
 */
import { jsonResponse } from "../kit/index.js";

export type SlackBody = { ok: boolean } & Record<string, unknown>;
export interface SlackFailure {
  ok: false;
  error: string;
  [key: string]: unknown;
}

export const ok = (fields: Record<string, unknown> = {}): SlackBody => ({ ok: true, ...fields });

export const fail = (error: string, extra: Record<string, unknown> = {}): SlackFailure => ({ ok: false, error, ...extra });

/** Slack's answer to missing or malformed arguments, with the field named as Slack names it. */
export const invalidArguments = (message: string): SlackFailure =>
  fail("invalid_arguments", { response_metadata: { messages: [`[ERROR] ${message}`] } });

export const missingArgument = (name: string): SlackFailure => invalidArguments(`missing required field: ${name}`);

export function isFailure(value: unknown): value is SlackFailure {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false;
}

export function slackResponse(body: SlackBody, headers: Record<string, string> = {}): Response {
  return jsonResponse(body, 200, headers);
}

export function rateLimitedResponse(retryAfterSeconds: number): Response {
  return jsonResponse({ ok: false, error: "ratelimited" }, 429, { "retry-after": String(retryAfterSeconds) });
}
