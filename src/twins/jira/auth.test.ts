import { describe, expect, it } from "vitest";
import { basicAuthorization, jiraCaller } from "./caller.js";
import { createJiraTwin } from "./index.js";

function setup() {
  const twin = createJiraTwin();
  twin.definition.seed!(twin.tenant(), {
    users: [
      { email: "alice@example.com", apiToken: "alice-token" },
      { email: "gone@example.com", apiToken: "gone-token", active: false },
      { email: "reader@apps.example.com", app: true, bearerToken: "reader", scopes: ["read:jira-work"] },
      { email: "pat@example.com", bearerToken: "personal-token" },
    ],
  });
  return jiraCaller(twin);
}

describe("authentication", () => {
  it("takes Basic email:api_token and Bearer tokens", async () => {
    const jira = setup();
    const alice = await jira.withAuthorization(basicAuthorization("ALICE@example.com", "alice-token")).call("GET", "/rest/api/3/myself");
    expect((alice.body as { emailAddress: string }).emailAddress).toBe("alice@example.com");
    expect((await jira.withAuthorization("Bearer personal-token").call("GET", "/rest/api/3/myself")).status).toBe(200);
  });

  it("answers bad credentials with Jira's plain-text 401", async () => {
    const jira = setup();
    for (const authorization of [basicAuthorization("alice@example.com", "wrong"), basicAuthorization("bob@example.com", "alice-token"), basicAuthorization("gone@example.com", "gone-token"), "Bearer alice-token", "Basic !!!", "Token abc", basicAuthorization("alice@example.com", "personal-token")]) {
      const result = await jira.withAuthorization(authorization).call("GET", "/rest/api/3/myself");
      expect(result.status, authorization).toBe(401);
      expect(result.body).toBe("Client must be authenticated to access this resource.");
      expect(result.headers.get("x-seraph-loginreason")).toBe("AUTHENTICATED_FAILED");
    }
  });

  it("lets anonymous callers read server info only", async () => {
    const jira = setup().withAuthorization(null);
    expect((await jira.call("GET", "/rest/api/3/serverInfo")).status).toBe(200);
    const denied = await jira.call("GET", "/rest/api/3/issue/DEMO-1");
    expect(denied.status).toBe(401);
    expect(denied.body).toEqual({ errorMessages: ["You are not authenticated. Authentication required to perform this operation."], errors: {} });
  });

  it("checks a scoped bearer token against the operation's classic scopes", async () => {
    const reader = setup().withAuthorization("Bearer reader");
    expect((await reader.call("GET", "/rest/api/3/project")).status).toBe(200);
    const write = await reader.call("POST", "/rest/api/3/issue", { fields: {} });
    expect(write.status).toBe(401);
    expect(write.body).toEqual({ code: 401, message: "Unauthorized; scope does not match" });
    expect((await reader.call("GET", "/rest/api/3/myself")).status).toBe(401);
  });

  it("keeps admin operations and dynamic webhooks to those allowed", async () => {
    const alice = setup().withAuthorization(basicAuthorization("alice@example.com", "alice-token"));
    expect((await alice.call("POST", "/rest/api/3/project", { key: "NOPE", name: "Nope" })).status).toBe(403);
    expect((await alice.call("POST", "/rest/api/3/field", { name: "x", type: "textfield" })).status).toBe(403);
    expect((await alice.call("GET", "/rest/api/3/webhook")).body).toEqual({ errorMessages: ["Only Connect and OAuth 2.0 apps can use this operation."], errors: {} });
  });
});
