/**
 * permissions.create / list / get / update / delete. Roles owner, writer, commenter, reader
 * (organizer and fileOrganizer are shared-drive roles: refused); types user, group, domain, anyone.
 * Sharing needs writer; giving ownership away needs `transferOwnership=true` and makes the old
 * owner a writer, as Drive does. A second permission for the same grantee replaces the first.
 */
import { permissionIdOf } from "../google-common/accounts.js";
import { googleError } from "../google-common/errors.js";
import { type FilePermission, type PermissionRole, type PermissionType, DRIVE_PERMISSIONS, filePermissions, putFilePermissions } from "../google-common/file-access.js";
import { decodePageToken, encodePageToken } from "../google-common/page-tokens.js";
import { putWorkspaceFile, type WorkspaceFile } from "../google-common/workspace-files.js";
import { getRecord } from "../kit/index.js";
import { invalidValue, permissionNotFound } from "./errors.js";
import { answer, bodyObject, booleanParameter, type DriveRequest, fileFor } from "./request.js";
import { PERMISSION_LIST_SHAPE, PERMISSION_SHAPE, renderPermission } from "./render.js";

const ROLES: readonly PermissionRole[] = ["owner", "writer", "commenter", "reader"];
const TYPES: readonly PermissionType[] = ["user", "group", "domain", "anyone"];
const MAX_PAGE_SIZE = 100;

function required(field: string): Response {
  return googleError({ code: 400, message: `The permission ${field} field is required.`, reason: "required", location: `permission.${field}`, locationType: "other" });
}

function invalidField(field: string, value: unknown): Response {
  return googleError({ code: 400, message: `The value of the permission ${field} field is invalid: ${JSON.stringify(value)}.`, reason: "invalid", location: `permission.${field}`, locationType: "other" });
}

function transferNeeded(): Response {
  return googleError({ code: 403, message: "The transferOwnership parameter must be enabled when the permission role is 'owner'.", reason: "forbidden", location: "transferOwnership", locationType: "parameter" });
}

function storedPermissions(request: DriveRequest, fileId: string): FilePermission[] {
  return getRecord<FilePermission[]>(request.tenant.state, DRIVE_PERMISSIONS, fileId) ?? [];
}

function permissionIdFor(type: PermissionType, emailAddress: string | undefined, domain: string | undefined, allowFileDiscovery: boolean): string {
  if (type === "anyone") return allowFileDiscovery ? "anyone" : "anyoneWithLink";
  if (type === "domain") return permissionIdOf(`domain:${domain ?? ""}`);
  return permissionIdOf(emailAddress ?? "");
}

/** Makes `email` the owner; the previous owner keeps writer access. */
function transferOwnership(request: DriveRequest, file: WorkspaceFile, email: string): void {
  const previous: FilePermission = { id: permissionIdOf(file.owner), type: "user", role: "writer", emailAddress: file.owner };
  const others = storedPermissions(request, file.id).filter((permission) => permission.emailAddress?.toLowerCase() !== email && permission.id !== previous.id);
  request.tenant.update((state) => putFilePermissions(putWorkspaceFile(state, { ...file, owner: email, version: file.version + 1 }), file.id, [...others, previous]));
}

export function createPermission(request: DriveRequest, fileId: string): Response {
  const found = fileFor(request, fileId, "writer");
  if (found instanceof Response) return found;
  const body = bodyObject(request);
  if (body.type === undefined) return required("type");
  if (!TYPES.includes(body.type as PermissionType)) return invalidField("type", body.type);
  if (body.role === undefined) return required("role");
  if (!ROLES.includes(body.role as PermissionRole)) return invalidField("role", body.role);
  const type = body.type as PermissionType;
  const role = body.role as PermissionRole;
  const emailAddress = typeof body.emailAddress === "string" ? body.emailAddress.toLowerCase() : undefined;
  const domain = typeof body.domain === "string" ? body.domain.toLowerCase() : undefined;
  if ((type === "user" || type === "group") && !emailAddress) return required("emailAddress");
  if (type === "domain" && !domain) return required("domain");
  const allowFileDiscovery = body.allowFileDiscovery === true;
  if (role === "owner") {
    if (type !== "user") return invalidField("role", role);
    if (!booleanParameter(request.query, "transferOwnership")) return transferNeeded();
    if (found.role !== "owner") return googleError({ code: 403, message: "The user does not have sufficient permissions for this file.", reason: "insufficientFilePermissions" });
    transferOwnership(request, found.file, emailAddress!);
    return answer(request, renderPermission(request.tenant.state, { id: permissionIdOf(emailAddress!), type, role, emailAddress: emailAddress! }), PERMISSION_SHAPE);
  }
  const permission: FilePermission = {
    id: permissionIdFor(type, emailAddress, domain, allowFileDiscovery),
    type,
    role,
    ...(emailAddress !== undefined && (type === "user" || type === "group") ? { emailAddress } : {}),
    ...(domain !== undefined && type === "domain" ? { domain } : {}),
    ...(type === "anyone" || type === "domain" ? { allowFileDiscovery } : {}),
  };
  if (permission.emailAddress !== undefined && permission.emailAddress === found.file.owner.toLowerCase()) {
    return googleError({ code: 400, message: "The owner of a file already has full access.", reason: "invalidSharingRequest" });
  }
  const kept = storedPermissions(request, fileId).filter((existing) => existing.id !== permission.id);
  request.tenant.update((state) => putFilePermissions(state, found.file.id, [...kept, permission]));
  return answer(request, renderPermission(request.tenant.state, permission), PERMISSION_SHAPE);
}

