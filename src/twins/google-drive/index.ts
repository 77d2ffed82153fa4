/**
 * Google Drive v3 for the Google twin (src/twins/google): the `driveApi` module it routes
 * `/drive/v3/...` and `/upload/drive/v3/...` to, the coverage declaration and the fixture part.
 * `createDriveApi({ exporters, copiers })` takes the Docs and Sheets export and copy functions,
 * which the Google twin passes; `driveApi` alone exports nothing and copies only Drive's record
 * of a Google file. Guide: docs/twins/google-drive.md.
 */
import type { GoogleApiModule } from "../google-common/caller.js";
import { methodNotFound } from "./errors.js";
import { seedDrive } from "./fixture.js";
import type { DriveOptions } from "./request.js";
import { isDrivePath, matchDriveRoute } from "./routes.js";
import { DRIVE_METHOD_SCOPES } from "./scopes.js";

export { DRIVE_COVERAGE } from "./coverage.js";
export { seedDrive, seedDrivePermissions } from "./fixture.js";
export { parseQuery, type QueryNode } from "./query.js";
export type { Copier, DriveOptions, Exporter } from "./request.js";

export function createDriveApi(options: DriveOptions = {}): GoogleApiModule {
  return {
    methodOf(request, path) {
      if (!isDrivePath(path)) return undefined;
      return matchDriveRoute(request.method, path)?.route.method ?? `${request.method} ${path}`;
    },
    handle(context, caller) {
      const match = matchDriveRoute(context.request.method, context.path);
      if (!match) return methodNotFound();
      const request = { context, tenant: context.tenant, caller, email: caller.email.toLowerCase(), query: context.url.searchParams, baseUrl: context.baseUrl, options };
      return match.route.handle(request, ...match.params);
    },
    scopesFor: (method) => DRIVE_METHOD_SCOPES[method],
    seed: seedDrive,
  };
}

export const driveApi: GoogleApiModule = createDriveApi();
