/**
 * The Okta twin's fixture (YAML or JSON, via the kit's seed): users with status, profile and
 * password; groups with members; OIDC apps with client ids and secrets, redirect URIs, grant
 * types and assignments; API tokens; custom authorization servers; and the user who signs in at
 * `/authorize` by default. Every bad field throws a TwinFixtureError with its path.
 *
 *   defaultLoginUser: alice@example.com
 *   users:
 *     - { login: alice@example.com, firstName: Alice, lastName: Adams, password: Passw0rd-Alice }
 *     - { login: bob@example.com, firstName: Bob, lastName: Brown, status: STAGED }
 *     - { login: dan@example.com, password: Dan-Dan-4, lastLogin: "2026-01-15T09:30:00.000Z" }
 *   groups:
 *     - { name: Engineering, members: [alice@example.com] }
 *   apps:
 *     - label: Portal
 *       clientId: portal-client
 *       clientSecret: portal-secret
 *       redirectUris: [http://localhost:3000/callback]
 *       grantTypes: [authorization_code, refresh_token]
 *       groups: [Engineering]
 *   apiTokens:
 *     - { token: 00-alice-token, user: alice@example.com }
 */
import { type FixtureObject, type Tenant, TwinFixtureError, fieldPath, fixtureObject, putRecord } from "../kit/index.js";
import { type ApiTokenRecord, type AppRecord, type AuthServerRecord, COLLECTIONS, type GroupRecord, ID_PREFIX, type OrgRecord, type TokenEndpointAuthMethod, type UserRecord, type UserStatus, assignmentKey, findUser, list, membershipKey, newId, org, randomText } from "./model.js";

const USER_FIELDS = ["id", "login", "email", "firstName", "lastName", "profile", "status", "password", "recoveryQuestion", "lastLogin"];
const GROUP_FIELDS = ["id", "name", "description", "members"];
const APP_FIELDS = ["id", "label", "clientId", "clientSecret", "status", "applicationType", "tokenEndpointAuthMethod", "redirectUris", "postLogoutRedirectUris", "grantTypes", "responseTypes", "jwks", "users", "groups"];
const STATUSES: UserStatus[] = ["STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED"];
const AUTH_METHODS: TokenEndpointAuthMethod[] = ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"];
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function strings(object: FixtureObject, key: string): string[] {
  return object.optionalArray(key).map((item, index) => {
    if (typeof item !== "string") throw new TwinFixtureError(fieldPath(object.path(key), index), "expected a string");
    return item;
  });
}

function userRef(tenant: Tenant, login: string, path: string): UserRecord {
  const user = findUser(tenant.state, login);
  if (!user) throw new TwinFixtureError(path, `no user ${JSON.stringify(login)} (list it under users first)`);
  return user;
}

/** An ISO 8601 date-time with a zone (`2026-01-15T09:30:00Z`, `...+01:00`), as Okta writes them. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * `lastLogin` as epoch milliseconds, or null when absent: a scenario about dormant accounts
 * needs users who last signed in long ago, which no flow through the twin can produce.
 */
function lastLoginOf(entry: FixtureObject): number | null {
  const text = entry.optionalString("lastLogin", { pattern: DATE_TIME, patternName: "an ISO 8601 date-time with a time zone, such as 2026-01-15T09:30:00Z" });
  if (text === undefined) return null;
  const time = Date.parse(text);
  const [year, month, day] = text.slice(0, 10).split("-").map(Number) as [number, number, number];
  // Date.parse rolls 2026-02-30 over to March; Okta would refuse it.
  const realDay = day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (Number.isNaN(time) || !realDay) throw new TwinFixtureError(entry.path("lastLogin"), `expected a real date-time, got ${JSON.stringify(text)}`);
  return time;
}

