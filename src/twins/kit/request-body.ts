/** Reading a request body once: JSON, form-encoded, multipart fields, or text. Never throws. */
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
    const raw = await request.clone().text();
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

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
}
