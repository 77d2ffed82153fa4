/**
 * The Drive file records that Docs and Sheets share with Drive. One Google tenant holds one set
 * of files: a document created through the Docs API is a Drive file of mimeType
 * `application/vnd.google-apps.document`, listed, shared, copied, exported and trashed through
 * Drive. Drive owns the collection; Docs and Sheets create and read their files through these
 * functions so that the record shape lives in one place. The content of a document or a
 * spreadsheet lives in the Docs and Sheets twins' own collections, keyed by the same id.
 */
import { getRecord, putRecord, type TenantState } from "../kit/index.js";

export const DRIVE_FILES = "drive.files";
export const GOOGLE_DOCUMENT_MIME = "application/vnd.google-apps.document";
export const GOOGLE_SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet";
export const GOOGLE_FOLDER_MIME = "application/vnd.google-apps.folder";

/** A Drive file (`drive#file`) as the twin stores it; Drive renders it with `fields`. */
export interface WorkspaceFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  /** The user (email) who owns it. */
  owner: string;
  createdTime: string;
  modifiedTime: string;
  trashed: boolean;
  starred: boolean;
  description?: string;
  /** Bumped on every content or metadata change (Drive's `version`). */
  version: number;
  /** Content of a binary (non-Google) file, base64; Google files keep theirs in Docs/Sheets. */
  contentBase64?: string;
  size?: number;
  md5Checksum?: string;
  appProperties?: Record<string, string>;
  properties?: Record<string, string>;
  /** Trashed by a request on the file itself rather than with its folder. */
  explicitlyTrashed?: boolean;
  trashedTime?: string;
  /** Who made the last change (email); the owner when absent. */
  lastModifiedBy?: string;
  /** The name of the uploaded file when it was uploaded. */
  originalFilename?: string;
  /** The id of the latest revision of a binary file. */
  headRevisionId?: string;
}

export function getWorkspaceFile(state: TenantState, id: string): WorkspaceFile | undefined {
  return getRecord<WorkspaceFile>(state, DRIVE_FILES, id);
}

export function putWorkspaceFile(state: TenantState, file: WorkspaceFile): TenantState {
  return putRecord(state, DRIVE_FILES, file.id, file);
}
