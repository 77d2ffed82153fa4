/**
 * `POST /oauth2[/{authServerId}]/v1/token`: the `authorization_code` (with PKCE S256 and the
 * redirect URI checked), `refresh_token` (rotated: the old one stops working) and
 * `client_credentials` grants. The org server gives client credentials only to clients that
 * authenticate with `private_key_jwt`, and only `okta.*` scopes, as Okta does.
 */
import { createHash } from "node:crypto";
import { deleteRecord } from "../kit/index.js";
import { type ServerView, MANAGEMENT_SCOPES, ORG_SERVER, OIDC_SCOPES, serverView } from "./authorization-servers.js";
import { authenticateClient } from "./client-auth.js";
import { oauthError } from "./errors.js";
import type { AuthCodeRecord } from "./oauth-authorize.js";
import { type AppRecord, COLLECTIONS, type UserRecord, get } from "./model.js";
import { type OktaRequest, isRecord } from "./request.js";
import { dropRefreshToken, findRefreshToken, issueTokens } from "./tokens.js";
import { jsonResponse } from "../kit/index.js";

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

/** The form fields of an OAuth request (`application/x-www-form-urlencoded`), or undefined. */
export function oauthForm(request: OktaRequest): Record<string, string> | undefined {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (!type.includes("application/x-www-form-urlencoded")) return undefined;
  if (request.rawBody === "") return {};
  if (!isRecord(request.body)) return undefined;
  return Object.fromEntries(Object.entries(request.body).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** The server a request's path names, with the URLs its client assertions may be addressed to. */
export function requestServer(request: OktaRequest): { server: ServerView; audiences: string[] } | undefined {
  const server = serverView(request.tenant, request.baseUrl, request.params["authorizationServerId"] ?? ORG_SERVER);
  if (!server) return undefined;
  const endpoint = `${request.baseUrl}${request.url.pathname.slice(request.url.pathname.indexOf("/oauth2/"))}`;
  return { server, audiences: [endpoint, `${server.endpointBase}/token`] };
}

const unauthorizedGrant = (app: AppRecord) => oauthError(400, "unauthorized_client", `The client is not authorized to use the provided grant type. Configured grant types: [${app.grantTypes.join(", ")}].`);

function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

function authorizationCode(request: OktaRequest, server: ServerView, app: AppRecord, form: Record<string, string>): Response {
  const { tenant } = request;
  const code = form["code"] ?? "";
  const record = get<AuthCodeRecord>(tenant.state, COLLECTIONS.authCodes, code);
  // A code is used once, whatever the outcome.
  if (record) tenant.update((state) => deleteRecord(state, COLLECTIONS.authCodes, code));
  if (!record || record.expiresAt * 1000 <= tenant.now() || record.clientId !== app.clientId || record.serverId !== server.id) return oauthError(400, "invalid_grant", "The authorization code is invalid or has expired.");
  if (form["redirect_uri"] !== record.redirectUri) return oauthError(400, "invalid_grant", "The 'redirect_uri' does not match the redirection URI used in the authorization request.");
  const verifier = form["code_verifier"];
  if (record.codeChallenge !== undefined) {
    if (verifier === undefined) return oauthError(400, "invalid_request", "PKCE verification failed: the 'code_verifier' parameter is missing.");
    if (s256(verifier) !== record.codeChallenge) return oauthError(400, "invalid_grant", "PKCE verification failed.");
  } else if (verifier !== undefined) {
    return oauthError(400, "invalid_grant", "PKCE verification failed: the authorization request had no code_challenge.");
  }
  const user = get<UserRecord>(tenant.state, COLLECTIONS.users, record.userId);
  if (!user || user.status !== "ACTIVE") return oauthError(400, "invalid_grant", "The authorization code is invalid or has expired.");
  const grant = { server, app, user, scopes: record.scopes, authTime: record.authTime, ...(record.nonce !== undefined ? { nonce: record.nonce } : {}) };
  return jsonResponse(issueTokens(tenant, grant), 200, NO_STORE);
}

function refreshToken(request: OktaRequest, server: ServerView, app: AppRecord, form: Record<string, string>): Response {
  const { tenant } = request;
  const record = findRefreshToken(tenant, form["refresh_token"] ?? "");
  if (!record || record.clientId !== app.clientId || record.serverId !== server.id) return oauthError(400, "invalid_grant", "The refresh token is invalid or expired.");
  const requested = form["scope"] === undefined ? record.scopes : form["scope"].split(" ").filter((scope) => scope !== "");
  if (requested.some((scope) => !record.scopes.includes(scope))) return oauthError(400, "invalid_scope", "The requested scope is invalid, unknown, or malformed: it exceeds the scope granted by the resource owner.");
  const user = get<UserRecord>(tenant.state, COLLECTIONS.users, record.userId);
  dropRefreshToken(tenant, record.token);
  if (!user || user.status !== "ACTIVE") return oauthError(400, "invalid_grant", "The refresh token is invalid or expired.");
  const scopes = requested.includes("offline_access") ? requested : [...requested, "offline_access"];
  return jsonResponse(issueTokens(tenant, { server, app, user, scopes, authTime: record.authTime }), 200, NO_STORE);
}

function clientCredentials(request: OktaRequest, server: ServerView, app: AppRecord, form: Record<string, string>): Response {
  if (server.id === ORG_SERVER && app.tokenEndpointAuthMethod !== "private_key_jwt") return oauthError(400, "invalid_client", "Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method.");
  const scopes = (form["scope"] ?? "").split(" ").filter((scope) => scope !== "");
  if (scopes.length === 0) return oauthError(400, "invalid_scope", "The authorization request is missing a required parameter: 'scope'.");
  const allowed = server.id === ORG_SERVER ? MANAGEMENT_SCOPES : server.scopes.filter((scope) => !OIDC_SCOPES.includes(scope));
  const refused = scopes.filter((scope) => !allowed.includes(scope));
  if (refused.length > 0) return oauthError(400, "invalid_scope", `The following scopes are not allowed for the client credentials grant: ${refused.join(" ")}.`);
  return jsonResponse(issueTokens(request.tenant, { server, app, scopes }), 200, NO_STORE);
}

export function token(request: OktaRequest): Response {
  const target = requestServer(request);
  if (!target) return oauthError(404, "not_found", "The authorization server was not found.");
  const form = oauthForm(request);
  if (!form) return oauthError(400, "invalid_request", "The request must be sent as application/x-www-form-urlencoded.");
  const grantType = form["grant_type"];
  if (!grantType) return oauthError(400, "invalid_request", "The token request must specify a 'grant_type'. Valid values: [authorization_code, client_credentials, refresh_token].");
  const app = authenticateClient(request.tenant, request.headers.get("authorization"), form, target.audiences);
  if (app instanceof Response) return app;
  if (!["authorization_code", "refresh_token", "client_credentials"].includes(grantType)) return oauthError(400, "unsupported_grant_type", `The authorization grant type is not supported by the authorization server: ${grantType}.`);
  if (!app.grantTypes.includes(grantType)) return unauthorizedGrant(app);
  if (grantType === "authorization_code") return authorizationCode(request, target.server, app, form);
  if (grantType === "refresh_token") return refreshToken(request, target.server, app, form);
  return clientCredentials(request, target.server, app, form);
}
