import { describe, expect, it } from "vitest";
import { TwinFixtureError, locateFixturePath, seedTenant } from "../kit/index.js";
import { createOktaTwin } from "./index.js";
import { COLLECTIONS, type AppRecord, type UserRecord, findUser, list, org } from "./model.js";

const seedError = (fixture: unknown): string => {
  const twin = createOktaTwin();
  try {
    seedTenant(twin, twin.tenant(), fixture);
  } catch (error) {
    if (error instanceof TwinFixtureError) return error.message;
    throw error;
  }
  return "seeded";
};

describe("the Okta fixture", () => {
  it("seeds users, groups, apps with assignments, API tokens, servers and the default login user", () => {
    const twin = createOktaTwin();
    const tenant = twin.tenant();
    seedTenant(twin, tenant, {
      defaultLoginUser: "alice@example.com",
      users: [{ login: "alice@example.com", password: "Wonder-Land-1", profile: { department: "R&D" } }, { login: "bob@example.com", status: "SUSPENDED", id: "00ubob" }],
      groups: [{ name: "Staff", members: ["bob@example.com"] }],
      apps: [{ label: "Portal", clientId: "portal", clientSecret: "s3cret", redirectUris: ["http://localhost/cb"], users: ["alice@example.com"], groups: ["Staff"] }],
      apiTokens: [{ token: "00alice", user: "alice@example.com" }],
      authServers: [{ id: "payments", scopes: ["payments.read"] }],
    });
    const alice = findUser(tenant.state, "alice@example.com")!;
    expect(alice).toMatchObject({ status: "ACTIVE", profile: { firstName: "alice", lastName: "User", email: "alice@example.com", department: "R&D" } });
    expect(findUser(tenant.state, "00ubob")?.status).toBe("SUSPENDED");
    expect(list<AppRecord>(tenant.state, COLLECTIONS.apps)[0]).toMatchObject({ clientId: "portal", clientSecret: "s3cret", grantTypes: ["authorization_code", "refresh_token"], tokenEndpointAuthMethod: "client_secret_basic" });
    expect(org(tenant.state).defaultLoginUser).toBe("alice@example.com");
    expect(list<UserRecord>(tenant.state, COLLECTIONS.users)).toHaveLength(3);
  });

  it("names the first bad field by its path", () => {
    expect(seedError({ users: [{ login: "not-an-email" }] })).toBe('users[0].login: expected a login in the form of an email address, got "not-an-email"');
    expect(seedError({ users: [{ login: "a@example.com", status: "ASLEEP" }] })).toMatch(/^users\[0\]\.status: expected one of "STAGED", /);
    expect(seedError({ users: [{ login: "a@example.com", nickname: "A" }] })).toMatch(/^users\[0\]\.nickname: unknown field/);
    expect(seedError({ groups: [{ name: "G", members: ["ghost@example.com"] }] })).toBe('groups[0].members[0]: no user "ghost@example.com" (list it under users first)');
    expect(seedError({ apps: [{ label: "A" }] })).toBe("apps[0].redirectUris: required for the authorization_code grant (a list of URIs)");
    expect(seedError({ apps: [{ label: "A", tokenEndpointAuthMethod: "private_key_jwt", grantTypes: ["client_credentials"] }] })).toBe("apps[0].jwks: required for private_key_jwt (public JWKs)");
    expect(seedError({ defaultLoginUser: "nobody@example.com" })).toBe('defaultLoginUser: no user "nobody@example.com" (list it under users first)');
    expect(seedError({ unknown: 1 })).toMatch(/^unknown: unknown field/);
  });

  it("seeds lastLogin as given (null without it), and refuses one that is not an ISO date-time", async () => {
    const twin = createOktaTwin();
    const tenant = twin.tenant();
    seedTenant(twin, tenant, { users: [{ login: "old@example.com", lastLogin: "2025-03-01T08:15:00.000Z", id: "00uold" }, { login: "new@example.com", lastLogin: "2026-01-15T10:30:00+01:00" }, { login: "never@example.com", password: "Never-Logged-1" }], apiTokens: [{ token: "00admin", user: "never@example.com" }] });
    expect(findUser(tenant.state, "old@example.com")?.lastLogin).toBe(Date.parse("2025-03-01T08:15:00.000Z"));
    expect(findUser(tenant.state, "new@example.com")?.lastLogin).toBe(Date.parse("2026-01-15T09:30:00Z"));
    expect(findUser(tenant.state, "never@example.com")?.lastLogin).toBeNull();
    const read = await twin.fetch(new Request("http://okta.test/api/v1/users/00uold", { headers: { authorization: "SSWS 00admin" } }));
    expect(read.status).toBe(200);
    expect(((await read.json()) as { lastLogin: unknown }).lastLogin).toBe("2025-03-01T08:15:00.000Z");
    expect(seedError({ users: [{ login: "a@example.com", lastLogin: "yesterday" }] })).toBe('users[0].lastLogin: expected an ISO 8601 date-time with a time zone, such as 2026-01-15T09:30:00Z, got "yesterday"');
    expect(seedError({ users: [{ login: "a@example.com", lastLogin: "2026-01-15T09:30:00" }] })).toMatch(/^users\[0\]\.lastLogin: expected an ISO 8601 date-time/);
    expect(seedError({ users: [{ login: "a@example.com", lastLogin: "2026-02-30T09:30:00Z" }] })).toBe('users[0].lastLogin: expected a real date-time, got "2026-02-30T09:30:00Z"');
    expect(seedError({ users: [{ login: "a@example.com", lastLogin: 1700000000 }] })).toMatch(/^users\[0\]\.lastLogin: expected a string/);
  });

  it("seeds all or nothing, and the error's path points at a line of the YAML", async () => {
    const twin = createOktaTwin();
    const text = "users:\n  - login: a@example.com\n  - login: a@example.com\n";
    const answer = await twin.fetch(new Request("http://okta.test/_twin/tenants/default/seed", { method: "POST", headers: { "content-type": "application/yaml" }, body: text }));
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { message: string }).message).toBe("users[1].login: a@example.com is listed twice");
    expect(list(twin.tenant().state, COLLECTIONS.users)).toHaveLength(1);
    expect(locateFixturePath(text, "users[1].login")).toEqual({ line: 3, column: 12 });
  });
});
