/**
 * Drive's own records beside the shared `drive.files` (google-common/workspace-files.ts):
 * revisions of binary files, resumable upload sessions, and the ids Drive hands out. Ids come
 * from the tenant's seeded generator, so the same seed and requests give the same ids.
 */
import { getGoogleUser } from "../google-common/accounts.js";
import { DRIVE_PERMISSIONS, roleOf, type PermissionRole } from "../google-common/file-access.js";
import { DRIVE_FILES, GOOGLE_FOLDER_MIME, type WorkspaceFile, getWorkspaceFile } from "../google-common/workspace-files.js";
import { type Tenant, type TenantState, getRecord, listRecords, putRecord, deleteRecord } from "../kit/index.js";

export const DRIVE_REVISIONS = "drive.revisions";
export const DRIVE_UPLOADS = "drive.uploads";

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

export function randomId(tenant: Tenant, length: number): string {
  let id = "";
  for (let index = 0; index < length; index += 1) id += ID_ALPHABET[Math.floor(tenant.random() * ID_ALPHABET.length)];
  return id;
}

/** A Drive file id: 33 characters starting with `1`, like the ids Drive gives new files. */
export function newFileId(tenant: Tenant): string {
  return `1${randomId(tenant, 32)}`;
}

export interface DriveRevision {
  id: string;
  mimeType: string;
  modifiedTime: string;
  size: number;
  md5Checksum: string;
  contentBase64: string;
  keepForever: boolean;
  originalFilename?: string;
  /** Email of who uploaded it. */
  modifiedBy: string;
}

export interface UploadSession {
  id: string;
  /** `drive.files.create` or `drive.files.update`. */
  method: string;
  fileId?: string;
  owner: string;
  metadata: Record<string, unknown>;
  query: Record<string, string>;
  mimeType?: string;
  totalSize?: number;
  receivedBase64: string;
}

export function revisionsOf(state: TenantState, fileId: string): DriveRevision[] {
  return getRecord<DriveRevision[]>(state, DRIVE_REVISIONS, fileId) ?? [];
}

export function putRevisions(state: TenantState, fileId: string, revisions: DriveRevision[]): TenantState {
  return putRecord(state, DRIVE_REVISIONS, fileId, revisions);
}

export function getUploadSession(state: TenantState, id: string): UploadSession | undefined {
  return getRecord<UploadSession>(state, DRIVE_UPLOADS, id);
}

export function putUploadSession(state: TenantState, session: UploadSession): TenantState {
  return putRecord(state, DRIVE_UPLOADS, session.id, session);
}

export function deleteUploadSession(state: TenantState, id: string): TenantState {
  return deleteRecord(state, DRIVE_UPLOADS, id);
}

/** The caller's My Drive folder id (`root`), or undefined for an email that is not a tenant user. */
export function rootFolderOf(state: TenantState, email: string): string | undefined {
  return getGoogleUser(state, email)?.rootFolderId;
}

/** A file id as a client may give it: `root` is the caller's My Drive. */
export function resolveFileId(state: TenantState, fileId: string, email: string): string {
  return fileId === "root" ? (rootFolderOf(state, email) ?? fileId) : fileId;
}

/** The caller's My Drive folder as a file record; it is not stored, as it is not listed. */
export function rootFolderRecord(state: TenantState, email: string): WorkspaceFile | undefined {
  const user = getGoogleUser(state, email);
  if (!user) return undefined;
  return { id: user.rootFolderId, name: "My Drive", mimeType: GOOGLE_FOLDER_MIME, parents: [], owner: user.email, createdTime: "2026-01-01T00:00:00.000Z", modifiedTime: "2026-01-01T00:00:00.000Z", trashed: false, starred: false, version: 1 };
}

export interface VisibleFile {
  file: WorkspaceFile;
  role: PermissionRole;
}

/** A file the caller may see, with their role; undefined (Drive's 404) for any other. */
export function visibleFile(state: TenantState, fileId: string, email: string): VisibleFile | undefined {
  const id = resolveFileId(state, fileId, email);
  const root = rootFolderRecord(state, email);
  if (root && root.id === id) return { file: root, role: "owner" };
  const file = getWorkspaceFile(state, id);
  if (!file) return undefined;
  const role = roleOf(state, file, email);
  return role ? { file, role } : undefined;
}

export function allFiles(state: TenantState): WorkspaceFile[] {
  return listRecords<WorkspaceFile>(state, DRIVE_FILES);
}

/** Every file below a folder, depth first (a folder's children before their own children). */
export function descendantsOf(state: TenantState, folderId: string): WorkspaceFile[] {
  const files = allFiles(state);
  const found: WorkspaceFile[] = [];
  const seen = new Set<string>([folderId]);
  const pending = [folderId];
  while (pending.length > 0) {
    const parent = pending.shift()!;
    for (const file of files) {
      if (!seen.has(file.id) && file.parents.includes(parent)) {
        seen.add(file.id);
        found.push(file);
        pending.push(file.id);
      }
    }
  }
  return found;
}

export function deleteFileRecord(state: TenantState, fileId: string): TenantState {
  let next = deleteRecord(state, DRIVE_FILES, fileId);
  next = deleteRecord(next, DRIVE_REVISIONS, fileId);
  return deleteRecord(next, DRIVE_PERMISSIONS, fileId);
}

