import type { docs_v1 } from "@googleapis/docs";
import { describe, expect, it } from "vitest";
import { emptyState } from "../kit/index.js";
import { type DocumentRecord, copyDocument, getDocument, initialUnits, plainText, putDocument } from "./model.js";
import { applyRequests } from "./requests.js";
import { bodyContent } from "./structure.js";

type Element = docs_v1.Schema$StructuralElement;
const contentOf = (document: DocumentRecord) => bodyContent(document.units) as Element[];

function documentOf(text = ""): DocumentRecord {
  return { documentId: "doc", units: initialUnits(text), lists: {}, revisionId: "r1" };
}

let listCounter = 0;
function apply(document: DocumentRecord, ...requests: unknown[]): DocumentRecord {
  const result = applyRequests(document, requests, () => `kix.list${++listCounter}`);
  if ("error" in result) throw new Error(result.error);
  return result.document;
}

function errorOf(document: DocumentRecord, ...requests: unknown[]): string {
  const result = applyRequests(document, requests, () => "kix.x");
  if (!("error" in result)) throw new Error("expected the batch to be refused");
  return result.error;
}

const insert = (text: string, index: number) => ({ insertText: { text, location: { index } } });

describe("the document model", () => {
  it("gives a new document a section break and one empty paragraph ending at index 2", () => {
    const content = bodyContent(documentOf().units);
    expect(content).toHaveLength(2);
    expect(content[0]).toMatchObject({ endIndex: 1, sectionBreak: {} });
    expect(content[0]!.startIndex).toBeUndefined();
    expect(content[1]).toMatchObject({ startIndex: 1, endIndex: 2, paragraph: { elements: [{ startIndex: 1, endIndex: 2, textRun: { content: "\n" } }] } });
  });

  it("counts indices in UTF-16 code units and splits paragraphs on newlines", () => {
    const document = apply(documentOf(), insert("Hello 😀\nWorld", 1));
    const paragraphs = contentOf(document).slice(1);
    // "Hello " (6) + the emoji (2 code units) + newline = 9 units from index 1.
    expect(paragraphs.map((element) => [element.startIndex, element.endIndex])).toEqual([
      [1, 10],
      [10, 16],
    ]);
    expect(paragraphs[0]!.paragraph?.elements?.[0]?.textRun?.content).toBe("Hello 😀\n");
  });

  it("shifts later indices after an insert and a delete, and merges paragraphs when a newline goes", () => {
    let document = apply(documentOf("abc\ndef"), insert("XY", 2));
    expect(plainText(document.units)).toBe("aXYbc\ndef\n");
    document = apply(document, { deleteContentRange: { range: { startIndex: 4, endIndex: 8 } } });
    expect(plainText(document.units)).toBe("aXYef\n");
    expect(bodyContent(document.units)).toHaveLength(2);
  });

  it("refuses an index past the end with Google's wording and applies nothing of the batch", () => {
    const document = documentOf("Hello world");
    // The second request sees the document as the first left it: 13 + 2 units long.
    const message = errorOf(document, insert("ok", 1), insert("late", 50));
    expect(message).toBe("Invalid requests[1].insertText: Index 50 must be less than the end index of the referenced segment, 15.");
    expect(plainText(document.units)).toBe("Hello world\n");
  });

  it("refuses to delete the final newline of the body and an empty range", () => {
    const document = documentOf("abc");
    expect(errorOf(document, { deleteContentRange: { range: { startIndex: 1, endIndex: 5 } } })).toBe("Invalid requests[0].deleteContentRange: The range cannot include the newline character at the end of the segment.");
    expect(errorOf(document, { deleteContentRange: { range: { startIndex: 2, endIndex: 2 } } })).toBe("Invalid requests[0].deleteContentRange: The range should not be empty.");
  });

  it("replaces every occurrence, case-insensitively unless matchCase, and counts them", () => {
    const document = documentOf("Dear NAME,\nname and Name");
    const result = applyRequests(document, [{ replaceAllText: { containsText: { text: "name", matchCase: true }, replaceText: "Ada" } }, { replaceAllText: { containsText: { text: "NAME" }, replaceText: "Bo" } }], () => "kix.x");
    if ("error" in result) throw new Error(result.error);
    expect(result.replies).toEqual([{ replaceAllText: { occurrencesChanged: 1 } }, { replaceAllText: { occurrencesChanged: 2 } }]);
    expect(plainText(result.document.units)).toBe("Dear Bo,\nAda and Bo\n");
  });

  it("inserts a table after a newline, so it starts at index + 1, with a cell's text at index + 4", () => {
    let document = apply(documentOf("ab"), { insertTable: { rows: 2, columns: 2, location: { index: 3 } } });
    const table = contentOf(document).find((element) => element.table)!;
    expect(table.startIndex).toBe(4);
    expect(table.table?.rows).toBe(2);
    expect(table.table?.tableRows?.[0]?.tableCells?.[0]?.content?.[0]?.startIndex).toBe(7);
    // 1 table start + 2 x (1 row start + 2 x (cell start + newline)) + 1 table end.
    expect(table.endIndex).toBe(4 + 12);
    document = apply(document, insert("cell", 7));
    const cells = contentOf(document).find((element) => element.table)!.table?.tableRows?.[0]?.tableCells;
    expect(cells?.[0]?.content?.[0]?.paragraph?.elements?.[0]?.textRun?.content).toBe("cell\n");
    expect(cells?.[1]?.startIndex).toBe(12);
  });

  it("inserts and deletes table rows and columns, and the table with its last column", () => {
    // "ab" then a 2x2 table at 4: cells' paragraphs at 7, 9 (row 0) and 12, 14 (row 1).
    let document = apply(documentOf("ab"), { insertTable: { rows: 2, columns: 2, location: { index: 3 } } }, insert("x", 9));
    const location = (rowIndex: number, columnIndex: number) => ({ tableStartLocation: { index: 4 }, rowIndex, columnIndex });
    document = apply(document, { insertTableColumn: { tableCellLocation: location(0, 1), insertRight: true } }, { insertTableRow: { tableCellLocation: location(1, 0), insertBelow: true } });
    const cellTexts = () =>
      contentOf(document)
        .find((element) => element.table)!
        .table!.tableRows!.map((row) => row.tableCells!.map((cell) => cell.content![0]!.paragraph!.elements![0]!.textRun!.content));
    expect(cellTexts()).toEqual([
      ["\n", "x\n", "\n"],
      ["\n", "\n", "\n"],
      ["\n", "\n", "\n"],
    ]);
    expect(contentOf(document).find((element) => element.table)!.table!.columns).toBe(3);
    document = apply(document, { deleteTableColumn: { tableCellLocation: location(0, 0) } }, { deleteTableRow: { tableCellLocation: location(2, 0) } });
    expect(cellTexts()).toEqual([
      ["x\n", "\n"],
      ["\n", "\n"],
    ]);
    document = apply(document, { deleteTableColumn: { tableCellLocation: location(0, 0) } }, { deleteTableColumn: { tableCellLocation: location(0, 0) } });
    expect(contentOf(document).some((element) => element.table)).toBe(false);
    expect(plainText(document.units)).toBe("ab\n\n");
    expect(errorOf(documentOf("ab"), { insertTableColumn: { tableCellLocation: location(0, 0) } })).toMatch(/^Invalid requests\[0\]\.insertTableColumn: Invalid table start location/);
  });

  it("refuses to insert text between the markers of a table", () => {
    const document = apply(documentOf("ab"), { insertTable: { rows: 1, columns: 1, location: { index: 3 } } });
    expect(errorOf(document, insert("x", 5))).toMatch(/^Invalid requests\[0\]\.insertText: The insertion index must be inside the bounds of an existing paragraph/);
  });

  it("styles text runs with a field mask and splits runs at style changes", () => {
    const document = apply(documentOf("Hello world"), { updateTextStyle: { range: { startIndex: 1, endIndex: 6 }, textStyle: { bold: true, italic: true }, fields: "bold" } });
    const runs = contentOf(document)[1]!.paragraph?.elements?.map((element) => [element.textRun?.content, element.textRun?.textStyle]);
    expect(runs).toEqual([
      ["Hello", { bold: true }],
      [" world\n", {}],
    ]);
    expect(errorOf(document, { updateTextStyle: { range: { startIndex: 1, endIndex: 2 }, textStyle: { bold: true } } })).toMatch(/At least one field must be listed in 'fields'/);
  });

  it("makes bullets in one new list, nesting by leading tabs which it removes", () => {
    const document = apply(documentOf("one\n\ttwo\nthree"), { createParagraphBullets: { range: { startIndex: 1, endIndex: 14 }, bulletPreset: "BULLET_DISC_CIRCLE_SQUARE" } });
    const paragraphs = contentOf(document).slice(1).map((element) => element.paragraph);
    expect(paragraphs.map((paragraph) => paragraph?.bullet)).toEqual([
      { listId: "kix.list" + listCounter, textStyle: { underline: false } },
      { listId: "kix.list" + listCounter, nestingLevel: 1, textStyle: { underline: false } },
      { listId: "kix.list" + listCounter, textStyle: { underline: false } },
    ]);
    expect(plainText(document.units)).toBe("one\ntwo\nthree\n");
    expect(document.lists).toEqual({ [`kix.list${listCounter}`]: { preset: "BULLET_DISC_CIRCLE_SQUARE" } });
  });

  it("inserts a page break and a newline, a paragraph element of its own", () => {
    const document = apply(documentOf("ab"), { insertPageBreak: { location: { index: 2 } } });
    const paragraphs = contentOf(document).slice(1);
    expect(paragraphs.map((element) => element.paragraph?.elements?.map((item) => (item.pageBreak ? "<break>" : item.textRun?.content)))).toEqual([["a", "<break>", "\n"], ["b\n"]]);
    expect(paragraphs[0]!.paragraph?.elements?.[1]).toEqual({ startIndex: 2, endIndex: 3, pageBreak: { textStyle: {} } });
    const withTable = apply(documentOf("ab"), { insertTable: { rows: 1, columns: 1, location: { index: 3 } } });
    expect(errorOf(withTable, { insertPageBreak: { location: { index: 7 } } })).toBe("Invalid requests[0].insertPageBreak: Page breaks cannot be inserted inside a table.");
  });

  it("updates the document style under a field mask, refusing fields it does not have", () => {
    const document = apply(documentOf(), { updateDocumentStyle: { documentStyle: { marginTop: { magnitude: 36, unit: "PT" }, pageNumberStart: 5 }, fields: "marginTop" } });
    expect(document.documentStyle).toEqual({ marginTop: { magnitude: 36, unit: "PT" } });
    expect(errorOf(document, { updateDocumentStyle: { documentStyle: {}, fields: "marginTop,colour" } })).toBe("Invalid requests[0].updateDocumentStyle: Invalid field mask: colour is not a field of DocumentStyle that can be updated.");
  });

  it("refuses unknown request kinds with Google's JSON payload wording", () => {
    expect(errorOf(documentOf(), { insertTxt: {} })).toBe(`Invalid JSON payload received. Unknown name "insertTxt" at 'requests[0]': Cannot find field.`);
  });

  it("gives a Drive copy the source's content under its own id", () => {
    const state = copyDocument(putDocument(emptyState(0, 0), documentOf("original")), "doc", "copy");
    expect(plainText(getDocument(state, "copy")!.units)).toBe("original\n");
    expect(getDocument(state, "copy")!.documentId).toBe("copy");
  });
});
