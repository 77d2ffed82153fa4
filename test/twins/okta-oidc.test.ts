/**
 * The Okta twin's authorization servers driven over HTTP as a relying party would, with `jose`
 * verifying every token against `createRemoteJWKSet(jwks_uri)`: discovery for the org server and
 * the `default` custom server, the authorization code flow with PKCE (login auto-approved for the
 * fixture's default user, chosen by `login_hint` or by the tenant config, or refused), refresh
 * token rotation, client credentials, introspection, revocation and userinfo. Tokens are timed by
 * the tenant's virtual clock, so jose is given it as `currentDate`.
 */
import { createHash } from "node:crypto";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServedTwin, type Tenant, seedTenant, serveTwin } from "../../src/twins/kit/index.js";
import { createOktaTwin, keyIdFor } from "../../src/twins/okta/index.js";
import { findUser } from "../../src/twins/okta/model.js";

let served: ServedTwin;
/** The served twin, for the contract replay. */
export const oktaOidcTwin = () => served.twin;

const REDIRECT = "http://localhost:3000/callback";
const VERIFIER = "a-code-verifier-of-at-least-forty-three-characters-0123456789";
const CHALLENGE = createHash("sha256").update(VERIFIER).digest("base64url");

const FIXTURE = {
  defaultLoginUser: "alice@example.com",
  users: [
    { login: "alice@example.com", firstName: "Alice", lastName: "Adams", password: "Wonder-Land-1" },
    { login: "bob@example.com", firstName: "Bob", lastName: "Brown", password: "Builder-Bob-2" },
    { login: "carol@example.com", firstName: "Carol", lastName: "Clark", password: "Careful-Carol-3" },
  ],
  groups: [{ name: "Staff", members: ["bob@example.com"] }],
  apps: [
    { label: "Portal", clientId: "portal", clientSecret: "portal-secret", redirectUris: [REDIRECT], grantTypes: ["authorization_code", "refresh_token"], users: ["alice@example.com"], groups: ["Staff"] },
    { label: "Posting", clientId: "posting", clientSecret: "posting-secret", tokenEndpointAuthMethod: "client_secret_post", redirectUris: [REDIRECT], grantTypes: ["authorization_code"], users: ["alice@example.com"] },
    { label: "SPA", clientId: "spa", applicationType: "browser", redirectUris: [REDIRECT], grantTypes: ["authorization_code", "refresh_token"], users: ["alice@example.com"] },
    { label: "Worker", clientId: "worker", clientSecret: "worker-secret", applicationType: "service" },
  ],
  authServers: [{ id: "payments", audiences: ["api://payments"], scopes: ["payments.read"] }],
};

interface Org {
  tenant: Tenant;
  orgUrl: string;
  /** Virtual now, for jose. */
  now(): Date;
}

