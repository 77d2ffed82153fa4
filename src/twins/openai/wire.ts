/** Small helpers for OpenAI bodies: object checks, the parse result type, the event-stream answer. */
import { bufferedResponse } from "../kit/index.js";
import { invalidRequest } from "./errors.js";

export type Fields = Record<string, unknown>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

export function isObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const failed = (response: Response): { ok: false; response: Response } => ({ ok: false, response });

/** The body as an object, or OpenAI's answer to a body that is not JSON or not an object. */
export function requestObject(body: unknown, rawBody: string): Parsed<Fields> {
  if (isObject(body)) return { ok: true, value: body };
  if (rawBody.trim() !== "" && body === undefined) {
    return failed(
      invalidRequest(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
        null,
        null,
      ),
    );
  }
  if (rawBody.trim() === "") return failed(invalidRequest("you must provide a model parameter", null, null));
  return failed(invalidRequest("Invalid type for request body: expected an object.", null, "invalid_type"));
}

/** A server-sent events answer, written whole (the twin has the turn before it answers). */
export function eventStreamResponse(body: string, headers: Record<string, string> = {}): Response {
  return bufferedResponse(body, { status: 200, headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", ...headers } });
}
