/**
 * A Google fixture: `users` and `tokens` (seeded here), then every API module's sections (Drive:
 * `folders`, `files`; Docs: `documents`; Sheets: `spreadsheets`), then Drive's `permissions`.
 *
 * ```yaml
 * users: [{ email: ana@example.com, displayName: Ana, groups: [team@example.com] }]
 * tokens:
 *   - { token: ana-token, user: ana@example.com }            # Drive + Docs + Sheets scopes
 *   - { token: ro, user: ana@example.com, scopes: [https://www.googleapis.com/auth/drive.readonly], expiresInSeconds: 3600 }
 *   - { refreshToken: ana-refresh, user: ana@example.com }   # for POST /token
 * ```
 */
import { DEFAULT_SCOPES, getGoogleToken, getGoogleUser } from "../google-common/accounts.js";
import type { GoogleApiModule } from "../google-common/caller.js";
import { type Tenant, TwinFixtureError, expectString, fieldPath, fixtureObject } from "../kit/index.js";
import { seedDrivePermissions } from "../google-drive/index.js";
import { addRefreshToken, addToken, addUser, getRefreshToken } from "./accounts.js";

export const FIXTURE_SECTIONS = ["users", "tokens", "folders", "files", "permissions", "documents", "spreadsheets"] as const;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

function seedAccounts(tenant: Tenant, fixture: Record<string, unknown>): void {
  const root = fixtureObject(fixture, "", FIXTURE_SECTIONS);
  root.optionalArray("users").forEach((item, index) => {
    const user = fixtureObject(item, fieldPath(root.path("users"), index), ["email", "displayName", "groups"]);
    const email = user.string("email", { pattern: EMAIL, patternName: "an email address" });
    if (getGoogleUser(tenant.state, email)) throw new TwinFixtureError(user.path("email"), `user ${email} already exists`);
    const groups = user.arrayOf("groups", (value, path) => expectString(value, path, { pattern: EMAIL, patternName: "a group email address" }));
    addUser(tenant, { email, groups, ...(user.has("displayName") ? { displayName: user.string("displayName", { nonEmpty: true }) } : {}) });
  });
  root.optionalArray("tokens").forEach((item, index) => {
    const entry = fixtureObject(item, fieldPath(root.path("tokens"), index), ["token", "refreshToken", "user", "scopes", "expiresInSeconds"]);
    const email = entry.string("user", { nonEmpty: true }).toLowerCase();
    if (!getGoogleUser(tenant.state, email)) throw new TwinFixtureError(entry.path("user"), `no user ${email} (list it under users)`);
    const scopes = entry.has("scopes") ? entry.arrayOf("scopes", (value, path) => expectString(value, path, { pattern: /^https:\/\/www\.googleapis\.com\/auth\/[a-z.]+$/, patternName: "a scope URL such as https://www.googleapis.com/auth/drive" })) : [...DEFAULT_SCOPES];
    const refreshToken = entry.optionalString("refreshToken", { nonEmpty: true });
    const token = entry.optionalString("token", { nonEmpty: true });
    if (refreshToken === undefined && token === undefined) throw new TwinFixtureError(entry.path("token"), "give token, refreshToken or both");
    if (refreshToken !== undefined) {
      if (getRefreshToken(tenant, refreshToken)) throw new TwinFixtureError(entry.path("refreshToken"), "this refresh token already exists");
      addRefreshToken(tenant, { token: refreshToken, email, scopes });
    }
    if (token !== undefined) {
      if (getGoogleToken(tenant.state, token)) throw new TwinFixtureError(entry.path("token"), "this token already exists");
      const lifetime = entry.optionalNumber("expiresInSeconds", { integer: true, min: 1 });
      addToken(tenant, { token, email, scopes, ...(lifetime !== undefined ? { expiresAt: tenant.now() + lifetime * 1000 } : {}) });
    }
  });
}

/**
 * Seeds accounts, hands the whole fixture to each module in order (Drive first: folders), then
 * Drive's permissions, which may share what any module made.
 */
export function seedGoogle(tenant: Tenant, fixture: unknown, modules: readonly GoogleApiModule[]): void {
  const record = fixtureObject(fixture, "", FIXTURE_SECTIONS).record;
  seedAccounts(tenant, record);
  for (const module of modules) module.seed?.(tenant, record);
  seedDrivePermissions(tenant, record);
}
