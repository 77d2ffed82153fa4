/**
 * Who is calling the Google twin: established once per request by the Google twin's auth step
 * (an OAuth bearer token the tenant knows) before Drive, Docs or Sheets handle it. The handlers
 * get it as an argument instead of reading headers themselves, so the rule for tokens lives in
 * one place (src/twins/google/auth.ts).
 */
export interface GoogleCaller {
  /** The user's email: the owner of the files they create. */
  email: string;
  /** OAuth scopes the token was granted, e.g. `https://www.googleapis.com/auth/drive`. */
  scopes: readonly string[];
}

/** The routing contract between the Google twin and one of its APIs (Drive, Docs, Sheets). */
export interface GoogleApiModule {
  /** The vendor method a request calls (`drive.files.list`, `docs.documents.get`), or undefined when the path is not this API's. */
  methodOf(request: Request, path: string): string | undefined;
  /** Handles a request whose methodOf was defined; the caller is authenticated already. */
  handle(context: import("../kit/index.js").TwinContext, caller: GoogleCaller): Response | Promise<Response>;
  /** Scopes any of which lets a caller use the method (`undefined`: any valid token). */
  scopesFor?(method: string): readonly string[] | undefined;
  /**
   * Applies this API's part of a tenant fixture (Docs: `documents`, Sheets: `spreadsheets`); the
   * Google twin calls every module's seed with the whole fixture after seeding Drive's part.
   * Throws a TwinFixtureError with the path of the first bad field.
   */
  seed?(tenant: import("../kit/index.js").Tenant, fixture: Record<string, unknown>): void;
}
