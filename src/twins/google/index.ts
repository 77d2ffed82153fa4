/**
 * The Google twin: Drive v3, Docs v1 and Sheets v4 on one origin with one tenant state, as Google
 * serves them (a document made with the Docs API is a Drive file). `createGoogleTwin({ seed })`
 * gives a `Twin` whose `fetch` answers `/drive/v3/...`, `/upload/drive/v3/...`, `/v1/documents...`
 * and `/v4/spreadsheets...` (or the same under `/t/{tenant}`), plus a test token issuer at
 * `POST /token`. Each request is authenticated once here (bearer token -> `GoogleCaller`, scopes
 * checked against the method's), counted against the per-user quota, then handed to the API
 * module whose `methodOf` claims it. Guide: docs/twins/google.md.
 */
import { copyDocument, docsApi, exportDocument } from "../google-docs/index.js";
import { createDriveApi } from "../google-drive/index.js";
import { copySpreadsheet, exportSpreadsheet, sheetsApi } from "../google-sheets/index.js";
import type { GoogleApiModule } from "../google-common/caller.js";
import { googleError } from "../google-common/errors.js";
import { GOOGLE_DOCUMENT_MIME, GOOGLE_SPREADSHEET_MIME } from "../google-common/workspace-files.js";
import { type Tenant, type Twin, type TwinContext, type TwinDefinition, type TwinDescription, type TwinOptions, createTwin, listRecords } from "../kit/index.js";
import { GOOGLE_TOKENS, type GoogleToken, listGoogleUsers } from "../google-common/accounts.js";
import { initializeGoogle, refreshTokenOf } from "./accounts.js";
import { authenticate, hasScope, insufficientScopes } from "./auth.js";
import { internalError, quotaExceeded, rateLimited, serverError, vendorRateLimit } from "./faults.js";
import { seedGoogle } from "./fixture.js";
import { overQuota } from "./quotas.js";
import { TOKEN_PATH, handleToken } from "./token-endpoint.js";

export { GOOGLE_COVERAGE } from "./coverage.js";
export { DEFAULT_USER_EMAIL } from "./accounts.js";

export interface GoogleTwinOptions extends TwinOptions {
  /** The API modules, in routing order; default Drive (with the Docs and Sheets exporters and copiers), Docs, Sheets. */
  modules?: readonly GoogleApiModule[];
}

export const DEFAULT_GOOGLE_MODULES: readonly GoogleApiModule[] = [
  createDriveApi({
    exporters: { [GOOGLE_DOCUMENT_MIME]: exportDocument, [GOOGLE_SPREADSHEET_MIME]: exportSpreadsheet },
    copiers: { [GOOGLE_DOCUMENT_MIME]: copyDocument, [GOOGLE_SPREADSHEET_MIME]: copySpreadsheet },
  }),
  docsApi,
  sheetsApi,
];

function notFound(): Response {
  return googleError({ code: 404, message: "Not Found" });
}

function describe(tenant: Tenant, baseUrl: string): TwinDescription {
  const user = listGoogleUsers(tenant.state)[0];
  const token = listRecords<GoogleToken>(tenant.state, GOOGLE_TOKENS).find((candidate) => candidate.email === user?.email && candidate.expiresAt === undefined);
  const refresh = user ? refreshTokenOf(tenant, user.email) : undefined;
  const rootUrl = `${baseUrl}/`;
  return {
    credentials: { email: user?.email ?? "", accessToken: token?.token ?? "", ...(refresh ? { refreshToken: refresh.token, tokenUrl: `${baseUrl}${TOKEN_PATH}` } : {}) },
    sdkOption: `drive({ version: "v3", rootUrl: ${JSON.stringify(rootUrl)}, headers: { authorization: ${JSON.stringify(`Bearer ${token?.token ?? ""}`)} } })`,
    baseUrl: rootUrl,
  };
}

export function createGoogleTwin({ modules = DEFAULT_GOOGLE_MODULES, ...options }: GoogleTwinOptions = {}): Twin {
  const moduleFor = (request: Request, path: string): { module: GoogleApiModule; method: string } | undefined => {
    for (const module of modules) {
      const method = module.methodOf(request, path);
      if (method !== undefined) return { module, method };
    }
    return undefined;
  };

  const handle = (context: TwinContext): Response | Promise<Response> => {
    if (context.path === TOKEN_PATH && context.request.method === "POST") return handleToken(context);
    const routed = moduleFor(context.request, context.path);
    if (!routed) return notFound();
    const driveStyle = context.method.startsWith("drive.") || context.path.includes("/drive/v3");
    const auth = authenticate(context.tenant.state, context.request, context.url, driveStyle);
    if ("failure" in auth) return auth.failure;
    const accepted = routed.module.scopesFor?.(routed.method);
    if (!hasScope(auth.caller, accepted)) return insufficientScopes(driveStyle, accepted ?? []);
    if (overQuota(context.tenant, auth.caller.email)) return quotaExceeded(context.method);
    return routed.module.handle(context, auth.caller);
  };

  const definition: TwinDefinition = {
    name: "google",
    methodOf: (request, path) => (path === TOKEN_PATH ? "oauth2.token" : (moduleFor(request, path)?.method ?? `${request.method} ${path}`)),
    handle,
    rateLimited,
    serverError,
    internalError,
    vendorRateLimit,
    initialize: initializeGoogle,
    seed: (tenant, fixture) => seedGoogle(tenant, fixture, modules),
    describe,
  };
  return createTwin(definition, options);
}

