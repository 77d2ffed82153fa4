/**
 * Every new tenant's org: the super admin (owner of the default SSWS token that describe()
 * shows), the built-in `Everyone` group and the `default` custom authorization server, all with
 * ids and secrets from the tenant's seed.
 */
import { type Tenant, putRecord } from "../kit/index.js";
import { type ApiTokenRecord, type AuthServerRecord, COLLECTIONS, type GroupRecord, ID_PREFIX, type OrgRecord, type UserRecord, list, newId, org, randomText } from "./model.js";

export const ADMIN_LOGIN = "admin@example.com";
/** The admin's password, for scenarios that sign the admin in. */
export const ADMIN_PASSWORD = "Twin-Admin-1";

/** An SSWS token like Okta's: `00` and 40 characters. */
export function newApiToken(tenant: Tenant): string {
  return `00${randomText(tenant, 40, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_")}`;
}

export function initializeOrg(tenant: Tenant): void {
  const now = tenant.now();
  const admin: UserRecord = {
    id: newId(tenant, ID_PREFIX.user),
    status: "ACTIVE",
    created: now,
    activated: now,
    statusChanged: now,
    lastLogin: null,
    lastUpdated: now,
    passwordChanged: now,
    profile: { firstName: "Twin", lastName: "Admin", email: ADMIN_LOGIN, login: ADMIN_LOGIN, mobilePhone: null, secondEmail: null },
    password: ADMIN_PASSWORD,
  };
  const record: OrgRecord = { id: newId(tenant, ID_PREFIX.org), adminUserId: admin.id };
  const token: ApiTokenRecord = { id: newId(tenant, ID_PREFIX.token), token: newApiToken(tenant), name: "twin", userId: admin.id, created: now };
  const everyone: GroupRecord = { id: newId(tenant, ID_PREFIX.group), type: "BUILT_IN", created: now, lastUpdated: now, lastMembershipUpdated: now, profile: { name: "Everyone", description: "All users in your organization" } };
  const server: AuthServerRecord = { id: "default", name: "default", description: "Default Authorization Server", audiences: ["api://default"], status: "ACTIVE", created: now, lastUpdated: now, scopes: [] };
  tenant.update((state) => {
    let next = putRecord(state, COLLECTIONS.org, "org", record);
    next = putRecord(next, COLLECTIONS.users, admin.id, admin);
    next = putRecord(next, COLLECTIONS.apiTokens, token.token, token);
    next = putRecord(next, COLLECTIONS.groups, everyone.id, everyone);
    return putRecord(next, COLLECTIONS.authServers, server.id, server);
  });
}

export interface OktaCredentials {
  /** What the SDK's `orgUrl` is set to: the tenant's base URL. */
  orgUrl: string;
  /** The admin's SSWS API token. */
  token: string;
  adminLogin: string;
}

/** The org URL and the admin's API token for a tenant, e.g. for `new okta.Client({ orgUrl, token })`. */
export function oktaCredentials(tenant: Tenant, orgUrl: string): OktaCredentials {
  const state = tenant.state;
  const adminId = org(state).adminUserId;
  const token = list<ApiTokenRecord>(state, COLLECTIONS.apiTokens).find((candidate) => candidate.userId === adminId)?.token ?? "";
  return { orgUrl, token, adminLogin: ADMIN_LOGIN };
}
