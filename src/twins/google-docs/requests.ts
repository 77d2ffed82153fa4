/**
 * `documents.batchUpdate`: the requests applied in order to a working copy of the document, all
 * or nothing. A request Google would refuse stops the batch with Google's message,
 * `Invalid requests[2].insertText: Index 50 must be less than the end index of the referenced
 * segment, 12.`, and the stored document is left as it was (the caller only stores the copy when
 * every request succeeded). Expected failures are data: each handler returns a reply or a reason.
 */
import { type FieldMask, applyMask, parseFieldMask } from "../google-common/docs-sheets-field-mask.js";
import { type BulletRef, type DocumentRecord, type ParagraphStyle, type TextStyle, type Unit, NORMAL_PARAGRAPH, newline, tableUnits, textUnits } from "./model.js";
import { type Json, type Outcome, type Range, type Working, integer, isObject } from "./request-context.js";
import { isWellFormed, segmentMap, splitsSurrogatePair } from "./segments.js";
import { deleteTableColumn, deleteTableRow, insertTableColumn, insertTableRow } from "./table-requests.js";

const SUPPORTED = [
  "insertText",
  "deleteContentRange",
  "replaceAllText",
  "insertTable",
  "updateTextStyle",
  "updateParagraphStyle",
  "createParagraphBullets",
  "deleteParagraphBullets",
  "insertTableRow",
  "deleteTableRow",
  "insertTableColumn",
  "deleteTableColumn",
  "insertPageBreak",
  "updateDocumentStyle",
] as const;
type SupportedKind = (typeof SUPPORTED)[number];

/** Every request kind of Docs v1 (Request in the discovery document); the rest answer "not supported". */
const KNOWN_KINDS = new Set<string>([
  ...SUPPORTED,
  "createNamedRange",
  "deleteNamedRange",
  "insertInlineImage",
  "deletePositionedObject",
  "updateTableColumnProperties",
  "updateTableCellStyle",
  "updateTableRowStyle",
  "replaceImage",
  "mergeTableCells",
  "unmergeTableCells",
  "createHeader",
  "createFooter",
  "createFootnote",
  "replaceNamedRangeContent",
  "updateSectionStyle",
  "insertSectionBreak",
  "deleteHeader",
  "deleteFooter",
  "pinTableHeaderRows",
  "insertPerson",
  "insertDate",
  "addDocumentTab",
  "deleteTab",
  "updateDocumentTabProperties",
  "insertRichLink",
  "updateNamedStyle",
]);

export type BatchResult = { document: DocumentRecord; replies: Json[] } | { error: string };

function segmentProblem(location: Json): string | undefined {
  const segmentId = location.segmentId;
  if (segmentId !== undefined && segmentId !== "") return `Segment ${JSON.stringify(segmentId)} not found: the twin's documents have a body only (no headers, footers or footnotes).`;
  return undefined;
}

/** Where an insertion goes: `location.index` or the end of the body (before its last newline). */
function insertionIndex(request: Json, units: readonly Unit[]): number | string {
  const location = request.location;
  const end = request.endOfSegmentLocation;
  if (isObject(location) === isObject(end)) return "Exactly one of location or endOfSegmentLocation must be set.";
  if (isObject(end)) return segmentProblem(end) ?? units.length - 1;
  const place = location as Json;
  const problem = segmentProblem(place);
  if (problem) return problem;
  const index = integer(place.index);
  if (index === undefined) return "location.index is required.";
  return index;
}

function checkInsertion(units: readonly Unit[], index: number): string | undefined {
  const segments = segmentMap(units);
  const segment = segments.of(index);
  if (index >= segment.end && index >= units.length) return `Index ${index} must be less than the end index of the referenced segment, ${segment.end}.`;
  const unit = units[index];
  if (index < 1 || (unit?.kind !== "text" && unit?.kind !== "newline" && unit?.kind !== "pageBreak")) {
    return "The insertion index must be inside the bounds of an existing paragraph. You can still create new paragraphs by inserting newlines.";
  }
  if (splitsSurrogatePair(units, index)) return "The insertion index cannot be inside a surrogate pair.";
  return undefined;
}

/** The newline closing the paragraph that holds `index`. */
function closingNewline(units: readonly Unit[], index: number): number {
  let cursor = index;
  while (cursor < units.length && units[cursor]!.kind !== "newline") cursor += 1;
  return cursor;
}

