import { describe, expect, test } from "vitest";
import { Tenant, createJiraTwin, createSlackTwin, type Twin } from "../../twins/index.js";
import type { Matcher } from "../model.js";
import type { TwinEndpoint } from "./environment.js";
import { callTwin, planTwinCall } from "./twin-calls.js";

const ORIGIN = "http://127.0.0.1:9";
const equals = (matcher: Matcher, value: unknown) => matcher === value;

function endpointOf(twin: Twin, tenantId: string): TwinEndpoint {
  const tenant = twin.createTenant(tenantId, { seed: 3 });
  const baseUrl = `${ORIGIN}/t/${tenantId}`;
  const description = twin.definition.describe!(tenant, baseUrl);
  return { name: twin.name, tenant: tenantId, baseUrl, apiUrl: description.baseUrl ?? baseUrl, credentials: description.credentials };
}

describe("Slack twin calls", () => {
  test("chat.postMessage as the user (default) posts as the tenant's person; the outcome is {status, headers, body}", async () => {
    const twin = createSlackTwin();
    const endpoint = endpointOf(twin, "trial.0");
    const plan = planTwinCall(endpoint, "chat.postMessage", undefined, { channel: "general", text: "hi" });
    expect(plan).toMatchObject({ httpMethod: "POST", url: `${ORIGIN}/t/trial.0/api/chat.postMessage`, as: "user" });
    expect(plan.headers["authorization"]).toBe(`Bearer ${endpoint.credentials["userToken"]}`);
    const result = await callTwin({ twin, tenant: twin.tenant("trial.0"), plan, matchStatus: equals, signal: new AbortController().signal });
    expect(result.ok).toBe(true);
    expect(result.outcome).toMatchObject({ status: 200, body: { ok: true, message: { text: "hi", user: endpoint.credentials["userId"] } } });
  });

  test("a refused call is infrastructure and shows ok and error; an injected 5xx too", async () => {
    const twin = createSlackTwin();
    const endpoint = endpointOf(twin, "trial.1");
    const tenant = twin.tenant("trial.1");
    const signal = new AbortController().signal;
    const refused = await callTwin({ twin, tenant, plan: planTwinCall(endpoint, "chat.postMessage", "bot", { channel: "nowhere", text: "x" }), matchStatus: equals, signal });
    expect(refused).toMatchObject({ ok: false, attribution: "infrastructure", error: "the slack twin refused chat.postMessage as bot: ok: false, error: channel_not_found (HTTP 200)" });
    tenant.faults = { rules: [{ methods: ["chat.*"], errorRate: 1 }] };
    const faulted = await callTwin({ twin, tenant, plan: planTwinCall(endpoint, "chat.postMessage", "user", { channel: "general", text: "x" }), matchStatus: equals, signal });
    expect(faulted).toMatchObject({ ok: false, attribution: "infrastructure" });
    expect(faulted.ok === false && faulted.error).toContain("(injected fault: server_error)");
  });

  test("expect_status overrides success", async () => {
    const twin = createSlackTwin();
    const endpoint = endpointOf(twin, "trial.2");
    const plan = planTwinCall(endpoint, "chat.postMessage", undefined, { channel: "nowhere", text: "x" });
    const result = await callTwin({ twin, tenant: twin.tenant("trial.2"), plan, expectStatus: 200, matchStatus: equals, signal: new AbortController().signal });
    expect(result.ok).toBe(true);
  });

  test("a call or `as` the twin does not take is refused with what was expected", () => {
    const twin = createSlackTwin();
    const endpoint = endpointOf(twin, "trial.3");
    expect(() => planTwinCall(endpoint, "POST /api/chat.postMessage", undefined, {})).toThrow('call: expected a Slack Web API method like chat.postMessage, got "POST /api/chat.postMessage"');
    expect(() => planTwinCall(endpoint, "chat.postMessage", "admin", {})).toThrow('as: expected "user" or "bot" for the slack twin, got "admin"');
  });
});

describe("Jira twin calls", () => {
  test("POST /rest/api/3/issue as the admin (default, Basic) creates the issue; as app uses the bearer token", async () => {
    const twin = createJiraTwin();
    const endpoint = endpointOf(twin, "trial.0");
    const plan = planTwinCall(endpoint, "POST /rest/api/3/issue", undefined, { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "Broken" } });
    expect(plan.headers["authorization"]).toMatch(/^Basic /);
    const result = await callTwin({ twin, tenant: twin.tenant("trial.0"), plan, matchStatus: equals, signal: new AbortController().signal });
    expect(result).toMatchObject({ ok: true, outcome: { status: 201, body: { key: "DEMO-1" } } });
    expect(planTwinCall(endpoint, "GET /rest/api/3/myself", "app", undefined).headers["authorization"]).toBe(`Bearer ${endpoint.credentials["bearerToken"]}`);
    expect(() => planTwinCall(endpoint, "chat.postMessage", undefined, {})).toThrow('call: expected "<METHOD> /path" for the jira twin');
  });

  test("a 5xx the fault profile did not inject is the twin's failure", async () => {
    const tenant = new Tenant({ id: "t", seed: 1, startTime: 0, tickMs: 1 });
    const broken = { name: "jira", fetch: async () => new Response(JSON.stringify({ errorMessages: ["boom"] }), { status: 500, headers: { "content-type": "application/json" } }) } as unknown as Twin;
    const endpoint: TwinEndpoint = { name: "jira", tenant: "t", baseUrl: ORIGIN, apiUrl: ORIGIN, credentials: { email: "a@b", apiToken: "x" } };
    const result = await callTwin({ twin: broken, tenant, plan: planTwinCall(endpoint, "GET /rest/api/3/myself", undefined, undefined), matchStatus: equals, signal: new AbortController().signal });
    expect(result).toMatchObject({ ok: false, attribution: "twin", error: 'the jira twin failed GET /rest/api/3/myself with no injected fault: HTTP 500: {"errorMessages":["boom"]}' });
  });
});
