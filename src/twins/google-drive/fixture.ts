/**
 * Drive's part of a Google fixture: `folders`, `files` and `permissions` (users and tokens are
 * the Google twin's, seeded first; permissions last, after Docs and Sheets made their files). Folders come before files so files can name them as parents
 * by id; without `parents` an item goes to its owner's My Drive. Ids may be given (to refer to
 * them from scenarios) or are drawn from the seeded generator.
 *
 * ```yaml
 * folders: [{ id: reports, name: Reports, owner: ana@example.com }]
 * files:
 *   - { id: notes, name: notes.txt, mimeType: text/plain, parents: [reports], content: "hello" }
 * permissions: [{ file: reports, type: user, role: reader, emailAddress: bo@example.com }]
 * ```
 */
import { getGoogleUser, listGoogleUsers, permissionIdOf } from "../google-common/accounts.js";
import { DRIVE_PERMISSIONS, type FilePermission, PERMISSION_ROLES, PERMISSION_TYPES, filePermissions, putFilePermissions } from "../google-common/file-access.js";
import { GOOGLE_FOLDER_MIME, type WorkspaceFile, getWorkspaceFile, putWorkspaceFile } from "../google-common/workspace-files.js";
import { type Tenant, TwinFixtureError, fieldPath, fixtureObject, getRecord } from "../kit/index.js";
import { isGoogleType, withContent } from "./content.js";
import { newFileId } from "./model.js";

const FILE_KEYS = ["id", "name", "mimeType", "parents", "owner", "content", "contentBase64", "description", "starred", "trashed", "properties", "appProperties", "createdTime", "modifiedTime"];
const PERMISSION_KEYS = ["file", "type", "role", "emailAddress", "domain", "allowFileDiscovery"];
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

function stringMap(value: unknown, path: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const record = fixtureObject(value, path);
  return Object.fromEntries(Object.keys(record.record).map((key) => [key, record.string(key)]));
}

function seedItem(tenant: Tenant, item: unknown, path: string, folder: boolean): void {
  const entry = fixtureObject(item, path, folder ? FILE_KEYS.filter((key) => !["mimeType", "content", "contentBase64"].includes(key)) : FILE_KEYS);
  const defaultOwner = listGoogleUsers(tenant.state)[0]?.email;
  const owner = (entry.optionalString("owner", { nonEmpty: true }) ?? defaultOwner)?.toLowerCase();
  if (owner === undefined) throw new TwinFixtureError(entry.path("owner"), "required when the tenant has no users");
  const id = entry.optionalString("id", { pattern: ID_PATTERN, patternName: "letters, digits, - and _" }) ?? newFileId(tenant);
  if (getWorkspaceFile(tenant.state, id)) throw new TwinFixtureError(entry.path("id"), `a file with id ${JSON.stringify(id)} already exists`);
  const root = getGoogleUser(tenant.state, owner)?.rootFolderId;
  const parents = entry.arrayOf("parents", (value, itemPath) => {
    const parentId = fixtureObject({ parent: value }, itemPath).string("parent");
    const resolved = parentId === "root" ? root : parentId;
    const parent = resolved === undefined ? undefined : resolved === root ? resolved : getWorkspaceFile(tenant.state, resolved)?.mimeType === GOOGLE_FOLDER_MIME ? resolved : undefined;
    if (parent === undefined) throw new TwinFixtureError(itemPath, `no folder ${JSON.stringify(parentId)} (folders must come before what they contain)`);
    return parent;
  });
  if (parents.length > 1) throw new TwinFixtureError(entry.path("parents"), "a file has at most one parent in Drive v3");
  const now = new Date(tenant.now()).toISOString();
  const mimeType = folder ? GOOGLE_FOLDER_MIME : (entry.optionalString("mimeType", { nonEmpty: true }) ?? "text/plain");
  const trashed = entry.optionalBoolean("trashed") ?? false;
  let file: WorkspaceFile = {
    id,
    name: entry.string("name", { nonEmpty: true }),
    mimeType,
    parents: parents.length > 0 ? parents : root ? [root] : [],
    owner,
    createdTime: entry.optionalString("createdTime") ?? now,
    modifiedTime: entry.optionalString("modifiedTime") ?? entry.optionalString("createdTime") ?? now,
    trashed,
    starred: entry.optionalBoolean("starred") ?? false,
    version: 1,
    ...(trashed ? { explicitlyTrashed: true, trashedTime: now } : {}),
  };
  for (const key of ["createdTime", "modifiedTime"] as const) {
    if (entry.has(key) && Number.isNaN(Date.parse(file[key]))) throw new TwinFixtureError(entry.path(key), `expected an RFC 3339 time, got ${JSON.stringify(file[key])}`);
  }
  const description = entry.optionalString("description");
  if (description !== undefined) file.description = description;
  const properties = stringMap(entry.value("properties"), entry.path("properties"));
  const appProperties = stringMap(entry.value("appProperties"), entry.path("appProperties"));
  if (properties) file.properties = properties;
  if (appProperties) file.appProperties = appProperties;
  if (!folder && !isGoogleType(mimeType)) {
    const text = entry.optionalString("content");
    const base64 = entry.optionalString("contentBase64", { pattern: /^[A-Za-z0-9+/]*={0,2}$/, patternName: "base64" });
    if (text !== undefined && base64 !== undefined) throw new TwinFixtureError(entry.path("contentBase64"), "give content or contentBase64, not both");
    const bytes = base64 !== undefined ? Buffer.from(base64, "base64") : Buffer.from(text ?? "", "utf8");
    file = withContent(tenant, file, new Uint8Array(bytes), owner, file.name);
  } else if (entry.has("content") || entry.has("contentBase64")) {
    throw new TwinFixtureError(entry.path(entry.has("content") ? "content" : "contentBase64"), "Google files take their content from the documents and spreadsheets sections");
  }
  const written = file;
  tenant.update((state) => putWorkspaceFile(state, written));
}

