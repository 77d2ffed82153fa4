/**
 * What Docs and Sheets share about their Drive files: a new document or spreadsheet is also a
 * Drive file (owned by the caller, in their My Drive), reads need any role on it and writes need
 * writer, a change bumps the file's `modifiedTime` and `version`. The content itself lives in each
 * API's own collection under the same id.
 */
import type { Tenant, TenantState } from "../kit/index.js";
import { getGoogleUser } from "./accounts.js";
import { type PermissionRole, roleAtLeast, roleOf } from "./file-access.js";
import { type WorkspaceFile, getWorkspaceFile, putWorkspaceFile } from "./workspace-files.js";

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** A 44-character id like Google's document and spreadsheet ids, drawn from the tenant's seeded generator. */
export function newWorkspaceId(tenant: Tenant): string {
  let id = "1";
  for (let index = 0; index < 43; index++) id += ID_ALPHABET[Math.floor(tenant.random() * ID_ALPHABET.length)];
  return id;
}

export function isoTime(milliseconds: number): string {
  return new Date(milliseconds).toISOString();
}

/** Stores the Drive record of a document or spreadsheet just created by `owner`. */
export function createWorkspaceFile(tenant: Tenant, file: { id: string; name: string; mimeType: string; owner: string }): WorkspaceFile {
  const now = isoTime(tenant.now());
  const root = getGoogleUser(tenant.state, file.owner)?.rootFolderId;
  const record: WorkspaceFile = {
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    parents: root ? [root] : [],
    owner: file.owner,
    createdTime: now,
    modifiedTime: now,
    trashed: false,
    starred: false,
    version: 1,
  };
  tenant.update((state) => putWorkspaceFile(state, record));
  return record;
}

export type FileAccess = { file: WorkspaceFile; role: PermissionRole } | { denied: "notFound" | "forbidden" };

/**
 * The caller's access to a document or spreadsheet. A file of another type, or one not shared
 * with the caller, is not found (Google does not reveal it exists); a file they may read but
 * `need` more than their role is forbidden.
 */
export function fileAccess(state: TenantState, id: string, mimeType: string, email: string, need: PermissionRole): FileAccess {
  const file = getWorkspaceFile(state, id);
  if (!file || file.mimeType !== mimeType) return { denied: "notFound" };
  const role = roleOf(state, file, email);
  if (role === undefined) return { denied: "notFound" };
  if (!roleAtLeast(role, need)) return { denied: "forbidden" };
  return { file, role };
}

/** Records a content change on the Drive file: new modifiedTime, next version. */
export function touchWorkspaceFile(tenant: Tenant, id: string): void {
  const file = getWorkspaceFile(tenant.state, id);
  if (!file) return;
  tenant.update((state) => putWorkspaceFile(state, { ...file, modifiedTime: isoTime(tenant.now()), version: file.version + 1 }));
}

/** A path segment decoded, or undefined when its escapes are malformed (`%E0%A4%A`). */
export function decodePathSegment(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
