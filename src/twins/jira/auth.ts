/**
 * Authentication as Jira Cloud does it: Basic `email:api_token` or a Bearer token (OAuth 2.0
 * access token or personal access token). Bad credentials get the plain-text 401 Jira's gateway
 * answers; missing credentials on an operation that needs them get the JSON 401; a scoped bearer
 * token without the operation's classic scope gets the gateway's "scope does not match".
 */
import type { TenantState } from "../kit/index.js";
import { jiraError, json } from "./errors.js";
import { COLLECTIONS, type CredentialRecord, type UserRecord, get } from "./model.js";
import type { Caller } from "./request.js";

export const BAD_CREDENTIALS = "Client must be authenticated to access this resource.";
export const NOT_AUTHENTICATED = "You are not authenticated. Authentication required to perform this operation.";

export type AuthOutcome = { caller: Caller } | { anonymous: true } | { failure: Response };

function badCredentials(): Response {
  return new Response(BAD_CREDENTIALS, {
    status: 401,
    headers: { "content-type": "text/plain;charset=UTF-8", "www-authenticate": 'Basic realm="protected-area"', "x-seraph-loginreason": "AUTHENTICATED_FAILED" },
  });
}

export function notAuthenticated(): Response {
  return jiraError(401, [NOT_AUTHENTICATED]);
}

export function scopeMismatch(): Response {
  return json({ code: 401, message: "Unauthorized; scope does not match" }, 401, { "content-type": "application/json" });
}

function decodeBasic(value: string): { email: string; token: string } | undefined {
  try {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    return { email: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
  } catch {
    return undefined;
  }
}

export function authenticate(state: TenantState, authorization: string | null): AuthOutcome {
  if (!authorization || authorization.trim() === "") return { anonymous: true };
  const [scheme = "", ...rest] = authorization.trim().split(/\s+/);
  const value = rest.join(" ");
  let credential: CredentialRecord | undefined;
  let user: UserRecord | undefined;
  if (scheme.toLowerCase() === "basic") {
    const basic = decodeBasic(value);
    credential = basic ? get<CredentialRecord>(state, COLLECTIONS.credentials, basic.token) : undefined;
    user = credential ? get<UserRecord>(state, COLLECTIONS.users, credential.accountId) : undefined;
    if (!basic || credential?.kind !== "api_token" || !user || user.emailAddress.toLowerCase() !== basic.email.toLowerCase()) return { failure: badCredentials() };
  } else if (scheme.toLowerCase() === "bearer") {
    credential = get<CredentialRecord>(state, COLLECTIONS.credentials, value);
    user = credential ? get<UserRecord>(state, COLLECTIONS.users, credential.accountId) : undefined;
    if (credential?.kind !== "bearer" || !user) return { failure: badCredentials() };
  } else {
    return { failure: badCredentials() };
  }
  if (!user.active) return { failure: badCredentials() };
  return { caller: { user, credential } };
}

/** True when the credential may call an operation that needs `scopes`. */
export function hasScopes(credential: CredentialRecord, scopes: string[]): boolean {
  if (!credential.scopes || credential.kind !== "bearer") return true;
  return scopes.every((scope) => credential.scopes!.includes(scope));
}
