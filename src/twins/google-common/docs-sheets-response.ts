/**
 * A Docs or Sheets success answer, trimmed by the `fields` system parameter when the client sent
 * one (`fields=sheets.properties.title`, `sheets(properties(sheetId,title))`, `documentId,title`).
 * Docs and Sheets clients write sub-fields with dots as often as with slashes; both are read.
 */
import { jsonResponse, type TwinContext } from "../kit/index.js";
import { googleError } from "./errors.js";
import { parseFields, selectFields } from "./fields.js";

export function partialResponse(context: TwinContext, body: unknown): Response {
  const fields = context.url.searchParams.get("fields");
  if (fields === null) return jsonResponse(body);
  const parsed = parseFields(fields.replace(/\./g, "/"));
  if ("error" in parsed) return googleError({ code: 400, message: `Invalid field selection ${fields}` });
  return jsonResponse(selectFields(body, parsed.mask));
}
