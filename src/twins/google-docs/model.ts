/**
 * How the Docs twin stores a document: the body as a flat array of units, one per index.
 *
 * Google addresses every position of a document by a UTF-16 index: a character is one index, a
 * paragraph's closing newline is one, and so are the invisible markers that open a table, a row
 * and a cell, and the one that closes a table. Storing exactly that sequence makes every index
 * rule fall out of array positions: an insert is a splice, a delete is a splice, and the
 * structure Google returns (`body.content` with paragraphs, runs and tables, each with
 * `startIndex`/`endIndex`) is computed from the array on read (structure.ts). A paragraph's
 * style and bullet live on its newline, which is why splitting a paragraph copies them and
 * merging two keeps the second's, as in Google Docs. ADR 0130.
 */
import { type TenantState, getRecord, putRecord } from "../kit/index.js";

export const DOCUMENTS = "docs.documents";

/** Google's TextStyle, kept as the JSON the client sent (bold, italic, link, fontSize...). */
export type TextStyle = Readonly<Record<string, unknown>>;
/** Google's ParagraphStyle (namedStyleType, alignment, ...), without the defaults added on read. */
export type ParagraphStyle = Readonly<Record<string, unknown>>;

export interface BulletRef {
  listId: string;
  nestingLevel: number;
}

export type Unit =
  | { readonly kind: "sectionBreak" }
  | { readonly kind: "text"; readonly text: string; readonly style: TextStyle }
  | { readonly kind: "pageBreak"; readonly style: TextStyle }
  | { readonly kind: "newline"; readonly style: TextStyle; readonly paragraph: ParagraphStyle; readonly bullet?: BulletRef }
  | { readonly kind: "tableStart"; readonly columns: number }
  | { readonly kind: "rowStart" }
  | { readonly kind: "cellStart" }
  | { readonly kind: "tableEnd" };

export interface ListRecord {
  /** The createParagraphBullets preset the list was made with, e.g. `BULLET_DISC_CIRCLE_SQUARE`. */
  preset: string;
}

export interface DocumentRecord {
  documentId: string;
  /** Index i of the array is document index i; unit 0 is the section break. */
  units: readonly Unit[];
  lists: Readonly<Record<string, ListRecord>>;
  /** Opaque, changes on every successful batchUpdate. */
  revisionId: string;
  /** DocumentStyle fields set by updateDocumentStyle, over the defaults. */
  documentStyle?: Readonly<Record<string, unknown>>;
}

export const EMPTY_STYLE: TextStyle = Object.freeze({});
export const NORMAL_PARAGRAPH: ParagraphStyle = Object.freeze({ namedStyleType: "NORMAL_TEXT" });
const SECTION_BREAK: Unit = Object.freeze({ kind: "sectionBreak" });

export function newline(paragraph: ParagraphStyle = NORMAL_PARAGRAPH, style: TextStyle = EMPTY_STYLE, bullet?: BulletRef): Unit {
  return bullet ? { kind: "newline", style, paragraph, bullet } : { kind: "newline", style, paragraph };
}

/** The units of a plain text (one per UTF-16 code unit; `\n` closes a paragraph). */
export function textUnits(text: string, style: TextStyle = EMPTY_STYLE, paragraph: ParagraphStyle = NORMAL_PARAGRAPH, bullet?: BulletRef): Unit[] {
  const units: Unit[] = [];
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    units.push(character === "\n" ? newline(paragraph, style, bullet) : { kind: "text", text: character, style });
  }
  return units;
}

/** A new document's body: the section break and one empty paragraph (end index 2). */
export function initialUnits(text = ""): Unit[] {
  const body = text.endsWith("\n") ? text : `${text}\n`;
  return [SECTION_BREAK, ...textUnits(body)];
}

/** An empty table of rows x columns, each cell holding one empty paragraph. */
export function tableUnits(rows: number, columns: number): Unit[] {
  const units: Unit[] = [{ kind: "tableStart", columns }];
  for (let row = 0; row < rows; row++) {
    units.push({ kind: "rowStart" });
    for (let column = 0; column < columns; column++) units.push({ kind: "cellStart" }, newline());
  }
  units.push({ kind: "tableEnd" });
  return units;
}

export function getDocument(state: TenantState, id: string): DocumentRecord | undefined {
  return getRecord<DocumentRecord>(state, DOCUMENTS, id);
}

export function putDocument(state: TenantState, document: DocumentRecord): TenantState {
  return putRecord(state, DOCUMENTS, document.documentId, document);
}

/** The text of a range of units: characters and newlines, markers left out. */
export function plainText(units: readonly Unit[], start = 0, end = units.length): string {
  let text = "";
  for (let index = start; index < end; index++) {
    const unit = units[index]!;
    if (unit.kind === "text") text += unit.text;
    else if (unit.kind === "newline") text += "\n";
  }
  return text;
}

/**
 * A Drive file of the document type has content even when it was made through Drive
 * (`files.create` with the Docs mimeType) rather than the Docs API: an empty document, made and
 * stored on first use.
 */
export function documentOrEmpty(state: TenantState, id: string): { document: DocumentRecord; state: TenantState } {
  const existing = getDocument(state, id);
  if (existing) return { document: existing, state };
  const document: DocumentRecord = { documentId: id, units: initialUnits(), lists: {}, revisionId: `ALm37BDrive${id.slice(0, 12)}` };
  return { document, state: putDocument(state, document) };
}

/** For Drive's `files.copy`: the copy gets the source's content under its own id. */
export function copyDocument(state: TenantState, sourceId: string, targetId: string): TenantState {
  const source = getDocument(state, sourceId);
  return source ? putDocument(state, { ...source, documentId: targetId }) : state;
}