function seedUser(tenant: Tenant, item: unknown, path: string): void {
  const entry = fixtureObject(item, path, USER_FIELDS);
  const login = entry.string("login", { pattern: /^[^@\s]+@[^@\s]+$/, patternName: "a login in the form of an email address" });
  if (findUser(tenant.state, login)) throw new TwinFixtureError(entry.path("login"), `${login} is listed twice`);
  const extra = entry.optionalObject("profile");
  const password = entry.optionalString("password", { nonEmpty: true });
  const status = entry.has("status") ? entry.oneOf("status", STATUSES) : password !== undefined ? "ACTIVE" : "PROVISIONED";
  const id = entry.optionalString("id", { pattern: ID, patternName: "an id of letters, digits, _ and -" }) ?? newId(tenant, ID_PREFIX.user);
  const now = tenant.now();
  const profile = { firstName: entry.optionalString("firstName") ?? login.split("@")[0]!, lastName: entry.optionalString("lastName") ?? "User", email: entry.optionalString("email") ?? login, login, ...(extra?.record ?? {}) };
  const recoveryQuestion = entry.optionalString("recoveryQuestion");
  const user: UserRecord = {
    id,
    status,
    created: now,
    activated: status === "STAGED" ? null : now,
    statusChanged: status === "STAGED" ? null : now,
    lastLogin: lastLoginOf(entry),
    lastUpdated: now,
    passwordChanged: password !== undefined ? now : null,
    profile,
    ...(password !== undefined ? { password } : {}),
    ...(recoveryQuestion !== undefined ? { recoveryQuestion } : {}),
  };
  tenant.update((state) => putRecord(state, COLLECTIONS.users, user.id, user));
}

function seedGroup(tenant: Tenant, item: unknown, path: string): void {
  const entry = fixtureObject(item, path, GROUP_FIELDS);
  const name = entry.string("name", { nonEmpty: true });
  if (list<GroupRecord>(tenant.state, COLLECTIONS.groups).some((group) => group.profile.name.toLowerCase() === name.toLowerCase())) throw new TwinFixtureError(entry.path("name"), `a group named ${name} exists already`);
  const now = tenant.now();
  const group: GroupRecord = { id: entry.optionalString("id", { pattern: ID }) ?? newId(tenant, ID_PREFIX.group), type: "OKTA_GROUP", created: now, lastUpdated: now, lastMembershipUpdated: now, profile: { name, description: entry.optionalString("description") ?? null } };
  tenant.update((state) => putRecord(state, COLLECTIONS.groups, group.id, group));
  strings(entry, "members").forEach((login, index) => {
    const user = userRef(tenant, login, fieldPath(entry.path("members"), index));
    tenant.update((state) => putRecord(state, COLLECTIONS.memberships, membershipKey(group.id, user.id), { groupId: group.id, userId: user.id }));
  });
}

