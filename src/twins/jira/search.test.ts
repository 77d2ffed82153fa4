import { describe, expect, it } from "vitest";
import { jiraCaller } from "./caller.js";
import { createJiraTwin } from "./index.js";

type Page = { issues: { key: string; fields?: Record<string, unknown> }[]; nextPageToken?: string; isLast: boolean; names?: Record<string, string> };

function setup() {
  const twin = createJiraTwin();
  twin.definition.seed!(twin.tenant(), {
    users: [{ email: "alice@example.com", displayName: "Alice Adams" }, { email: "bob@example.com", displayName: "Bob Brown", groups: ["qa"] }],
    customFields: [{ name: "Story Points", type: "number" }, { name: "Team", type: "option", options: ["Red", "Blue"] }, { name: "Notes", type: "textarea" }],
    projects: [{ key: "OPS", name: "Operations", components: ["API", "Web"] }],
    issues: [
      { project: "OPS", summary: "Login page crashes", type: "Bug", priority: "Highest", assignee: "alice@example.com", labels: ["auth", "web"], created: "2026-01-01T00:00:00Z", duedate: "2026-01-10", components: ["Web"], fields: { "Story Points": 5, Team: "Red", Notes: "needs a retry policy" } },
      { project: "OPS", summary: "Export report", status: "In Progress", assignee: "bob@example.com", created: "2025-12-20T00:00:00Z", fields: { "Story Points": 2 } },
      { project: "OPS", summary: "Old cleanup", status: "Done", created: "2025-11-01T00:00:00Z", comments: [{ body: "the export finished" }] },
      { project: "DEMO", summary: "Demo task", created: "2025-10-01T00:00:00Z" },
    ],
  });
  const jira = jiraCaller(twin);
  const search = async (jql: string, extra: Record<string, unknown> = {}) => (await jira.call("POST", "/rest/api/3/search/jql", { jql, ...extra })).body as Page;
  const keys = async (jql: string) => (await search(jql)).issues.map((issue) => issue.key);
  return { jira, search, keys };
}

