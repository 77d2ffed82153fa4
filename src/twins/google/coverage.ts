/**
 * What the Google twin covers of Drive v3, Docs v1 and Sheets v4, keyed by discovery method id
 * (`drive.files.list`, `docs.documents.get`, `sheets.spreadsheets.values.get`): each API module
 * declares its own, composed here for scripts/twin-coverage.ts.
 */
import { DOCS_COVERAGE } from "../google-docs/index.js";
import { DRIVE_COVERAGE, type CoverageEntry } from "../google-drive/coverage.js";
import { SHEETS_COVERAGE } from "../google-sheets/index.js";

export type { CoverageEntry };

export const GOOGLE_COVERAGE: Record<string, CoverageEntry> = { ...DRIVE_COVERAGE, ...DOCS_COVERAGE, ...SHEETS_COVERAGE };
