/**
 * Minting and checking the tokens Okta issues: access tokens and ID tokens are RS256 JWTs with
 * Okta's claims (`ver`, `jti`, `cid`, `uid`, `scp`, `auth_time`, `amr`, `idp`, `at_hash`, ...),
 * timed by the tenant's virtual clock; refresh tokens are opaque and kept in the tenant's state,
 * rotated on every use. A revoked access token's `jti` is remembered until it would expire.
 */
import { createHash } from "node:crypto";
import { type Tenant, deleteRecord, putRecord } from "../kit/index.js";
import { type Claims, decodeJwt, signJwt, verifyJwt } from "./jwt.js";
import { type AppRecord, COLLECTIONS, type UserRecord, get, org, randomText } from "./model.js";
import { ORG_SERVER, type ServerView, serverView } from "./authorization-servers.js";
import { signingPrivateKey, signingPublicKey } from "./signing-key.js";

export const ACCESS_TOKEN_SECONDS = 3600;
export const ID_TOKEN_SECONDS = 3600;
/** Refresh tokens live 90 days unless used (Okta's default policy: unlimited, idle 7 days). */
export const REFRESH_TOKEN_SECONDS = 90 * 24 * 3600;

export interface RefreshTokenRecord {
  token: string;
  serverId: string;
  clientId: string;
  userId: string;
  scopes: string[];
  authTime: number;
  issuedAt: number;
  expiresAt: number;
}

export interface Grant {
  server: ServerView;
  app: AppRecord;
  scopes: string[];
  user?: UserRecord;
  /** Seconds: when the user signed in. */
  authTime?: number;
  nonce?: string;
}

export interface TokenAnswer {
  token_type: "Bearer";
  expires_in: number;
  access_token: string;
  scope: string;
  id_token?: string;
  refresh_token?: string;
}

const seconds = (tenant: Tenant) => Math.floor(tenant.now() / 1000);

function atHash(accessToken: string): string {
  const digest = createHash("sha256").update(accessToken).digest();
  return digest.subarray(0, digest.length / 2).toString("base64url");
}

/** The claims of the user that the granted scopes release (ID tokens and `/userinfo`). */
export function profileClaims(user: UserRecord, scopes: string[]): Claims {
  const profile = user.profile;
  const text = (key: string) => (typeof profile[key] === "string" ? (profile[key] as string) : undefined);
  const claims: Claims = {};
  if (scopes.includes("profile")) {
    Object.assign(claims, {
      name: [text("firstName"), text("lastName")].filter(Boolean).join(" "),
      locale: text("locale") ?? "en_US",
      preferred_username: text("login"),
      given_name: text("firstName"),
      family_name: text("lastName"),
      zoneinfo: text("timezone") ?? "America/Los_Angeles",
      updated_at: Math.floor(user.lastUpdated / 1000),
    });
  }
  if (scopes.includes("email")) Object.assign(claims, { email: text("email"), email_verified: true });
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}

/** An access token (and an ID token and refresh token when the scopes ask for them). */
export function issueTokens(tenant: Tenant, grant: Grant): TokenAnswer {
  const now = seconds(tenant);
  const { server, app, user, scopes } = grant;
  const key = signingPrivateKey();
  const accessClaims: Claims = {
    ver: 1,
    jti: `AT.${randomText(tenant, 43)}`,
    iss: server.issuer,
    aud: server.audience,
    iat: now,
    exp: now + ACCESS_TOKEN_SECONDS,
    cid: app.clientId,
    ...(user ? { uid: user.id } : {}),
    scp: scopes,
    ...(user ? { auth_time: grant.authTime ?? now } : {}),
    sub: user ? String(user.profile["login"]) : app.clientId,
  };
  const accessToken = signJwt(accessClaims, key, server.kid);
  const answer: TokenAnswer = { token_type: "Bearer", expires_in: ACCESS_TOKEN_SECONDS, access_token: accessToken, scope: scopes.join(" ") };
  if (user && scopes.includes("openid")) {
    const idClaims: Claims = {
      sub: user.id,
      ...profileClaims(user, scopes),
      ver: 1,
      iss: server.issuer,
      aud: app.clientId,
      iat: now,
      exp: now + ID_TOKEN_SECONDS,
      jti: `ID.${randomText(tenant, 43)}`,
      amr: ["pwd"],
      idp: org(tenant.state).id,
      ...(grant.nonce !== undefined ? { nonce: grant.nonce } : {}),
      auth_time: grant.authTime ?? now,
      at_hash: atHash(accessToken),
    };
    answer.id_token = signJwt(idClaims, key, server.kid);
  }
  if (user && scopes.includes("offline_access") && app.grantTypes.includes("refresh_token")) {
    const record: RefreshTokenRecord = { token: randomText(tenant, 43, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"), serverId: server.id, clientId: app.clientId, userId: user.id, scopes, authTime: grant.authTime ?? now, issuedAt: now, expiresAt: now + REFRESH_TOKEN_SECONDS };
    tenant.update((state) => putRecord(state, COLLECTIONS.refreshTokens, record.token, record));
    answer.refresh_token = record.token;
  }
  return answer;
}

export function findRefreshToken(tenant: Tenant, token: string): RefreshTokenRecord | undefined {
  const record = get<RefreshTokenRecord>(tenant.state, COLLECTIONS.refreshTokens, token);
  return record && record.expiresAt > seconds(tenant) ? record : undefined;
}

export function dropRefreshToken(tenant: Tenant, token: string): void {
  tenant.update((state) => deleteRecord(state, COLLECTIONS.refreshTokens, token));
}

export interface AccessTokenCheck {
  claims: Claims;
  server: ServerView;
}

/**
 * The claims of an access token this tenant issued and has not revoked, still valid on the
 * virtual clock; `serverId` restricts it to one server (the org server for the Management API).
 */
export function checkAccessToken(tenant: Tenant, baseUrl: string, token: string, serverId?: string): AccessTokenCheck | { error: string } {
  const decoded = decodeJwt(token);
  const issuer = decoded?.claims["iss"];
  if (typeof issuer !== "string") return { error: "the token is not a JWT issued by this org" };
  const id = issuer === baseUrl ? ORG_SERVER : issuer.startsWith(`${baseUrl}/oauth2/`) ? issuer.slice(`${baseUrl}/oauth2/`.length) : undefined;
  const server = id === undefined ? undefined : serverView(tenant, baseUrl, id);
  if (!server || (serverId !== undefined && server.id !== serverId)) return { error: "the token was not issued by this authorization server" };
  const verified = verifyJwt(token, { key: signingPublicKey(), issuer: server.issuer, audiences: [server.audience], nowSeconds: seconds(tenant) });
  if ("error" in verified) return verified;
  if (!String(verified.claims["jti"] ?? "").startsWith("AT.")) return { error: "the token is not an access token" };
  if (get(tenant.state, COLLECTIONS.revokedTokens, String(verified.claims["jti"]))) return { error: "the token was revoked" };
  return { claims: verified.claims, server };
}

export function revokeAccessToken(tenant: Tenant, claims: Claims): void {
  tenant.update((state) => putRecord(state, COLLECTIONS.revokedTokens, String(claims["jti"]), { jti: claims["jti"], exp: claims["exp"] }));
}