describe("JQL search", () => {
  it("resolves the fields integrations query", async () => {
    const { keys } = setup();
    expect(await keys("statusCategory = Done")).toEqual(["OPS-3"]);
    expect(await keys('statusCategory != "To Do" ORDER BY key')).toEqual(["OPS-2", "OPS-3"]);
    expect(await keys("status = 'In Progress' OR priority = Highest ORDER BY key")).toEqual(["OPS-1", "OPS-2"]);
    expect(await keys('assignee = "Alice Adams"')).toEqual(["OPS-1"]);
    expect(await keys("assignee in membersOf(qa)")).toEqual(["OPS-2"]);
    expect(await keys("assignee IS EMPTY AND project = OPS")).toEqual(["OPS-3"]);
    expect(await keys("labels in (auth) AND component = Web")).toEqual(["OPS-1"]);
    expect(await keys('"Story Points" > 3')).toEqual(["OPS-1"]);
    expect(await keys("cf[10001] <= 2")).toEqual(["OPS-2"]);
    expect(await keys("Team = Red")).toEqual(["OPS-1"]);
    expect(await keys('text ~ "retry"')).toEqual(["OPS-1"]);
    expect(await keys('comment ~ "export"')).toEqual(["OPS-3"]);
    expect(await keys('summary ~ "export"')).toEqual(["OPS-2"]);
    expect(await keys("created >= 2025-12-01 AND project = OPS ORDER BY created ASC")).toEqual(["OPS-2", "OPS-1"]);
    expect(await keys("duedate = 2026-01-10")).toEqual(["OPS-1"]);
    expect(await keys("resolution IS EMPTY AND project = OPS ORDER BY key DESC")).toEqual(["OPS-2", "OPS-1"]);
    expect(await keys("resolution = Done")).toEqual(["OPS-3"]);
    expect(await keys("issuetype = Bug")).toEqual(["OPS-1"]);
    expect(await keys("project = OPS ORDER BY priority DESC, key ASC")).toEqual(["OPS-1", "OPS-2", "OPS-3"]);
    expect(await keys("project = OPS ORDER BY priority ASC, key DESC")).toEqual(["OPS-3", "OPS-2", "OPS-1"]);
    expect(await keys("priority = 3 AND project = OPS ORDER BY key")).toEqual(["OPS-2", "OPS-3"]);
    expect(await keys("key in (OPS-1, DEMO-1) ORDER BY key")).toEqual(["DEMO-1", "OPS-1"]);
    expect(await keys("project in (OPS, DEMO)")).toEqual(["OPS-1", "OPS-2", "OPS-3", "DEMO-1"]);
  });

  it("answers invalid queries with Jira's messages", async () => {
    const { jira } = setup();
    const errorOf = async (jql: string) => ((await jira.call("POST", "/rest/api/3/search/jql", { jql })).body as { errorMessages: string[] }).errorMessages;
    expect(await errorOf("colour = red")).toEqual(["Field 'colour' does not exist or you do not have permission to view it."]);
    expect(await errorOf("status = Blocked")).toEqual(["The value 'Blocked' does not exist for the field 'status'."]);
    expect(await errorOf("assignee = nobody")).toEqual(["The value 'nobody' does not exist for the field 'assignee'."]);
    expect((await errorOf("project = "))[0]).toMatch(/^Error in (the )?JQL Query/);
    expect(await errorOf("")).toEqual(["Unbounded JQL queries are not allowed here. Please add a search restriction to your query."]);
    expect((await jira.call("POST", "/rest/api/3/search/approximate-count", { jql: "ORDER BY key" })).status).toBe(400);
    expect((await jira.call("POST", "/rest/api/3/search/jql", { jql: 5 })).status).toBe(400);
    expect((await jira.call("POST", "/rest/api/3/search/jql", { jql: "project = OPS", fields: "summary" })).status).toBe(400);
  });

  it("returns ids only by default, and the fields asked for", async () => {
    const { search, jira } = setup();
    expect((await search("project = DEMO")).issues[0]!.fields).toEqual({});
    expect(Object.keys((await search("project = DEMO", { fields: ["summary", "status"] })).issues[0]!.fields!)).toEqual(["status", "summary"]);
    const navigable = Object.keys((await search("project = DEMO", { fields: ["*navigable", "-description"] })).issues[0]!.fields!);
    expect(navigable).toContain("summary");
    expect(navigable).not.toContain("description");
    expect(Object.keys((await search("project = DEMO", { fields: ["-comment"] })).issues[0]!.fields!)).not.toContain("comment");
    const named = await search("project = DEMO", { fields: ["summary"], expand: "names" });
    expect(named.names).toEqual({ summary: "Summary" });
    const get = (await jira.call("GET", "/rest/api/3/search/jql?jql=project%3DOPS&fields=summary&fields=labels&maxResults=1")).body as Page;
    expect(Object.keys(get.issues[0]!.fields!)).toEqual(["labels", "summary"]);
    expect(get.isLast).toBe(false);
  });

  it("pages with a token tied to its query", async () => {
    const { search, jira } = setup();
    const first = await search("project in (OPS, DEMO) ORDER BY key", { maxResults: 3 });
    expect(first.issues).toHaveLength(3);
    const second = await search("project in (OPS, DEMO) ORDER BY key", { maxResults: 3, nextPageToken: first.nextPageToken });
    expect(second.issues.map((issue) => issue.key)).toEqual(["OPS-3"]);
    expect(second.isLast).toBe(true);
    expect(second).not.toHaveProperty("nextPageToken");
    for (const token of [first.nextPageToken!.slice(2), "garbage", Buffer.from('{"o":-1,"q":0}').toString("base64url")]) {
      expect((await jira.call("POST", "/rest/api/3/search/jql", { jql: "project in (OPS, DEMO) ORDER BY key", nextPageToken: token })).body).toEqual({ errorMessages: ["The provided next page token is invalid or expired."], errors: {} });
    }
    expect((await jira.call("POST", "/rest/api/3/search/jql", { jql: "project = OPS", nextPageToken: first.nextPageToken })).status).toBe(400);
    expect((await search("project in (OPS, DEMO)", { maxResults: 0 })).issues).toHaveLength(4);
  });

  it("counts, and answers the removed search with 410", async () => {
    const { jira } = setup();
    expect((await jira.call("POST", "/rest/api/3/search/approximate-count", { jql: "project = OPS" })).body).toEqual({ count: 3 });
    const removed = await jira.call("GET", "/rest/api/3/search?jql=project%3DOPS");
    expect(removed.status).toBe(410);
    expect((removed.body as { errorMessages: string[] }).errorMessages[0]).toMatch(/\/rest\/api\/3\/search\/jql/);
  });
});
