/**
 * What the Google twin covers of Drive v3, keyed by discovery method id, with the test that
 * proves each (scripts/twin-coverage.ts builds docs/twins/coverage.md from it). Everything not
 * listed answers Drive's 404; shared drives, comments, changes and labels are not twinned.
 */
import { type CoverageEntry, testReference as t } from "../kit/index.js";
export type { CoverageEntry } from "../kit/index.js";

const SDK = "test/twins/google-drive-sdk.test.ts";
const CONTRACT = "test/twins/google-drive-contract.test.ts";

const CREATE = t(SDK, "creates folders and files with metadata, media and multipart uploads, and downloads them");
const LIST = t(SDK, "gets files with fields and lists them with q, orderBy and pageToken paging");
const WRITE = t(SDK, "updates, moves, copies, trashes, restores and deletes files");
const SHARE = t(SDK, "shares files with permissions; a file not shared with the caller is not found");
const EXPORT = t(SDK, "exports Docs as text and HTML and Sheets as CSV");
const RESUMABLE = t(CONTRACT, "uploads in chunks through a resumable session");
const REVISIONS = t(SDK, "keeps a revision per upload of a binary file");
const ABOUT = t(SDK, "reads about and generates ids");

export const DRIVE_COVERAGE: Record<string, CoverageEntry> = {
  "drive.about.get": { status: "partial", test: ABOUT, note: "user, storageQuota, exportFormats; no themes or import formats" },
  "drive.files.create": { status: "partial", test: CREATE, note: "metadata, uploadType media, multipart and resumable; no conversion to Google types (400), no shared drives, no shortcuts" },
  "drive.files.get": { status: "supported", test: LIST, note: "alt=media for binary files; acknowledgeAbuse and resource keys are ignored" },
  "drive.files.list": { status: "partial", test: LIST, note: "q subset (docs/twins/google-drive.md), orderBy, pageSize, pageToken; corpora user only; fullText is a substring search" },
  "drive.files.update": { status: "partial", test: WRITE, note: "name, description, starred, trashed, properties, appProperties, mimeType of binary files, addParents/removeParents, media" },
  "drive.files.copy": { status: "partial", test: WRITE, note: "a copy of a Google Doc or Sheet copies the Drive record, not the document's content" },
  "drive.files.delete": { status: "supported", test: WRITE },
  "drive.files.emptyTrash": { status: "supported", test: WRITE },
  "drive.files.export": { status: "partial", test: EXPORT, note: "Docs to text/plain and text/html, Sheets to text/csv and text/tab-separated-values; other formats answer 400" },
  "drive.files.generateIds": { status: "supported", test: ABOUT },
  "drive.permissions.create": { status: "partial", test: SHARE, note: "no notification emails; shared-drive roles refused" },
  "drive.permissions.list": { status: "supported", test: SHARE },
  "drive.permissions.get": { status: "supported", test: SHARE },
  "drive.permissions.update": { status: "partial", test: SHARE, note: "role (and ownership transfer); expirationTime is ignored" },
  "drive.permissions.delete": { status: "supported", test: SHARE },
  "drive.revisions.list": { status: "partial", test: REVISIONS, note: "binary files only; Google files list none" },
  "drive.revisions.get": { status: "partial", test: REVISIONS, note: "binary files only, alt=media included" },
  "drive.revisions.update": { status: "partial", test: RESUMABLE, note: "keepForever only" },
  "drive.revisions.delete": { status: "supported", test: RESUMABLE },
};
