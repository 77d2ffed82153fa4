/**
 * Every response the Jira twin gave in the SDK suite (replayed here) and in the raw requests below
 * is checked with ajv against Atlassian's OpenAPI description, `vendor/apis/jira/
 * jira-platform-swagger-v3.json`: 2xx bodies against the operation's response schema, error bodies
 * against Jira's `{"errorMessages", "errors"}` shape. Where the description disagrees with the real
 * service, the schema is patched below with the reason.
 */
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import formats from "ajv-formats";

// ajv-formats is CommonJS: under NodeNext its default import is the module, with `default` inside.
const addFormats = ((formats as unknown as { default?: unknown }).default ?? formats) as unknown as (instance: Ajv) => Ajv;
import { describe, expect, it } from "vitest";
import { type RequestLogEntry } from "../../src/twins/kit/index.js";
import { jiraSdkTwin } from "./jira-sdk.test.js";

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

const swagger = JSON.parse(readFileSync(new URL("../../vendor/apis/jira/jira-platform-swagger-v3.json", import.meta.url), "utf8")) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};

/**
 * Where Jira Cloud answers differently from its own description (each one seen in real responses):
 * - ChangeDetails `from`, `fromString`, `to`, `toString` are null when a side is empty (a label
 *   added to none, an unassigned assignee), though typed as plain strings.
 * - Changelog `items` in webhook-style histories: same as above (the same schema).
 */
const NULLABLE_PATCHES: [schema: string, properties: string[]][] = [["ChangeDetails", ["from", "fromString", "to", "toString"]]];

function patchedComponents(): Record<string, unknown> {
  const schemas = structuredClone(swagger.components.schemas);
  for (const [name, properties] of NULLABLE_PATCHES) {
    const target = schemas[name]!["properties"] as Record<string, Record<string, unknown>>;
    for (const property of properties) target[property] = { ...target[property], nullable: true };
  }
  return { schemas };
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const format of ["int32", "int64", "double", "float"]) ajv.addFormat(format, true);
ajv.addSchema({ $id: "jira", components: patchedComponents() });

const compiled = new Map<string, ValidateFunction>();

/** The validator for an operation's response, or undefined when the description gives no JSON schema. */
function validatorFor(method: string, template: string, status: number): ValidateFunction | undefined {
  const key = `${method} ${template} ${status}`;
  if (compiled.has(key)) return compiled.get(key);
  const response = swagger.paths[template]?.[method.toLowerCase()]?.responses[String(status)];
  const schema = response?.content?.["application/json"]?.schema;
  if (!schema || Object.keys(schema).length === 0) return undefined;
  const rewritten = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"jira#/components/')) as object;
  const validate = ajv.compile(rewritten);
  compiled.set(key, validate);
  return validate;
}

const errorShape = ajv.compile({
  type: "object",
  required: ["errorMessages", "errors"],
  additionalProperties: false,
  properties: { errorMessages: { type: "array", items: { type: "string" } }, errors: { type: "object", additionalProperties: { type: "string" } } },
});

export interface ContractProblem {
  request: string;
  status: number;
  problems: string;
}

/** The problems of one logged response against the description. */
export function checkEntry(entry: RequestLogEntry): ContractProblem | undefined {
  const [method = "", template = ""] = entry.method.split(" ");
  const request = `${entry.httpMethod} ${entry.path}`;
  if (entry.status >= 400) {
    if (entry.response === undefined) return undefined;
    if (entry.status === 401 && typeof entry.response === "object" && entry.response !== null && "code" in entry.response) return undefined;
    return errorShape(entry.response) ? undefined : { request, status: entry.status, problems: ajv.errorsText(errorShape.errors) };
  }
  if (!template.startsWith("/rest/api/3/")) return undefined;
  if (!swagger.paths[template]?.[method.toLowerCase()]) return { request, status: entry.status, problems: `${method} ${template} is not in the description` };
  const declared = swagger.paths[template]![method.toLowerCase()]!.responses[String(entry.status)];
  if (!declared) return { request, status: entry.status, problems: `status ${entry.status} is not a documented response` };
  const validate = validatorFor(method, template, entry.status);
  if (!validate || entry.response === undefined) return undefined;
  return validate(entry.response) ? undefined : { request, status: entry.status, problems: ajv.errorsText(validate.errors, { separator: "\n" }) };
}

function raw(tenantPath: string, method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  const twin = jiraSdkTwin();
  const tenant = twin.tenant(tenantPath);
  const { credentials } = twin.definition.describe!(tenant, "http://jira.test");
  const authorization = `Basic ${Buffer.from(`${credentials["email"]}:${credentials["apiToken"]}`).toString("base64")}`;
  return twin.fetch(new Request(`http://jira.test/t/${tenantPath}${path}`, { method, headers: { authorization, "content-type": "application/json", ...init.headers }, ...(init.body !== undefined ? { body: init.body } : {}) }));
}

