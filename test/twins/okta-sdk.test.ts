/**
 * The official `@okta/okta-sdk-nodejs` (v8) against the Okta twin served on loopback, with the
 * client's `orgUrl` set to the tenant's base URL (plain http works: the SDK fetches with
 * node-fetch and checks no scheme). Users and their lifecycle, search and paging through the
 * SDK's collection iteration (which follows the twin's absolute `Link` headers), groups, apps
 * and assignments, errors as the SDK surfaces them (`OktaApiError.errorCode`), OAuth access
 * tokens for the Management API through the SDK's PrivateKey mode, and a 429.
 * `okta-contract.test.ts` replays this file and checks every response against the descriptions.
 */
import { generateKeyPairSync } from "node:crypto";
import okta from "@okta/okta-sdk-nodejs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServedTwin, type Tenant, seedTenant, serveTwin } from "../../src/twins/kit/index.js";
import { createOktaTwin, oktaCredentials } from "../../src/twins/okta/index.js";

let served: ServedTwin;
/** The served twin, for the contract replay. */
export const oktaSdkTwin = () => served.twin;

const CLIENT_KEY = (() => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privateJwk: { ...privateKey.export({ format: "jwk" }), kid: "sdk-key" }, publicJwk: { ...publicKey.export({ format: "jwk" }), kid: "sdk-key" } };
})();

const FIXTURE = {
  users: [
    { login: "alice@example.com", firstName: "Alice", lastName: "Adams", password: "Wonder-Land-1", profile: { department: "Engineering" } },
    { login: "bob@example.com", firstName: "Bob", lastName: "Brown", password: "Builder-Bob-2", profile: { department: "Sales" } },
    { login: "carol@example.com", firstName: "Carol", lastName: "Clark", status: "STAGED", profile: { department: "Engineering" } },
    { login: "dave@example.com", firstName: "Dave", lastName: "Davis", password: "Locked-Out-3", status: "LOCKED_OUT" },
    { login: "erin@example.com", firstName: "Erin", lastName: "Evans", status: "DEPROVISIONED" },
  ],
  groups: [{ name: "Engineering", description: "Builders", members: ["alice@example.com", "carol@example.com"] }],
  apps: [
    { label: "Portal", clientId: "portal-client", clientSecret: "portal-secret", redirectUris: ["http://localhost:3000/callback"], users: ["alice@example.com"] },
    { label: "Robot", clientId: "robot-client", applicationType: "service", tokenEndpointAuthMethod: "private_key_jwt", jwks: [CLIENT_KEY.publicJwk] },
  ],
};

interface Org {
  tenant: Tenant;
  orgUrl: string;
  client: okta.Client;
}

function org(name: string, fixture: unknown = FIXTURE): Org {
  const tenant = served.twin.createTenant(name);
  seedTenant(served.twin, tenant, fixture);
  const { orgUrl, token } = oktaCredentials(tenant, `${served.baseUrl}/t/${name}`);
  const client = new okta.Client({ orgUrl, token, requestExecutor: noRetries() });
  return { tenant, orgUrl, client };
}

/** The SDK retries 429s by default; these tests want to see them. */
const noRetries = () => new okta.DefaultRequestExecutor({ maxRetries: 0, requestTimeout: 0 });

async function failure(promise: Promise<unknown>): Promise<{ status: number; errorCode: string; errorSummary: string; errorCauses?: { errorSummary: string }[]; headers: { get(name: string): string | null } }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error("expected the call to fail");
}

async function all<T>(collection: AsyncIterable<T | null>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of collection) if (item) items.push(item);
  return items;
}

const logins = (users: okta.User[]) => users.map((user) => user.profile?.login);

beforeAll(async () => {
  served = await serveTwin(createOktaTwin({ sleep: async () => undefined }));
});
afterAll(async () => {
  await served.close();
});

