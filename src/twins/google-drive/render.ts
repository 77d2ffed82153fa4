/**
 * Drive resources as Drive renders them: the full `drive#file`, `drive#permission`,
 * `drive#revision` and `drive#user`, which the `fields` selector then trims. Without `fields`,
 * Drive v3 answers a small default set (`kind,id,name,mimeType` for a file), and so does the twin:
 * a client that forgets `fields` gets what it would get from Drive.
 */
import { getGoogleUser, permissionIdOf } from "../google-common/accounts.js";
import { type FieldMask, parseFields, selectFields } from "../google-common/fields.js";
import { type FilePermission, type PermissionRole, filePermissions, roleAtLeast } from "../google-common/file-access.js";
import { GOOGLE_FOLDER_MIME, type WorkspaceFile } from "../google-common/workspace-files.js";
import type { TenantState } from "../kit/index.js";
import { invalidFieldSelection } from "./errors.js";
import type { DriveRevision } from "./model.js";

export const FILE_FIELDS: ReadonlySet<string> = new Set([
  "kind", "driveId", "fileExtension", "copyRequiresWriterPermission", "md5Checksum", "contentHints", "writersCanShare", "viewedByMe", "mimeType", "exportLinks",
  "parents", "thumbnailLink", "iconLink", "shared", "lastModifyingUser", "owners", "headRevisionId", "sharingUser", "webViewLink", "webContentLink", "size",
  "viewersCanCopyContent", "permissions", "hasThumbnail", "spaces", "folderColorRgb", "id", "name", "description", "starred", "trashed", "explicitlyTrashed",
  "createdTime", "modifiedTime", "modifiedByMeTime", "viewedByMeTime", "sharedWithMeTime", "quotaBytesUsed", "version", "originalFilename", "ownedByMe",
  "fullFileExtension", "properties", "appProperties", "isAppAuthorized", "teamDriveId", "capabilities", "hasAugmentedPermissions", "trashingUser",
  "thumbnailVersion", "trashedTime", "modifiedByMe", "permissionIds", "imageMediaMetadata", "videoMediaMetadata", "shortcutDetails", "contentRestrictions",
  "resourceKey", "linkShareMetadata", "labelInfo", "sha1Checksum", "sha256Checksum", "inheritedPermissionsDisabled", "downloadRestrictions", "clientEncryptionDetails",
]);
export const PERMISSION_FIELDS: ReadonlySet<string> = new Set(["id", "displayName", "type", "kind", "permissionDetails", "photoLink", "emailAddress", "role", "allowFileDiscovery", "domain", "expirationTime", "teamDrivePermissionDetails", "deleted", "view", "pendingOwner", "inheritedPermissionsDisabled"]);
export const REVISION_FIELDS: ReadonlySet<string> = new Set(["id", "mimeType", "kind", "published", "exportLinks", "keepForever", "md5Checksum", "modifiedTime", "publishAuto", "publishedOutsideDomain", "publishedLink", "size", "originalFilename", "lastModifyingUser"]);
export const ABOUT_FIELDS: ReadonlySet<string> = new Set(["kind", "storageQuota", "driveThemes", "canCreateDrives", "importFormats", "exportFormats", "appInstalled", "user", "folderColorPalette", "maxImportSizes", "maxUploadSize", "teamDriveThemes", "canCreateTeamDrives"]);

/** How a resource's fields are checked and what is sent when `fields` is absent. */
export interface ResourceShape {
  fields: ReadonlySet<string>;
  defaults: string;
  /** For lists: the field holding the items and the items' own shape. */
  items?: { field: string; shape: ResourceShape };
}

