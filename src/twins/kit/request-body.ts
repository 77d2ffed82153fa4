/** Reading a request body once: JSON, form-encoded, multipart fields, or text. Never throws. */
import { bufferedResponse, bufferedText } from "./buffered-body.js";

export interface ReadBody {
  /** A JSON value, an object of form fields, or undefined for an empty or unreadable body. */
  parsed: unknown;
  raw: string;
  /** Set when the body was declared JSON but is not. */
  invalidJson?: boolean;
}

export async function readBody(request: Request): Promise<ReadBody> {
  if (request.method === "GET" || request.method === "HEAD") return { parsed: undefined, raw: "" };
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  try {
    if (type.includes("multipart/form-data")) {
      const form = await request.clone().formData();
      const fields: Record<string, unknown> = {};
      for (const [key, value] of form) fields[key] = typeof value === "string" ? value : { filename: value.name, size: value.size, type: value.type };
      return { parsed: fields, raw: "" };
    }
    // A body served by serveTwin is read from its bytes; any other Request is cloned, so that a
    // handler can still read the original.
    const raw = bufferedText(request) ?? (await request.clone().text());
    if (raw === "") return { parsed: undefined, raw };
    if (type.includes("application/x-www-form-urlencoded")) return { parsed: Object.fromEntries(new URLSearchParams(raw)), raw };
    if (type.includes("json") || /^\s*[[{]/.test(raw)) {
      try {
        return { parsed: JSON.parse(raw) as unknown, raw };
      } catch {
        return { parsed: undefined, raw, invalidJson: true };
      }
    }
    return { parsed: raw, raw };
  } catch {
    return { parsed: undefined, raw: "" };
  }
}

/**
 * The values `jsonResponse` serialized, by response: the request log takes the body from here
 * instead of cloning and parsing every response again. Weak, so both go with the response.
 */
const serializedValues = new WeakMap<Response, unknown>();

/** A JSON answer. Its body is buffered text (no stream), which the server writes as is. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const response = bufferedResponse(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
  serializedValues.set(response, body);
  return response;
}

/**
 * The body text of a buffered response (`jsonResponse`) not read yet: the server writes it as is
 * instead of reading a stream back.
 */
export function serializedText(response: Response): string | undefined {
  return response.bodyUsed ? undefined : bufferedText(response);
}

/** The JSON body of a response for the log: the value `jsonResponse` got, or the body parsed. */
export async function peekJson(response: Response): Promise<unknown> {
  if (serializedValues.has(response)) return serializedValues.get(response);
  if (!(response.headers.get("content-type") ?? "").includes("json")) return undefined;
  try {
    return await response.clone().json();
  } catch {
    return undefined;
  }
}
