/**
 * files.create, files.update and files.copy: metadata, parents, trash, and content from an
 * upload (the upload protocols are read in uploads.ts and hand their bytes here).
 */
import { googleError } from "../google-common/errors.js";
import { GOOGLE_FOLDER_MIME, type WorkspaceFile, getWorkspaceFile, putWorkspaceFile } from "../google-common/workspace-files.js";
import { bytesOf, isGoogleType, withContent } from "./content.js";
import { conversionNotSupported, fileNotFound, insufficientFilePermissions } from "./errors.js";
import { type FileMetadata, mergeMap, readMetadata } from "./metadata.js";
import { descendantsOf, newFileId, rootFolderOf, visibleFile } from "./model.js";
import { answer, bodyObject, type DriveRequest, fileFor } from "./request.js";
import { FILE_SHAPE, renderFile } from "./render.js";

/** Media sent with a create or update: its bytes and the type the client declared. */
export interface UploadedMedia {
  bytes: Uint8Array;
  mimeType: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

function cannotAddParent(): Response {
  return googleError({ code: 403, message: "Increasing the number of parents is not allowed.", reason: "cannotAddParent" });
}

/** The parents a client asked for, each a folder the caller may write to; else Drive's answer. */
function checkedParents(request: DriveRequest, parents: string[]): string[] | Response {
  if (parents.length > 1) return cannotAddParent();
  const resolved: string[] = [];
  for (const parentId of parents) {
    const parent = visibleFile(request.tenant.state, parentId, request.email);
    if (!parent) return fileNotFound(parentId);
    if (parent.file.mimeType !== GOOGLE_FOLDER_MIME) return googleError({ code: 400, message: `The specified parent is not a folder: ${parentId}.`, reason: "invalid", location: "parents", locationType: "other" });
    if (parent.role !== "owner" && parent.role !== "writer" && parent.role !== "organizer" && parent.role !== "fileOrganizer") return insufficientFilePermissions();
    resolved.push(parent.file.id);
  }
  return resolved;
}

function renderAnswer(request: DriveRequest, file: WorkspaceFile, status = 200): Response {
  const visible = visibleFile(request.tenant.state, file.id, request.email);
  return answer(request, renderFile(request.tenant.state, file, visible?.role ?? "owner", request.email, request.baseUrl), FILE_SHAPE, status);
}

/** files.create, with the metadata read from the body (or a multipart part) and optional media. */
export function createFile(request: DriveRequest, body: Record<string, unknown>, media?: UploadedMedia): Response {
  const metadata = readMetadata(body, "create");
  if (metadata instanceof Response) return metadata;
  const { tenant } = request;
  const root = rootFolderOf(tenant.state, request.email);
  const parents = checkedParents(request, metadata.parents ?? (root ? [root] : []));
  if (parents instanceof Response) return parents;
  if (metadata.id !== undefined && getWorkspaceFile(tenant.state, metadata.id)) {
    return googleError({ code: 409, message: "A file already exists with the provided ID.", reason: "fileIdInUse", location: "file.id", locationType: "other" });
  }
  const mimeType = metadata.mimeType ?? media?.mimeType ?? "application/octet-stream";
  if (media && isGoogleType(mimeType)) return conversionNotSupported();
  const now = iso(tenant.now());
  let file: WorkspaceFile = {
    id: metadata.id ?? newFileId(tenant),
    name: metadata.name ?? "Untitled",
    mimeType,
    parents,
    owner: request.email,
    createdTime: metadata.createdTime ?? now,
    modifiedTime: metadata.modifiedTime ?? now,
    trashed: metadata.trashed ?? false,
    starred: metadata.starred ?? false,
    version: 1,
    ...(metadata.description !== undefined ? { description: metadata.description } : {}),
    ...(metadata.trashed ? { explicitlyTrashed: true, trashedTime: now } : {}),
  };
  const properties = mergeMap(undefined, metadata.properties);
  const appProperties = mergeMap(undefined, metadata.appProperties);
  if (properties) file.properties = properties;
  if (appProperties) file.appProperties = appProperties;
  if (!isGoogleType(mimeType)) file = withContent(tenant, file, media?.bytes ?? new Uint8Array(), request.email, metadata.originalFilename ?? (media ? metadata.name : undefined));
  tenant.update((state) => putWorkspaceFile(state, file));
  return renderAnswer(request, file);
}

function applyTrash(request: DriveRequest, file: WorkspaceFile, trashed: boolean): void {
  const now = iso(request.tenant.now());
  // A folder's contents go to the trash (and come back) with it, not explicitly.
  for (const child of file.mimeType === GOOGLE_FOLDER_MIME ? descendantsOf(request.tenant.state, file.id) : []) {
    const changed: WorkspaceFile = trashed ? { ...child, trashed: true, trashedTime: now, explicitlyTrashed: child.explicitlyTrashed ?? false } : { ...child, trashed: child.explicitlyTrashed === true };
    if (!trashed && !child.explicitlyTrashed) delete changed.trashedTime;
    request.tenant.update((state) => putWorkspaceFile(state, changed));
  }
}

/** files.update: metadata from the body, parents from addParents/removeParents, optional media. */
export function updateFile(request: DriveRequest, fileId: string, body: Record<string, unknown>, media?: UploadedMedia): Response {
  const metadata = readMetadata(body, "update");
  if (metadata instanceof Response) return metadata;
  const found = fileFor(request, fileId, "writer");
  if (found instanceof Response) return found;
  const { tenant } = request;
  let file = found.file;
  if (metadata.trashed !== undefined && metadata.trashed !== file.trashed && found.role !== "owner") return insufficientFilePermissions();
  if (metadata.mimeType !== undefined && metadata.mimeType !== file.mimeType && (isGoogleType(file.mimeType) || isGoogleType(metadata.mimeType))) return conversionNotSupported();
  if (media && isGoogleType(file.mimeType)) return conversionNotSupported();
  const removed = (request.query.get("removeParents") ?? "").split(",").filter((id) => id !== "").map((id) => (id === "root" ? (rootFolderOf(tenant.state, request.email) ?? id) : id));
  const added = (request.query.get("addParents") ?? "").split(",").filter((id) => id !== "");
  let parents = file.parents.filter((id) => !removed.includes(id));
  if (added.length > 0) {
    const checked = checkedParents(request, added);
    if (checked instanceof Response) return checked;
    parents = [...parents, ...checked.filter((id) => !parents.includes(id))];
    if (parents.length > 1) return cannotAddParent();
  }
  const now = iso(tenant.now());
  file = {
    ...file,
    ...(metadata.name !== undefined ? { name: metadata.name } : {}),
    ...(metadata.description !== undefined ? { description: metadata.description } : {}),
    ...(metadata.starred !== undefined ? { starred: metadata.starred } : {}),
    ...(metadata.mimeType !== undefined ? { mimeType: metadata.mimeType } : {}),
    parents,
    modifiedTime: metadata.modifiedTime ?? now,
    lastModifiedBy: request.email,
    version: file.version + 1,
  };
  const properties = mergeMap(file.properties, metadata.properties);
  const appProperties = mergeMap(file.appProperties, metadata.appProperties);
  if (properties) file.properties = properties;
  else delete file.properties;
  if (appProperties) file.appProperties = appProperties;
  else delete file.appProperties;
  if (metadata.trashed !== undefined && metadata.trashed !== found.file.trashed) {
    file = metadata.trashed ? { ...file, trashed: true, explicitlyTrashed: true, trashedTime: now } : { ...file, trashed: false, explicitlyTrashed: false };
    if (!metadata.trashed) delete file.trashedTime;
    applyTrash(request, file, metadata.trashed);
  }
  if (media) file = withContent(tenant, { ...file, mimeType: metadata.mimeType ?? media.mimeType }, media.bytes, request.email, metadata.originalFilename);
  const written = file;
  tenant.update((state) => putWorkspaceFile(state, written));
  return renderAnswer(request, written);
}

/**
 * files.copy: a new file owned by the caller, with the original's content: bytes for binary
 * files, the document or sheets (through the copier for its type) for Google files.
 */
export function copyFile(request: DriveRequest, fileId: string): Response {
  const metadata: FileMetadata | Response = readMetadata(bodyObject(request), "copy");
  if (metadata instanceof Response) return metadata;
  const found = fileFor(request, fileId, "reader");
  if (found instanceof Response) return found;
  const original = found.file;
  if (original.mimeType === GOOGLE_FOLDER_MIME) return googleError({ code: 403, message: "This file cannot be copied by the user.", reason: "cannotCopyFile" });
  const { tenant } = request;
  const root = rootFolderOf(tenant.state, request.email);
  const writableParents = original.parents.filter((id) => {
    const parent = visibleFile(tenant.state, id, request.email);
    return parent !== undefined && (parent.role === "owner" || parent.role === "writer");
  });
  const parents = checkedParents(request, metadata.parents ?? (writableParents.length > 0 ? writableParents : root ? [root] : []));
  if (parents instanceof Response) return parents;
  const now = iso(tenant.now());
  let file: WorkspaceFile = {
    id: newFileId(tenant),
    name: metadata.name ?? `Copy of ${original.name}`,
    mimeType: original.mimeType,
    parents,
    owner: request.email,
    createdTime: now,
    modifiedTime: now,
    trashed: false,
    starred: metadata.starred ?? false,
    version: 1,
    ...(metadata.description ?? original.description ? { description: metadata.description ?? original.description } : {}),
  };
  const properties = mergeMap(original.properties, metadata.properties);
  const appProperties = mergeMap(original.appProperties, metadata.appProperties);
  if (properties) file.properties = properties;
  if (appProperties) file.appProperties = appProperties;
  if (!isGoogleType(file.mimeType)) file = withContent(tenant, file, bytesOf(original), request.email, original.originalFilename);
  const written = file;
  const copier = request.options.copiers?.[original.mimeType];
  tenant.update((state) => {
    const stored = putWorkspaceFile(state, written);
    return copier ? copier(stored, original.id, written.id) : stored;
  });
  return renderAnswer(request, written);
}