describe("Jira twin responses against the swagger", () => {
  it("answers the deprecated lists and the removed search as Jira Cloud does", async () => {
    expect((await raw("contract", "GET", "/rest/api/3/project?expand=description,lead")).status).toBe(200);
    expect((await raw("contract", "GET", "/rest/api/3/priority")).status).toBe(200);
    expect((await raw("contract", "GET", "/rest/api/3/resolution")).status).toBe(200);
    const me = (await (await raw("contract", "GET", "/rest/api/3/myself")).json()) as { accountId: string };
    expect((await raw("contract", "GET", `/rest/api/3/user/bulk?accountId=${encodeURIComponent(me.accountId)}`)).status).toBe(200);
    expect((await raw("contract", "GET", `/rest/api/3/user/search?accountId=${encodeURIComponent(me.accountId)}`)).status).toBe(200);
    const removed = await raw("contract", "POST", "/rest/api/3/search", { body: JSON.stringify({ jql: "project = DEMO" }) });
    expect(removed.status).toBe(410);
    expect((await raw("contract", "GET", "/rest/api/3/issue/DEMO-1?expand=versionedRepresentations")).status).toBe(404);
    const created = await raw("contract", "POST", "/rest/api/3/issue", { body: JSON.stringify({ fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "raw" } }) });
    expect(created.status).toBe(201);
    expect((await raw("contract", "GET", "/rest/api/3/issue/DEMO-1?expand=versionedRepresentations,changelog,schema")).status).toBe(200);
    expect((await raw("contract", "PUT", "/rest/api/3/issue/DEMO-1?returnIssue=true", { body: JSON.stringify({ fields: { summary: "raw, edited" } }) })).status).toBe(200);
    expect((await raw("contract", "POST", "/rest/api/3/search/jql", { body: JSON.stringify({ jql: "project = DEMO", fields: ["*all"], expand: "names,schema,renderedFields,changelog,transitions" }) })).status).toBe(200);
  });

  it("keeps Jira's error shape on malformed requests", async () => {
    expect((await raw("contract", "POST", "/rest/api/3/issue", { body: "{not json" })).status).toBe(400);
    expect((await raw("contract", "POST", "/rest/api/3/issue", { body: "[1,2]" })).status).toBe(400);
    expect((await raw("contract", "PUT", "/rest/api/3/issue/DEMO-1", { body: '{"fields": 7}' })).status).toBe(400);
    expect((await raw("contract", "POST", "/rest/api/3/issue/DEMO-1/comment", { body: JSON.stringify({ body: "plain text" }) })).status).toBe(400);
    expect((await raw("contract", "GET", "/rest/api/3/nothing-here")).status).toBe(404);
    expect((await raw("contract", "DELETE", "/rest/api/3/myself")).status).toBe(405);
    const xsrf = await raw("contract", "POST", "/rest/api/3/issue", { body: "a=b", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(xsrf.status).toBe(403);
  });

  it("catches a response that strays from the description", () => {
    const entry = (method: string, status: number, response: unknown): RequestLogEntry => ({ seq: 1, time: 0, method, httpMethod: method.split(" ")[0]!, path: "/", query: {}, body: undefined, status, response });
    expect(checkEntry(entry("GET /rest/api/3/serverInfo", 200, { baseUrl: "x", shoeSize: 9 }))).toBeDefined();
    expect(checkEntry(entry("GET /rest/api/3/project/search", 200, { values: [{ key: 7 }] }))).toBeDefined();
    expect(checkEntry(entry("GET /rest/api/3/issue/{issueIdOrKey}", 404, { message: "nope" }))).toBeDefined();
    expect(checkEntry(entry("GET /rest/api/3/issue/{issueIdOrKey}", 418, {}))).toBeDefined();
    expect(checkEntry(entry("GET /rest/api/3/serverInfo", 200, { baseUrl: "x", serverTime: "2026-01-01T00:00:01.000+0000" }))).toBeUndefined();
  });

  it("every response of the SDK suite and of these requests matches the description", () => {
    const twin = jiraSdkTwin();
    const entries = twin.tenants().flatMap((tenant) => tenant.log);
    expect(entries.length).toBeGreaterThan(100);
    const problems = entries.map(checkEntry).filter((problem) => problem !== undefined);
    expect(problems).toEqual([]);
    const templates = new Set(entries.filter((entry) => entry.status < 300 && entry.method.includes("/rest/api/3/")).map((entry) => entry.method));
    expect(templates.size).toBeGreaterThan(50);
    const validated = entries.filter((entry) => entry.status < 300 && entry.response !== undefined && validatorFor(entry.method.split(" ")[0]!, entry.method.split(" ")[1]!, entry.status));
    expect(validated.length).toBeGreaterThan(80);
  });
});
