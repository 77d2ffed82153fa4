import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { jiraCaller } from "./caller.js";
import { createJiraTwin } from "./index.js";

const adf = (text: string) => ({ type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

function setup() {
  const received: { url: string; headers: Headers; body: Record<string, unknown>; raw: string }[] = [];
  const fetchStub = (async (url: string | URL | Request, init?: RequestInit) => {
    const raw = String(init?.body ?? "");
    received.push({ url: String(url), headers: new Headers(init?.headers), body: JSON.parse(raw) as Record<string, unknown>, raw });
    return new Response("ok");
  }) as typeof fetch;
  const twin = createJiraTwin({ fetch: fetchStub });
  twin.tenant().config = {
    webhooks: [
      { url: "http://hooks.test/all/${issue.key}/${project.key}", events: ["jira:issue_created", "jira:issue_updated", "jira:issue_deleted", "comment_created", "comment_updated", "comment_deleted"], secret: "s3cret" },
      { url: "http://hooks.test/bugs", events: ["jira:issue_created"], jqlFilter: "issuetype = Bug" },
      { url: 42 },
    ],
  };
  return { twin, jira: jiraCaller(twin), received };
}

describe("webhook deliveries", () => {
  it("posts Jira's payloads to admin-configured webhooks, signed and filtered by JQL", async () => {
    const { twin, jira, received } = setup();
    await jira.call("POST", "/rest/api/3/issue", { fields: { project: { key: "DEMO" }, issuetype: { name: "Bug" }, summary: "Broken" } });
    await jira.call("POST", "/rest/api/3/issue", { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "Chore" } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(received.map((delivery) => delivery.url)).toEqual(["http://hooks.test/all/DEMO-1/DEMO", "http://hooks.test/bugs", "http://hooks.test/all/DEMO-2/DEMO"]);
    const first = received[0]!;
    expect(first.headers.get("x-hub-signature")).toBe(`sha256=${createHmac("sha256", "s3cret").update(first.raw).digest("hex")}`);
    expect(received[1]!.headers.get("x-hub-signature")).toBeNull();
    expect(first.body).toMatchObject({ webhookEvent: "jira:issue_created", issue_event_type_name: "issue_created", user: { emailAddress: "admin@example.com" }, issue: { key: "DEMO-1", fields: { summary: "Broken", issuetype: { name: "Bug" } } } });
    expect(first.body["timestamp"]).toBe(twin.tenant().log[0]!.time);
    expect(twin.tenant().deliveries).toHaveLength(3);
  });

  it("reports updates with their changelog, comments with the comment, and deletions", async () => {
    const { jira, received } = setup();
    await jira.call("POST", "/rest/api/3/issue", { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "One" } });
    await jira.call("POST", "/rest/api/3/issue/DEMO-1/transitions", { transition: { id: "21" } });
    const comment = await jira.call("POST", "/rest/api/3/issue/DEMO-1/comment", { body: adf("hello") });
    const id = (comment.body as { id: string }).id;
    await jira.call("PUT", `/rest/api/3/issue/DEMO-1/comment/${id}`, { body: adf("edited") });
    await jira.call("DELETE", `/rest/api/3/issue/DEMO-1/comment/${id}`);
    await jira.call("PUT", "/rest/api/3/issue/DEMO-1", { fields: { summary: "One" } });
    await jira.call("DELETE", "/rest/api/3/issue/DEMO-1");
    const all = received.filter((delivery) => delivery.url.startsWith("http://hooks.test/all/"));
    expect(all.map((delivery) => [delivery.body["webhookEvent"], delivery.body["issue_event_type_name"]])).toEqual([
      ["jira:issue_created", "issue_created"],
      ["jira:issue_updated", "issue_generic"],
      ["comment_created", undefined],
      ["jira:issue_updated", "issue_commented"],
      ["comment_updated", undefined],
      ["jira:issue_updated", "issue_comment_edited"],
      ["comment_deleted", undefined],
      ["jira:issue_updated", "issue_comment_deleted"],
      ["jira:issue_deleted", "issue_deleted"],
    ]);
    expect(all[1]!.body["changelog"]).toMatchObject({ items: [{ field: "status", fromString: "To Do", toString: "In Progress" }] });
    expect(all[2]!.body).toMatchObject({ comment: { body: adf("hello") }, issue: { key: "DEMO-1", fields: { summary: "One" } } });
    expect(Object.keys((all[2]!.body["issue"] as { fields: object }).fields).sort()).toEqual(["assignee", "issuetype", "priority", "project", "status", "summary"]);
    expect(all[2]!.body["user"]).toBeUndefined();
  });

  it("keeps a delivery to an unreachable receiver on record, with its error", async () => {
    const twin = createJiraTwin({ fetch: (async () => { throw new TypeError("fetch failed"); }) as typeof fetch });
    twin.tenant().config = { webhooks: [{ url: "http://down.test/", events: ["jira:issue_created"] }] };
    await jiraCaller(twin).call("POST", "/rest/api/3/issue", { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "x" } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(twin.tenant().deliveries[0]).toMatchObject({ url: "http://down.test/", error: "fetch failed" });
  });

  it("lets dynamic webhooks expire after 30 days unless refreshed", async () => {
    const { twin, received } = setup();
    twin.tenant().config = {};
    const app = jiraCaller(twin).withAuthorization(`Bearer ${twin.definition.describe!(twin.tenant(), "x").credentials["bearerToken"]}`);
    const registered = await app.call("POST", "/rest/api/3/webhook", { url: "http://app.test/hook", webhooks: [{ events: ["jira:issue_created"], jqlFilter: "project = DEMO" }, { events: ["jira:issue_exploded"], jqlFilter: "project = DEMO" }, { events: ["jira:issue_created"], jqlFilter: "project = = DEMO" }] });
    const results = (registered.body as { webhookRegistrationResult: { createdWebhookId?: number; errors?: string[] }[] }).webhookRegistrationResult;
    expect(results[0]).toEqual({ createdWebhookId: 1 });
    expect(results[1]!.errors).toEqual(["The event 'jira:issue_exploded' is not supported."]);
    expect(results[2]!.errors![0]).toMatch(/^The JQL filter is invalid: Error in (the )?JQL Query/);
    twin.tenant().advance(31 * 24 * 3600 * 1000);
    await jiraCaller(twin).call("POST", "/rest/api/3/issue", { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "late" } });
    expect(received).toHaveLength(0);
    await app.call("PUT", "/rest/api/3/webhook/refresh", { webhookIds: [1] });
    await jiraCaller(twin).call("POST", "/rest/api/3/issue", { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "on time" } });
    expect(received.map((delivery) => delivery.body["matchedWebhookIds"])).toEqual([[1]]);
    expect((await app.call("DELETE", "/rest/api/3/webhook", {})).status).toBe(400);
  });
});