export function listPermissions(request: DriveRequest, fileId: string): Response {
  const found = fileFor(request, fileId, "reader");
  if (found instanceof Response) return found;
  const sizeText = request.query.get("pageSize");
  const pageSize = sizeText === null ? MAX_PAGE_SIZE : Number(sizeText);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) return invalidValue("pageSize", `Invalid value '${sizeText}'. Values must be within the range: [1, ${MAX_PAGE_SIZE}]`);
  const tokenText = request.query.get("pageToken");
  const offset = tokenText === null || tokenText === "" ? 0 : decodePageToken(tokenText, `permissions:${found.file.id}`);
  if (offset === undefined) return invalidValue("pageToken");
  const all = filePermissions(request.tenant.state, found.file);
  const body: Record<string, unknown> = { kind: "drive#permissionList" };
  if (offset + pageSize < all.length) body.nextPageToken = encodePageToken(offset + pageSize, `permissions:${found.file.id}`);
  body.permissions = all.slice(offset, offset + pageSize).map((permission) => renderPermission(request.tenant.state, permission));
  return answer(request, body, PERMISSION_LIST_SHAPE);
}

export function getPermission(request: DriveRequest, fileId: string, permissionId: string): Response {
  const found = fileFor(request, fileId, "reader");
  if (found instanceof Response) return found;
  const permission = filePermissions(request.tenant.state, found.file).find((candidate) => candidate.id === permissionId);
  if (!permission) return permissionNotFound(permissionId);
  return answer(request, renderPermission(request.tenant.state, permission), PERMISSION_SHAPE);
}

export function updatePermission(request: DriveRequest, fileId: string, permissionId: string): Response {
  const found = fileFor(request, fileId, "writer");
  if (found instanceof Response) return found;
  const permission = filePermissions(request.tenant.state, found.file).find((candidate) => candidate.id === permissionId);
  if (!permission) return permissionNotFound(permissionId);
  const body = bodyObject(request);
  if (body.role === undefined) return required("role");
  if (!ROLES.includes(body.role as PermissionRole)) return invalidField("role", body.role);
  const role = body.role as PermissionRole;
  if (permission.role === "owner" && role !== "owner") return googleError({ code: 403, message: "The owner of a file cannot be downgraded; transfer ownership first.", reason: "cannotModifyOwner" });
  if (role === "owner" && permission.role !== "owner") {
    if (permission.type !== "user" || permission.emailAddress === undefined) return invalidField("role", role);
    if (!booleanParameter(request.query, "transferOwnership")) return transferNeeded();
    if (found.role !== "owner") return googleError({ code: 403, message: "The user does not have sufficient permissions for this file.", reason: "insufficientFilePermissions" });
    transferOwnership(request, found.file, permission.emailAddress.toLowerCase());
    return answer(request, renderPermission(request.tenant.state, { ...permission, role }), PERMISSION_SHAPE);
  }
  const updated: FilePermission = { ...permission, role };
  if (permission.role !== "owner") {
    const list = storedPermissions(request, found.file.id).map((existing) => (existing.id === permissionId ? updated : existing));
    request.tenant.update((state) => putFilePermissions(state, found.file.id, list));
  }
  return answer(request, renderPermission(request.tenant.state, updated), PERMISSION_SHAPE);
}

export function deletePermission(request: DriveRequest, fileId: string, permissionId: string): Response {
  const found = fileFor(request, fileId, "writer");
  if (found instanceof Response) return found;
  const permissions = filePermissions(request.tenant.state, found.file);
  const permission = permissions.find((candidate) => candidate.id === permissionId);
  if (!permission) return permissionNotFound(permissionId);
  if (permission.role === "owner") return googleError({ code: 403, message: "The owner of a file cannot be removed.", reason: "cannotRemoveOwner" });
  request.tenant.update((state) => putFilePermissions(state, found.file.id, storedPermissions(request, found.file.id).filter((existing) => existing.id !== permissionId)));
  return new Response(null, { status: 204 });
}