export const FILE_SHAPE: ResourceShape = { fields: FILE_FIELDS, defaults: "kind,id,name,mimeType" };
export const PERMISSION_SHAPE: ResourceShape = { fields: PERMISSION_FIELDS, defaults: "kind,id,type,role" };
export const REVISION_SHAPE: ResourceShape = { fields: REVISION_FIELDS, defaults: "kind,id,mimeType,modifiedTime" };
export const ABOUT_SHAPE: ResourceShape = { fields: ABOUT_FIELDS, defaults: "" };
export const FILE_LIST_SHAPE: ResourceShape = { fields: new Set(["kind", "nextPageToken", "incompleteSearch", "files"]), defaults: "kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)", items: { field: "files", shape: FILE_SHAPE } };
export const PERMISSION_LIST_SHAPE: ResourceShape = { fields: new Set(["kind", "nextPageToken", "permissions"]), defaults: "kind,nextPageToken,permissions(kind,id,type,role)", items: { field: "permissions", shape: PERMISSION_SHAPE } };
export const REVISION_LIST_SHAPE: ResourceShape = { fields: new Set(["kind", "nextPageToken", "revisions"]), defaults: "kind,nextPageToken,revisions(kind,id,mimeType,modifiedTime)", items: { field: "revisions", shape: REVISION_SHAPE } };

function unknownField(mask: FieldMask, shape: ResourceShape): string | undefined {
  for (const [name, inner] of mask) {
    if (name === "*") continue;
    if (!shape.fields.has(name)) return name;
    if (inner !== true && shape.items?.field === name) {
      const problem = unknownField(inner, shape.items.shape);
      if (problem) return `${name}(${problem})`;
    }
  }
  return undefined;
}

/**
 * The selector for an answer: the request's `fields`, or the shape's defaults. A response or an
 * error (Drive's 400 `invalidParameter`, naming the field it does not know).
 */
export function fieldMaskFor(fields: string | null, shape: ResourceShape): FieldMask | Response {
  const text = fields ?? shape.defaults;
  const parsed = parseFields(text);
  if ("error" in parsed) return invalidFieldSelection(parsed.error);
  const unknown = unknownField(parsed.mask, shape);
  if (unknown) return invalidFieldSelection(`Invalid field selection ${unknown}`);
  return parsed.mask;
}

export function renderWith(resource: unknown, mask: FieldMask): unknown {
  return selectFields(resource, mask);
}

export function renderUser(state: TenantState, email: string, callerEmail: string): Record<string, unknown> {
  const user = getGoogleUser(state, email);
  return {
    kind: "drive#user",
    displayName: user?.displayName ?? email.split("@")[0],
    me: email.toLowerCase() === callerEmail.toLowerCase(),
    permissionId: user?.permissionId ?? permissionIdOf(email),
    emailAddress: email,
  };
}

/** Export targets the twin can produce, by Google type. */
export const EXPORT_FORMATS: Readonly<Record<string, readonly string[]>> = {
  "application/vnd.google-apps.document": ["text/plain", "text/html"],
  "application/vnd.google-apps.spreadsheet": ["text/csv", "text/tab-separated-values"],
};

function extensionOf(name: string): string | undefined {
  const dot = name.lastIndexOf(".");
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1) : undefined;
}

function capabilities(file: WorkspaceFile, role: PermissionRole): Record<string, boolean> {
  const writer = roleAtLeast(role, "writer");
  const owner = role === "owner";
  const folder = file.mimeType === GOOGLE_FOLDER_MIME;
  return {
    canAddChildren: folder && writer,
    canComment: roleAtLeast(role, "commenter"),
    canCopy: !folder,
    canDelete: owner,
    canDownload: true,
    canEdit: writer,
    canListChildren: folder,
    canModifyContent: writer,
    canReadRevisions: writer,
    canRename: writer,
    canShare: writer,
    canTrash: owner,
    canUntrash: owner,
  };
}

