/**
 * The OAuth scopes each Drive method accepts (any one of them), copied from the discovery
 * document (vendor/apis/google/drive-v3.discovery.json) so the twin does not read vendor files at
 * run time; test/twins/google-drive-contract.test.ts checks the copy against the document.
 */
const AUTH = "https://www.googleapis.com/auth/";

const SCOPES: Readonly<Record<string, readonly string[]>> = {
  "drive.about.get": ["drive", "drive.appdata", "drive.file", "drive.metadata", "drive.metadata.readonly", "drive.photos.readonly", "drive.readonly"],
  "drive.files.list": ["drive", "drive.appdata", "drive.file", "drive.meet.readonly", "drive.metadata", "drive.metadata.readonly", "drive.photos.readonly", "drive.readonly"],
  "drive.files.create": ["drive", "drive.appdata", "drive.file"],
  "drive.files.generateIds": ["drive", "drive.appdata", "drive.file"],
  "drive.files.emptyTrash": ["drive"],
  "drive.files.get": ["drive", "drive.appdata", "drive.file", "drive.meet.readonly", "drive.metadata", "drive.metadata.readonly", "drive.photos.readonly", "drive.readonly"],
  "drive.files.update": ["drive", "drive.appdata", "drive.file", "drive.metadata", "drive.scripts"],
  "drive.files.delete": ["drive", "drive.appdata", "drive.file"],
  "drive.files.copy": ["drive", "drive.appdata", "drive.file", "drive.photos.readonly"],
  "drive.files.export": ["drive", "drive.file", "drive.meet.readonly", "drive.readonly"],
  "drive.permissions.list": ["drive", "drive.file", "drive.meet.readonly", "drive.metadata", "drive.metadata.readonly", "drive.photos.readonly", "drive.readonly"],
  "drive.permissions.create": ["drive", "drive.file"],
  "drive.permissions.get": ["drive", "drive.file", "drive.meet.readonly", "drive.metadata", "drive.metadata.readonly", "drive.photos.readonly", "drive.readonly"],
  "drive.permissions.update": ["drive", "drive.file"],
  "drive.permissions.delete": ["drive", "drive.file"],
  "drive.revisions.list": ["drive", "drive.appdata", "drive.file", "drive.meet.readonly", "drive.metadata", "drive.metadata.readonly", "drive.photos.readonly", "drive.readonly"],
  "drive.revisions.get": ["drive", "drive.appdata", "drive.file", "drive.meet.readonly", "drive.metadata", "drive.metadata.readonly", "drive.photos.readonly", "drive.readonly"],
  "drive.revisions.update": ["drive", "drive.appdata", "drive.file"],
  "drive.revisions.delete": ["drive", "drive.appdata", "drive.file"],
};

export const DRIVE_METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(SCOPES).map(([method, scopes]) => [method, scopes.map((scope) => `${AUTH}${scope}`)]),
);

/** Scopes that see metadata only: content (`alt=media`, export) needs more. */
export const METADATA_ONLY_SCOPES: ReadonlySet<string> = new Set(["drive.metadata", "drive.metadata.readonly", "drive.photos.readonly"].map((scope) => `${AUTH}${scope}`));
