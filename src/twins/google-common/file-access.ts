/**
 * Who may do what with a Drive file: the owner, and whoever a permission on the file or on one
 * of its folders reaches (a user by email, a group the user is in, the user's domain, anyone).
 * Shared by Drive, Docs and Sheets, so a document shared through Drive opens through Docs.
 * A caller a file is not shared with does not see it at all: Google answers 404, not 403.
 */
import { getRecord, putRecord, type TenantState } from "../kit/index.js";
import { getGoogleUser, permissionIdOf } from "./accounts.js";
import { getWorkspaceFile, type WorkspaceFile } from "./workspace-files.js";

/** Non-owner permissions, one record per file (the owner's is derived from `WorkspaceFile.owner`). */
export const DRIVE_PERMISSIONS = "drive.permissions";

export type PermissionRole = "owner" | "organizer" | "fileOrganizer" | "writer" | "commenter" | "reader";
export type PermissionType = "user" | "group" | "domain" | "anyone";

export const PERMISSION_ROLES: readonly PermissionRole[] = ["owner", "organizer", "fileOrganizer", "writer", "commenter", "reader"];
export const PERMISSION_TYPES: readonly PermissionType[] = ["user", "group", "domain", "anyone"];

const ROLE_RANK: Readonly<Record<PermissionRole, number>> = { owner: 5, organizer: 4, fileOrganizer: 3, writer: 2, commenter: 1, reader: 0 };

export interface FilePermission {
  id: string;
  type: PermissionType;
  role: PermissionRole;
  emailAddress?: string;
  domain?: string;
  allowFileDiscovery?: boolean;
}

/** True when `role` grants at least what `needed` does. */
export function roleAtLeast(role: PermissionRole | undefined, needed: PermissionRole): boolean {
  return role !== undefined && ROLE_RANK[role] >= ROLE_RANK[needed];
}

/** The owner's permission, as Drive lists it first. */
export function ownerPermission(file: WorkspaceFile): FilePermission {
  return { id: permissionIdOf(file.owner), type: "user", role: "owner", emailAddress: file.owner };
}

/** The file's own permissions: the owner's first, then the others in the order they were made. */
export function filePermissions(state: TenantState, file: WorkspaceFile): FilePermission[] {
  return [ownerPermission(file), ...(getRecord<FilePermission[]>(state, DRIVE_PERMISSIONS, file.id) ?? [])];
}

/** Replaces the file's non-owner permissions. */
export function putFilePermissions(state: TenantState, fileId: string, permissions: FilePermission[]): TenantState {
  return putRecord(state, DRIVE_PERMISSIONS, fileId, permissions);
}

function reaches(permission: FilePermission, email: string, groups: readonly string[]): boolean {
  switch (permission.type) {
    case "anyone":
      return true;
    case "domain":
      return permission.domain?.toLowerCase() === email.slice(email.indexOf("@") + 1).toLowerCase();
    case "group":
      return groups.includes(permission.emailAddress?.toLowerCase() ?? "");
    case "user":
      return permission.emailAddress?.toLowerCase() === email;
  }
}

function higher(a: PermissionRole | undefined, b: PermissionRole | undefined): PermissionRole | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return ROLE_RANK[a] >= ROLE_RANK[b] ? a : b;
}

export interface RoleOptions {
  /**
   * Count only what makes a file show up in the caller's searches: a link-sharing permission
   * (`anyone` or `domain` without `allowFileDiscovery`) opens the file but does not list it.
   */
  discoverable?: boolean;
}

/**
 * The caller's role on a file: the highest a permission on the file or one of its ancestors
 * grants (Drive's inherited permissions), or undefined when the file is not shared with them.
 */
export function roleOf(state: TenantState, file: WorkspaceFile, callerEmail: string, { discoverable = false }: RoleOptions = {}): PermissionRole | undefined {
  const email = callerEmail.toLowerCase();
  const groups = (getGoogleUser(state, email)?.groups ?? []).map((group) => group.toLowerCase());
  let best: PermissionRole | undefined;
  const seen = new Set<string>();
  const pending: WorkspaceFile[] = [file];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (seen.has(current.id)) continue;
    seen.add(current.id);
    // Owning the file makes the owner; owning one of its folders makes a writer of its contents.
    if (current.owner.toLowerCase() === email) {
      if (current === file) return "owner";
      best = higher(best, "writer");
    }
    for (const permission of getRecord<FilePermission[]>(state, DRIVE_PERMISSIONS, current.id) ?? []) {
      if (discoverable && (permission.type === "anyone" || permission.type === "domain") && permission.allowFileDiscovery !== true) continue;
      if (reaches(permission, email, groups)) best = higher(best, permission.role);
    }
    for (const parentId of current.parents) {
      const parent = getWorkspaceFile(state, parentId);
      if (parent) pending.push(parent);
    }
  }
  return best;
}