function seedPermission(tenant: Tenant, item: unknown, path: string): void {
  const entry = fixtureObject(item, path, PERMISSION_KEYS);
  const fileId = entry.string("file", { nonEmpty: true });
  const file = getWorkspaceFile(tenant.state, fileId);
  if (!file) throw new TwinFixtureError(entry.path("file"), `no file ${JSON.stringify(fileId)}`);
  const type = entry.oneOf("type", PERMISSION_TYPES);
  const role = entry.oneOf("role", PERMISSION_ROLES.filter((role) => role !== "owner" && role !== "organizer" && role !== "fileOrganizer"));
  const emailAddress = entry.optionalString("emailAddress", { nonEmpty: true })?.toLowerCase();
  const domain = entry.optionalString("domain", { nonEmpty: true })?.toLowerCase();
  const allowFileDiscovery = entry.optionalBoolean("allowFileDiscovery") ?? false;
  if ((type === "user" || type === "group") && emailAddress === undefined) throw new TwinFixtureError(entry.path("emailAddress"), `required for type ${type}`);
  if (type === "domain" && domain === undefined) throw new TwinFixtureError(entry.path("domain"), "required for type domain");
  const permission: FilePermission = {
    id: type === "anyone" ? (allowFileDiscovery ? "anyone" : "anyoneWithLink") : permissionIdOf(type === "domain" ? `domain:${domain}` : emailAddress!),
    type,
    role,
    ...(type === "user" || type === "group" ? { emailAddress: emailAddress! } : {}),
    ...(type === "domain" ? { domain: domain! } : {}),
    ...(type === "anyone" || type === "domain" ? { allowFileDiscovery } : {}),
  };
  if (filePermissions(tenant.state, file).some((existing) => existing.id === permission.id)) throw new TwinFixtureError(path, "the file already has a permission for this grantee");
  const stored = getRecord<FilePermission[]>(tenant.state, DRIVE_PERMISSIONS, file.id) ?? [];
  tenant.update((state) => putFilePermissions(state, file.id, [...stored, permission]));
}

/** Applies `folders` and `files`; other sections belong to other modules. */
export function seedDrive(tenant: Tenant, fixture: Record<string, unknown>): void {
  const root = fixtureObject(fixture, "");
  root.optionalArray("folders").forEach((item, index) => seedItem(tenant, item, fieldPath(root.path("folders"), index), true));
  root.optionalArray("files").forEach((item, index) => seedItem(tenant, item, fieldPath(root.path("files"), index), false));
}

/**
 * Applies `permissions`, after every module has seeded its files: a permission may share a
 * document or spreadsheet that the Docs or Sheets section made.
 */
export function seedDrivePermissions(tenant: Tenant, fixture: Record<string, unknown>): void {
  const root = fixtureObject(fixture, "");
  root.optionalArray("permissions").forEach((item, index) => seedPermission(tenant, item, fieldPath(root.path("permissions"), index)));
}
