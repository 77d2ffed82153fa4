/**
 * about.get: the caller, their storage use (the sum of the binary files they own) and the export
 * formats the twin makes. Drive requires `fields` on this method and so does the twin.
 */
import { googleError } from "../google-common/errors.js";
import { allFiles } from "./model.js";
import { answer, type DriveRequest } from "./request.js";
import { ABOUT_SHAPE, EXPORT_FORMATS, renderUser } from "./render.js";

/** 15 GB: the storage of a free Google account. */
const STORAGE_LIMIT = 15 * 1024 ** 3;

export function getAbout(request: DriveRequest): Response {
  if (request.query.get("fields") === null) {
    return googleError({ code: 400, message: "The 'fields' parameter is required for this method.", reason: "required", location: "fields", locationType: "parameter" });
  }
  const owned = allFiles(request.tenant.state).filter((file) => file.owner.toLowerCase() === request.email);
  const usage = owned.reduce((sum, file) => sum + (file.size ?? 0), 0);
  const trash = owned.filter((file) => file.trashed).reduce((sum, file) => sum + (file.size ?? 0), 0);
  const about = {
    kind: "drive#about",
    user: renderUser(request.tenant.state, request.email, request.email),
    storageQuota: { limit: String(STORAGE_LIMIT), usage: String(usage), usageInDrive: String(usage), usageInDriveTrash: String(trash) },
    importFormats: {},
    exportFormats: Object.fromEntries(Object.entries(EXPORT_FORMATS).filter(([type]) => request.options.exporters?.[type] !== undefined).map(([type, formats]) => [type, [...formats]])),
    maxImportSizes: {},
    maxUploadSize: String(5 * 1024 ** 4),
    appInstalled: false,
    canCreateDrives: false,
    canCreateTeamDrives: false,
    folderColorPalette: ["#ac725e", "#d06b64", "#f83a22", "#fa573c", "#ff7537", "#ffad46"],
  };
  return answer(request, about, ABOUT_SHAPE);
}