function insertText(working: Working, request: Json): Outcome {
  const text = request.text;
  if (typeof text !== "string") return { error: "text is required." };
  const index = insertionIndex(request, working.units);
  if (typeof index === "string") return { error: index };
  const problem = checkInsertion(working.units, index);
  if (problem) return { error: problem };
  if (text === "") return { reply: {} };
  const before = working.units[index - 1];
  const at = working.units[index] as Extract<Unit, { kind: "text" | "newline" | "pageBreak" }>;
  const style = before?.kind === "text" ? before.style : at.style;
  const closing = working.units[closingNewline(working.units, index)] as Extract<Unit, { kind: "newline" }>;
  working.units.splice(index, 0, ...textUnits(text.replace(/\r\n?/g, "\n"), style, closing.paragraph, closing.bullet));
  return { reply: {} };
}

function readRange(request: Json, units: readonly Unit[]): Range | string {
  const range = request.range;
  if (!isObject(range)) return "range is required.";
  const problem = segmentProblem(range);
  if (problem) return problem;
  const start = integer(range.startIndex);
  const end = integer(range.endIndex);
  if (start === undefined || end === undefined) return "The range must have both a start and an end index.";
  if (start < 0) return `Index ${start} must be greater than or equal to 0.`;
  if (end <= start) return start === end ? "The range should not be empty." : "The end index must be greater than the start index.";
  if (end > units.length) return `Index ${end} must be less than the end index of the referenced segment, ${units.length}.`;
  return { start, end };
}

function deleteContentRange(working: Working, request: Json): Outcome {
  const range = readRange(request, working.units);
  if (typeof range === "string") return { error: range };
  const { units } = working;
  if (range.start < 1) return { error: "The range cannot include the section break at index 0." };
  const segments = segmentMap(units);
  const segment = segments.of(range.start);
  if (segments.of(range.end - 1) !== segment) return { error: "Invalid deletion range. Cannot delete across a table, a row or a cell boundary; delete the whole table instead." };
  if (range.end >= segment.end) return { error: "The range cannot include the newline character at the end of the segment." };
  if (splitsSurrogatePair(units, range.start) || splitsSurrogatePair(units, range.end)) return { error: "The range cannot split a surrogate pair." };
  const next = [...units];
  next.splice(range.start, range.end - range.start);
  if (!isWellFormed(next)) return { error: "Invalid deletion range. Cannot delete the newline that precedes a table or the paragraph that follows one." };
  working.units = next;
  return { reply: {} };
}

function replaceAllText(working: Working, request: Json): Outcome {
  const contains = request.containsText;
  if (!isObject(contains) || typeof contains.text !== "string" || contains.text === "") return { error: "containsText.text must not be empty." };
  const replaceText = typeof request.replaceText === "string" ? request.replaceText : "";
  const needle = contains.matchCase === true ? contains.text : contains.text.toLowerCase();
  const { units } = working;
  // Matches are found within a paragraph's text (never across a newline or a marker).
  const matches: number[] = [];
  let cursor = 0;
  while (cursor < units.length) {
    if (units[cursor]!.kind !== "text") {
      cursor += 1;
      continue;
    }
    const start = cursor;
    let text = "";
    for (let unit = units[cursor]; unit?.kind === "text"; unit = units[cursor]) {
      text += unit.text;
      cursor += 1;
    }
    const haystack = contains.matchCase === true ? text : text.toLowerCase();
    let from = 0;
    for (let found = haystack.indexOf(needle, from); found >= 0; found = haystack.indexOf(needle, from)) {
      matches.push(start + found);
      from = found + needle.length;
    }
  }
  for (const index of matches.reverse()) {
    const first = units[index] as Extract<Unit, { kind: "text" }>;
    const closing = units[closingNewline(units, index)] as Extract<Unit, { kind: "newline" }>;
    units.splice(index, needle.length, ...textUnits(replaceText, first.style, closing.paragraph, closing.bullet));
  }
  return { reply: { replaceAllText: matches.length > 0 ? { occurrencesChanged: matches.length } : {} } };
}

