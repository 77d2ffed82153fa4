import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jiraCaller } from "./caller.js";
import { JIRA_COVERAGE, JIRA_V2_COVERAGE } from "./coverage.js";
import { createJiraTwin } from "./index.js";
import { ROUTES } from "./routes.js";

interface SwaggerOperation {
  security?: Record<string, string[]>[];
}

const swagger = JSON.parse(readFileSync(new URL("../../../vendor/apis/jira/jira-platform-swagger-v3.json", import.meta.url), "utf8")) as { paths: Record<string, Record<string, SwaggerOperation>> };
const operationOf = (key: string) => {
  const [method = "", template = ""] = key.split(" ");
  return swagger.paths[template]?.[method.toLowerCase()];
};
const v3 = ROUTES.filter((route) => route.template.startsWith("/rest/api/3/"));

describe("the route table", () => {
  it("serves only operations of the description, with the classic scopes it lists", () => {
    for (const route of v3) {
      const operation = operationOf(`${route.method} ${route.template}`);
      expect(operation, `${route.method} ${route.template}`).toBeDefined();
      const oauth = operation!.security?.find((entry) => "OAuth2" in entry)?.["OAuth2"] ?? [];
      expect(route.scopes, `${route.method} ${route.template}`).toEqual(oauth);
    }
  });

  it("has a coverage entry for every route, and none for anything else", () => {
    expect(Object.keys(JIRA_COVERAGE).sort()).toEqual(v3.map((route) => `${route.method} ${route.template}`).sort());
    expect(Object.keys(JIRA_V2_COVERAGE).sort()).toEqual(ROUTES.filter((route) => route.template.startsWith("/rest/api/2/")).map((route) => `${route.method} ${route.template}`).sort());
    for (const [key, entry] of Object.entries(JIRA_COVERAGE)) {
      expect(operationOf(key), key).toBeDefined();
      expect(entry.test).toMatch(/^(test\/twins\/jira-[a-z-]+\.test\.ts > .+|src\/twins\/jira\/[a-z-]+\.test\.ts)$/);
      if (entry.status === "partial") expect(entry.note, key).toBeTruthy();
    }
  });

  it("takes wiki markup on the v2 comment and worklog variants", async () => {
    const jira = jiraCaller(createJiraTwin());
    await jira.call("POST", "/rest/api/3/issue", { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "v2" } });
    const comment = await jira.call("POST", "/rest/api/2/issue/DEMO-1/comment", { body: "first" });
    expect(comment.status).toBe(201);
    const id = (comment.body as { id: string }).id;
    expect((comment.body as { self: string }).self).toContain("/rest/api/2/issue/");
    expect((await jira.call("PUT", `/rest/api/2/issue/DEMO-1/comment/${id}`, { body: "h3. edited" })).status).toBe(200);
    const read = await jira.call("GET", `/rest/api/3/issue/DEMO-1/comment/${id}`);
    expect((read.body as { body: unknown }).body).toEqual({ type: "doc", version: 1, content: [{ type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "edited" }] }] });
    expect((await jira.call("POST", "/rest/api/2/issue/DEMO-1/comment", { body: { type: "doc", version: 1, content: [] } })).status).toBe(400);
    const worklog = await jira.call("POST", "/rest/api/2/issue/DEMO-1/worklog", { timeSpent: "1h", comment: "paired" });
    expect(worklog.status).toBe(201);
    const worklogId = (worklog.body as { id: string }).id;
    const updated = await jira.call("PUT", `/rest/api/2/issue/DEMO-1/worklog/${worklogId}`, { comment: "paired twice" });
    expect((updated.body as { comment: unknown }).comment).toEqual({ type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: "paired twice" }] }] });
    expect((await jira.call("POST", "/rest/api/3/issue/DEMO-1/worklog", { timeSpent: "1h", comment: "plain" })).body).toEqual({ errorMessages: [], errors: { comment: "Operation value must be an Atlassian Document (see the Atlassian Document Format)" } });
  });
});
