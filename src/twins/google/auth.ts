/**
 * Who is calling: an OAuth 2.0 bearer token (`Authorization: Bearer ya29...`, or the
 * `access_token` / `oauth_token` query parameter) that the tenant issued, not expired, turned
 * into a `GoogleCaller`. Failures are Google's answers: 401 `required` without a token, 401
 * `authError` for an unknown or expired one, 403 `insufficientPermissions` when the token lacks
 * every scope the method accepts. Drive words them with `errors[]`; Docs and Sheets without.
 */
import { getGoogleToken } from "../google-common/accounts.js";
import type { GoogleCaller } from "../google-common/caller.js";
import { googleError } from "../google-common/errors.js";
import type { TenantState } from "../kit/index.js";

const SEE = "Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.";
const REALM = 'Bearer realm="https://accounts.google.com/"';

export function tokenOf(request: Request, url: URL): string | undefined {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? match[1] : "";
  }
  return url.searchParams.get("access_token") ?? url.searchParams.get("oauth_token") ?? undefined;
}

export function missingCredentials(driveStyle: boolean): Response {
  return googleError({
    code: 401,
    message: `Request is missing required authentication credential. ${SEE}`,
    ...(driveStyle ? { reason: "required", detailMessage: "Login Required.", location: "Authorization", locationType: "header" } : {}),
    headers: { "www-authenticate": REALM },
  });
}

export function invalidCredentials(driveStyle: boolean): Response {
  return googleError({
    code: 401,
    message: `Request had invalid authentication credentials. ${SEE}`,
    ...(driveStyle ? { reason: "authError", detailMessage: "Invalid Credentials", location: "Authorization", locationType: "header" } : {}),
    headers: { "www-authenticate": `${REALM}, error="invalid_token"` },
  });
}

export function insufficientScopes(driveStyle: boolean, scopes: readonly string[]): Response {
  return googleError({
    code: 403,
    message: "Request had insufficient authentication scopes.",
    ...(driveStyle ? { reason: "insufficientPermissions", detailMessage: "Insufficient Permission" } : {}),
    headers: { "www-authenticate": `${REALM}, error="insufficient_scope", scope="${scopes.join(" ")}"` },
  });
}

export type Authentication = { caller: GoogleCaller } | { failure: Response };

export function authenticate(state: TenantState, request: Request, url: URL, driveStyle: boolean): Authentication {
  const token = tokenOf(request, url);
  if (token === undefined) return { failure: missingCredentials(driveStyle) };
  const record = token === "" ? undefined : getGoogleToken(state, token);
  if (!record || (record.expiresAt !== undefined && state.meta.now >= record.expiresAt)) return { failure: invalidCredentials(driveStyle) };
  return { caller: { email: record.email, scopes: record.scopes } };
}

/** True when the method takes any token (`undefined`) or the caller has one of its scopes. */
export function hasScope(caller: GoogleCaller, accepted: readonly string[] | undefined): boolean {
  return accepted === undefined || accepted.some((scope) => caller.scopes.includes(scope));
}