function org(name: string): Org {
  const tenant = served.twin.createTenant(name);
  seedTenant(served.twin, tenant, FIXTURE);
  return { tenant, orgUrl: `${served.baseUrl}/t/${name}`, now: () => new Date(tenant.now()) };
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

async function form(url: string, fields: Record<string, string>, authorization?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...(authorization ? { authorization } : {}) }, body: new URLSearchParams(fields) });
  const text = await response.text();
  return { status: response.status, body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

/** Runs /authorize and returns the redirect's query. */
async function authorize(base: string, params: Record<string, string>): Promise<URLSearchParams> {
  const query = new URLSearchParams({ client_id: "portal", response_type: "code", redirect_uri: REDIRECT, scope: "openid profile email offline_access", state: "state-1", nonce: "nonce-1", code_challenge: CHALLENGE, code_challenge_method: "S256", ...params });
  // An empty value leaves the parameter out.
  for (const [key, value] of Object.entries(params)) if (value === "") query.delete(key);
  const response = await fetch(`${base}/v1/authorize?${query}`, { redirect: "manual" });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location")!);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  return location.searchParams;
}

async function codeFlow(base: string, params: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const redirect = await authorize(base, params);
  expect(redirect.get("state")).toBe("state-1");
  const tokens = await form(`${base}/v1/token`, { grant_type: "authorization_code", code: redirect.get("code")!, redirect_uri: REDIRECT, code_verifier: VERIFIER }, basic("portal", "portal-secret"));
  expect(tokens.status).toBe(200);
  return tokens.body;
}

beforeAll(async () => {
  served = await serveTwin(createOktaTwin({ sleep: async () => undefined }));
});
afterAll(async () => {
  await served.close();
});

describe("Okta twin authorization servers, verified with jose", () => {
  it("publishes discovery documents and keys with the twin's own origin and tenant", async () => {
    const { orgUrl } = org("discovery");
    const custom = (await (await fetch(`${orgUrl}/oauth2/default/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(custom["issuer"]).toBe(`${orgUrl}/oauth2/default`);
    expect(custom["jwks_uri"]).toBe(`${orgUrl}/oauth2/default/v1/keys`);
    expect(custom["code_challenge_methods_supported"]).toEqual(["S256"]);
    const orgServer = (await (await fetch(`${orgUrl}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(orgServer["issuer"]).toBe(orgUrl);
    expect(orgServer["token_endpoint"]).toBe(`${orgUrl}/oauth2/v1/token`);
    const oauthMetadata = (await (await fetch(`${orgUrl}/oauth2/default/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(oauthMetadata["userinfo_endpoint"]).toBeUndefined();
    const keys = (await (await fetch(`${orgUrl}/oauth2/default/v1/keys`)).json()) as { keys: { kid: string; kty: string }[] };
    expect(keys.keys).toEqual([expect.objectContaining({ kty: "RSA", alg: "RS256", use: "sig", kid: keyIdFor("discovery", "default") })]);
    expect(keyIdFor("discovery", "default")).not.toBe(keyIdFor("other", "default"));
    const missing = await fetch(`${orgUrl}/oauth2/nowhere/.well-known/openid-configuration`);
    expect(missing.status).toBe(404);
  });

  it("runs the authorization code flow with PKCE and issues tokens jose verifies, with Okta's claims", async () => {
    const { orgUrl, now } = org("code");
    const base = `${orgUrl}/oauth2/default`;
    const tokens = await codeFlow(base);
    expect(tokens).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "openid profile email offline_access" });
    const jwks = createRemoteJWKSet(new URL(`${base}/v1/keys`));
    const id = await jwtVerify(tokens["id_token"] as string, jwks, { issuer: base, audience: "portal", currentDate: now() });
    expect(id.payload).toMatchObject({ ver: 1, nonce: "nonce-1", email: "alice@example.com", preferred_username: "alice@example.com", name: "Alice Adams", amr: ["pwd"] });
    expect(id.payload.sub).toMatch(/^00u\w{17}$/);
    expect(id.payload["at_hash"]).toBe(createHash("sha256").update(tokens["access_token"] as string).digest().subarray(0, 16).toString("base64url"));
    const access = await jwtVerify(tokens["access_token"] as string, jwks, { issuer: base, audience: "api://default", currentDate: now() });
    expect(access.payload).toMatchObject({ ver: 1, cid: "portal", uid: id.payload.sub, sub: "alice@example.com", scp: ["openid", "profile", "email", "offline_access"] });
    expect(access.payload.jti).toMatch(/^AT\./);
    expect(access.payload.exp! - access.payload.iat!).toBe(3600);
    expect(decodeProtectedHeader(tokens["access_token"] as string).kid).toBe(keyIdFor("code", "default"));
    const userinfo = await fetch(`${base}/v1/userinfo`, { headers: { authorization: `Bearer ${tokens["access_token"] as string}` } });
    expect(await userinfo.json()).toMatchObject({ sub: id.payload.sub, email: "alice@example.com", given_name: "Alice", family_name: "Adams", email_verified: true });
    const expired = await jwtVerify(tokens["access_token"] as string, jwks, { currentDate: new Date(now().getTime() + 7_200_000) }).catch((error: Error) => error);
    expect(expired).toBeInstanceOf(Error);
  });

  it("checks the code verifier, the redirect URI, the client's secret and single use of codes", async () => {
    const { orgUrl } = org("code-checks");
    const base = `${orgUrl}/oauth2/default`;
    const token = (fields: Record<string, string>, authorization = basic("portal", "portal-secret")) => form(`${base}/v1/token`, { grant_type: "authorization_code", redirect_uri: REDIRECT, code_verifier: VERIFIER, ...fields }, authorization);
    const wrongVerifier = await token({ code: (await authorize(base, {})).get("code")!, code_verifier: "x".repeat(50) });
    expect([wrongVerifier.status, wrongVerifier.body["error"]]).toEqual([400, "invalid_grant"]);
    const wrongRedirect = await token({ code: (await authorize(base, {})).get("code")!, redirect_uri: "http://localhost:3000/other" });
    expect(wrongRedirect.body["error"]).toBe("invalid_grant");
    const wrongSecret = await token({ code: (await authorize(base, {})).get("code")! }, basic("portal", "nope"));
    expect([wrongSecret.status, wrongSecret.body["error"]]).toEqual([401, "invalid_client"]);
    const code = (await authorize(base, {})).get("code")!;
    expect((await token({ code })).status).toBe(200);
    expect((await token({ code })).body["error"]).toBe("invalid_grant");
    const plain = await authorize(base, { code_challenge: VERIFIER, code_challenge_method: "plain" });
    expect(plain.get("error")).toBe("invalid_request");
    const posted = await authorize(base, { client_id: "posting" });
    const postTokens = await form(`${base}/v1/token`, { grant_type: "authorization_code", code: posted.get("code")!, redirect_uri: REDIRECT, code_verifier: VERIFIER, client_id: "posting", client_secret: "posting-secret" });
    expect(postTokens.status).toBe(200);
    expect(postTokens.body["refresh_token"]).toBeUndefined();
    expect((await authorize(base, { client_id: "spa", code_challenge: "", code_challenge_method: "" })).get("error_description")).toBe("PKCE code challenge is required when the token endpoint authentication method is 'NONE'.");
    expect((await authorize(base, { code_challenge: "short" })).get("error")).toBe("invalid_request");
    const spa = await authorize(base, { client_id: "spa" });
    const spaTokens = await form(`${base}/v1/token`, { grant_type: "authorization_code", code: spa.get("code")!, redirect_uri: REDIRECT, code_verifier: VERIFIER, client_id: "spa" });
    expect(spaTokens.status).toBe(200);
    const unknownScope = await authorize(base, { scope: "openid payments.read" });
    expect(unknownScope.get("error")).toBe("invalid_scope");
  });

  it("records the sign-in as the user's lastLogin, on the virtual clock", async () => {
    const { tenant, orgUrl } = org("last-login");
    expect(findUser(tenant.state, "alice@example.com")?.lastLogin).toBeNull();
    tenant.advance(86_400_000);
    const before = tenant.now();
    await authorize(`${orgUrl}/oauth2/default`, {});
    const lastLogin = findUser(tenant.state, "alice@example.com")?.lastLogin;
    expect(lastLogin).toBeGreaterThanOrEqual(before);
    expect(lastLogin).toBeLessThanOrEqual(tenant.now());
    // Only the user who signed in.
    expect(findUser(tenant.state, "bob@example.com")?.lastLogin).toBeNull();
  });

  it("lets the scenario choose who signs in: login_hint, the tenant config, consent denied, unassigned users", async () => {
    const { orgUrl, tenant, now } = org("login");
    const base = `${orgUrl}/oauth2/default`;
    const jwks = createRemoteJWKSet(new URL(`${base}/v1/keys`));
    const viaGroup = await codeFlow(base, { login_hint: "bob@example.com" });
    expect((await jwtVerify(viaGroup["id_token"] as string, jwks, { currentDate: now() })).payload["email"]).toBe("bob@example.com");
    expect((await authorize(base, { login_hint: "carol@example.com" })).get("error_description")).toBe("User is not assigned to the client application.");
    const configured = await fetch(`${served.baseUrl}/_twin/tenants/login/config`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ loginUser: "bob@example.com" }) });
    expect(configured.status).toBe(200);
    const chosen = await codeFlow(base, { login_hint: "alice@example.com" });
    expect((await jwtVerify(chosen["id_token"] as string, jwks, { currentDate: now() })).payload["email"]).toBe("bob@example.com");
    tenant.config = { consent: "deny" };
    const denied = await authorize(base, {});
    expect([denied.get("error"), denied.get("state")]).toEqual(["access_denied", "state-1"]);
    tenant.config = {};
  });

  it("rotates refresh tokens, introspects and revokes", async () => {
    const { orgUrl, now } = org("refresh");
    const base = `${orgUrl}/oauth2/default`;
    const auth = basic("portal", "portal-secret");
    const first = await codeFlow(base);
    const refreshed = await form(`${base}/v1/token`, { grant_type: "refresh_token", refresh_token: first["refresh_token"] as string, scope: "openid offline_access" }, auth);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body["refresh_token"]).not.toBe(first["refresh_token"]);
    expect(refreshed.body["scope"]).toBe("openid offline_access");
    const reused = await form(`${base}/v1/token`, { grant_type: "refresh_token", refresh_token: first["refresh_token"] as string }, auth);
    expect([reused.status, reused.body["error"]]).toEqual([400, "invalid_grant"]);
    const wider = await form(`${base}/v1/token`, { grant_type: "refresh_token", refresh_token: refreshed.body["refresh_token"] as string, scope: "openid email offline_access" }, auth);
    expect(wider.body["error"]).toBe("invalid_scope");
    const access = refreshed.body["access_token"] as string;
    const active = await form(`${base}/v1/introspect`, { token: access, token_type_hint: "access_token" }, auth);
    expect(active.body).toMatchObject({ active: true, token_type: "Bearer", client_id: "portal", username: "alice@example.com", iss: base, aud: "api://default" });
    const refreshInfo = await form(`${base}/v1/introspect`, { token: refreshed.body["refresh_token"] as string }, auth);
    expect(refreshInfo.body).toMatchObject({ active: true, client_id: "portal", username: "alice@example.com" });
    expect((await form(`${base}/v1/revoke`, { token: access }, auth)).status).toBe(200);
    expect((await form(`${base}/v1/introspect`, { token: access }, auth)).body).toEqual({ active: false });
    const userinfo = await fetch(`${base}/v1/userinfo`, { headers: { authorization: `Bearer ${access}` } });
    expect(userinfo.status).toBe(401);
    expect(userinfo.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect((await form(`${base}/v1/revoke`, { token: refreshed.body["refresh_token"] as string }, auth)).status).toBe(200);
    expect((await form(`${base}/v1/token`, { grant_type: "refresh_token", refresh_token: refreshed.body["refresh_token"] as string }, auth)).body["error"]).toBe("invalid_grant");
    expect((await form(`${base}/v1/introspect`, { token: "garbage" }, auth)).body).toEqual({ active: false });
    await jwtVerify(access, createRemoteJWKSet(new URL(`${base}/v1/keys`)), { currentDate: now() });
  });

  it("issues client credentials tokens on custom servers, and only to private_key_jwt clients on the org server", async () => {
    const { orgUrl, now } = org("machines");
    const auth = basic("worker", "worker-secret");
    const payments = `${orgUrl}/oauth2/payments`;
    const granted = await form(`${payments}/v1/token`, { grant_type: "client_credentials", scope: "payments.read" }, auth);
    expect(granted.status).toBe(200);
    expect(granted.body["id_token"]).toBeUndefined();
    const claims = (await jwtVerify(granted.body["access_token"] as string, createRemoteJWKSet(new URL(`${payments}/v1/keys`)), { issuer: payments, audience: "api://payments", currentDate: now() })).payload;
    expect(claims).toMatchObject({ sub: "worker", cid: "worker", scp: ["payments.read"] });
    expect(claims["uid"]).toBeUndefined();
    expect((await form(`${payments}/v1/token`, { grant_type: "client_credentials", scope: "openid" }, auth)).body["error"]).toBe("invalid_scope");
    const orgServer = await form(`${orgUrl}/oauth2/v1/token`, { grant_type: "client_credentials", scope: "okta.users.read" }, auth);
    expect([orgServer.status, orgServer.body["error"]]).toEqual([400, "invalid_client"]);
    const portal = await form(`${orgUrl}/oauth2/default/v1/token`, { grant_type: "client_credentials", scope: "payments.read" }, basic("portal", "portal-secret"));
    expect(portal.body["error"]).toBe("unauthorized_client");
    const management = await fetch(`${orgUrl}/api/v1/users`, { headers: { authorization: `Bearer ${granted.body["access_token"] as string}` } });
    expect(management.status).toBe(401);
  });

  it("gives byte-identical tokens for the same seed and requests", async () => {
    const run = async () => {
      const twin = createOktaTwin({ seed: 42 });
      seedTenant(twin, twin.tenant(), FIXTURE);
      const query = new URLSearchParams({ client_id: "portal", response_type: "code", redirect_uri: REDIRECT, scope: "openid offline_access", state: "s", code_challenge: CHALLENGE, code_challenge_method: "S256" });
      const redirect = await twin.fetch(new Request(`http://okta.test/oauth2/default/v1/authorize?${query}`));
      const code = new URL(redirect.headers.get("location")!).searchParams.get("code")!;
      const answer = await twin.fetch(new Request("http://okta.test/oauth2/default/v1/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic("portal", "portal-secret") }, body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: VERIFIER }) }));
      return answer.text();
    };
    const first = await run();
    expect(first).toContain("id_token");
    expect(await run()).toBe(first);
  });
});
