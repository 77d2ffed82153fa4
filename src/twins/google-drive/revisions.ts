/**
 * revisions.list / get (metadata and `alt=media`) / update (keepForever) / delete of binary
 * files: every upload adds one (content.ts). Google files (Docs, Sheets) list none: their
 * history lives with their own API, which the twin does not keep. Reading revisions needs
 * writer access, as Drive's `canReadRevisions` says.
 */
import { googleError } from "../google-common/errors.js";
import { putWorkspaceFile } from "../google-common/workspace-files.js";
import { revisionNotFound } from "./errors.js";
import { type DriveRevision, putRevisions, revisionsOf } from "./model.js";
import { answer, bodyObject, type DriveRequest, fileFor } from "./request.js";
import { REVISION_LIST_SHAPE, REVISION_SHAPE, renderRevision } from "./render.js";

function findRevision(request: DriveRequest, fileId: string, revisionId: string): { fileId: string; revision: DriveRevision; all: DriveRevision[] } | Response {
  const found = fileFor(request, fileId, "writer");
  if (found instanceof Response) return found;
  const all = revisionsOf(request.tenant.state, found.file.id);
  const revision = revisionId === "head" ? all.at(-1) : all.find((candidate) => candidate.id === revisionId);
  if (!revision) return revisionNotFound(revisionId);
  return { fileId: found.file.id, revision, all };
}

export function listRevisions(request: DriveRequest, fileId: string): Response {
  const found = fileFor(request, fileId, "writer");
  if (found instanceof Response) return found;
  const revisions = revisionsOf(request.tenant.state, found.file.id).map((revision) => renderRevision(request.tenant.state, revision, request.email));
  return answer(request, { kind: "drive#revisionList", revisions }, REVISION_LIST_SHAPE);
}

export function getRevision(request: DriveRequest, fileId: string, revisionId: string): Response {
  const found = findRevision(request, fileId, revisionId);
  if (found instanceof Response) return found;
  if (request.query.get("alt") === "media") return new Response(Buffer.from(found.revision.contentBase64, "base64"), { headers: { "content-type": found.revision.mimeType } });
  return answer(request, renderRevision(request.tenant.state, found.revision, request.email), REVISION_SHAPE);
}

export function updateRevision(request: DriveRequest, fileId: string, revisionId: string): Response {
  const found = findRevision(request, fileId, revisionId);
  if (found instanceof Response) return found;
  const body = bodyObject(request);
  if (body.keepForever !== undefined && typeof body.keepForever !== "boolean") return googleError({ code: 400, message: `Invalid value for keepForever: ${JSON.stringify(body.keepForever)}`, reason: "invalid", location: "keepForever", locationType: "other" });
  const updated: DriveRevision = { ...found.revision, ...(typeof body.keepForever === "boolean" ? { keepForever: body.keepForever } : {}) };
  request.tenant.update((state) => putRevisions(state, found.fileId, found.all.map((revision) => (revision.id === updated.id ? updated : revision))));
  return answer(request, renderRevision(request.tenant.state, updated, request.email), REVISION_SHAPE);
}

export function deleteRevision(request: DriveRequest, fileId: string, revisionId: string): Response {
  const found = findRevision(request, fileId, revisionId);
  if (found instanceof Response) return found;
  if (found.all.length === 1) return googleError({ code: 400, message: "The last revision of a file cannot be deleted.", reason: "cannotDeleteOnlyRevision" });
  const remaining = found.all.filter((revision) => revision.id !== found.revision.id);
  const head = remaining.at(-1)!;
  request.tenant.update((state) => {
    const file = fileFor(request, found.fileId, "writer");
    let next = putRevisions(state, found.fileId, remaining);
    // Deleting the head revision makes the one before it the file's content.
    if (!(file instanceof Response) && file.file.headRevisionId === found.revision.id) {
      next = putWorkspaceFile(next, { ...file.file, contentBase64: head.contentBase64, size: head.size, md5Checksum: head.md5Checksum, headRevisionId: head.id, version: file.file.version + 1 });
    }
    return next;
  });
  return new Response(null, { status: 204 });
}
