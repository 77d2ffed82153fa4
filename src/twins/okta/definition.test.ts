import { describe, expect, it } from "vitest";
import { createOktaTwin, oktaCredentials } from "./index.js";

const BASE = "http://okta.test";

function caller(seed = 0) {
  const twin = createOktaTwin({ seed });
  const { token } = oktaCredentials(twin.tenant(), BASE);
  const call = async (method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) => {
    const response = await twin.fetch(new Request(`${BASE}${path}`, { method, headers: { authorization: `SSWS ${token}`, "content-type": "application/json", ...init.headers }, ...(init.body !== undefined ? { body: init.body } : {}) }));
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>), text };
  };
  return { twin, token, call };
}

describe("the Okta twin definition", () => {
  it("describes the org URL, an SSWS token and the SDK option", async () => {
    const { twin, token } = caller();
    const description = (await (await twin.fetch(new Request(`${BASE}/_twin/tenants/default/describe`))).json()) as Record<string, unknown>;
    expect(description).toMatchObject({ name: "okta", baseUrl: BASE, credentials: { orgUrl: BASE, token, adminLogin: "admin@example.com", issuer: `${BASE}/oauth2/default` } });
    expect(description["sdkOption"]).toBe(`new okta.Client({ orgUrl: "${BASE}", token: "${token}" })`);
    expect(token).toMatch(/^00[\w-]{40}$/);
  });

  it("derives ids and tokens from the seed, and replays them after a restore", async () => {
    expect(caller(1).token).toBe(caller(1).token);
    expect(caller(1).token).not.toBe(caller(2).token);
    const { twin, call } = caller(3);
    const snapshot = twin.tenant().snapshot();
    const body = JSON.stringify({ profile: { firstName: "A", lastName: "B", email: "ab@example.com", login: "ab@example.com" } });
    const first = await call("POST", "/api/v1/users", { body });
    twin.tenant().restore(snapshot);
    const again = await call("POST", "/api/v1/users", { body });
    expect(again.text).toBe(first.text);
  });

  it("answers Okta's errors: no or bad credentials, malformed JSON, unknown paths and methods", async () => {
    const { call } = caller();
    const anonymous = await call("GET", "/api/v1/users", { headers: { authorization: "" } });
    expect([anonymous.status, anonymous.body?.["errorCode"]]).toEqual([401, "E0000011"]);
    expect(anonymous.body?.["errorId"]).toMatch(/^oae\w{22}$/);
    const malformed = await call("POST", "/api/v1/users", { body: "{oops" });
    expect([malformed.status, malformed.body?.["errorCode"], malformed.body?.["errorSummary"]]).toEqual([400, "E0000003", "The request body was not well-formed."]);
    const unknown = await call("GET", "/api/v1/widgets");
    expect([unknown.status, unknown.body?.["errorCode"]]).toEqual([404, "E0000007"]);
    const wrongMethod = await call("PATCH", "/api/v1/users/me");
    expect([wrongMethod.status, wrongMethod.body?.["errorCode"], wrongMethod.headers.get("allow")]).toEqual([405, "E0000022", "GET, POST, PUT, DELETE"]);
  });

  it("puts rate-limit headers and the virtual date on every answer, and turns faults into Okta's answers", async () => {
    const { twin, call } = caller();
    const answer = await call("GET", "/api/v1/groups");
    expect(answer.headers.get("x-rate-limit-limit")).toBe("1000");
    expect(answer.headers.get("x-rate-limit-remaining")).toBe("999");
    expect(answer.headers.get("date")).toBe(new Date(twin.tenant().now()).toUTCString());
    expect((await call("GET", "/api/v1/groups")).headers.get("x-rate-limit-remaining")).toBe("998");
    twin.tenant().faults = { rules: [{ methods: ["GET /api/v1/groups"], errorRate: 1 }, { methods: ["POST /oauth2/*"], errorRate: 1 }] };
    const failed = await call("GET", "/api/v1/groups");
    expect([failed.status, failed.body?.["errorCode"]]).toEqual([500, "E0000009"]);
    const oauth = await call("POST", "/oauth2/v1/token", { body: "grant_type=client_credentials", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect([oauth.status, oauth.body?.["error"]]).toEqual([500, "server_error"]);
  });

  it("refuses access tokens from a custom authorization server on the Management API", async () => {
    const { twin, call } = caller();
    const { signJwt } = await import("./jwt.js");
    const { signingPrivateKey, keyIdFor } = await import("./signing-key.js");
    const now = Math.floor(twin.tenant().now() / 1000);
    const custom = signJwt({ iss: `${BASE}/oauth2/default`, aud: "api://default", exp: now + 600, jti: "AT.x", scp: ["okta.users.read"] }, signingPrivateKey(), keyIdFor("default", "default"));
    expect((await call("GET", "/api/v1/users", { headers: { authorization: `Bearer ${custom}` } })).status).toBe(401);
    const org = signJwt({ iss: BASE, aud: BASE, exp: now + 600, jti: "AT.y", scp: ["okta.users.read"] }, signingPrivateKey(), keyIdFor("default", "org"));
    expect((await call("GET", "/api/v1/users", { headers: { authorization: `Bearer ${org}` } })).status).toBe(200);
    expect((await call("GET", "/api/v1/groups", { headers: { authorization: `Bearer ${org}` } })).status).toBe(403);
  });
});
