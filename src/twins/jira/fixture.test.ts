import { describe, expect, it } from "vitest";
import { TwinFixtureError } from "../kit/index.js";
import { jiraCaller } from "./caller.js";
import { createJiraTwin } from "./index.js";

function seedError(fixture: unknown): string {
  const twin = createJiraTwin();
  try {
    twin.definition.seed!(twin.tenant(), fixture);
  } catch (error) {
    if (error instanceof TwinFixtureError) return error.message;
    throw error;
  }
  return "no error";
}

describe("fixtures", () => {
  it("seeds users, custom fields, projects with workflows, issues, comments, links and webhooks", async () => {
    const twin = createJiraTwin();
    twin.definition.seed!(twin.tenant(), {
      users: [{ email: "alice@example.com", displayName: "Alice", accountId: "alice-1", admin: true }],
      customFields: [{ id: "customfield_10050", name: "Points", type: "number" }],
      projects: [{ key: "OPS", name: "Ops", lead: "Alice", components: ["API"], workflow: { statuses: [{ name: "Open" }, { name: "Shipped", category: "done" }], transitions: [{ name: "Ship", to: "Shipped", from: ["Open"] }, { name: "Reopen", to: "Open" }] } }],
      issues: [
        { project: "OPS", key: "OPS-7", summary: "Seven", status: "Shipped", assignee: "alice@example.com", labels: ["l"], created: "2025-12-01T10:00:00.000+0000", description: "Some text", components: ["API"], fields: { Points: 8 }, comments: [{ body: "hi", author: "alice-1" }] },
        { project: "OPS", summary: "Eight", type: "Bug", priority: "Low" },
      ],
      links: [{ type: "Blocks", inward: "OPS-7", outward: "OPS-8" }],
      webhooks: [{ url: "http://hooks.test/jira", events: ["jira:issue_created"] }],
    });
    const jira = jiraCaller(twin);
    const seven = (await jira.call("GET", "/rest/api/3/issue/OPS-7")).body as { fields: Record<string, { name?: string; total?: number } & Record<string, unknown>> };
    expect(seven.fields["status"]!.name).toBe("Shipped");
    expect(seven.fields["resolution"]!.name).toBe("Done");
    expect(seven.fields["created"]).toBe("2025-12-01T10:00:00.000+0000");
    expect(seven.fields["customfield_10050"]).toBe(8);
    expect(seven.fields["comment"]!.total).toBe(1);
    expect(((await jira.call("GET", "/rest/api/3/issue/OPS-8")).body as { fields: { priority: { name: string } } }).fields.priority.name).toBe("Low");
    const transitions = (await jira.call("GET", "/rest/api/3/issue/OPS-8/transitions")).body as { transitions: { name: string; isGlobal: boolean }[] };
    expect(transitions.transitions.map((transition) => [transition.name, transition.isGlobal])).toEqual([["Ship", false], ["Reopen", true]]);
    expect(twin.tenant().config["webhooks"]).toEqual([{ url: "http://hooks.test/jira", events: ["jira:issue_created"] }]);
    const created = await jira.call("POST", "/rest/api/3/issue", { fields: { project: { key: "OPS" }, issuetype: { name: "Task" }, summary: "Nine" } });
    expect((created.body as { key: string }).key).toBe("OPS-9");
  });

  it("names the first bad field precisely", () => {
    expect(seedError([])).toBe("expected an object");
    expect(seedError({ tickets: [] })).toBe("tickets: unknown section (expected users, customFields, projects, issues, links, webhooks)");
    expect(seedError({ users: [{ email: "nope" }] })).toBe("users[0].email: not an email address");
    expect(seedError({ users: [{ email: "a@b.co", nickname: "x" }] })).toMatch(/^users\[0\]\.nickname: unknown field/);
    expect(seedError({ users: [{ email: "admin@example.com" }] })).toMatch(/^users\[0\]\.email: admin@example.com is already the email of user/);
    expect(seedError({ customFields: [{ name: "X", type: "weird" }] })).toMatch(/^customFields\[0\]\.type: unknown type "weird"/);
    expect(seedError({ projects: [{ key: "lower", name: "x" }] })).toBe("projects[0].key: expected 2-10 uppercase letters and digits, starting with a letter");
    expect(seedError({ projects: [{ key: "DEMO", name: "x" }] })).toBe("projects[0].key: project DEMO already exists");
    expect(seedError({ projects: [{ key: "OPS", name: "x", issueTypes: ["Task", "Saga"] }] })).toBe('projects[0].issueTypes[1]: no issue type "Saga"');
    expect(seedError({ projects: [{ key: "OPS", name: "x", workflow: { statuses: [{ name: "A" }], transitions: [{ name: "t", to: "B" }] } }] })).toBe('projects[0].workflow.transitions[0].to: no status "B" in this workflow');
    expect(seedError({ issues: [{ project: "DEMO" }] })).toBe("issues[0].summary: required");
    expect(seedError({ issues: [{ project: "DEMO", summary: "x".repeat(300) }] })).toBe("issues[0].summary: Summary must be less than 255 characters.");
    expect(seedError({ issues: [{ project: "NOPE", summary: "x" }] })).toBe('issues[0].project: no project "NOPE"');
    expect(seedError({ issues: [{ project: "DEMO", summary: "x", status: "Doing" }] })).toBe('issues[0].status: no status "Doing" in the workflow of DEMO (expected one of To Do, In Progress, Done)');
    expect(seedError({ issues: [{ project: "DEMO", summary: "x", assignee: "ghost" }] })).toBe('issues[0].assignee: no user "ghost" (name users by accountId, email or display name)');
    expect(seedError({ issues: [{ project: "DEMO", summary: "x", key: "OPS-1" }] })).toBe("issues[0].key: expected DEMO-<number>");
    expect(seedError({ issues: [{ project: "DEMO", summary: "x", created: "someday" }] })).toBe('issues[0].created: not a date or timestamp: "someday"');
    expect(seedError({ issues: [{ project: "DEMO", summary: "x", fields: { Nope: 1 } }] })).toBe("issues[0].fields.Nope: Field 'Nope' cannot be set. It is not on the appropriate screen, or unknown.");
    expect(seedError({ links: [{ type: "Blocks", inward: "DEMO-1", outward: "DEMO-2" }] })).toBe("links[0].inward: no such issue");
    expect(seedError({ webhooks: [{ url: "http://x.test" }] })).toBe("webhooks[0].events: required");
  });

  it("leaves the tenant as it was when a fixture fails half way", async () => {
    const twin = createJiraTwin();
    const before = twin.tenant().state;
    expect(() => twin.definition.seed!(twin.tenant(), { users: [{ email: "ok@example.com" }], projects: [{ key: "bad" }] })).toThrow(TwinFixtureError);
    expect(twin.tenant().state).toBe(before);
  });
});
