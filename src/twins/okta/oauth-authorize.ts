/**
 * `GET /oauth2[/{authServerId}]/v1/authorize`: the authorization code flow with PKCE. There is no
 * login page: the login step is decided by the scenario (ADR 0121). The user who signs in is, in
 * order, the tenant config's `loginUser` (login or id), the request's `login_hint`, the fixture's
 * `defaultLoginUser`; config `consent: "deny"` makes the user refuse. The answer is a 302 to the
 * client's redirect URI with `code` and `state`, or with `error` and `error_description`.
 */
import { putRecord } from "../kit/index.js";
import { oauthError } from "./errors.js";
import { type ServerView, serverView } from "./authorization-servers.js";
import { COLLECTIONS, type UserRecord, findAppByClientId, findUser, isAssigned, org, randomText } from "./model.js";
import type { OktaRequest } from "./request.js";

export const CODE_SECONDS = 300;

export interface AuthCodeRecord {
  code: string;
  serverId: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  userId: string;
  nonce?: string;
  codeChallenge?: string;
  /** Seconds. */
  expiresAt: number;
  authTime: number;
}

/** The scenario's say over the login step, from `PUT /_twin/tenants/{id}/config`. */
export interface LoginConfig {
  loginUser?: string;
  consent?: "approve" | "deny";
}

export function loginConfig(config: Record<string, unknown>): LoginConfig {
  const loginUser = typeof config["loginUser"] === "string" ? config["loginUser"] : undefined;
  const consent = config["consent"] === "deny" ? "deny" : config["consent"] === "approve" ? "approve" : undefined;
  return { ...(loginUser ? { loginUser } : {}), ...(consent ? { consent } : {}) };
}

function redirect(target: string, params: Record<string, string | undefined>): Response {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return new Response(null, { status: 302, headers: { location: url.href, "cache-control": "no-store" } });
}

/** The user who signs in, or why nobody does. */
function signedInUser(request: OktaRequest): UserRecord | { error: string; description: string } {
  const state = request.tenant.state;
  const config = loginConfig(request.tenant.config);
  const choice = config.loginUser ?? request.query.get("login_hint") ?? org(state).defaultLoginUser;
  if (!choice) return { error: "login_required", description: "The twin has no user to sign in: set loginUser in the tenant config, send login_hint, or give the fixture a defaultLoginUser." };
  const user = findUser(state, choice);
  if (!user) return { error: "access_denied", description: `No user ${choice} can sign in.` };
  if (user.status !== "ACTIVE") return { error: "access_denied", description: "The user is not active." };
  if (config.consent === "deny") return { error: "access_denied", description: "The resource owner or authorization server denied the request." };
  return user;
}

export function authorize(request: OktaRequest): Response {
  const { tenant, query } = request;
  const server: ServerView | undefined = serverView(tenant, request.baseUrl, request.params["authorizationServerId"] ?? "org");
  if (!server) return oauthError(404, "not_found", "The authorization server was not found.");
  const clientId = query.get("client_id");
  const app = clientId ? findAppByClientId(tenant.state, clientId) : undefined;
  if (!app || app.status !== "ACTIVE") return oauthError(400, "invalid_client", "The 'client_id' parameter is missing or does not name an active application.");
  const redirectUri = query.get("redirect_uri") ?? "";
  if (!app.redirectUris.includes(redirectUri)) return oauthError(400, "invalid_request", "The 'redirect_uri' parameter must be a Login redirect URI in the client app settings.");
  const state = query.get("state") ?? undefined;
  const fail = (error: string, description: string) => redirect(redirectUri, { error, error_description: description, state });
  if (!state) return fail("invalid_request", "The authorization request is missing a required parameter: 'state'.");
  if (query.get("response_type") !== "code") return fail("unsupported_response_type", "The response type is not supported by the authorization server. Configured response types: [code].");
  if (!app.grantTypes.includes("authorization_code")) return fail("unauthorized_client", "The client is not authorized to use the provided grant type. Configured grant types: [" + app.grantTypes.join(", ") + "].");
  const scopes = (query.get("scope") ?? "").split(" ").filter((scope) => scope !== "");
  if (scopes.length === 0) return fail("invalid_scope", "The authorization request is missing a required parameter: 'scope'.");
  const unknown = scopes.filter((scope) => !server.scopes.includes(scope));
  if (unknown.length > 0) return fail("invalid_scope", `One or more scopes are not configured for the authorization server resource: ${unknown.join(" ")}.`);
  const challenge = query.get("code_challenge") ?? undefined;
  if (challenge === undefined && app.tokenEndpointAuthMethod === "none") return fail("invalid_request", "PKCE code challenge is required when the token endpoint authentication method is 'NONE'.");
  if (challenge !== undefined && query.get("code_challenge_method") !== "S256") return fail("invalid_request", "PKCE code challenge method must be S256.");
  if (challenge !== undefined && !/^[A-Za-z0-9._~-]{43,128}$/.test(challenge)) return fail("invalid_request", "PKCE code challenge contains illegal characters or is not 43 to 128 characters long.");
  const user = signedInUser(request);
  if (!("id" in user)) return fail(user.error, user.description);
  if (!isAssigned(tenant.state, app.id, user.id)) return fail("access_denied", "User is not assigned to the client application.");
  const now = Math.floor(tenant.now() / 1000);
  const nonce = query.get("nonce") ?? undefined;
  const record: AuthCodeRecord = {
    code: randomText(tenant, 43, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"),
    serverId: server.id,
    clientId: app.clientId,
    redirectUri,
    scopes,
    userId: user.id,
    ...(nonce !== undefined ? { nonce } : {}),
    ...(challenge !== undefined ? { codeChallenge: challenge } : {}),
    expiresAt: now + CODE_SECONDS,
    authTime: now,
  };
  tenant.update((current) => putRecord(putRecord(current, COLLECTIONS.authCodes, record.code, record), COLLECTIONS.users, user.id, { ...user, lastLogin: tenant.now() }));
  return redirect(redirectUri, { code: record.code, state });
}