describe("@okta/okta-sdk-nodejs against the Okta twin", () => {
  it("creates users with and without credentials, staged or activated, and reads them by id, login and short name", async () => {
    const { client } = org("users");
    const profile = (login: string) => ({ firstName: "New", lastName: "Person", email: login, login });
    const withPassword = await client.userApi.createUser({ body: { profile: profile("pat@example.com"), credentials: { password: { value: "Secret-Pass-9" } } } });
    expect(withPassword.status).toBe("ACTIVE");
    expect(withPassword.id).toMatch(/^00u[A-Za-z0-9]{17}$/);
    expect(withPassword.credentials?.provider?.type).toBe("OKTA");
    const withoutCredentials = await client.userApi.createUser({ body: { profile: profile("quinn@example.com") } });
    expect(withoutCredentials.status).toBe("PROVISIONED");
    const staged = await client.userApi.createUser({ body: { profile: profile("ray@example.com") }, activate: false });
    expect(staged.status).toBe("STAGED");
    expect(staged.activated).toBeNull();
    expect((await client.userApi.getUser({ userId: withPassword.id! })).profile?.login).toBe("pat@example.com");
    expect((await client.userApi.getUser({ userId: "quinn@example.com" })).id).toBe(withoutCredentials.id);
    expect((await client.userApi.getUser({ userId: "ray" })).id).toBe(staged.id);
    expect((await client.userApi.getUser({ userId: "me" })).profile?.login).toBe("admin@example.com");
    const duplicate = await failure(client.userApi.createUser({ body: { profile: profile("pat@example.com") } }));
    expect([duplicate.status, duplicate.errorCode, duplicate.errorSummary]).toEqual([400, "E0000001", "Api validation failed: login"]);
    expect(duplicate.errorCauses?.[0]?.errorSummary).toBe("login: An object with this field already exists in the current organization");
    const weak = await failure(client.userApi.createUser({ body: { profile: profile("sam@example.com"), credentials: { password: { value: "short" } } } }));
    expect([weak.errorCode, weak.errorSummary]).toEqual(["E0000001", "Api validation failed: password"]);
    const missing = await failure(client.userApi.getUser({ userId: "00unothere00000000000" }));
    expect([missing.status, missing.errorCode]).toEqual([404, "E0000007"]);
  });

  it("updates a profile partially (POST) and replaces it (PUT)", async () => {
    const { client } = org("updates");
    const alice = await client.userApi.getUser({ userId: "alice@example.com" });
    const updated = await client.userApi.updateUser({ userId: alice.id!, user: { profile: { nickName: "Al" } as okta.UserProfile } });
    expect(updated.profile?.nickName).toBe("Al");
    expect(updated.profile?.firstName).toBe("Alice");
    expect(new Date(updated.lastUpdated!).getTime()).toBeGreaterThan(new Date(alice.lastUpdated!).getTime());
    const replaced = await client.userApi.replaceUser({ userId: alice.id!, user: { profile: { firstName: "Alicia", lastName: "Adams", email: "alice@example.com", login: "alice@example.com" } } });
    expect(replaced.profile?.firstName).toBe("Alicia");
    expect(replaced.profile?.nickName).toBeUndefined();
    const blank = await failure(client.userApi.replaceUser({ userId: alice.id!, user: { profile: { firstName: "X", login: "alice@example.com" } as okta.UserProfile } }));
    expect([blank.errorCode, blank.errorSummary]).toEqual(["E0000001", "Api validation failed: email"]);
  });

  it("lists with search, filter and q, hides deprovisioned users from the plain list, and pages by following Link", async () => {
    const { client, orgUrl } = org("listing");
    expect(logins(await all(await client.userApi.listUsers({})))).toEqual(["admin@example.com", "alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com"]);
    expect(logins(await all(await client.userApi.listUsers({ search: 'profile.department eq "Engineering"' })))).toEqual(["alice@example.com", "carol@example.com"]);
    expect(logins(await all(await client.userApi.listUsers({ search: 'status eq "DEPROVISIONED" or (profile.department eq "sales" and status eq "ACTIVE")' })))).toEqual(["bob@example.com", "erin@example.com"]);
    expect(logins(await all(await client.userApi.listUsers({ filter: 'status eq "STAGED"' })))).toEqual(["carol@example.com"]);
    expect(logins(await all(await client.userApi.listUsers({ q: "da" })))).toEqual(["dave@example.com"]);
    expect(logins(await all(await client.userApi.listUsers({ search: "profile.lastName sw \"a\"", sortBy: "profile.firstName", sortOrder: "desc" })))).toEqual(["admin@example.com", "alice@example.com"]);
    const paged = await all(await client.userApi.listUsers({ limit: 2 }));
    expect(logins(paged)).toHaveLength(5);
    const raw = await fetch(`${orgUrl}/api/v1/users?limit=2`, { headers: { authorization: `SSWS ${oktaCredentials(served.twin.tenant("listing"), orgUrl).token}` } });
    const link = raw.headers.get("link") ?? "";
    expect(link).toContain(`<${orgUrl}/api/v1/users?limit=2>; rel="self"`);
    expect(link).toMatch(new RegExp(`<${orgUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/api/v1/users\\?limit=2&after=00u\\w+>; rel="next"`));
    const bad = await failure(client.userApi.listUsers({ search: 'profile.department eq "Engineering' }).then(all));
    expect([bad.status, bad.errorCode]).toEqual([400, "E0000031"]);
    const badFilter = await failure(client.userApi.listUsers({ filter: 'profile.department eq "Sales"' }).then(all));
    expect([badFilter.status, badFilter.errorCode]).toEqual([400, "E0000030"]);
  });

  it("runs the lifecycle state machine and refuses transitions the status does not allow", async () => {
    const { client } = org("lifecycle");
    const carol = await client.userApi.getUser({ userId: "carol@example.com" });
    const activation = await client.userApi.activateUser({ userId: carol.id!, sendEmail: false });
    expect(activation.activationToken).toMatch(/^\w{20}$/);
    expect(activation.activationUrl).toContain("/welcome/");
    expect((await client.userApi.getUser({ userId: carol.id! })).status).toBe("PROVISIONED");
    const alice = await client.userApi.getUser({ userId: "alice@example.com" });
    const again = await failure(client.userApi.activateUser({ userId: alice.id!, sendEmail: false }));
    expect([again.status, again.errorCode, again.errorSummary]).toEqual([403, "E0000016", "Activation failed because the user is already active"]);
    await client.userApi.suspendUser({ userId: alice.id! });
    expect((await client.userApi.getUser({ userId: alice.id! })).status).toBe("SUSPENDED");
    const twice = await failure(client.userApi.suspendUser({ userId: alice.id! }));
    expect([twice.status, twice.errorCode]).toEqual([403, "E0000038"]);
    await client.userApi.unsuspendUser({ userId: alice.id! });
    expect((await client.userApi.getUser({ userId: alice.id! })).status).toBe("ACTIVE");
    const notLocked = await failure(client.userApi.unlockUser({ userId: alice.id! }));
    expect(notLocked.errorCode).toBe("E0000038");
    await client.userApi.unlockUser({ userId: "dave@example.com" });
    expect((await client.userApi.getUser({ userId: "dave@example.com" })).status).toBe("ACTIVE");
    const reset = await client.userApi.generateResetPasswordToken({ userId: alice.id!, sendEmail: false });
    expect(reset.resetPasswordUrl).toContain("/reset_password/");
    expect((await client.userApi.getUser({ userId: alice.id! })).status).toBe("RECOVERY");
    await client.userApi.deactivateUser({ userId: alice.id! });
    expect((await client.userApi.getUser({ userId: alice.id! })).status).toBe("DEPROVISIONED");
    await client.userApi.activateUser({ userId: alice.id!, sendEmail: true });
    expect((await client.userApi.getUser({ userId: alice.id! })).status).toBe("ACTIVE");
    const bob = await client.userApi.getUser({ userId: "bob@example.com" });
    await client.userApi.deleteUser({ userId: bob.id! });
    expect((await client.userApi.getUser({ userId: bob.id! })).status).toBe("DEPROVISIONED");
    await client.userApi.deleteUser({ userId: bob.id! });
    expect((await failure(client.userApi.getUser({ userId: bob.id! }))).errorCode).toBe("E0000007");
  });

  it("manages groups and their members", async () => {
    const { client } = org("groups");
    const created = await client.groupApi.createGroup({ group: { profile: { name: "Support", description: "Helpers" } } });
    expect(created.id).toMatch(/^00g\w{17}$/);
    expect(created.type).toBe("OKTA_GROUP");
    const bob = await client.userApi.getUser({ userId: "bob@example.com" });
    await client.groupApi.assignUserToGroup({ groupId: created.id!, userId: bob.id! });
    expect(logins(await all(await client.groupApi.listGroupUsers({ groupId: created.id! })))).toEqual(["bob@example.com"]);
    expect((await all(await client.userApi.listUserGroups({ userId: bob.id! }))).map((group) => group.profile?.name)).toEqual(["Support"]);
    const engineering = (await all(await client.groupApi.listGroups({ q: "Eng" })))[0]!;
    expect(logins(await all(await client.groupApi.listGroupUsers({ groupId: engineering.id!, limit: 1 })))).toEqual(["alice@example.com", "carol@example.com"]);
    expect((await all(await client.groupApi.listGroups({ search: 'type eq "BUILT_IN"' }))).map((group) => group.profile?.name)).toEqual(["Everyone"]);
    const renamed = await client.groupApi.replaceGroup({ groupId: created.id!, group: { profile: { name: "Customer Support" } } });
    expect(renamed.profile?.name).toBe("Customer Support");
    await client.groupApi.unassignUserFromGroup({ groupId: created.id!, userId: bob.id! });
    expect(await all(await client.groupApi.listGroupUsers({ groupId: created.id! }))).toEqual([]);
    const clash = await failure(client.groupApi.createGroup({ group: { profile: { name: "Engineering" } } }));
    expect(clash.errorCode).toBe("E0000001");
    const everyone = (await all(await client.groupApi.listGroups({ q: "Everyone" })))[0]!;
    expect((await failure(client.groupApi.deleteGroup({ groupId: everyone.id! }))).status).toBe(403);
    await client.groupApi.deleteGroup({ groupId: created.id! });
    expect((await failure(client.groupApi.getGroup({ groupId: created.id! }))).errorCode).toBe("E0000007");
  });

  it("creates OIDC apps and assigns users and groups to them", async () => {
    const { client } = org("apps");
    const app = (await client.applicationApi.createApplication({
      application: { name: "oidc_client", label: "Dashboard", signOnMode: "OPENID_CONNECT", credentials: { oauthClient: { token_endpoint_auth_method: "client_secret_post" } }, settings: { oauthClient: { redirect_uris: ["https://dash.example.com/cb"], grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], application_type: "web" } } } as okta.OpenIdConnectApplication,
    })) as okta.OpenIdConnectApplication;
    expect(app.id).toMatch(/^0oa\w{17}$/);
    expect(app.status).toBe("ACTIVE");
    expect(app.credentials?.oauthClient?.client_id).toBe(app.id);
    expect(app.credentials?.oauthClient?.client_secret).toMatch(/^[\w-]{64}$/);
    expect(app.settings?.oauthClient?.redirect_uris).toEqual(["https://dash.example.com/cb"]);
    const bob = await client.userApi.getUser({ userId: "bob@example.com" });
    const assigned = await client.applicationApi.assignUserToApplication({ appId: app.id!, appUser: { id: bob.id!, scope: "USER", credentials: { userName: "bob" } } });
    expect(assigned.credentials?.userName).toBe("bob");
    expect((await client.applicationApi.getApplicationUser({ appId: app.id!, userId: bob.id! })).id).toBe(bob.id);
    expect((await all(await client.applicationApi.listApplicationUsers({ appId: app.id! }))).map((user) => user.id)).toEqual([bob.id]);
    const engineering = (await all(await client.groupApi.listGroups({ q: "Engineering" })))[0]!;
    const groupAssignment = await client.applicationApi.assignGroupToApplication({ appId: app.id!, groupId: engineering.id!, applicationGroupAssignment: { priority: 1 } });
    expect(groupAssignment.priority).toBe(1);
    expect((await all(await client.applicationApi.listApplicationGroupAssignments({ appId: app.id! }))).map((assignment) => assignment.id)).toEqual([engineering.id]);
    expect((await all(await client.groupApi.listAssignedApplicationsForGroup({ groupId: engineering.id! }))).map((item) => item.id)).toEqual([app.id]);
    expect((await all(await client.applicationApi.listApplications({ q: "Dash" }))).map((item) => item.label)).toEqual(["Dashboard"]);
    await client.applicationApi.unassignUserFromApplication({ appId: app.id!, userId: bob.id! });
    await client.applicationApi.unassignApplicationFromGroup({ appId: app.id!, groupId: engineering.id! });
    expect(await all(await client.applicationApi.listApplicationUsers({ appId: app.id! }))).toEqual([]);
    const active = await failure(client.applicationApi.deleteApplication({ appId: app.id! }));
    expect([active.status, active.errorCode]).toEqual([403, "E0000056"]);
    await client.applicationApi.deactivateApplication({ appId: app.id! });
    await client.applicationApi.deleteApplication({ appId: app.id! });
    expect((await failure(client.applicationApi.getApplication({ appId: app.id! }))).errorCode).toBe("E0000007");
  });

  it("refuses bad API tokens and accepts OAuth access tokens by scope (the SDK's PrivateKey mode)", async () => {
    const { orgUrl } = org("oauth-access");
    const stranger = new okta.Client({ orgUrl, token: "00not-a-token", requestExecutor: noRetries() });
    const refused = await failure(stranger.userApi.listUsers({}).then(all));
    expect([refused.status, refused.errorCode, refused.errorSummary]).toEqual([401, "E0000011", "Invalid token provided"]);
    const robot = new okta.Client({ orgUrl, authorizationMode: "PrivateKey", clientId: "robot-client", scopes: ["okta.users.read"], privateKey: JSON.stringify(CLIENT_KEY.privateJwk), keyId: "sdk-key", requestExecutor: noRetries() });
    expect(logins(await all(await robot.userApi.listUsers({ search: 'profile.department eq "Sales"' })))).toEqual(["bob@example.com"]);
    const writing = await failure(robot.userApi.createUser({ body: { profile: { firstName: "No", lastName: "Way", email: "no@example.com", login: "no@example.com" } } }));
    expect([writing.status, writing.errorCode]).toEqual([403, "E0000006"]);
    expect(writing.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
  });

  it("answers with X-Rate-Limit headers, and a 429 E0000047 when a fault profile limits the endpoint", async () => {
    const { client, tenant, orgUrl } = org("limits");
    const { token } = oktaCredentials(tenant, orgUrl);
    const first = await fetch(`${orgUrl}/api/v1/users/me`, { headers: { authorization: `SSWS ${token}` } });
    expect(first.headers.get("x-rate-limit-limit")).toBe("2000");
    expect(first.headers.get("x-rate-limit-remaining")).toBe("1999");
    expect(Number(first.headers.get("x-rate-limit-reset"))).toBe(Math.ceil((tenant.now() + 60_000) / 1000));
    tenant.faults = { rules: [{ methods: ["GET /api/v1/users/{id}"], rateLimit: { limit: 1, windowMs: 60_000 } }] };
    await client.userApi.getUser({ userId: "alice@example.com" });
    const limited = await failure(client.userApi.getUser({ userId: "alice@example.com" }));
    expect([limited.status, limited.errorCode, limited.errorSummary]).toEqual([429, "E0000047", "API call exceeded rate limit due to too many requests."]);
    expect(limited.headers.get("x-rate-limit-remaining")).toBe("0");
    expect(Number(limited.headers.get("x-rate-limit-reset")) * 1000).toBeGreaterThan(new Date(limited.headers.get("date")!).getTime());
    tenant.faults = { rules: [] };
  });
});
