/**
 * The Docs v1 module of the Google twin: `documents.create`, `documents.get` and
 * `documents.batchUpdate`. Authentication, quotas and faults are the Google twin's; this module
 * gets an authenticated caller and answers in Docs' error shape (`{code, message, status}`).
 */
import { DOCUMENTS_SCOPE, DRIVE_SCOPE } from "../google-common/accounts.js";
import type { GoogleApiModule, GoogleCaller } from "../google-common/caller.js";
import { createWorkspaceFile, decodePathSegment, fileAccess, newWorkspaceId, touchWorkspaceFile } from "../google-common/docs-sheets-files.js";
import { partialResponse } from "../google-common/docs-sheets-response.js";
import { googleError } from "../google-common/errors.js";
import { GOOGLE_DOCUMENT_MIME } from "../google-common/workspace-files.js";
import type { Tenant, TwinContext } from "../kit/index.js";
import { seedDocuments } from "./fixture.js";
import { type DocumentRecord, documentOrEmpty, initialUnits, putDocument } from "./model.js";
import { applyRequests } from "./requests.js";
import { documentJson } from "./structure.js";

const DOCUMENT_PATH = /^\/v1\/documents\/([^/:]+)$/;
const BATCH_PATH = /^\/v1\/documents\/([^/:]+):batchUpdate$/;

const READ_SCOPES = [DOCUMENTS_SCOPE, `${DOCUMENTS_SCOPE}.readonly`, DRIVE_SCOPE, `${DRIVE_SCOPE}.readonly`, `${DRIVE_SCOPE}.file`];
const WRITE_SCOPES = [DOCUMENTS_SCOPE, DRIVE_SCOPE, `${DRIVE_SCOPE}.file`];

function methodOf(request: Request, path: string): string | undefined {
  if (path === "/v1/documents" && request.method === "POST") return "docs.documents.create";
  if (DOCUMENT_PATH.test(path) && request.method === "GET") return "docs.documents.get";
  if (BATCH_PATH.test(path) && request.method === "POST") return "docs.documents.batchUpdate";
  return undefined;
}

const NOT_FOUND = () => googleError({ code: 404, message: "Requested entity was not found." });
const FORBIDDEN = () => googleError({ code: 403, message: "The caller does not have permission" });
const badRequest = (message: string) => googleError({ code: 400, message });

/** A random revision id, opaque like Google's (`ALm37BW...`). */
function newRevisionId(tenant: Tenant): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  let id = "ALm37B";
  for (let index = 0; index < 60; index++) id += alphabet[Math.floor(tenant.random() * alphabet.length)];
  return id;
}

function newListId(tenant: Tenant): string {
  let id = "kix.";
  for (let index = 0; index < 12; index++) id += "abcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(tenant.random() * 36)];
  return id;
}

/** The body as an object, or the answer Google gives to a body that is not one. */
function objectBody(context: TwinContext): Record<string, unknown> | Response {
  if (context.body === undefined && context.rawBody.trim() === "") return {};
  if (typeof context.body !== "object" || context.body === null || Array.isArray(context.body)) {
    return badRequest(`Invalid JSON payload received. Expected an object, got ${JSON.stringify(context.rawBody.slice(0, 40))}.`);
  }
  return context.body as Record<string, unknown>;
}

/** The document id of the path; an undecodable one names no document (""). */
function idOf(pattern: RegExp, path: string): string {
  return decodePathSegment(pattern.exec(path)![1]!) ?? "";
}

/** The document's content; a document made through Drive gets an empty one on first use. */
function load(tenant: Tenant, id: string): DocumentRecord {
  const { document, state } = documentOrEmpty(tenant.state, id);
  if (state !== tenant.state) tenant.update(() => state);
  return document;
}

function create(context: TwinContext, caller: GoogleCaller): Response {
  const body = objectBody(context);
  if (body instanceof Response) return body;
  const title = typeof body.title === "string" && body.title !== "" ? body.title : "Untitled document";
  const { tenant } = context;
  const id = newWorkspaceId(tenant);
  createWorkspaceFile(tenant, { id, name: title, mimeType: GOOGLE_DOCUMENT_MIME, owner: caller.email });
  const document: DocumentRecord = { documentId: id, units: initialUnits(), lists: {}, revisionId: newRevisionId(tenant) };
  tenant.update((state) => putDocument(state, document));
  return partialResponse(context, documentJson(document, title));
}

function get(context: TwinContext, caller: GoogleCaller): Response {
  const id = idOf(DOCUMENT_PATH, context.path);
  const access = fileAccess(context.tenant.state, id, GOOGLE_DOCUMENT_MIME, caller.email, "reader");
  if ("denied" in access) return NOT_FOUND();
  const document = load(context.tenant, id);
  const includeTabsContent = context.url.searchParams.get("includeTabsContent") === "true";
  return partialResponse(context, documentJson(document, access.file.name, { includeTabsContent }));
}

function batchUpdate(context: TwinContext, caller: GoogleCaller): Response {
  const id = idOf(BATCH_PATH, context.path);
  const { tenant } = context;
  const access = fileAccess(tenant.state, id, GOOGLE_DOCUMENT_MIME, caller.email, "writer");
  if ("denied" in access) return access.denied === "notFound" ? NOT_FOUND() : FORBIDDEN();
  const document = load(tenant, id);
  const body = objectBody(context);
  if (body instanceof Response) return body;
  const writeControl = body.writeControl;
  if (typeof writeControl === "object" && writeControl !== null) {
    const { requiredRevisionId, targetRevisionId } = writeControl as Record<string, unknown>;
    const wanted = requiredRevisionId ?? targetRevisionId;
    if (requiredRevisionId !== undefined && targetRevisionId !== undefined) return badRequest("Only one of requiredRevisionId or targetRevisionId may be set.");
    // The twin keeps no history to merge into, so a target revision must be the latest too.
    if (wanted !== undefined && wanted !== document.revisionId) {
      return badRequest(`The document revision ${String(wanted)} does not match the latest revision ${document.revisionId}: the document was modified after it was read.`);
    }
  }
  const result = applyRequests(document, body.requests, () => newListId(tenant));
  if ("error" in result) return badRequest(result.error);
  const updated: DocumentRecord = { ...result.document, revisionId: newRevisionId(tenant) };
  tenant.update((state) => putDocument(state, updated));
  touchWorkspaceFile(tenant, id);
  return partialResponse(context, { replies: result.replies, writeControl: { requiredRevisionId: updated.revisionId }, documentId: id });
}

export const docsApi: GoogleApiModule = {
  methodOf,
  handle(context, caller) {
    switch (methodOf(context.request, context.path)) {
      case "docs.documents.create":
        return create(context, caller);
      case "docs.documents.get":
        return get(context, caller);
      case "docs.documents.batchUpdate":
        return batchUpdate(context, caller);
      default:
        return NOT_FOUND();
    }
  },
  scopesFor: (method) => (method === "docs.documents.get" ? READ_SCOPES : WRITE_SCOPES),
  seed: seedDocuments,
};
