/**
 * The file metadata a client may write (files.create, files.update, files.copy), checked as
 * Drive checks it: read-only fields are refused with 403 `fieldNotWritable`, `parents` in an
 * update with Drive's own pointer to addParents/removeParents, a value of the wrong type with 400.
 */
import { googleError } from "../google-common/errors.js";
import { fieldNotWritable, invalidValue } from "./errors.js";
import { FILE_FIELDS } from "./render.js";

export interface FileMetadata {
  id?: string;
  name?: string;
  mimeType?: string;
  description?: string;
  starred?: boolean;
  trashed?: boolean;
  parents?: string[];
  /** Merged into the file's; a null value removes the key. */
  properties?: Record<string, string | null>;
  appProperties?: Record<string, string | null>;
  createdTime?: string;
  modifiedTime?: string;
  originalFilename?: string;
}

export type MetadataUse = "create" | "update" | "copy";

const WRITABLE: Readonly<Record<string, "string" | "boolean" | "strings" | "map" | "time">> = {
  id: "string",
  name: "string",
  mimeType: "string",
  description: "string",
  starred: "boolean",
  trashed: "boolean",
  parents: "strings",
  properties: "map",
  appProperties: "map",
  createdTime: "time",
  modifiedTime: "time",
  originalFilename: "string",
};

/** Writable in Drive but without effect in the twin: accepted and ignored. */
const IGNORED = new Set(["viewedByMeTime", "writersCanShare", "copyRequiresWriterPermission", "folderColorRgb", "contentHints", "contentRestrictions", "kind", "driveId", "teamDriveId", "shortcutDetails", "inheritedPermissionsDisabled", "downloadRestrictions"]);

function validValue(kind: string, value: unknown): boolean {
  switch (kind) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "strings":
      return Array.isArray(value) && value.every((item) => typeof item === "string");
    case "map":
      return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((item) => item === null || typeof item === "string");
    default:
      return typeof value === "string" && !Number.isNaN(Date.parse(value));
  }
}

export function readMetadata(body: Record<string, unknown>, use: MetadataUse): FileMetadata | Response {
  const metadata: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(body)) {
    if (IGNORED.has(field) || value === undefined) continue;
    const kind = WRITABLE[field];
    if (kind === undefined) {
      if (FILE_FIELDS.has(field)) return fieldNotWritable(field);
      return googleError({ code: 400, message: `Invalid JSON payload received. Unknown name "${field}": Cannot find field.`, reason: "invalid" });
    }
    if (field === "parents" && use === "update") {
      return googleError({ code: 403, message: "The parents field is not directly writable in update requests. Use the addParents and removeParents parameters instead.", reason: "fieldNotWritable" });
    }
    if (field === "id" && use !== "create") return fieldNotWritable(field);
    if (!validValue(kind, value)) return invalidValue(field, `Invalid value for ${field}: ${JSON.stringify(value)}`);
    metadata[field] = value;
  }
  if (metadata.name === "" && use !== "create") return invalidValue("name", "Invalid value for name: the name cannot be empty");
  return metadata as FileMetadata;
}

/** `current` with a metadata map merged in: null removes a key; an empty result is dropped. */
export function mergeMap(current: Record<string, string> | undefined, change: Record<string, string | null> | undefined): Record<string, string> | undefined {
  if (change === undefined) return current;
  const merged: Record<string, string> = { ...current };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return Object.keys(merged).length > 0 ? merged : undefined;
}
