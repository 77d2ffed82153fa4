import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jiraCaller } from "./caller.js";
import { createJiraTwin } from "./index.js";
import { ROUTES } from "./routes.js";

const FIXTURE = {
  customFields: [{ name: "Points", type: "number" }, { name: "Team", type: "option", options: ["Red"] }, { name: "People", type: "users" }, { name: "When", type: "date" }],
  issues: [{ project: "DEMO", summary: "One", comments: [{ body: "c" }] }, { project: "DEMO", summary: "Two", type: "Epic" }],
  links: [{ type: "Blocks", inward: "DEMO-1", outward: "DEMO-2" }],
};

function seeded() {
  const twin = createJiraTwin();
  twin.definition.seed!(twin.tenant(), FIXTURE);
  return { twin, jira: jiraCaller(twin) };
}

const FIELD_NAMES = ["summary", "description", "environment", "issuetype", "project", "priority", "assignee", "reporter", "labels", "components", "duedate", "parent", "fixVersions", "status", "resolution", "customfield_10001", "customfield_10002", "customfield_10003", "customfield_10004", "customfield_99999"];
const value = fc.oneof(fc.jsonValue(), fc.constantFrom({ key: "DEMO" }, { name: "Task" }, { id: "10000" }, { accountId: "-1" }, { type: "doc", version: 1, content: [] }, ["a"], "DEMO-1"));
const fields = fc.dictionary(fc.constantFrom(...FIELD_NAMES), value, { maxKeys: 6 });
const update = fc.dictionary(fc.constantFrom(...FIELD_NAMES, "comment", "issuelinks"), fc.array(fc.dictionary(fc.constantFrom("set", "add", "remove", "edit"), value, { maxKeys: 2 }), { maxLength: 3 }), { maxKeys: 3 });
const body = fc.oneof(fc.jsonValue(), fc.record({ fields, update }, { requiredKeys: [] }), fc.record({ transition: fc.oneof(value, fc.record({ id: fc.constantFrom("11", "21", "31", "x") })), fields, update }, { requiredKeys: [] }), fc.record({ jql: fc.oneof(fc.string(), fc.constantFrom("project = DEMO", "summary ~ one ORDER BY created", "cf[10001] > 1", "(")), nextPageToken: fc.oneof(fc.string(), value), maxResults: value, fields: value, expand: value }, { requiredKeys: [] }));
const segment = fc.oneof(fc.constantFrom("DEMO-1", "DEMO-2", "10000", "10001", "DEMO", "nope", "0", "-1", "%E0%A4%A", "..", "customfield_10001", "10002"), fc.string({ maxLength: 12 }).map(encodeURIComponent));

const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  params: fc.array(segment, { minLength: 3, maxLength: 3 }),
  query: fc.dictionary(fc.constantFrom("fields", "expand", "startAt", "maxResults", "jql", "accountId", "query", "project", "orderBy", "deleteSubtasks", "returnIssue", "keys", "nextPageToken"), fc.string({ maxLength: 10 }), { maxKeys: 3 }),
  body: fc.option(body, { nil: undefined }),
  otherMethod: fc.boolean(),
});

describe("robustness", () => {
  it("never answers a request, however malformed, with a 500 or a shape Jira does not use", async () => {
    const { jira } = seeded();
    await fc.assert(
      fc.asyncProperty(request, async ({ route, params, query, body: payload, otherMethod }) => {
        let index = 0;
        const path = route.template.replace(/\{\w+\}/g, () => params[index++]!);
        const search = new URLSearchParams(query).toString();
        const method = otherMethod ? "PATCH" : route.method;
        const sendBody = payload !== undefined && method !== "GET";
        const result = await jira.call(method, `${path}${search ? `?${search}` : ""}`, sendBody ? JSON.stringify(payload) : undefined);
        expect(result.status, `${method} ${path}`).not.toBe(500);
        expect(result.status).toBeLessThan(500);
        if (result.status >= 400 && typeof result.body === "object" && result.body !== null && !("code" in result.body)) {
          expect(Object.keys(result.body).sort(), `${method} ${path} ${JSON.stringify(result.body)}`).toEqual(["errorMessages", "errors"]);
        }
      }),
      { numRuns: 600, seed: 42 },
    );
  });

  it("gives byte-identical answers for the same seed and requests, and different ids for another seed", async () => {
    const run = async (seed: number) => {
      const twin = createJiraTwin({ seed });
      const jira = jiraCaller(twin);
      const bodies: string[] = [];
      for (const [method, path, payload] of [
        ["POST", "/rest/api/3/issue", { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "a" } }],
        ["POST", "/rest/api/3/issue/DEMO-1/comment", { body: { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: "x" }] }] } }],
        ["GET", "/rest/api/3/issue/DEMO-1?expand=changelog,renderedFields", undefined],
        ["POST", "/rest/api/3/search/jql", { jql: "project = DEMO", fields: ["*all"] }],
        ["GET", "/rest/api/3/myself", undefined],
      ] as const) bodies.push(JSON.stringify((await jira.call(method, path, payload)).body));
      return bodies;
    };
    expect(await run(7)).toEqual(await run(7));
    expect((await run(7))[4]).not.toEqual((await run(8))[4]);
  });

  it("restores a snapshot with its ids and clock", async () => {
    const { twin, jira } = seeded();
    const snapshot = twin.tenant().snapshot();
    const first = await jira.call("POST", "/rest/api/3/issue", { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "a" } });
    await jira.call("DELETE", "/rest/api/3/issue/DEMO-1");
    twin.tenant().restore(snapshot);
    expect((await jira.call("GET", "/rest/api/3/issue/DEMO-1")).status).toBe(200);
    const again = await jira.call("POST", "/rest/api/3/issue", { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "a" } });
    expect(again.body).toEqual(first.body);
  });

  it("answers injected faults as Jira does", async () => {
    const twin = createJiraTwin({ tickMs: 1 });
    const jira = jiraCaller(twin);
    await jira.call("POST", "/rest/api/3/issue", { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "a" } });
    twin.tenant().faults = { rules: [{ methods: ["PUT /rest/api/3/*"], rateLimit: true }, { methods: ["GET /rest/api/3/myself"], errorRate: 1 }] };
    for (let index = 0; index < 50; index += 1) expect((await jira.call("PUT", "/rest/api/3/issue/DEMO-1", { fields: {} })).status).toBe(204);
    const limited = await jira.call("PUT", "/rest/api/3/issue/DEMO-1", { fields: {} });
    expect(limited.status).toBe(429);
    expect(Object.fromEntries(["retry-after", "x-ratelimit-limit", "x-ratelimit-remaining", "ratelimit-reason"].map((name) => [name, limited.headers.get(name)]))).toEqual({ "retry-after": "1", "x-ratelimit-limit": "50", "x-ratelimit-remaining": "0", "ratelimit-reason": "jira-burst-based" });
    expect(limited.headers.get("x-ratelimit-reset")).toMatch(/^2026-01-01T00:00:0\dZ$/);
    expect(limited.body).toEqual({ errorMessages: ["Rate limit exceeded."], errors: {} });
    const failed = await jira.call("GET", "/rest/api/3/myself");
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({ errorMessages: ["Service Unavailable"], errors: {} });
    expect(twin.tenant().log.at(-1)!.method).toBe("GET /rest/api/3/myself");
  });
});
