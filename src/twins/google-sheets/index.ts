/**
 * Google Sheets v4 for the Google twin (src/twins/google): the `sheetsApi` module it routes
 * `/v4/spreadsheets...` to, the coverage declaration and the export hook Drive's `files.export`
 * uses. Guide: docs/twins/google-sheets.md.
 */
export { sheetsApi } from "./api.js";
export { SHEETS_COVERAGE } from "./coverage.js";
export { exportSpreadsheet } from "./export.js";
export { seedSpreadsheets } from "./fixture.js";
export { copySpreadsheet } from "./model.js";
