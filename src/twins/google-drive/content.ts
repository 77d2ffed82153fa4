/**
 * The bytes of binary (non-Google) files: written by uploads, each write a new revision whose
 * id becomes the file's `headRevisionId`, as Drive keeps revisions of binary files. Google files
 * (Docs, Sheets) have no bytes here; their content lives with their own API.
 */
import { createHash } from "node:crypto";
import type { WorkspaceFile } from "../google-common/workspace-files.js";
import type { Tenant } from "../kit/index.js";
import { type DriveRevision, putRevisions, randomId, revisionsOf } from "./model.js";

export function bytesOf(file: WorkspaceFile): Uint8Array {
  return file.contentBase64 === undefined ? new Uint8Array() : new Uint8Array(Buffer.from(file.contentBase64, "base64"));
}

/** Text content for full-text search: text files only (a binary blob is not searched). */
export function textContentOf(file: WorkspaceFile): string {
  if (file.contentBase64 === undefined) return "";
  const type = file.mimeType;
  if (!type.startsWith("text/") && type !== "application/json" && type !== "application/xml") return "";
  return Buffer.from(file.contentBase64, "base64").toString("utf8");
}

export function isGoogleType(mimeType: string): boolean {
  return mimeType.startsWith("application/vnd.google-apps.");
}

/**
 * `file` with new content and a new head revision (recorded in the tenant); the caller writes
 * the returned record.
 */
export function withContent(tenant: Tenant, file: WorkspaceFile, bytes: Uint8Array, email: string, originalFilename?: string): WorkspaceFile {
  const contentBase64 = Buffer.from(bytes).toString("base64");
  const md5Checksum = createHash("md5").update(bytes).digest("hex");
  const revision: DriveRevision = {
    id: `0B${randomId(tenant, 42)}`,
    mimeType: file.mimeType,
    modifiedTime: new Date(tenant.now()).toISOString(),
    size: bytes.byteLength,
    md5Checksum,
    contentBase64,
    keepForever: false,
    modifiedBy: email,
    ...(originalFilename !== undefined ? { originalFilename } : {}),
  };
  tenant.update((state) => putRevisions(state, file.id, [...revisionsOf(state, file.id), revision]));
  return {
    ...file,
    contentBase64,
    size: bytes.byteLength,
    md5Checksum,
    headRevisionId: revision.id,
    ...(originalFilename !== undefined ? { originalFilename } : {}),
  };
}
