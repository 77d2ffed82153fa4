/**
 * Reads a `multipart/related` body (Drive's multipart upload: a JSON metadata part, then the
 * media part) byte-exactly, so binary content survives. Expected failures are data: a body that
 * is not what the content type says gives `{ error }`, which Drive answers with 400.
 */

export interface MultipartPart {
  headers: Record<string, string>;
  body: Uint8Array;
}

export type MultipartParse = { parts: MultipartPart[] } | { error: string };

export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(Buffer.from(needle), from);
}

const CRLF_CRLF = new TextEncoder().encode("\r\n\r\n");

export function parseMultipart(body: Uint8Array, boundary: string): MultipartParse {
  const delimiter = new TextEncoder().encode(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = indexOf(body, delimiter, 0);
  if (position < 0) return { error: "Multipart body does not contain the boundary." };
  for (;;) {
    position += delimiter.length;
    // `--` after a delimiter closes the body.
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return { parts };
    if (body[position] === 0x0d && body[position + 1] === 0x0a) position += 2;
    const next = indexOf(body, delimiter, position);
    if (next < 0) return parts.length > 0 ? { parts } : { error: "Multipart body is not terminated." };
    const headerEnd = indexOf(body, CRLF_CRLF, position);
    if (headerEnd < 0 || headerEnd > next) return { error: "Multipart part has no headers." };
    const headers: Record<string, string> = {};
    for (const line of new TextDecoder().decode(body.subarray(position, headerEnd)).split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    // The part's body ends before the CRLF that precedes the next delimiter.
    let end = next;
    if (body[end - 2] === 0x0d && body[end - 1] === 0x0a) end -= 2;
    parts.push({ headers, body: body.slice(headerEnd + 4, Math.max(headerEnd + 4, end)) });
    position = next;
  }
}