function insertTable(working: Working, request: Json): Outcome {
  const rows = integer(request.rows);
  const columns = integer(request.columns);
  if (rows === undefined || rows < 1) return { error: "The number of rows must be at least 1." };
  if (columns === undefined || columns < 1) return { error: "The number of columns must be at least 1." };
  if (columns > 20) return { error: "The number of columns must be at most 20." };
  const index = insertionIndex(request, working.units);
  if (typeof index === "string") return { error: index };
  const problem = checkInsertion(working.units, index);
  if (problem) return { error: problem };
  const closing = working.units[closingNewline(working.units, index)] as Extract<Unit, { kind: "newline" }>;
  // Google inserts a newline before the table, so the table starts at index + 1.
  working.units.splice(index, 0, newline(closing.paragraph, closing.style, closing.bullet), ...tableUnits(rows, columns));
  return { reply: {} };
}

/** A page break and a newline at the index, in the body only (not in a table cell). */
function insertPageBreak(working: Working, request: Json): Outcome {
  const index = insertionIndex(request, working.units);
  if (typeof index === "string") return { error: index };
  const problem = checkInsertion(working.units, index);
  if (problem) return { error: problem };
  const segments = segmentMap(working.units);
  if (segments.of(index) !== segments.body) return { error: "Page breaks cannot be inserted inside a table." };
  const before = working.units[index - 1];
  const at = working.units[index] as Extract<Unit, { kind: "text" | "newline" | "pageBreak" }>;
  const closing = working.units[closingNewline(working.units, index)] as Extract<Unit, { kind: "newline" }>;
  working.units.splice(index, 0, { kind: "pageBreak", style: before?.kind === "text" ? before.style : at.style }, newline(closing.paragraph, closing.style, closing.bullet));
  return { reply: {} };
}

const DOCUMENT_STYLE_FIELDS = ["background", "pageNumberStart", "marginTop", "marginBottom", "marginRight", "marginLeft", "pageSize", "marginHeader", "marginFooter", "useCustomHeaderFooterMargins", "flipPageOrientation", "useFirstPageHeaderFooter", "useEvenPageHeaderFooter", "documentFormat"];

/** Page size, margins, background...: stored over the defaults, under a field mask. */
function updateDocumentStyle(working: Working, request: Json): Outcome {
  const mask = maskOf(request);
  if (typeof mask === "string") return { error: mask };
  const unknown = mask.all ? [] : [...mask.fields].filter((field) => !DOCUMENT_STYLE_FIELDS.includes(field));
  if (unknown.length > 0) return { error: `Invalid field mask: ${unknown.join(", ")} is not a field of DocumentStyle that can be updated.` };
  const update = isObject(request.documentStyle) ? request.documentStyle : {};
  working.documentStyle = applyMask(working.documentStyle, update, mask);
  return { reply: {} };
}

/** Indices of the newlines closing every paragraph the range touches. */
function paragraphNewlines(units: readonly Unit[], range: Range): number[] {
  const found: number[] = [];
  const last = closingNewline(units, Math.max(range.start, range.end - 1));
  for (let index = range.start; index <= last && index < units.length; index++) if (units[index]!.kind === "newline") found.push(index);
  return found;
}

function maskOf(request: Json): FieldMask | string {
  const mask = parseFieldMask(request.fields);
  return mask ?? "At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)";
}

function updateTextStyle(working: Working, request: Json): Outcome {
  const range = readRange(request, working.units);
  if (typeof range === "string") return { error: range };
  const mask = maskOf(request);
  if (typeof mask === "string") return { error: mask };
  const textStyle = isObject(request.textStyle) ? request.textStyle : {};
  for (let index = range.start; index < range.end; index++) {
    const unit = working.units[index]!;
    if (unit.kind === "text" || unit.kind === "newline" || unit.kind === "pageBreak") working.units[index] = { ...unit, style: applyMask<TextStyle>(unit.style, textStyle, mask) };
  }
  return { reply: {} };
}

function updateParagraphStyle(working: Working, request: Json): Outcome {
  const range = readRange(request, working.units);
  if (typeof range === "string") return { error: range };
  const mask = maskOf(request);
  if (typeof mask === "string") return { error: mask };
  const paragraphStyle = isObject(request.paragraphStyle) ? request.paragraphStyle : {};
  for (const index of paragraphNewlines(working.units, range)) {
    const unit = working.units[index] as Extract<Unit, { kind: "newline" }>;
    const paragraph = applyMask<ParagraphStyle>(unit.paragraph, paragraphStyle, mask);
    working.units[index] = { ...unit, paragraph: paragraph.namedStyleType === undefined ? { ...paragraph, namedStyleType: NORMAL_PARAGRAPH.namedStyleType } : paragraph };
  }
  return { reply: {} };
}

