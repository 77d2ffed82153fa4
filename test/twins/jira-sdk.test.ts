/**
 * jira.js v6 (`createCloudClient`, `onSchemaMismatch: 'throw'`) against the Jira twin served on
 * loopback: every supported operation, both paging styles, errors as the SDK surfaces them, and a
 * 429 with Jira's headers. `jira-contract.test.ts` replays this file and checks every response it
 * produced against the swagger.
 */
import { createCloudClient, isApiError, isAuthError, isForbiddenError, isNotFoundError, isRateLimitError, isScopeError } from "jira.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJiraTwin } from "../../src/twins/jira/index.js";
import { type ServedTwin, type Tenant, serveTwin } from "../../src/twins/kit/index.js";

type Jira = ReturnType<typeof createCloudClient>;

let served: ServedTwin;
/** The served twin, for the contract replay. */
export const jiraSdkTwin = () => served.twin;

const adf = (text: string) => ({ type: "doc" as const, version: 1, content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

const FIXTURE = {
  users: [
    { email: "alice@example.com", displayName: "Alice Adams", apiToken: "alice-token" },
    { email: "bob@example.com", displayName: "Bob Brown", apiToken: "bob-token" },
    { email: "scoped@apps.example.com", displayName: "Read-only App", app: true, bearerToken: "read-only-token", scopes: ["read:jira-work"] },
  ],
  customFields: [
    { name: "Story Points", type: "number" },
    { name: "Team", type: "option", options: ["Red", "Blue"] },
  ],
  projects: [{ key: "OPS", name: "Operations", lead: "alice@example.com", components: ["API", "Web"], workflow: ["Backlog", "Doing", "Done"] }],
  issues: [
    { project: "OPS", summary: "Seeded one", status: "Doing", assignee: "alice@example.com", labels: ["seed"], fields: { "Story Points": 3, Team: "Red" } },
    { project: "OPS", summary: "Seeded two", priority: "High", comments: [{ author: "bob@example.com", body: "first!" }] },
  ],
};

interface Site {
  tenant: Tenant;
  base: string;
  jira: Jira;
  as(email: string, apiToken: string): Jira;
  bearer(token: string): Jira;
}

function site(name: string, fixture: unknown = FIXTURE): Site {
  const twin = served.twin;
  const tenant = twin.createTenant(name);
  twin.definition.seed!(tenant, fixture);
  tenant.markInitial();
  const base = `${served.baseUrl}/t/${name}`;
  const { credentials } = twin.definition.describe!(tenant, base);
  const make = (auth: Parameters<typeof createCloudClient>[0] extends infer C ? C extends { auth?: infer A } ? A : never : never) => createCloudClient({ host: base, auth, onSchemaMismatch: "throw" } as Parameters<typeof createCloudClient>[0]);
  return {
    tenant,
    base,
    jira: make({ type: "basic", email: credentials["email"]!, apiToken: credentials["apiToken"]! }),
    as: (email, apiToken) => make({ type: "basic", email, apiToken }),
    bearer: (token) => make({ type: "bearer", token }),
  };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

beforeAll(async () => {
  served = await serveTwin(createJiraTwin({ sleep: async () => undefined }));
});
afterAll(async () => {
  await served.close();
});

describe("jira.js v6 against the Jira twin", () => {
  it("reads the site: server info, myself, projects, types, statuses, priorities, resolutions, fields", async () => {
    const { jira, base } = site("meta");
    const info = await jira.serverInfo.getServerInfo();
    expect(info.deploymentType).toBe("Cloud");
    expect(info.baseUrl).toBe(base);
    const me = await jira.myself.getCurrentUser({ expand: "groups" });
    expect(me.emailAddress).toBe("admin@example.com");
    expect(me.groups?.items?.map((group) => group.name)).toContain("site-admins");
    const demo = await jira.projects.getProject({ projectIdOrKey: "DEMO" });
    expect(demo.issueTypes?.map((type) => type.name)).toEqual(["Task", "Bug", "Story", "Epic", "Subtask"]);
    expect((await jira.projects.getAllStatuses({ projectIdOrKey: "OPS" }))[0]?.statuses.map((status) => status.name)).toEqual(["Backlog", "Doing", "Done"]);
    const types = await jira.issueTypes.getIssueAllTypes();
    expect(types.find((type) => type.name === "Subtask")?.subtask).toBe(true);
    expect((await jira.issueTypes.getIssueType({ id: types[0]!.id! })).name).toBe("Task");
    const statuses = await jira.workflowStatuses.getStatuses();
    expect(statuses.map((status) => status.name)).toContain("In Progress");
    expect((await jira.workflowStatuses.getStatus({ idOrName: "Done" })).statusCategory?.key).toBe("done");
    expect((await jira.workflowStatusCategories.getStatusCategories()).map((category) => category.key)).toEqual(["undefined", "new", "done", "indeterminate"]);
    expect((await jira.workflowStatusCategories.getStatusCategory({ idOrKey: "done" })).name).toBe("Done");
    const priorities = await jira.issuePriorities.searchPriorities({ maxResults: "2" });
    expect(priorities.values?.map((priority) => priority.name)).toEqual(["Highest", "High"]);
    expect(priorities.isLast).toBe(false);
    expect((await jira.issuePriorities.getPriority({ id: "3" })).isDefault).toBe(true);
    expect((await jira.issueResolutions.getResolution({ id: "10000" })).name).toBe("Done");
    const fields = await jira.issueFields.getFields();
    expect(fields.find((field) => field.name === "Story Points")?.clauseNames).toEqual(["cf[10001]", "Story Points"]);
    const created = await jira.issueFields.createCustomField({ name: "Severity", type: "com.atlassian.jira.plugin.system.customfieldtypes:select" });
    expect(created.id).toBe("customfield_10003");
    const createTypes = await jira.issues.getCreateIssueMetaIssueTypes({ projectIdOrKey: "OPS", maxResults: 2 });
    expect(createTypes.issueTypes?.map((type) => type.name)).toEqual(["Task", "Bug"]);
    expect(createTypes.total).toBe(5);
    const createFields = await jira.issues.getCreateIssueMetaIssueTypeId({ projectIdOrKey: "OPS", issueTypeId: types[0]!.id!, maxResults: 100 });
    expect(createFields.fields?.find((field) => field.fieldId === "summary")?.required).toBe(true);
    expect(createFields.fields?.find((field) => field.fieldId === "customfield_10002")?.allowedValues?.map((option) => (option as { value: string }).value)).toEqual(["Red", "Blue"]);
    const editFields = await jira.issues.getEditIssueMeta({ issueIdOrKey: "OPS-1" });
    expect(editFields.fields?.["labels"]?.operations).toEqual(["add", "set", "remove"]);
    const linkTypes = await jira.issueLinkTypes.getIssueLinkTypes();
    expect(linkTypes.issueLinkTypes?.map((type) => type.name)).toEqual(["Blocks", "Cloners", "Duplicate", "Relates"]);
    expect((await jira.issueLinkTypes.getIssueLinkType({ issueLinkTypeId: linkTypes.issueLinkTypes![0]!.id! })).outward).toBe("blocks");
  });

  it("pages projects with startAt, maxResults, total and isLast, and creates one", async () => {
    const { jira } = site("projects");
    const created = await jira.projects.createProject({ key: "NEW", name: "New things", projectTypeKey: "software", leadAccountId: (await jira.myself.getCurrentUser()).accountId! });
    expect(created.key).toBe("NEW");
    const first = await jira.projects.searchProjects({ maxResults: 2 });
    expect(first.total).toBe(3);
    expect(first.isLast).toBe(false);
    expect(first.values?.map((project) => project.key)).toEqual(["DEMO", "NEW"]);
    const second = await jira.projects.searchProjects({ startAt: 2, maxResults: 2 });
    expect(second.isLast).toBe(true);
    expect(second.values?.map((project) => project.key)).toEqual(["OPS"]);
    expect((await jira.projects.searchProjects({ query: "oper" })).values?.map((project) => project.key)).toEqual(["OPS"]);
    const duplicate = await failure(jira.projects.createProject({ key: "NEW", name: "Again", projectTypeKey: "software", leadAccountId: created.id.toString() }));
    expect(isApiError(duplicate) && duplicate.status).toBe(400);
    expect(isApiError(duplicate) && (duplicate.body as { errors: Record<string, string> }).errors["projectKey"]).toBe("Project 'New things' uses this project key.");
  });

  it("creates, reads, edits, assigns, transitions and deletes issues", async () => {
    const { jira, as } = site("issues");
    const alice = (await jira.userSearch.findUsers({ query: "alice" }))[0]!;
    const created = await jira.issues.createIssue({ fields: { project: { key: "OPS" }, issuetype: { name: "Bug" }, summary: "Checkout fails", description: adf("Steps to reproduce"), labels: ["checkout"], priority: { name: "High" }, components: [{ name: "API" }], duedate: "2026-02-01", customfield_10001: 5, customfield_10002: { value: "Blue" } } });
    expect(created.key).toBe("OPS-3");
    const issue = await jira.issues.getIssue({ issueIdOrKey: created.key, expand: "names,schema,renderedFields,transitions,changelog" });
    const fields = issue.fields!;
    expect(fields["summary"]).toBe("Checkout fails");
    expect(fields["status"].name).toBe("Backlog");
    expect(fields["priority"].name).toBe("High");
    expect(fields["components"].map((component: { name: string }) => component.name)).toEqual(["API"]);
    expect(fields["customfield_10001"]).toBe(5);
    expect(fields["customfield_10002"].value).toBe("Blue");
    expect(fields["created"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(issue.names?.["customfield_10001"]).toBe("Story Points");
    expect(issue.renderedFields?.["description"]).toBe("<p>Steps to reproduce</p>");
    expect(issue.transitions?.map((transition) => transition.name)).toEqual(["Backlog", "Doing", "Done"]);
    const narrow = await jira.issues.getIssue({ issueIdOrKey: created.id, fields: ["summary", "labels"] });
    expect(Object.keys(narrow.fields!).sort()).toEqual(["labels", "summary"]);

    await jira.issues.editIssue({ issueIdOrKey: created.key, fields: { summary: "Checkout fails on Safari" }, update: { labels: [{ add: "safari" }, { remove: "checkout" }], components: [{ add: { name: "Web" } }] } });
    await jira.issues.assignIssue({ issueIdOrKey: created.key, accountId: alice.accountId! });
    const transitions = await jira.issues.getTransitions({ issueIdOrKey: created.key });
    const done = transitions.transitions!.find((transition) => transition.name === "Done")!;
    await jira.issues.doTransition({ issueIdOrKey: created.key, transition: { id: done.id! }, update: { comment: [{ add: { body: adf("Fixed in 1.2") } }] } });
    const after = await jira.issues.getIssue({ issueIdOrKey: created.key });
    expect(after.fields!["summary"]).toBe("Checkout fails on Safari");
    expect(after.fields!["labels"]).toEqual(["safari"]);
    expect(after.fields!["assignee"].accountId).toBe(alice.accountId);
    expect(after.fields!["status"].name).toBe("Done");
    expect(after.fields!["resolution"].name).toBe("Done");
    expect(after.fields!["comment"].total).toBe(1);
    const history = await jira.issues.getChangeLogs({ issueIdOrKey: created.key });
    expect(history.values?.flatMap((entry) => entry.items?.map((item) => item.field))).toEqual(["summary", "labels", "Component", "assignee", "status", "resolution"]);

    const bulk = await jira.issues.createIssues({ issueUpdates: [
      { fields: { project: { key: "OPS" }, issuetype: { name: "Task" }, summary: "Bulk one" } },
      { fields: { project: { key: "OPS" }, issuetype: { name: "Task" } } },
      { fields: { project: { key: "OPS" }, issuetype: { name: "Subtask" }, summary: "Bulk child", parent: { key: created.key } } },
    ] });
    expect(bulk.issues?.map((item) => item.key)).toEqual(["OPS-4", "OPS-5"]);
    expect(bulk.errors?.[0]?.failedElementNumber).toBe(1);
    expect(bulk.errors?.[0]?.elementErrors?.errors?.["summary"]).toBe("You must specify a summary of the issue.");
    expect((await jira.issues.getIssue({ issueIdOrKey: created.key, fields: ["subtasks"] })).fields!["subtasks"][0].key).toBe("OPS-5");

    const refused = await failure(jira.issues.deleteIssue({ issueIdOrKey: created.key }));
    expect(isApiError(refused) && refused.status).toBe(400);
    await jira.issues.deleteIssue({ issueIdOrKey: created.key, deleteSubtasks: "true" });
    expect(isNotFoundError(await failure(jira.issues.getIssue({ issueIdOrKey: "OPS-5" })))).toBe(true);
    const missing = await failure(jira.issues.getIssue({ issueIdOrKey: created.key }));
    expect(isNotFoundError(missing) && missing.body).toEqual({ errorMessages: ["Issue does not exist or you do not have permission to see it."], errors: {} });

    const bob = as("bob@example.com", "bob-token");
    const byBob = await bob.issues.createIssue({ fields: { project: { key: "OPS" }, issuetype: { name: "Task" }, summary: "Bob's" } });
    expect((await bob.issues.getIssue({ issueIdOrKey: byBob.key, fields: ["reporter"] })).fields!["reporter"].displayName).toBe("Bob Brown");
  });

  it("answers create errors with Jira's errors map, as the SDK surfaces them", async () => {
    const { jira } = site("create-errors");
    const noSummary = await failure(jira.issues.createIssue({ fields: { project: { key: "OPS" }, issuetype: { name: "Task" } } }));
    expect(isApiError(noSummary) && noSummary.status).toBe(400);
    expect(isApiError(noSummary) && noSummary.body).toEqual({ errorMessages: [], errors: { summary: "You must specify a summary of the issue." } });
    const badProject = await failure(jira.issues.createIssue({ fields: { project: { key: "NOPE" }, issuetype: { name: "Task" }, summary: "x" } }));
    expect(isApiError(badProject) && (badProject.body as { errors: object }).errors).toEqual({ project: "Specify a valid project ID or key" });
    const plainDescription = await failure(jira.issues.createIssue({ fields: { project: { key: "OPS" }, issuetype: { name: "Task" }, summary: "x", description: { type: "doc", version: 2, content: [] } } }));
    expect(isApiError(plainDescription) && (plainDescription.body as { errors: object }).errors).toEqual({ description: "Operation value must be an Atlassian Document (see the Atlassian Document Format)" });
    const unknownField = await failure(jira.issues.createIssue({ fields: { project: { key: "OPS" }, issuetype: { name: "Task" }, summary: "x", customfield_99999: "y" } }));
    expect(isApiError(unknownField) && (unknownField.body as { errors: object }).errors).toEqual({ customfield_99999: "Field 'customfield_99999' cannot be set. It is not on the appropriate screen, or unknown." });
  });

  it("creates issues from wiki markup through the v2 fallback jira.js uses for strings", async () => {
    const { jira } = site("wiki");
    const created = await jira.issues.createIssue({ fields: { project: { key: "OPS" }, issuetype: { name: "Task" }, summary: "From wiki", description: "h2. Context\nPlain words" } });
    const issue = await jira.issues.getIssue({ issueIdOrKey: created.key, fields: ["description"] });
    expect(issue.fields!["description"].content[0]).toEqual({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Context" }] });
    const comment = await jira.issueComments.addComment({ issueIdOrKey: created.key, body: "*bold* words" });
    expect(comment.body?.content[0]).toEqual({ type: "paragraph", content: [{ type: "text", text: "*bold* words" }] });
  });

  it("adds, pages, reads, updates and deletes comments with ADF bodies", async () => {
    const { jira } = site("comments");
    for (const text of ["one", "two", "three"]) await jira.issueComments.addComment({ issueIdOrKey: "OPS-1", body: adf(text) });
    const page = await jira.issueComments.getComments({ issueIdOrKey: "OPS-1", startAt: 1, maxResults: 2 });
    expect(page.total).toBe(3);
    expect(page.comments?.map((comment) => comment.body?.content[0]?.["content"][0].text)).toEqual(["two", "three"]);
    const newest = await jira.issueComments.getComments({ issueIdOrKey: "OPS-1", orderBy: "-created", maxResults: 1 });
    expect(newest.comments?.[0]?.body?.content[0]?.["content"][0].text).toBe("three");
    const id = page.comments![0]!.id!;
    const updated = await jira.issueComments.updateComment({ issueIdOrKey: "OPS-1", id, body: { body: adf("two, edited") } });
    expect(updated.updated).toBeInstanceOf(Date);
    expect((await jira.issueComments.getComment({ issueIdOrKey: "OPS-1", id, expand: "renderedBody" })).renderedBody).toBe("<p>two, edited</p>");
    await jira.issueComments.deleteComment({ issueIdOrKey: "OPS-1", id });
    expect(isNotFoundError(await failure(jira.issueComments.getComment({ issueIdOrKey: "OPS-1", id })))).toBe(true);
    const seeded = await jira.issueComments.getComments({ issueIdOrKey: "OPS-2" });
    expect(seeded.comments?.[0]?.author?.displayName).toBe("Bob Brown");
  });

  it("logs and lists work", async () => {
    const { jira } = site("worklogs");
    const added = await jira.issueWorklogs.addWorklog({ issueIdOrKey: "OPS-1", timeSpent: "1h 30m", started: "2026-01-01T09:00:00.000+0000", comment: adf("pairing") });
    expect(added.timeSpentSeconds).toBe(5400);
    await jira.issueWorklogs.addWorklog({ issueIdOrKey: "OPS-1", timeSpentSeconds: 600 });
    const list = await jira.issueWorklogs.getIssueWorklog({ issueIdOrKey: "OPS-1", maxResults: 1 });
    expect(list.total).toBe(2);
    expect(list.worklogs?.[0]?.timeSpent).toBe("1h 30m");
    expect((await jira.issueWorklogs.getWorklog({ issueIdOrKey: "OPS-1", id: added.id! })).comment?.content[0]?.["content"][0].text).toBe("pairing");
    const updated = await jira.issueWorklogs.updateWorklog({ issueIdOrKey: "OPS-1", id: added.id!, body: { timeSpent: "2h" } });
    expect(updated.timeSpentSeconds).toBe(7200);
    expect((await jira.issues.getIssue({ issueIdOrKey: "OPS-1", fields: ["timespent"] })).fields!["timespent"]).toBe(7800);
    await jira.issueWorklogs.deleteWorklog({ issueIdOrKey: "OPS-1", id: added.id! });
    expect((await jira.issueWorklogs.getIssueWorklog({ issueIdOrKey: "OPS-1" })).total).toBe(1);
  });

  it("links issues and reads the links from both sides", async () => {
    const { jira } = site("links");
    await jira.issueLinks.linkIssues({ type: { name: "Blocks" }, inwardIssue: { key: "OPS-1" }, outwardIssue: { key: "OPS-2" } });
    const one = await jira.issues.getIssue({ issueIdOrKey: "OPS-1", fields: ["issuelinks"] });
    const link = one.fields!["issuelinks"][0];
    expect(link.outwardIssue.key).toBe("OPS-2");
    expect(link.type.outward).toBe("blocks");
    const two = await jira.issues.getIssue({ issueIdOrKey: "OPS-2", fields: ["issuelinks"] });
    expect(two.fields!["issuelinks"][0].inwardIssue.key).toBe("OPS-1");
    const fetched = await jira.issueLinks.getIssueLink({ linkId: link.id });
    expect([fetched.inwardIssue?.key, fetched.outwardIssue?.key]).toEqual(["OPS-1", "OPS-2"]);
    await jira.issueLinks.deleteIssueLink({ linkId: link.id });
    expect(isNotFoundError(await failure(jira.issueLinks.getIssueLink({ linkId: link.id })))).toBe(true);
  });

  it("finds users by accountId, query and project", async () => {
    const { jira } = site("users");
    const [alice] = await jira.userSearch.findUsers({ query: "Alice" });
    expect(alice?.emailAddress).toBe("alice@example.com");
    expect((await jira.users.getUser({ accountId: alice!.accountId!, expand: "groups" })).displayName).toBe("Alice Adams");
    expect((await jira.users.getAllUsers({ maxResults: 2 })).length).toBe(2);
    expect((await jira.users.getAllUsersDefault()).map((user) => user.displayName)).toContain("Bob Brown");
    const assignable = await jira.userSearch.findAssignableUsers({ project: "OPS", query: "b" });
    expect(assignable.map((user) => user.displayName)).toEqual(["Bob Brown"]);
    expect(isNotFoundError(await failure(jira.users.getUser({ accountId: "nobody" })))).toBe(true);
  });

  it("searches with JQL and pages with nextPageToken, absent on the last page", async () => {
    const { jira } = site("search");
    for (let index = 1; index <= 5; index += 1) await jira.issues.createIssue({ fields: { project: { key: "OPS" }, issuetype: { name: "Task" }, summary: `Search me ${index}`, labels: index % 2 ? ["odd"] : ["even"] } });
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql: "project = OPS ORDER BY key ASC", maxResults: 3, fields: ["summary"], ...(token ? { nextPageToken: token } : {}) });
      seen.push(...page.issues!.map((issue) => issue.key!));
      token = page.nextPageToken ?? undefined;
      if (!token) expect(page).not.toHaveProperty("nextPageToken");
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(["OPS-1", "OPS-2", "OPS-3", "OPS-4", "OPS-5", "OPS-6", "OPS-7"]);
    const odd = await jira.issueSearch.searchAndReconsileIssuesUsingJql({ jql: 'labels = odd AND summary ~ "search" ORDER BY created DESC', fields: ["summary", "labels"] });
    expect(odd.issues?.map((issue) => issue.key)).toEqual(["OPS-7", "OPS-5", "OPS-3"]);
    const mine = await jira.issueSearch.searchAndReconsileIssuesUsingJql({ jql: "assignee = currentUser() OR assignee = \"alice@example.com\"" });
    expect(mine.issues?.map((issue) => issue.key)).toEqual(["OPS-1"]);
    expect(mine.issues?.[0]?.fields).toEqual({});
    expect((await jira.issueSearch.countIssues({ jql: "project = OPS AND status != Done" })).count).toBe(7);
    const unbounded = await failure(jira.issueSearch.searchAndReconsileIssuesUsingJql({ jql: "ORDER BY key" }));
    expect(isApiError(unbounded) && unbounded.status).toBe(400);
    const bad = await failure(jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql: "project = NOPE" }));
    expect(isApiError(bad) && bad.body).toEqual({ errorMessages: ["The value 'NOPE' does not exist for the field 'project'."], errors: {} });
  });

  it("registers dynamic webhooks for an app and delivers Jira's payloads", async () => {
    const { jira, bearer, tenant, base } = site("webhooks");
    const appToken = served.twin.definition.describe!(tenant, base).credentials["bearerToken"]!;
    const app = bearer(appToken);
    const registered = await app.webhooks.registerDynamicWebhooks({ url: "http://127.0.0.1:9/hooks", webhooks: [{ events: ["jira:issue_created", "comment_created"], jqlFilter: "project = OPS" }, { events: ["jira:issue_updated"], jqlFilter: "project = OPS", fieldIdsFilter: ["summary"] }] });
    const ids = registered.webhookRegistrationResult!.map((result) => result.createdWebhookId!);
    expect(ids).toHaveLength(2);
    const listed = await app.webhooks.getDynamicWebhooksForApp();
    expect(listed.values?.map((webhook) => webhook.id)).toEqual(ids);
    expect((await app.webhooks.refreshWebhooks({ webhookIds: ids })).expirationDate).toBeGreaterThan(tenant.now());
    const denied = await failure(jira.webhooks.registerDynamicWebhooks({ url: "http://127.0.0.1:9/x", webhooks: [{ events: ["jira:issue_created"], jqlFilter: "project = OPS" }] }));
    expect(isForbiddenError(denied)).toBe(true);

    const created = await jira.issues.createIssue({ fields: { project: { key: "OPS" }, issuetype: { name: "Task" }, summary: "Hooked" } });
    await jira.issues.createIssue({ fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "Not hooked" } });
    await jira.issues.editIssue({ issueIdOrKey: created.key, fields: { labels: ["x"] } });
    await jira.issues.editIssue({ issueIdOrKey: created.key, fields: { summary: "Hooked, renamed" } });
    await jira.issueComments.addComment({ issueIdOrKey: created.key, body: adf("hello") });
    const bodies = tenant.deliveries.map((delivery) => JSON.parse(delivery.body) as Record<string, unknown>);
    expect(bodies.map((body) => body["webhookEvent"])).toEqual(["jira:issue_created", "jira:issue_updated", "comment_created"]);
    expect(bodies[0]).toMatchObject({ issue_event_type_name: "issue_created", matchedWebhookIds: [ids[0]], issue: { key: created.key } });
    expect(bodies[1]).toMatchObject({ changelog: { items: [{ field: "summary", fromString: "Hooked", toString: "Hooked, renamed" }] } });
    expect(bodies[2]).toMatchObject({ comment: { body: adf("hello") }, issue: { key: created.key } });
    await app.webhooks.deleteWebhookById({ webhookIds: ids });
    expect((await app.webhooks.getDynamicWebhooksForApp()).total).toBe(0);
  });

  it("surfaces bad credentials, missing scopes and rate limits as the SDK's error types", async () => {
    const { as, bearer, tenant } = site("faults");
    expect(isAuthError(await failure(as("alice@example.com", "wrong").myself.getCurrentUser()))).toBe(true);
    const readOnly = bearer("read-only-token");
    expect((await readOnly.issues.getIssue({ issueIdOrKey: "OPS-1", fields: ["summary"] })).key).toBe("OPS-1");
    expect(isScopeError(await failure(readOnly.issues.createIssue({ fields: { project: { key: "OPS" }, issuetype: { name: "Task" }, summary: "x" } })))).toBe(true);
    tenant.faults = { rules: [{ methods: ["GET /rest/api/3/issue/{issueIdOrKey}"], rateLimit: { limit: 1, windowMs: 60_000 } }] };
    const alice = as("alice@example.com", "alice-token");
    await alice.issues.getIssue({ issueIdOrKey: "OPS-1" });
    const limited = await failure(alice.issues.getIssue({ issueIdOrKey: "OPS-1" }));
    expect(isRateLimitError(limited)).toBe(true);
    expect(isRateLimitError(limited) && limited.retryAfterMs).toBe(59_000);
    const response = await fetch(`${served.baseUrl}/t/faults/rest/api/3/issue/OPS-1`, { headers: { authorization: `Basic ${Buffer.from("alice@example.com:alice-token").toString("base64")}` } });
    expect(response.status).toBe(429);
    expect(response.headers.get("x-ratelimit-limit")).toBe("1");
    expect(response.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(response.headers.get("x-ratelimit-reset")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(response.headers.get("ratelimit-reason")).toBe("jira-burst-based");
    tenant.faults = { rules: [] };
  });
});
