/**
 * The rest of an authorization server: discovery documents (`openid-configuration` and
 * `oauth-authorization-server`), `/keys`, `/introspect`, `/revoke`, `/userinfo` and `/logout`.
 */
import { jsonResponse } from "../kit/index.js";
import { ORG_SERVER, jwks, metadata, serverView } from "./authorization-servers.js";
import { authenticateClient } from "./client-auth.js";
import { oauthError } from "./errors.js";
import { COLLECTIONS, type UserRecord, get } from "./model.js";
import { oauthForm, requestServer } from "./oauth-token.js";
import type { OktaRequest } from "./request.js";
import { checkAccessToken, dropRefreshToken, findRefreshToken, profileClaims, revokeAccessToken } from "./tokens.js";

const notFoundServer = () => oauthError(404, "not_found", "The authorization server was not found.");

function discovery(request: OktaRequest, oidc: boolean): Response {
  const server = serverView(request.tenant, request.baseUrl, request.params["authorizationServerId"] ?? ORG_SERVER);
  if (!server) return notFoundServer();
  return jsonResponse(metadata(server, request.baseUrl, { oidc }), 200, { "cache-control": "max-age=86400, must-revalidate" });
}

export const openidConfiguration = (request: OktaRequest) => discovery(request, true);
export const oauthAuthorizationServer = (request: OktaRequest) => discovery(request, false);

export function keys(request: OktaRequest): Response {
  const server = serverView(request.tenant, request.baseUrl, request.params["authorizationServerId"] ?? ORG_SERVER);
  if (!server) return notFoundServer();
  return jsonResponse(jwks(server), 200, { "cache-control": "max-age=3600, must-revalidate" });
}

/** Client-authenticated endpoints share the same opening: the server, the form, the client. */
function clientRequest(request: OktaRequest): { form: Record<string, string>; clientId: string; serverId: string } | Response {
  const target = requestServer(request);
  if (!target) return notFoundServer();
  const form = oauthForm(request);
  if (!form) return oauthError(400, "invalid_request", "The request must be sent as application/x-www-form-urlencoded.");
  const app = authenticateClient(request.tenant, request.headers.get("authorization"), form, target.audiences);
  if (app instanceof Response) return app;
  if (form["token"] === undefined) return oauthError(400, "invalid_request", "The request is missing a required parameter: 'token'.");
  return { form, clientId: app.clientId, serverId: target.server.id };
}

export function introspect(request: OktaRequest): Response {
  const opened = clientRequest(request);
  if (opened instanceof Response) return opened;
  const token = opened.form["token"]!;
  const access = checkAccessToken(request.tenant, request.baseUrl, token, opened.serverId);
  if (!("error" in access)) {
    const { claims } = access;
    const scopes = Array.isArray(claims["scp"]) ? (claims["scp"] as string[]) : [];
    return jsonResponse({
      active: true,
      scope: scopes.join(" "),
      username: claims["sub"],
      exp: claims["exp"],
      iat: claims["iat"],
      sub: claims["sub"],
      aud: claims["aud"],
      iss: claims["iss"],
      jti: claims["jti"],
      token_type: "Bearer",
      client_id: claims["cid"],
      ...(claims["uid"] !== undefined ? { uid: claims["uid"] } : {}),
    });
  }
  const refresh = findRefreshToken(request.tenant, token);
  if (refresh && refresh.serverId === opened.serverId && refresh.clientId === opened.clientId) {
    const user = get<UserRecord>(request.tenant.state, COLLECTIONS.users, refresh.userId);
    const login = String(user?.profile["login"] ?? "");
    return jsonResponse({ active: true, token_type: "Bearer", scope: refresh.scopes.join(" "), client_id: refresh.clientId, username: login, exp: refresh.expiresAt, iat: refresh.issuedAt, sub: login, uid: refresh.userId });
  }
  return jsonResponse({ active: false });
}

export function revoke(request: OktaRequest): Response {
  const opened = clientRequest(request);
  if (opened instanceof Response) return opened;
  const token = opened.form["token"]!;
  const access = checkAccessToken(request.tenant, request.baseUrl, token, opened.serverId);
  if (!("error" in access) && access.claims["cid"] === opened.clientId) revokeAccessToken(request.tenant, access.claims);
  const refresh = findRefreshToken(request.tenant, token);
  if (refresh && refresh.clientId === opened.clientId) dropRefreshToken(request.tenant, token);
  // RFC 7009: the answer is the same whether or not the token was known.
  return new Response(null, { status: 200, headers: { "cache-control": "no-store", pragma: "no-cache" } });
}

function bearerChallenge(status: number, error: string, description: string): Response {
  return new Response(null, { status, headers: { "www-authenticate": `Bearer authorization_uri="", realm="", scope="openid", error="${error}", error_description="${description}", resource=""` } });
}

export function userinfo(request: OktaRequest): Response {
  const server = serverView(request.tenant, request.baseUrl, request.params["authorizationServerId"] ?? ORG_SERVER);
  if (!server) return notFoundServer();
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  if (!match) return bearerChallenge(401, "invalid_token", "The access token is missing.");
  const access = checkAccessToken(request.tenant, request.baseUrl, match[1]!, server.id);
  if ("error" in access) return bearerChallenge(401, "invalid_token", "The access token is invalid.");
  const scopes = Array.isArray(access.claims["scp"]) ? (access.claims["scp"] as string[]) : [];
  const user = typeof access.claims["uid"] === "string" ? get<UserRecord>(request.tenant.state, COLLECTIONS.users, access.claims["uid"]) : undefined;
  if (!scopes.includes("openid") || !user) return bearerChallenge(403, "insufficient_scope", "The access token must provide access to at least one of these scopes - profile, email, address or phone");
  return jsonResponse({ sub: user.id, ...profileClaims(user, scopes) });
}

export function logout(request: OktaRequest): Response {
  const target = request.query.get("post_logout_redirect_uri");
  if (!target) return new Response(null, { status: 302, headers: { location: `${request.baseUrl}/` } });
  const url = new URL(target);
  const state = request.query.get("state");
  if (state) url.searchParams.set("state", state);
  return new Response(null, { status: 302, headers: { location: url.href } });
}
