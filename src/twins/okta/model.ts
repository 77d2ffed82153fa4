/**
 * The Okta org's records, as plain JSON kept in the tenant's collections, and the ids Okta gives
 * them: 20 characters, a kind prefix (`00u` users, `00g` groups, `0oa` apps, ...) and 17
 * random-looking characters drawn from the tenant's seeded generator.
 */
import { type Tenant, type TenantState, getRecord, listRecords } from "../kit/index.js";

export const COLLECTIONS = {
  org: "org",
  users: "users",
  groups: "groups",
  memberships: "memberships",
  apps: "apps",
  appUsers: "appUsers",
  appGroups: "appGroups",
  apiTokens: "apiTokens",
  authServers: "authServers",
  authCodes: "authCodes",
  refreshTokens: "refreshTokens",
  revokedTokens: "revokedTokens",
} as const;

export type UserStatus = "STAGED" | "PROVISIONED" | "ACTIVE" | "RECOVERY" | "PASSWORD_EXPIRED" | "LOCKED_OUT" | "SUSPENDED" | "DEPROVISIONED";

export interface UserRecord {
  id: string;
  status: UserStatus;
  created: number;
  activated: number | null;
  statusChanged: number | null;
  lastLogin: number | null;
  lastUpdated: number;
  passwordChanged: number | null;
  profile: Record<string, unknown>;
  /** Kept to check the login step and shown nowhere. */
  password?: string;
  recoveryQuestion?: string;
}

export interface GroupRecord {
  id: string;
  type: "OKTA_GROUP" | "BUILT_IN";
  created: number;
  lastUpdated: number;
  lastMembershipUpdated: number;
  profile: { name: string; description: string | null };
}

export interface MembershipRecord {
  groupId: string;
  userId: string;
}

export type TokenEndpointAuthMethod = "client_secret_basic" | "client_secret_post" | "private_key_jwt" | "none";

export interface AppRecord {
  id: string;
  name: string;
  label: string;
  status: "ACTIVE" | "INACTIVE";
  created: number;
  lastUpdated: number;
  signOnMode: string;
  clientId: string;
  clientSecret: string | null;
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  applicationType: "web" | "native" | "browser" | "service";
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  grantTypes: string[];
  responseTypes: string[];
  /** Public keys for `private_key_jwt` client authentication. */
  jwks: Record<string, unknown>[];
}

export interface AppUserRecord {
  appId: string;
  userId: string;
  created: number;
  lastUpdated: number;
  scope: "USER" | "GROUP";
  userName: string;
  profile: Record<string, unknown>;
}

export interface AppGroupRecord {
  appId: string;
  groupId: string;
  priority: number;
  lastUpdated: number;
  profile: Record<string, unknown>;
}

export interface ApiTokenRecord {
  id: string;
  token: string;
  name: string;
  userId: string;
  created: number;
}

export interface AuthServerRecord {
  id: string;
  name: string;
  description: string;
  audiences: string[];
  status: "ACTIVE" | "INACTIVE";
  created: number;
  lastUpdated: number;
  /** Custom scopes the server grants besides the OIDC ones. */
  scopes: string[];
}

export interface OrgRecord {
  id: string;
  /** The super admin: owner of the default API token, shown by describe(). */
  adminUserId: string;
  /** Who signs in at `/authorize` when neither the config nor `login_hint` says (login or id). */
  defaultLoginUser?: string;
}

/** Tenant id prefix of Okta's object ids. */
export const ID_PREFIX = { user: "00u", group: "00g", app: "0oa", org: "00o", token: "00T", authServer: "aus" } as const;

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** `length` characters from the tenant's seeded generator. */
export function randomText(tenant: Tenant, length: number, alphabet = ALPHABET): string {
  let text = "";
  for (let index = 0; index < length; index += 1) text += alphabet[Math.floor(tenant.random() * alphabet.length)];
  return text;
}

export function newId(tenant: Tenant, prefix: string): string {
  return `${prefix}${randomText(tenant, 20 - prefix.length)}`;
}

/** Okta's timestamps: ISO 8601 with milliseconds, UTC. */
export function iso(time: number): string;
export function iso(time: number | null): string | null;
export function iso(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}

export function get<T>(state: TenantState, collection: string, id: string): T | undefined {
  return getRecord<T>(state, collection, id);
}

export function list<T>(state: TenantState, collection: string): T[] {
  return listRecords<T>(state, collection);
}

export function org(state: TenantState): OrgRecord {
  const record = getRecord<OrgRecord>(state, COLLECTIONS.org, "org");
  if (!record) throw new Error("the Okta tenant was not initialized");
  return record;
}

/** A user by id, by login, or by login short name (the part before `@`) when unambiguous. */
export function findUser(state: TenantState, idOrLogin: string): UserRecord | undefined {
  const byId = getRecord<UserRecord>(state, COLLECTIONS.users, idOrLogin);
  if (byId) return byId;
  // One pass: a full login wins at once; a short name only when no other user shares it.
  const wanted = idOrLogin.toLowerCase();
  let shortNameMatch: UserRecord | undefined;
  let shortNameMatches = 0;
  for (const user of list<UserRecord>(state, COLLECTIONS.users)) {
    const login = String(user.profile["login"] ?? "").toLowerCase();
    if (login === wanted) return user;
    if (login.split("@")[0] === wanted) {
      shortNameMatch = user;
      shortNameMatches += 1;
    }
  }
  return shortNameMatches === 1 ? shortNameMatch : undefined;
}

export const membershipKey = (groupId: string, userId: string) => `${groupId}/${userId}`;
export const assignmentKey = (appId: string, principalId: string) => `${appId}/${principalId}`;

export function groupsOfUser(state: TenantState, userId: string): GroupRecord[] {
  return list<MembershipRecord>(state, COLLECTIONS.memberships)
    .filter((membership) => membership.userId === userId)
    .map((membership) => get<GroupRecord>(state, COLLECTIONS.groups, membership.groupId))
    .filter((group): group is GroupRecord => group !== undefined);
}

/** Whether a user may use an app: assigned directly or through one of their groups. */
export function isAssigned(state: TenantState, appId: string, userId: string): boolean {
  if (getRecord(state, COLLECTIONS.appUsers, assignmentKey(appId, userId))) return true;
  const everyone = list<GroupRecord>(state, COLLECTIONS.groups).filter((group) => group.type === "BUILT_IN");
  return [...everyone, ...groupsOfUser(state, userId)].some((group) => getRecord(state, COLLECTIONS.appGroups, assignmentKey(appId, group.id)) !== undefined);
}

export function findAppByClientId(state: TenantState, clientId: string): AppRecord | undefined {
  return list<AppRecord>(state, COLLECTIONS.apps).find((app) => app.clientId === clientId);
}