function seedApp(tenant: Tenant, item: unknown, path: string): void {
  const entry = fixtureObject(item, path, APP_FIELDS);
  const label = entry.string("label", { nonEmpty: true });
  const applicationType = entry.has("applicationType") ? entry.oneOf("applicationType", ["web", "native", "browser", "service"] as const) : "web";
  const method = entry.has("tokenEndpointAuthMethod") ? entry.oneOf("tokenEndpointAuthMethod", AUTH_METHODS) : applicationType === "browser" ? "none" : "client_secret_basic";
  const grantTypes = entry.has("grantTypes") ? strings(entry, "grantTypes") : applicationType === "service" ? ["client_credentials"] : ["authorization_code", "refresh_token"];
  const redirectUris = strings(entry, "redirectUris");
  if (grantTypes.includes("authorization_code") && redirectUris.length === 0) throw new TwinFixtureError(entry.path("redirectUris"), "required for the authorization_code grant (a list of URIs)");
  const jwks = entry.optionalArray("jwks").map((key, index) => fixtureObject(key, fieldPath(entry.path("jwks"), index)).record);
  if (method === "private_key_jwt" && jwks.length === 0) throw new TwinFixtureError(entry.path("jwks"), "required for private_key_jwt (public JWKs)");
  const id = entry.optionalString("id", { pattern: ID }) ?? newId(tenant, ID_PREFIX.app);
  const clientId = entry.optionalString("clientId", { nonEmpty: true }) ?? id;
  if (list<AppRecord>(tenant.state, COLLECTIONS.apps).some((app) => app.clientId === clientId)) throw new TwinFixtureError(entry.path("clientId"), `client id ${clientId} is used twice`);
  const needsSecret = method === "client_secret_basic" || method === "client_secret_post";
  const now = tenant.now();
  const app: AppRecord = {
    id,
    name: "oidc_client",
    label,
    status: entry.has("status") ? entry.oneOf("status", ["ACTIVE", "INACTIVE"] as const) : "ACTIVE",
    created: now,
    lastUpdated: now,
    signOnMode: "OPENID_CONNECT",
    clientId,
    clientSecret: needsSecret ? (entry.optionalString("clientSecret", { nonEmpty: true }) ?? randomText(tenant, 64)) : null,
    tokenEndpointAuthMethod: method,
    applicationType,
    redirectUris,
    postLogoutRedirectUris: strings(entry, "postLogoutRedirectUris"),
    grantTypes,
    responseTypes: entry.has("responseTypes") ? strings(entry, "responseTypes") : grantTypes.includes("client_credentials") ? ["token"] : ["code"],
    jwks,
  };
  tenant.update((state) => putRecord(state, COLLECTIONS.apps, app.id, app));
  strings(entry, "users").forEach((login, index) => {
    const user = userRef(tenant, login, fieldPath(entry.path("users"), index));
    tenant.update((state) => putRecord(state, COLLECTIONS.appUsers, assignmentKey(app.id, user.id), { appId: app.id, userId: user.id, created: now, lastUpdated: now, scope: "USER", userName: String(user.profile["login"]), profile: {} }));
  });
  strings(entry, "groups").forEach((name, index) => {
    const group = list<GroupRecord>(tenant.state, COLLECTIONS.groups).find((candidate) => candidate.profile.name === name);
    if (!group) throw new TwinFixtureError(fieldPath(entry.path("groups"), index), `no group ${JSON.stringify(name)} (list it under groups first)`);
    tenant.update((state) => putRecord(state, COLLECTIONS.appGroups, assignmentKey(app.id, group.id), { appId: app.id, groupId: group.id, priority: index, lastUpdated: now, profile: {} }));
  });
}

export function seedOkta(tenant: Tenant, fixture: unknown): void {
  const root = fixtureObject(fixture, "", ["users", "groups", "apps", "apiTokens", "authServers", "defaultLoginUser"]);
  root.optionalArray("users").forEach((item, index) => seedUser(tenant, item, fieldPath(root.path("users"), index)));
  root.optionalArray("groups").forEach((item, index) => seedGroup(tenant, item, fieldPath(root.path("groups"), index)));
  root.optionalArray("apps").forEach((item, index) => seedApp(tenant, item, fieldPath(root.path("apps"), index)));
  root.optionalArray("apiTokens").forEach((item, index) => {
    const entry = fixtureObject(item, fieldPath(root.path("apiTokens"), index), ["token", "user", "name"]);
    const token = entry.string("token", { nonEmpty: true });
    const user = userRef(tenant, entry.string("user"), entry.path("user"));
    const record: ApiTokenRecord = { id: newId(tenant, ID_PREFIX.token), token, name: entry.optionalString("name") ?? "fixture", userId: user.id, created: tenant.now() };
    tenant.update((state) => putRecord(state, COLLECTIONS.apiTokens, token, record));
  });
  root.optionalArray("authServers").forEach((item, index) => {
    const entry = fixtureObject(item, fieldPath(root.path("authServers"), index), ["id", "name", "audiences", "scopes"]);
    const id = entry.string("id", { pattern: ID, patternName: "an id of letters, digits, _ and -" });
    const now = tenant.now();
    const server: AuthServerRecord = { id, name: entry.optionalString("name") ?? id, description: "", audiences: entry.has("audiences") ? strings(entry, "audiences") : [`api://${id}`], status: "ACTIVE", created: now, lastUpdated: now, scopes: strings(entry, "scopes") };
    tenant.update((state) => putRecord(state, COLLECTIONS.authServers, id, server));
  });
  const login = root.optionalString("defaultLoginUser");
  if (login !== undefined) {
    userRef(tenant, login, root.path("defaultLoginUser"));
    const record: OrgRecord = { ...org(tenant.state), defaultLoginUser: login };
    tenant.update((state) => putRecord(state, COLLECTIONS.org, "org", record));
  }
}
