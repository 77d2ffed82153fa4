/**
 * Google Docs v1 for the Google twin (src/twins/google): the `docsApi` module it routes
 * `/v1/documents...` to, the coverage declaration and the export hook Drive's `files.export`
 * uses. Guide: docs/twins/google-docs.md.
 */
export { docsApi } from "./api.js";
export { DOCS_COVERAGE } from "./coverage.js";
export { exportDocument } from "./export.js";
export { seedDocuments } from "./fixture.js";
export { copyDocument } from "./model.js";
