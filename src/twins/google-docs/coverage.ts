/**
 * What the Docs twin covers of Google Docs v1, keyed by the discovery method id, with the test
 * that proves each (scripts/twin-coverage.ts builds docs/twins/coverage.md from it).
 */
import { type CoverageEntry, testReference as t } from "../kit/index.js";
export type { CoverageEntry } from "../kit/index.js";

const SDK = "test/twins/google-docs-sdk.test.ts";
const CONTRACT = "test/twins/google-docs-contract.test.ts";

export const DOCS_COVERAGE: Record<string, CoverageEntry> = {
  "docs.documents.create": { status: "partial", test: t(SDK, "creates a document that is also a Drive file of the caller"), note: "title only; a body sent on create is ignored, as Google does" },
  "docs.documents.get": {
    status: "partial",
    test: t(CONTRACT, "answers a scripted session with bodies that match the discovery schemas"),
    note: "body only (no headers, footers, footnotes, inline objects); suggestionsViewMode is ignored; includeTabsContent gives one tab, t.0",
  },
  "docs.documents.batchUpdate": {
    status: "partial",
    test: t(SDK, "edits with batchUpdate: indices, replaceAllText, styles, bullets and tables"),
    note: "insertText, deleteContentRange, replaceAllText, insertTable, insertTableRow, deleteTableRow, insertTableColumn, deleteTableColumn, insertPageBreak, updateDocumentStyle, updateTextStyle, updateParagraphStyle, createParagraphBullets, deleteParagraphBullets; other request kinds answer 400; body segment only",
  },
};
