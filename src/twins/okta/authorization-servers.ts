/**
 * Authorization servers: the org server (`/oauth2/v1/...`, issuer = the org URL, the only one that
 * mints `okta.*` scopes for the Management API) and custom servers (`/oauth2/{id}/v1/...`, issuer
 * `${orgUrl}/oauth2/{id}`, `default` in every tenant). Their discovery documents and JWKS.
 */
import type { Tenant } from "../kit/index.js";
import { type AuthServerRecord, COLLECTIONS, get } from "./model.js";
import { keyIdFor, publicJwk } from "./signing-key.js";

export const ORG_SERVER = "org";

export const OIDC_SCOPES = ["openid", "profile", "email", "address", "phone", "offline_access"];
/** The Management API scopes the org server grants (as app grants would on a real org). */
export const MANAGEMENT_SCOPES = ["okta.users.read", "okta.users.manage", "okta.groups.read", "okta.groups.manage", "okta.apps.read", "okta.apps.manage"];

export interface ServerView {
  id: string;
  /** Where the server's endpoints live: `${orgUrl}/oauth2/v1` or `${orgUrl}/oauth2/{id}/v1`. */
  endpointBase: string;
  issuer: string;
  /** The audience of its access tokens. */
  audience: string;
  scopes: string[];
  kid: string;
  record?: AuthServerRecord;
}

/** The server a path names (`org` for `/oauth2/v1/...`), or undefined when there is none. */
export function serverView(tenant: Tenant, baseUrl: string, serverId: string): ServerView | undefined {
  if (serverId === ORG_SERVER) {
    return { id: ORG_SERVER, endpointBase: `${baseUrl}/oauth2/v1`, issuer: baseUrl, audience: baseUrl, scopes: [...OIDC_SCOPES, ...MANAGEMENT_SCOPES], kid: keyIdFor(tenant.id, ORG_SERVER) };
  }
  const record = get<AuthServerRecord>(tenant.state, COLLECTIONS.authServers, serverId);
  if (!record || record.status !== "ACTIVE") return undefined;
  const issuer = `${baseUrl}/oauth2/${record.id}`;
  return { id: record.id, endpointBase: `${issuer}/v1`, issuer, audience: record.audiences[0] ?? "api://default", scopes: [...OIDC_SCOPES, ...record.scopes], kid: keyIdFor(tenant.id, record.id), record };
}

const CLAIMS = ["iss", "ver", "sub", "aud", "iat", "exp", "jti", "auth_time", "amr", "idp", "nonce", "name", "nickname", "preferred_username", "given_name", "middle_name", "family_name", "email", "email_verified", "profile", "zoneinfo", "locale", "address", "phone_number", "picture", "website", "gender", "birthdate", "updated_at", "at_hash", "c_hash"];
const AUTH_METHODS = ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"];

/** `/.well-known/oauth-authorization-server` (`oidc: false`) or `/.well-known/openid-configuration`. */
export function metadata(server: ServerView, baseUrl: string, { oidc }: { oidc: boolean }): Record<string, unknown> {
  const endpoint = (name: string) => `${server.endpointBase}/${name}`;
  const document: Record<string, unknown> = {
    issuer: server.issuer,
    authorization_endpoint: endpoint("authorize"),
    token_endpoint: endpoint("token"),
    ...(oidc ? { userinfo_endpoint: endpoint("userinfo") } : {}),
    registration_endpoint: `${baseUrl}/oauth2/v1/clients`,
    jwks_uri: endpoint("keys"),
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token", "client_credentials"],
    ...(oidc ? { subject_types_supported: ["public"], id_token_signing_alg_values_supported: ["RS256"] } : {}),
    scopes_supported: server.scopes,
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    ...(oidc ? { claims_supported: CLAIMS } : {}),
    code_challenge_methods_supported: ["S256"],
    introspection_endpoint: endpoint("introspect"),
    introspection_endpoint_auth_methods_supported: AUTH_METHODS,
    revocation_endpoint: endpoint("revoke"),
    revocation_endpoint_auth_methods_supported: AUTH_METHODS,
    end_session_endpoint: endpoint("logout"),
    request_parameter_supported: false,
  };
  return document;
}

export function jwks(server: ServerView): { keys: Record<string, string>[] } {
  return { keys: [publicJwk(server.kid)] };
}
