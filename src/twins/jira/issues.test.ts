import { describe, expect, it } from "vitest";
import { basicAuthorization, jiraCaller } from "./caller.js";
import { createJiraTwin } from "./index.js";

const adf = (text: string) => ({ type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
type Issue = { key: string; fields: Record<string, unknown> };

function setup() {
  const twin = createJiraTwin();
  twin.definition.seed!(twin.tenant(), {
    users: [{ email: "alice@example.com", displayName: "Alice", apiToken: "alice" }, { email: "eve@example.com", apiToken: "eve" }],
    customFields: [
      { name: "Points", type: "number" },
      { name: "Team", type: "option", options: ["Red", "Blue"] },
      { name: "Notes", type: "textarea" },
      { name: "Reviewers", type: "users" },
      { name: "Tags", type: "labels" },
      { name: "Launch", type: "datetime" },
    ],
    projects: [{ key: "SEC", name: "Secret", members: ["alice@example.com"], lead: "alice@example.com", assigneeType: "PROJECT_LEAD" }],
  });
  const jira = jiraCaller(twin);
  const create = async (fields: Record<string, unknown>, update?: Record<string, unknown>) => jira.call("POST", "/rest/api/3/issue", { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "An issue", ...fields }, ...(update ? { update } : {}) });
  const get = async (key: string, fields = "*all") => (await jira.call("GET", `/rest/api/3/issue/${key}?fields=${fields}`)).body as Issue;
  return { twin, jira, create, get };
}

describe("issues", () => {
  it("validates create fields with Jira's messages", async () => {
    const { create, jira } = setup();
    const errorsOf = async (fields: Record<string, unknown>) => ((await create(fields)).body as { errors: Record<string, string> }).errors;
    expect(await errorsOf({ summary: "  " })).toEqual({ summary: "You must specify a summary of the issue." });
    expect(await errorsOf({ summary: "x".repeat(256) })).toEqual({ summary: "Summary must be less than 255 characters." });
    expect(await errorsOf({ summary: "two\nlines" })).toEqual({ summary: "The summary is invalid because it contains newline characters." });
    expect(await errorsOf({ summary: 5 })).toEqual({ summary: "Operation value must be a string" });
    expect(await errorsOf({ issuetype: { name: "Saga" } })).toEqual({ issuetype: "Specify a valid issue type" });
    expect(await errorsOf({ issuetype: { name: "Subtask" } })).toEqual({ parent: "Issue type is a sub-task but parent issue key or id not specified." });
    expect(await errorsOf({ priority: { name: "Urgent" } })).toEqual({ priority: "The priority selected is invalid." });
    expect(await errorsOf({ assignee: { accountId: "nobody" } })).toEqual({ assignee: "Specified user does not exist or you do not have required permissions" });
    expect(await errorsOf({ labels: ["has space"] })).toEqual({ labels: "The label 'has space' contains spaces which is invalid." });
    expect(await errorsOf({ duedate: "tomorrow" })).toEqual({ duedate: "Error parsing date string: tomorrow" });
    expect(await errorsOf({ status: { name: "Done" } })).toEqual({ status: "Field 'status' cannot be set. It is not on the appropriate screen, or unknown." });
    expect(await errorsOf({ description: "plain" })).toEqual({ description: "Operation value must be an Atlassian Document (see the Atlassian Document Format)" });
    expect(await errorsOf({ customfield_10001: "three" })).toEqual({ customfield_10001: "Operation value must be a number" });
    expect(await errorsOf({ customfield_10002: { value: "Green" } })).toEqual({ customfield_10002: "Option value 'Green' is not valid" });
    expect(await errorsOf({ components: [{ name: "Nope" }] })).toEqual({ components: "Component name 'Nope' is not valid" });
    const missing = await jira.call("POST", "/rest/api/3/issue", { fields: { project: { key: "DEMO" }, summary: "x" } });
    expect(missing.body).toEqual({ errorMessages: [], errors: { issuetype: "Specify an issue type" } });
    expect((await jira.call("POST", "/rest/api/3/issue", { fields: { project: { key: "SEC" }, issuetype: { name: "Task" }, summary: "x" } })).status).toBe(201);
  });

  it("stores custom field values and shows them as Jira does", async () => {
    const { create, get, jira } = setup();
    const alice = ((await jira.call("GET", "/rest/api/3/user/search?query=alice")).body as { accountId: string }[])[0]!;
    await create({ customfield_10001: 2.5, customfield_10002: { value: "Red" }, customfield_10003: adf("note"), customfield_10004: [{ accountId: alice.accountId }], customfield_10005: ["x"], customfield_10006: "2026-03-01T10:00:00.000+0100" });
    const fields = (await get("DEMO-1")).fields;
    expect(fields["customfield_10001"]).toBe(2.5);
    expect(fields["customfield_10002"]).toMatchObject({ value: "Red", id: "10001" });
    expect(fields["customfield_10003"]).toEqual(adf("note"));
    expect((fields["customfield_10004"] as { displayName: string }[])[0]!.displayName).toBe("Alice");
    expect(fields["customfield_10005"]).toEqual(["x"]);
    expect(fields["customfield_10006"]).toBe("2026-03-01T09:00:00.000+0000");
  });

  it("edits with fields and update operations, and records the changelog", async () => {
    const { create, get, jira, twin } = setup();
    await create({ labels: ["a", "b"], customfield_10005: ["t1"] });
    await create({ summary: "Other" });
    const edit = await jira.call("PUT", "/rest/api/3/issue/DEMO-1", {
      fields: { summary: "Renamed", duedate: "2026-05-01" },
      update: { labels: [{ remove: "a" }, { add: "c" }, { add: "c" }], customfield_10005: [{ add: "t2" }], comment: [{ add: { body: adf("via update") } }], issuelinks: [{ add: { type: { name: "Relates" }, outwardIssue: { key: "DEMO-2" } } }] },
    });
    expect(edit.status).toBe(204);
    const issue = await get("DEMO-1");
    expect(issue.fields["summary"]).toBe("Renamed");
    expect(issue.fields["labels"]).toEqual(["b", "c"]);
    expect(issue.fields["customfield_10005"]).toEqual(["t1", "t2"]);
    expect(issue.fields["duedate"]).toBe("2026-05-01");
    expect((issue.fields["comment"] as { total: number }).total).toBe(1);
    expect((issue.fields["issuelinks"] as { outwardIssue: { key: string } }[])[0]!.outwardIssue.key).toBe("DEMO-2");
    const history = (await jira.call("GET", "/rest/api/3/issue/DEMO-1/changelog")).body as { values: { items: { field: string; fromString: string | null; toString: string | null }[] }[] };
    expect(history.values[0]!.items).toEqual([
      expect.objectContaining({ field: "summary", fromString: "An issue", toString: "Renamed" }),
      expect.objectContaining({ field: "duedate", fromString: null, toString: "2026-05-01" }),
      expect.objectContaining({ field: "labels", fromString: "a b", toString: "b c" }),
      expect.objectContaining({ field: "Tags", fieldtype: "custom", fieldId: "customfield_10005" }),
    ]);
    const events = twin.tenant().log.length;
    expect(events).toBeGreaterThan(0);
    const conflict = await jira.call("PUT", "/rest/api/3/issue/DEMO-1", { fields: { labels: [] }, update: { labels: [{ add: "x" }] } });
    expect(conflict.status).toBe(400);
    const badOp = await jira.call("PUT", "/rest/api/3/issue/DEMO-1", { update: { summary: [{ add: "x" }] } });
    expect(badOp.body).toEqual({ errorMessages: [], errors: { summary: "Operation 'add' is not supported for field 'summary'." } });
    const returned = await jira.call("PUT", "/rest/api/3/issue/DEMO-1?returnIssue=true", { fields: { summary: "Again" } });
    expect((returned.body as Issue).fields["summary"]).toBe("Again");
  });

  it("keeps the hierarchy: subtasks under standard issues, standard issues under epics", async () => {
    const { create, jira, get } = setup();
    await create({ issuetype: { name: "Epic" }, summary: "Epic" });
    await create({ summary: "Story", issuetype: { name: "Story" }, parent: { key: "DEMO-1" } });
    await create({ summary: "Sub", issuetype: { name: "Subtask" }, parent: { key: "DEMO-2" } });
    expect(((await get("DEMO-2")).fields["parent"] as { key: string }).key).toBe("DEMO-1");
    const wrong = await create({ summary: "Sub", issuetype: { name: "Subtask" }, parent: { key: "DEMO-1" } });
    expect(wrong.body).toEqual({ errorMessages: [], errors: { parent: "Given parent issue does not belong to appropriate hierarchy." } });
    expect((await jira.call("PUT", "/rest/api/3/issue/DEMO-2", { fields: { issuetype: { name: "Subtask" } } })).status).toBe(400);
    expect((await jira.call("DELETE", "/rest/api/3/issue/DEMO-2")).status).toBe(400);
    expect((await jira.call("DELETE", "/rest/api/3/issue/DEMO-1")).status).toBe(204);
    expect((await get("DEMO-2")).fields["parent"]).toBeUndefined();
    expect((await jira.call("DELETE", "/rest/api/3/issue/DEMO-2?deleteSubtasks=true")).status).toBe(204);
    expect((await jira.call("GET", "/rest/api/3/issue/DEMO-3")).status).toBe(404);
  });

  it("assigns, unassigns and assigns automatically to the project lead", async () => {
    const { jira, get } = setup();
    await jira.call("POST", "/rest/api/3/issue", { fields: { project: { key: "SEC" }, issuetype: { name: "Task" }, summary: "x" } });
    const lead = ((await get("SEC-1")).fields["assignee"] as { displayName: string }).displayName;
    expect(lead).toBe("Alice");
    expect((await jira.call("PUT", "/rest/api/3/issue/SEC-1/assignee", { accountId: null })).status).toBe(204);
    expect((await get("SEC-1")).fields["assignee"]).toBeNull();
    expect((await jira.call("PUT", "/rest/api/3/issue/SEC-1/assignee", { accountId: "-1" })).status).toBe(204);
    expect(((await get("SEC-1")).fields["assignee"] as { displayName: string }).displayName).toBe("Alice");
    expect((await jira.call("PUT", "/rest/api/3/issue/SEC-1/assignee", { accountId: "ghost" })).status).toBe(400);
    expect((await jira.call("PUT", "/rest/api/3/issue/SEC-1/assignee", {})).status).toBe(400);
  });

  it("hides the issues of private projects from non-members", async () => {
    const { jira } = setup();
    await jira.call("POST", "/rest/api/3/issue", { fields: { project: { key: "SEC" }, issuetype: { name: "Task" }, summary: "x" } });
    const eve = jira.withAuthorization(basicAuthorization("eve@example.com", "eve"));
    expect((await eve.call("GET", "/rest/api/3/issue/SEC-1")).status).toBe(404);
    expect((await eve.call("GET", "/rest/api/3/project/SEC")).body).toEqual({ errorMessages: ["No project could be found with key 'SEC'."], errors: {} });
    expect(((await eve.call("POST", "/rest/api/3/search/jql", { jql: "summary ~ x" })).body as { issues: unknown[] }).issues).toEqual([]);
    expect((await eve.call("POST", "/rest/api/3/issue", { fields: { project: { key: "SEC" }, issuetype: { name: "Task" }, summary: "x" } })).body).toEqual({ errorMessages: [], errors: { project: "Specify a valid project ID or key" } });
  });

  it("moves through the workflow and keeps the resolution in step", async () => {
    const { create, jira, get } = setup();
    await create({});
    expect((await jira.call("POST", "/rest/api/3/issue/DEMO-1/transitions", { transition: { id: "99" } })).body).toEqual({ errorMessages: ["Transition id '99' is not valid for this issue."], errors: {} });
    expect((await jira.call("POST", "/rest/api/3/issue/DEMO-1/transitions", {})).status).toBe(400);
    await jira.call("POST", "/rest/api/3/issue/DEMO-1/transitions", { transition: { id: "31" }, fields: { resolution: { name: "Won't Do" } } });
    let fields = (await get("DEMO-1")).fields;
    expect((fields["resolution"] as { name: string }).name).toBe("Won't Do");
    expect(fields["resolutiondate"]).toMatch(/\+0000$/);
    await jira.call("POST", "/rest/api/3/issue/DEMO-1/transitions", { transition: { id: "21" } });
    fields = (await get("DEMO-1")).fields;
    expect(fields["resolution"]).toBeNull();
    expect((fields["status"] as { name: string }).name).toBe("In Progress");
    const created = await jira.call("POST", "/rest/api/3/issue", { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "born done" }, transition: { id: "31" } });
    expect(((await get((created.body as { key: string }).key)).fields["status"] as { name: string }).name).toBe("Done");
  });

  it("creates in bulk with per-item errors, and answers 400 when every item fails", async () => {
    const { jira } = setup();
    const allBad = await jira.call("POST", "/rest/api/3/issue/bulk", { issueUpdates: [{ fields: {} }, "nonsense"] });
    expect(allBad.status).toBe(400);
    expect((allBad.body as { errors: { failedElementNumber: number; status: number }[] }).errors.map((error) => error.failedElementNumber)).toEqual([0, 1]);
    expect((await jira.call("POST", "/rest/api/3/issue/bulk", { issueUpdates: Array.from({ length: 51 }, () => ({})) })).status).toBe(400);
    expect((await jira.call("POST", "/rest/api/3/issue/bulk", {})).status).toBe(400);
  });
});