const BULLET_PRESETS = /^(BULLET|NUMBERED)_[A-Z_]+$/;

/**
 * Bullets for every paragraph of the range, in one new list. As in Google Docs, leading tabs set
 * the nesting level and are removed (which shifts the indices after them).
 */
function createParagraphBullets(working: Working, request: Json): Outcome {
  const range = readRange(request, working.units);
  if (typeof range === "string") return { error: range };
  const preset = request.bulletPreset;
  if (typeof preset !== "string" || !BULLET_PRESETS.test(preset)) return { error: `Invalid value for bulletPreset: ${JSON.stringify(preset ?? null)}.` };
  const listId = working.nextListId();
  working.lists[listId] = { preset };
  const newlines = paragraphNewlines(working.units, range).reverse();
  for (const index of newlines) {
    const unit = working.units[index] as Extract<Unit, { kind: "newline" }>;
    let start = index;
    while (start > 0 && (working.units[start - 1]!.kind === "text")) start -= 1;
    let tabs = 0;
    while ((working.units[start + tabs] as { text?: string }).text === "\t") tabs += 1;
    const bullet: BulletRef = { listId, nestingLevel: Math.min(tabs, 8) };
    working.units[index] = { ...unit, bullet };
    if (tabs > 0) working.units.splice(start, tabs);
  }
  return { reply: {} };
}

function deleteParagraphBullets(working: Working, request: Json): Outcome {
  const range = readRange(request, working.units);
  if (typeof range === "string") return { error: range };
  for (const index of paragraphNewlines(working.units, range)) {
    const unit = working.units[index] as Extract<Unit, { kind: "newline" }>;
    if (unit.bullet) working.units[index] = newline(unit.paragraph, unit.style);
  }
  return { reply: {} };
}

const HANDLERS: Record<SupportedKind, (working: Working, request: Json) => Outcome> = {
  insertText,
  deleteContentRange,
  replaceAllText,
  insertTable,
  updateTextStyle,
  updateParagraphStyle,
  createParagraphBullets,
  deleteParagraphBullets,
  insertTableRow,
  deleteTableRow,
  insertTableColumn,
  deleteTableColumn,
  insertPageBreak,
  updateDocumentStyle,
};

/** The one request kind set in a Request union, or a message naming what is wrong with it. */
function requestKind(request: unknown, position: number): { kind: SupportedKind; body: Json } | string {
  if (!isObject(request)) return `Invalid value at 'requests[${position}]': expected an object.`;
  const keys = Object.keys(request);
  for (const key of keys) {
    if (!KNOWN_KINDS.has(key)) return `Invalid JSON payload received. Unknown name "${key}" at 'requests[${position}]': Cannot find field.`;
  }
  if (keys.length !== 1) return `Invalid requests[${position}]: exactly one kind of request must be set, got ${keys.length === 0 ? "none" : keys.join(", ")}.`;
  const kind = keys[0]!;
  if (!(SUPPORTED as readonly string[]).includes(kind)) return `Invalid requests[${position}].${kind}: this request is not supported by the Lightsout Docs twin.`;
  const body = request[kind];
  if (!isObject(body)) return `Invalid requests[${position}].${kind}: expected an object.`;
  return { kind: kind as SupportedKind, body };
}

export function applyRequests(document: DocumentRecord, requests: unknown, nextListId: () => string): BatchResult {
  if (!Array.isArray(requests) || requests.length === 0) return { error: "Must specify at least one request." };
  const working: Working = { units: [...document.units], lists: { ...document.lists }, documentStyle: { ...document.documentStyle }, nextListId };
  const replies: Json[] = [];
  for (const [position, request] of requests.entries()) {
    const parsed = requestKind(request, position);
    if (typeof parsed === "string") return { error: parsed };
    const outcome = HANDLERS[parsed.kind](working, parsed.body);
    if ("error" in outcome) return { error: `Invalid requests[${position}].${parsed.kind}: ${outcome.error}` };
    // A safety net under the handlers' own checks: no request may leave a malformed body.
    if (!isWellFormed(working.units)) return { error: `Invalid requests[${position}].${parsed.kind}: the request would leave the document's structure invalid.` };
    replies.push(outcome.reply);
  }
  const documentStyle = Object.keys(working.documentStyle).length > 0 ? { documentStyle: working.documentStyle } : {};
  return { document: { documentId: document.documentId, units: working.units, lists: working.lists, revisionId: document.revisionId, ...documentStyle }, replies };
}
