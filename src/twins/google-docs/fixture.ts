/**
 * The Docs part of a Google tenant fixture: `documents: [{ id?, title, owner, text? }]`. Each
 * becomes a Drive file owned by `owner` and a document whose body is `text` (paragraphs split
 * on newlines). Sharing is Drive's part of the fixture (permissions on the same id).
 */
import { createWorkspaceFile, newWorkspaceId } from "../google-common/docs-sheets-files.js";
import { getWorkspaceFile, GOOGLE_DOCUMENT_MIME } from "../google-common/workspace-files.js";
import { type Tenant, TwinFixtureError, fieldPath, fixtureObject } from "../kit/index.js";
import { initialUnits, putDocument } from "./model.js";

export function seedDocuments(tenant: Tenant, fixture: Record<string, unknown>): void {
  if (fixture.documents === undefined) return;
  if (!Array.isArray(fixture.documents)) throw new TwinFixtureError("documents", "expected an array");
  for (const [index, item] of fixture.documents.entries()) {
    const path = fieldPath("documents", index);
    const entry = fixtureObject(item, path, ["id", "title", "owner", "text"]);
    const id = entry.optionalString("id", { nonEmpty: true }) ?? newWorkspaceId(tenant);
    if (getWorkspaceFile(tenant.state, id)) throw new TwinFixtureError(entry.path("id"), `a file with id ${JSON.stringify(id)} already exists`);
    const title = entry.string("title");
    const owner = entry.string("owner", { nonEmpty: true });
    const text = entry.optionalString("text") ?? "";
    createWorkspaceFile(tenant, { id, name: title, mimeType: GOOGLE_DOCUMENT_MIME, owner });
    tenant.update((state) => putDocument(state, { documentId: id, units: initialUnits(text), lists: {}, revisionId: `ALm37BSeed${String(index).padStart(4, "0")}` }));
  }
}
