/**
 * Making Google users and tokens: the default user every tenant starts with, and those a fixture
 * adds. Tokens look like Google's (`ya29.` access tokens, `1//` refresh tokens) and come from the
 * tenant's seeded generator, so the same seed gives the same credentials.
 */
import { DEFAULT_SCOPES, type GoogleToken, type GoogleUser, getGoogleUser, permissionIdOf, putGoogleToken, putGoogleUser } from "../google-common/accounts.js";
import { type Tenant, getRecord, listRecords, putRecord } from "../kit/index.js";

export const DEFAULT_USER_EMAIL = "user@example.com";
export const DEFAULT_USER_NAME = "Test User";
/** How long an issued access token lives, in virtual time: Google's hour. */
export const TOKEN_LIFETIME_MS = 3_600_000;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function randomText(tenant: Tenant, length: number): string {
  let text = "";
  for (let index = 0; index < length; index += 1) text += ALPHABET[Math.floor(tenant.random() * ALPHABET.length)];
  return text;
}

export function newAccessToken(tenant: Tenant): string {
  return `ya29.a0${randomText(tenant, 100)}`;
}

export function newRefreshToken(tenant: Tenant): string {
  return `1//0${randomText(tenant, 96)}`;
}

export function addUser(tenant: Tenant, user: { email: string; displayName?: string; groups?: string[] }): GoogleUser {
  const existing = getGoogleUser(tenant.state, user.email);
  if (existing) return existing;
  const record: GoogleUser = {
    email: user.email.toLowerCase(),
    displayName: user.displayName ?? user.email.split("@")[0]!,
    permissionId: permissionIdOf(user.email),
    rootFolderId: `0A${randomText(tenant, 17)}`,
    groups: (user.groups ?? []).map((group) => group.toLowerCase()),
  };
  tenant.update((state) => putGoogleUser(state, record));
  return record;
}

export function addToken(tenant: Tenant, token: Omit<GoogleToken, "token"> & { token?: string }): GoogleToken {
  const record: GoogleToken = { ...token, email: token.email.toLowerCase(), token: token.token ?? newAccessToken(tenant) };
  tenant.update((state) => putGoogleToken(state, record));
  return record;
}

/** A new tenant: one user, `user@example.com`, with a Drive + Docs + Sheets token and a refresh token. */
export function initializeGoogle(tenant: Tenant): void {
  const user = addUser(tenant, { email: DEFAULT_USER_EMAIL, displayName: DEFAULT_USER_NAME });
  addToken(tenant, { email: user.email, scopes: [...DEFAULT_SCOPES] });
  addRefreshToken(tenant, { token: newRefreshToken(tenant), email: user.email, scopes: [...DEFAULT_SCOPES] });
}

export const GOOGLE_REFRESH_TOKENS = "google.refreshTokens";

export interface RefreshToken {
  token: string;
  email: string;
  scopes: string[];
}

export function addRefreshToken(tenant: Tenant, token: RefreshToken): RefreshToken {
  tenant.update((state) => putRecord(state, GOOGLE_REFRESH_TOKENS, token.token, token));
  return token;
}

export function getRefreshToken(tenant: Tenant, token: string): RefreshToken | undefined {
  return getRecord<RefreshToken>(tenant.state, GOOGLE_REFRESH_TOKENS, token);
}

/** The first refresh token of a user, for `describe`. */
export function refreshTokenOf(tenant: Tenant, email: string): RefreshToken | undefined {
  return listRecords<RefreshToken>(tenant.state, GOOGLE_REFRESH_TOKENS).find((token) => token.email === email);
}
