import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seedTenant } from "../kit/index.js";
import { createOktaTwin, oktaCredentials } from "./index.js";
import { MANAGEMENT_ROUTES, OAUTH_ROUTES } from "./routes.js";

const FIXTURE = {
  defaultLoginUser: "alice@example.com",
  users: [{ login: "alice@example.com", password: "Wonder-Land-1", id: "00ualice" }, { login: "bob@example.com", status: "STAGED", id: "00ubob" }],
  groups: [{ name: "Staff", id: "00gstaff", members: ["alice@example.com"] }],
  apps: [{ label: "Portal", id: "0oaportal", clientId: "portal", clientSecret: "secret", redirectUris: ["http://localhost/cb"], users: ["alice@example.com"] }],
};

const value = fc.oneof(fc.jsonValue(), fc.constantFrom("alice@example.com", "00ualice", "Wonder-Land-1", { value: "Pass-Word-12" }, ["a"], null));
const profile = fc.dictionary(fc.constantFrom("login", "email", "firstName", "lastName", "name", "description", "department"), value, { maxKeys: 5 });
const body = fc.oneof(
  fc.jsonValue(),
  fc.record({ profile, credentials: fc.oneof(value, fc.record({ password: value, recovery_question: value }, { requiredKeys: [] })), groupIds: value }, { requiredKeys: [] }),
  fc.record({ id: fc.oneof(value, fc.constantFrom("00ualice", "00ubob")), label: value, name: value, signOnMode: value, priority: value, settings: fc.record({ oauthClient: fc.dictionary(fc.constantFrom("redirect_uris", "grant_types", "application_type", "jwks"), value, { maxKeys: 3 }) }), credentials: value }, { requiredKeys: [] }),
);
const form = fc.dictionary(fc.constantFrom("grant_type", "code", "redirect_uri", "code_verifier", "client_id", "client_secret", "refresh_token", "scope", "token", "client_assertion", "client_assertion_type"), fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("authorization_code", "refresh_token", "client_credentials", "portal", "secret", "http://localhost/cb", "openid", "okta.users.read")), { maxKeys: 5 });
const segment = fc.oneof(fc.constantFrom("00ualice", "00ubob", "00gstaff", "0oaportal", "me", "alice", "default", "nowhere", "%E0%A4%A", ".."), fc.string({ maxLength: 12 }).map(encodeURIComponent));
const query = fc.dictionary(fc.constantFrom("limit", "after", "search", "filter", "q", "sortBy", "activate", "sendEmail", "client_id", "response_type", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", "login_hint"), fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('status eq "ACTIVE"', "(", "portal", "code", "http://localhost/cb", "openid", "S256")), { maxKeys: 4 });

const request = fc.record({
  route: fc.constantFrom(...MANAGEMENT_ROUTES, ...OAUTH_ROUTES),
  params: fc.array(segment, { minLength: 2, maxLength: 2 }),
  query,
  body: fc.option(fc.oneof(body.map((item) => ({ json: item })), form.map((fields) => ({ form: fields }))), { nil: undefined }),
  otherMethod: fc.boolean(),
});

describe("robustness", () => {
  it("never answers a request, however malformed, with a 5xx or a shape Okta does not use", async () => {
    const twin = createOktaTwin();
    seedTenant(twin, twin.tenant(), FIXTURE);
    const { token } = oktaCredentials(twin.tenant(), "http://okta.test");
    await fc.assert(
      fc.asyncProperty(request, async ({ route, params, query: search, body: payload, otherMethod }) => {
        let index = 0;
        const path = route.template.replace(/\{\w+\}/g, () => params[index++]!);
        const method = otherMethod ? "PATCH" : route.method;
        const headers: Record<string, string> = { authorization: route.scopes ? `SSWS ${token}` : "Basic cG9ydGFsOnNlY3JldA==" };
        let sent: string | undefined;
        if (payload && method !== "GET") {
          headers["content-type"] = "json" in payload ? "application/json" : "application/x-www-form-urlencoded";
          sent = "json" in payload ? JSON.stringify(payload.json) : new URLSearchParams(payload.form).toString();
        }
        const query = new URLSearchParams(search).toString();
        const response = await twin.fetch(new Request(`http://okta.test${path}${query ? `?${query}` : ""}`, { method, headers, ...(sent !== undefined ? { body: sent } : {}) }));
        expect(response.status, `${method} ${path}`).toBeLessThan(500);
        const text = await response.text();
        if (response.status >= 400 && text !== "") {
          const keys = Object.keys(JSON.parse(text) as object).sort();
          const shape = route.scopes || response.status === 405 ? ["errorCauses", "errorCode", "errorId", "errorLink", "errorSummary"] : ["error", "error_description"];
          expect(keys, `${method} ${path} ${text}`).toEqual(shape);
        }
      }),
      { numRuns: 600, seed: 42 },
    );
  });
});
