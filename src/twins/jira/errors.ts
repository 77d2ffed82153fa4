/**
 * Jira's response shapes for failures and empty successes. Every error body is
 * `{"errorMessages": [...], "errors": {"field": "message"}}`; the helpers here are the only
 * place a handler builds one, so the shape cannot drift.
 */
import { jsonResponse } from "../kit/index.js";

export interface ErrorCollection {
  errorMessages: string[];
  errors: Record<string, string>;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return jsonResponse(body, status, headers);
}

export function jiraError(status: number, errorMessages: string[] = [], errors: Record<string, string> = {}): Response {
  return jsonResponse({ errorMessages, errors } satisfies ErrorCollection, status);
}

/** 400 with field errors, as create and edit answer. */
export function fieldErrors(errors: Record<string, string>, errorMessages: string[] = []): Response {
  return jiraError(400, errorMessages, errors);
}

export function noContent(status = 204): Response {
  return new Response(null, { status });
}

export const ISSUE_NOT_FOUND = "Issue does not exist or you do not have permission to see it.";
export const INVALID_PAYLOAD = "Invalid request payload. Refer to the REST API documentation and try again.";

export const issueNotFound = () => jiraError(404, [ISSUE_NOT_FOUND]);
export const invalidPayload = () => jiraError(400, [INVALID_PAYLOAD]);

export function projectNotFound(idOrKey: string): Response {
  return jiraError(404, [/^\d+$/.test(idOrKey) ? `No project could be found with id '${idOrKey}'.` : `No project could be found with key '${idOrKey}'.`]);
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