export function renderPermission(state: TenantState, permission: FilePermission): Record<string, unknown> {
  const rendered: Record<string, unknown> = { kind: "drive#permission", id: permission.id, type: permission.type, role: permission.role };
  if (permission.emailAddress !== undefined) {
    rendered.emailAddress = permission.emailAddress;
    const user = getGoogleUser(state, permission.emailAddress);
    if (user) rendered.displayName = user.displayName;
  }
  if (permission.domain !== undefined) rendered.domain = permission.domain;
  if (permission.type === "anyone" || permission.type === "domain") rendered.allowFileDiscovery = permission.allowFileDiscovery ?? false;
  rendered.deleted = false;
  rendered.pendingOwner = false;
  return rendered;
}

export function renderRevision(state: TenantState, revision: DriveRevision, callerEmail: string): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    kind: "drive#revision",
    id: revision.id,
    mimeType: revision.mimeType,
    modifiedTime: revision.modifiedTime,
    keepForever: revision.keepForever,
    md5Checksum: revision.md5Checksum,
    size: String(revision.size),
    lastModifyingUser: renderUser(state, revision.modifiedBy, callerEmail),
  };
  if (revision.originalFilename !== undefined) rendered.originalFilename = revision.originalFilename;
  return rendered;
}

/** The full `drive#file` for a caller with `role` on it. */
export function renderFile(state: TenantState, file: WorkspaceFile, role: PermissionRole, callerEmail: string, baseUrl: string): Record<string, unknown> {
  const permissions = filePermissions(state, file);
  const binary = !file.mimeType.startsWith("application/vnd.google-apps.");
  const rendered: Record<string, unknown> = {
    kind: "drive#file",
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    starred: file.starred,
    trashed: file.trashed,
    explicitlyTrashed: file.explicitlyTrashed ?? false,
    parents: file.parents,
    spaces: ["drive"],
    version: String(file.version),
    webViewLink: `${baseUrl}/file/d/${file.id}/view`,
    iconLink: `${baseUrl}/icons/${encodeURIComponent(file.mimeType)}`,
    hasThumbnail: false,
    thumbnailVersion: "0",
    viewedByMe: true,
    createdTime: file.createdTime,
    modifiedTime: file.modifiedTime,
    modifiedByMe: (file.lastModifiedBy ?? file.owner).toLowerCase() === callerEmail.toLowerCase(),
    owners: [renderUser(state, file.owner, callerEmail)],
    lastModifyingUser: renderUser(state, file.lastModifiedBy ?? file.owner, callerEmail),
    shared: permissions.length > 1,
    ownedByMe: role === "owner",
    capabilities: capabilities(file, role),
    viewersCanCopyContent: true,
    copyRequiresWriterPermission: false,
    writersCanShare: true,
    permissionIds: permissions.map((permission) => permission.id),
    isAppAuthorized: false,
    quotaBytesUsed: String(file.size ?? 0),
  };
  if (file.description !== undefined) rendered.description = file.description;
  if (file.properties !== undefined) rendered.properties = file.properties;
  if (file.appProperties !== undefined) rendered.appProperties = file.appProperties;
  if (file.trashedTime !== undefined) rendered.trashedTime = file.trashedTime;
  if (roleAtLeast(role, "writer")) rendered.permissions = permissions.map((permission) => renderPermission(state, permission));
  if (binary) {
    rendered.webContentLink = `${baseUrl}/uc?id=${file.id}&export=download`;
    rendered.size = String(file.size ?? 0);
    if (file.md5Checksum !== undefined) rendered.md5Checksum = file.md5Checksum;
    if (file.headRevisionId !== undefined) rendered.headRevisionId = file.headRevisionId;
    rendered.originalFilename = file.originalFilename ?? file.name;
    const extension = extensionOf(file.name);
    if (extension !== undefined) {
      rendered.fileExtension = extension;
      rendered.fullFileExtension = extension;
    }
  }
  const formats = EXPORT_FORMATS[file.mimeType];
  if (formats) rendered.exportLinks = Object.fromEntries(formats.map((format) => [format, `${baseUrl}/drive/v3/files/${file.id}/export?mimeType=${encodeURIComponent(format)}`]));
  return rendered;
}
