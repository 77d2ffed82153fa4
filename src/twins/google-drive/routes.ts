/**
 * Drive v3's paths, by HTTP method, to the discovery method id and its handler. The upload paths
 * (`/upload/drive/v3/files...`) carry the same method ids as the metadata ones, as Google's
 * discovery document does (files.create and files.update take media).
 */
import { getAbout } from "./about.js";
import { copyFile, createFile, updateFile } from "./files-write.js";
import { deleteFile, emptyTrash, exportFile, generateIds, getFile, listFiles } from "./files-read.js";
import { createPermission, deletePermission, getPermission, listPermissions, updatePermission } from "./permissions.js";
import { bodyObject, type DriveRequest } from "./request.js";
import { deleteRevision, getRevision, listRevisions, updateRevision } from "./revisions.js";
import { continueSession, upload } from "./uploads.js";

export interface DriveRoute {
  httpMethod: string;
  pattern: RegExp;
  method: string;
  handle(request: DriveRequest, ...params: string[]): Response | Promise<Response>;
}

const FILE = "([^/]+)";
const route = (httpMethod: string, path: string, method: string, handle: DriveRoute["handle"]): DriveRoute => ({ httpMethod, pattern: new RegExp(`^${path}$`), method, handle });
const V3 = "/drive/v3";
const UPLOAD = "/(?:resumable/)?upload/drive/v3";

export const DRIVE_ROUTES: readonly DriveRoute[] = [
  route("GET", `${V3}/about`, "drive.about.get", getAbout),
  route("GET", `${V3}/files`, "drive.files.list", listFiles),
  route("POST", `${V3}/files`, "drive.files.create", (request) => createFile(request, bodyObject(request))),
  route("POST", `${UPLOAD}/files`, "drive.files.create", (request) => upload(request, undefined)),
  route("PUT", `${UPLOAD}/files`, "drive.files.create", continueSession),
  route("GET", `${V3}/files/generateIds`, "drive.files.generateIds", generateIds),
  route("DELETE", `${V3}/files/trash`, "drive.files.emptyTrash", emptyTrash),
  route("GET", `${V3}/files/${FILE}`, "drive.files.get", getFile),
  route("PATCH", `${V3}/files/${FILE}`, "drive.files.update", (request, fileId) => updateFile(request, fileId!, bodyObject(request))),
  route("PATCH", `${UPLOAD}/files/${FILE}`, "drive.files.update", (request, fileId) => upload(request, fileId)),
  route("PUT", `${UPLOAD}/files/${FILE}`, "drive.files.update", continueSession),
  route("DELETE", `${V3}/files/${FILE}`, "drive.files.delete", deleteFile),
  route("POST", `${V3}/files/${FILE}/copy`, "drive.files.copy", copyFile),
  route("GET", `${V3}/files/${FILE}/export`, "drive.files.export", exportFile),
  route("GET", `${V3}/files/${FILE}/permissions`, "drive.permissions.list", listPermissions),
  route("POST", `${V3}/files/${FILE}/permissions`, "drive.permissions.create", createPermission),
  route("GET", `${V3}/files/${FILE}/permissions/${FILE}`, "drive.permissions.get", getPermission),
  route("PATCH", `${V3}/files/${FILE}/permissions/${FILE}`, "drive.permissions.update", updatePermission),
  route("DELETE", `${V3}/files/${FILE}/permissions/${FILE}`, "drive.permissions.delete", deletePermission),
  route("GET", `${V3}/files/${FILE}/revisions`, "drive.revisions.list", listRevisions),
  route("GET", `${V3}/files/${FILE}/revisions/${FILE}`, "drive.revisions.get", getRevision),
  route("PATCH", `${V3}/files/${FILE}/revisions/${FILE}`, "drive.revisions.update", updateRevision),
  route("DELETE", `${V3}/files/${FILE}/revisions/${FILE}`, "drive.revisions.delete", deleteRevision),
];

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export interface RouteMatch {
  route: DriveRoute;
  params: string[];
}

/** Drive's route for a request, or undefined when the path is not Drive's (or not served). */
export function matchDriveRoute(httpMethod: string, path: string): RouteMatch | undefined {
  for (const candidate of DRIVE_ROUTES) {
    if (candidate.httpMethod !== httpMethod) continue;
    const match = candidate.pattern.exec(path);
    if (match) return { route: candidate, params: match.slice(1).map(decodeSegment) };
  }
  return undefined;
}

/** True for paths in Drive's space, served or not: an unserved one answers Drive's 404. */
export function isDrivePath(path: string): boolean {
  return /^\/(?:resumable\/)?(?:upload\/)?drive\/v3(?:\/|$)/.test(path);
}
