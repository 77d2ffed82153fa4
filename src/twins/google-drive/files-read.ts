/** files.get (metadata and `alt=media`), files.list, files.delete, files.emptyTrash, files.generateIds, files.export. */
import { decodePageToken, encodePageToken } from "../google-common/page-tokens.js";
import { GOOGLE_FOLDER_MIME, type WorkspaceFile } from "../google-common/workspace-files.js";
import { type PermissionRole, roleOf } from "../google-common/file-access.js";
import { bytesOf, isGoogleType, textContentOf } from "./content.js";
import { badRequest, conversionNotSupported, insufficientScopes, fileNotDownloadable, fileNotExportable, invalidValue, requiredParameter } from "./errors.js";
import { allFiles, deleteFileRecord, descendantsOf, newFileId, rootFolderOf } from "./model.js";
import { type OrderKey, compareFiles, parseOrderBy } from "./order.js";
import { matchesQuery } from "./query-match.js";
import { parseQuery, type QueryNode } from "./query.js";
import { answer, type DriveRequest, fileFor } from "./request.js";
import { METADATA_ONLY_SCOPES } from "./scopes.js";
import { EXPORT_FORMATS, FILE_LIST_SHAPE, FILE_SHAPE, renderFile } from "./render.js";

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

function mediaResponse(bytes: Uint8Array | string, contentType: string): Response {
  return new Response(typeof bytes === "string" ? bytes : Buffer.from(bytes), { status: 200, headers: { "content-type": contentType } });
}

export function getFile(request: DriveRequest, fileId: string): Response {
  const found = fileFor(request, fileId);
  if (found instanceof Response) return found;
  if (request.query.get("alt") === "media") {
    if (isGoogleType(found.file.mimeType)) return fileNotDownloadable();
    if (request.caller.scopes.every((scope) => METADATA_ONLY_SCOPES.has(scope))) return insufficientScopes();
    return mediaResponse(bytesOf(found.file), found.file.mimeType);
  }
  return answer(request, renderFile(request.tenant.state, found.file, found.role, request.email, request.baseUrl), FILE_SHAPE);
}

/** The text `fullText contains` searches: text files' content, Docs' and Sheets' plain export. */
function searchableText(request: DriveRequest, file: WorkspaceFile): string {
  if (!isGoogleType(file.mimeType)) return textContentOf(file);
  const exporter = request.options.exporters?.[file.mimeType];
  const plain = exporter?.(request.tenant.state, file.id, file.mimeType === "application/vnd.google-apps.spreadsheet" ? "text/csv" : "text/plain");
  if (!plain) return "";
  return typeof plain.body === "string" ? plain.body : Buffer.from(plain.body).toString("utf8");
}

function pageSizeOf(request: DriveRequest): number | Response {
  const text = request.query.get("pageSize");
  if (text === null) return DEFAULT_PAGE_SIZE;
  const size = Number(text);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) return invalidValue("pageSize", `Invalid value '${text}'. Values must be within the range: [1, ${MAX_PAGE_SIZE}]`);
  return size;
}

export function listFiles(request: DriveRequest): Response {
  const { query } = request;
  const state = request.tenant.state;
  const pageSize = pageSizeOf(request);
  if (pageSize instanceof Response) return pageSize;
  const corpora = query.get("corpora");
  if (corpora !== null && corpora !== "user") return invalidValue("corpora", corpora === "drive" || corpora === "allDrives" || corpora === "domain" ? "The twin has no shared drives." : "Invalid Value");
  const q = query.get("q") ?? "";
  let filter: QueryNode | undefined;
  if (q.trim() !== "") {
    const parsed = parseQuery(q);
    if ("error" in parsed) return invalidValue("q");
    filter = parsed.query;
  }
  const orderText = query.get("orderBy") ?? "";
  const order: OrderKey[] | Response = parseOrderBy(orderText);
  if (order instanceof Response) return order;
  const scope = `${q}\n${orderText}`;
  const tokenText = query.get("pageToken");
  const offset = tokenText === null || tokenText === "" ? 0 : decodePageToken(tokenText, scope);
  if (offset === undefined) return invalidValue("pageToken");
  const rootFolderId = rootFolderOf(state, request.email) ?? "";
  const matching: { file: WorkspaceFile; role: PermissionRole }[] = [];
  for (const file of allFiles(state)) {
    // A file shared by link only opens by id; it is not listed (Drive's allowFileDiscovery).
    const role = roleOf(state, file, request.email, { discoverable: true });
    if (!role) continue;
    if (filter && !matchesQuery(file, filter, { state, email: request.email, rootFolderId, role, textOf: (candidate) => searchableText(request, candidate) })) continue;
    matching.push({ file, role });
  }
  if (order.length > 0) matching.sort((left, right) => compareFiles(left.file, right.file, order));
  const page = matching.slice(offset, offset + pageSize);
  const body: Record<string, unknown> = { kind: "drive#fileList", incompleteSearch: false };
  if (offset + pageSize < matching.length) body.nextPageToken = encodePageToken(offset + pageSize, scope);
  body.files = page.map(({ file, role }) => renderFile(state, file, role, request.email, request.baseUrl));
  return answer(request, body, FILE_LIST_SHAPE);
}

function deleteTree(request: DriveRequest, file: WorkspaceFile): void {
  const doomed = file.mimeType === GOOGLE_FOLDER_MIME ? [file, ...descendantsOf(request.tenant.state, file.id)] : [file];
  request.tenant.update((state) => doomed.reduce((next, item) => deleteFileRecord(next, item.id), state));
}

export function deleteFile(request: DriveRequest, fileId: string): Response {
  const found = fileFor(request, fileId, "owner");
  if (found instanceof Response) return found;
  if (found.file.id === rootFolderOf(request.tenant.state, request.email)) return badRequest("The root folder cannot be deleted.");
  deleteTree(request, found.file);
  return new Response(null, { status: 204 });
}

export function emptyTrash(request: DriveRequest): Response {
  const trashed = allFiles(request.tenant.state).filter((file) => file.trashed && file.owner.toLowerCase() === request.email);
  for (const file of trashed) deleteTree(request, file);
  return new Response(null, { status: 204 });
}

export function generateIds(request: DriveRequest): Response {
  const text = request.query.get("count");
  const count = text === null ? 10 : Number(text);
  if (!Number.isInteger(count) || count < 1 || count > 1000) return invalidValue("count", `Invalid value '${text}'. Values must be within the range: [1, 1000]`);
  const space = request.query.get("space") ?? "drive";
  const ids = Array.from({ length: count }, () => newFileId(request.tenant));
  return answer(request, { kind: "drive#generatedIds", space, ids }, { fields: new Set(["kind", "space", "ids"]), defaults: "kind,space,ids" });
}

export function exportFile(request: DriveRequest, fileId: string): Response {
  const mimeType = request.query.get("mimeType");
  if (mimeType === null || mimeType === "") return requiredParameter("mimeType");
  const found = fileFor(request, fileId);
  if (found instanceof Response) return found;
  const { file } = found;
  if (!isGoogleType(file.mimeType) || file.mimeType === GOOGLE_FOLDER_MIME) return fileNotExportable();
  const exporter = request.options.exporters?.[file.mimeType];
  if (!exporter || !EXPORT_FORMATS[file.mimeType]?.includes(mimeType)) return conversionNotSupported();
  const exported = exporter(request.tenant.state, file.id, mimeType);
  // A Google file made through Drive alone has no content with Docs or Sheets: it exports empty.
  if (!exported) return mediaResponse("", `${mimeType}; charset=utf-8`);
  return mediaResponse(exported.body, exported.contentType);
}
