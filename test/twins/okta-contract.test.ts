/**
 * Every response the Okta twin gave in the SDK suite and the OIDC suite (both replayed here) is
 * checked with ajv against Okta's OpenAPI descriptions, `vendor/apis/okta/management-minimal.yaml`
 * and `oauth-minimal.yaml`: the operation must be described, its status documented, and a JSON
 * body must match the status's schema; errors must have Okta's full error shape (Management API)
 * or the OAuth error shape (`/oauth2`). Where the description is silent, the reason is given below.
 */
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import formats from "ajv-formats";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { RequestLogEntry } from "../../src/twins/kit/index.js";
import { oktaCredentials } from "../../src/twins/okta/index.js";
import { oktaOidcTwin } from "./okta-oidc.test.js";
import { oktaSdkTwin } from "./okta-sdk.test.js";

// ajv-formats is CommonJS: under NodeNext its default import is the module, with `default` inside.
const addFormats = ((formats as unknown as { default?: unknown }).default ?? formats) as unknown as (instance: Ajv) => Ajv;

interface Operation {
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }>;
}
interface Description {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
}

const load = (name: string) => parse(readFileSync(new URL(`../../vendor/apis/okta/${name}`, import.meta.url), "utf8"), { maxAliasCount: -1 }) as Description;
const DESCRIPTIONS = { management: load("management-minimal.yaml"), oauth: load("oauth-minimal.yaml") };

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const format of ["int32", "int64", "double", "float", "password", "binary", "byte"]) ajv.addFormat(format, true);
for (const [id, description] of Object.entries(DESCRIPTIONS)) ajv.addSchema({ $id: id, components: { schemas: description.components.schemas } });

/**
 * Statuses the descriptions leave out, each answered by the real service:
 * - `/authorize` and `/logout` redirect (302); the description omits the redirect on purpose
 *   ("Example responses are intentionally omitted").
 * - 400/401 answers of `/token`, `/introspect`, `/revoke` on the custom-server paths and 404 for
 *   an unknown authorization server are OAuth errors the description lists only in part.
 */
const UNDOCUMENTED_OK = [/^GET \/oauth2\/(\{authorizationServerId\}\/)?v1\/(authorize|logout) 302$/];

/**
 * Operations the service answers under a path the description does not list, checked against the
 * description of the same operation elsewhere: the org server's OAuth 2.0 metadata
 * (`/.well-known/oauth-authorization-server`, documented by Okta's guides, not by the OpenAPI file)
 * is the custom servers' document.
 */
const ALIASES: Record<string, string> = { "GET /.well-known/oauth-authorization-server": "GET /oauth2/{authorizationServerId}/.well-known/oauth-authorization-server" };

const compiled = new Map<string, ValidateFunction | undefined>();

function descriptionOf(template: string): [keyof typeof DESCRIPTIONS, Description] {
  return template.startsWith("/api/") ? ["management", DESCRIPTIONS.management] : ["oauth", DESCRIPTIONS.oauth];
}

/** The validator for an operation's response, or undefined when the description gives no JSON schema. */
function validatorFor(method: string, template: string, status: number): ValidateFunction | undefined {
  const key = `${method} ${template} ${status}`;
  if (compiled.has(key)) return compiled.get(key);
  const [id, description] = descriptionOf(template);
  let response = description.paths[template]?.[method.toLowerCase()]?.responses[String(status)];
  if (response?.$ref) response = description.components.responses?.[response.$ref.split("/").at(-1)!];
  const schema = response?.content?.["application/json"]?.schema;
  let validate: ValidateFunction | undefined;
  if (schema && Object.keys(schema).length > 0) validate = ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, `"${id}#/components/`)) as object);
  compiled.set(key, validate);
  return validate;
}

const oktaErrorShape = ajv.compile({
  type: "object",
  required: ["errorCode", "errorSummary", "errorLink", "errorId", "errorCauses"],
  additionalProperties: false,
  properties: { errorCode: { type: "string", pattern: "^E\\d{7}$" }, errorSummary: { type: "string" }, errorLink: { type: "string" }, errorId: { type: "string" }, errorCauses: { type: "array", items: { type: "object", required: ["errorSummary"], properties: { errorSummary: { type: "string" } } } } },
});
const oauthErrorShape = ajv.compile({ type: "object", required: ["error", "error_description"], additionalProperties: false, properties: { error: { type: "string" }, error_description: { type: "string" } } });

export interface ContractProblem {
  request: string;
  status: number;
  problems: string;
}

/** The problems of one logged response against the descriptions. */
export function checkEntry(entry: RequestLogEntry): ContractProblem | undefined {
  const [method = "", template = ""] = (ALIASES[entry.method] ?? entry.method).split(" ");
  const request = `${entry.httpMethod} ${entry.path}`;
  if (entry.status >= 400) {
    if (entry.response === undefined) return undefined;
    const shape = template.startsWith("/api/") || entry.status === 429 ? oktaErrorShape : oauthErrorShape;
    return shape(entry.response) ? undefined : { request, status: entry.status, problems: ajv.errorsText(shape.errors) };
  }
  const [, description] = descriptionOf(template);
  const operation = description.paths[template]?.[method.toLowerCase()];
  if (!operation) return { request, status: entry.status, problems: `${method} ${template} is not in the description` };
  if (!operation.responses[String(entry.status)] && !UNDOCUMENTED_OK.some((pattern) => pattern.test(`${entry.method} ${entry.status}`))) return { request, status: entry.status, problems: `status ${entry.status} is not a documented response` };
  const validate = validatorFor(method, template, entry.status);
  if (!validate || entry.response === undefined) return undefined;
  return validate(entry.response) ? undefined : { request, status: entry.status, problems: ajv.errorsText(validate.errors, { separator: "\n" }) };
}

/** A request to the SDK suite's twin, in process, as the admin (or with other headers). */
async function raw(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  const twin = oktaSdkTwin();
  const tenant = twin.tenant("contract");
  const { token } = oktaCredentials(tenant, "http://okta.test/t/contract");
  const headers = { authorization: `SSWS ${token}`, "content-type": "application/json", ...init.headers };
  return twin.fetch(new Request(`http://okta.test/t/contract${path}`, { method, headers, redirect: "manual", ...(init.body !== undefined ? { body: init.body } : {}) }));
}

const formHeaders = (authorization: string) => ({ "content-type": "application/x-www-form-urlencoded", authorization });

describe("Okta twin responses against Okta's descriptions", () => {
  it("answers a scripted session over the rest of the surface", async () => {
    const json = async (response: Promise<Response>) => (await (await response).json()) as Record<string, unknown>;
    const user = await json(raw("POST", "/api/v1/users?activate=false", { body: JSON.stringify({ profile: { firstName: "Ann", lastName: "Lee", email: "ann@example.com", login: "ann@example.com" }, credentials: { password: { value: "Blue-Sky-42" } } }) }));
    const userId = String(user["id"]);
    expect(user["status"]).toBe("STAGED");
    expect((await raw("POST", `/api/v1/users/${userId}/lifecycle/activate?sendEmail=false`)).status).toBe(200);
    expect((await json(raw("POST", `/api/v1/users/${userId}/lifecycle/expire_password`)))["status"]).toBe("PASSWORD_EXPIRED");
    expect((await raw("POST", `/api/v1/users/${userId}/lifecycle/reactivate`)).status).toBe(403);
    const provisioned = await json(raw("POST", "/api/v1/users", { body: JSON.stringify({ profile: { firstName: "Pro", lastName: "Vision", email: "pro@example.com", login: "pro@example.com" } }) }));
    expect((await json(raw("POST", `/api/v1/users/${String(provisioned["id"])}/lifecycle/reactivate?sendEmail=false`)))["activationToken"]).toBeDefined();
    const group = await json(raw("POST", "/api/v1/groups", { body: JSON.stringify({ profile: { name: "Contract" } }) }));
    const groupId = String(group["id"]);
    expect((await raw("GET", `/api/v1/groups/${groupId}`)).status).toBe(200);
    const app = await json(raw("POST", "/api/v1/apps", { body: JSON.stringify({ name: "oidc_client", label: "Contract App", signOnMode: "OPENID_CONNECT", settings: { oauthClient: { redirect_uris: ["https://rp.example.com/cb"], grant_types: ["authorization_code", "refresh_token"], application_type: "web" } } }) }));
    const appId = String(app["id"]);
    const secret = String((app["credentials"] as { oauthClient: { client_secret: string } }).oauthClient.client_secret);
    expect((await raw("GET", `/api/v1/apps/${appId}`)).status).toBe(200);
    expect((await raw("PUT", `/api/v1/apps/${appId}`, { body: JSON.stringify({ label: "Contract App 2", settings: { oauthClient: { redirect_uris: ["https://rp.example.com/cb"] } } }) })).status).toBe(200);
    expect((await raw("POST", `/api/v1/apps/${appId}/lifecycle/deactivate`)).status).toBe(200);
    expect((await raw("POST", `/api/v1/apps/${appId}/lifecycle/activate`)).status).toBe(200);
    expect((await raw("PUT", `/api/v1/apps/${appId}/groups/${groupId}`, { body: "{}" })).status).toBe(200);
    expect((await raw("GET", `/api/v1/apps/${appId}/groups/${groupId}`)).status).toBe(200);
    expect((await raw("PUT", `/api/v1/groups/${groupId}/users/${userId}`)).status).toBe(204);
    expect((await json(raw("POST", `/api/v1/users/${userId}`, { body: JSON.stringify({ credentials: { password: { value: "Fresh-Start-77" } } }) })))["passwordChanged"]).toBeDefined();
    await raw("POST", `/api/v1/users/${userId}/lifecycle/reset_password?sendEmail=true`);
    // The org server: discovery, keys, a code flow for Ann (who is RECOVERY now, so refused), then as the admin.
    expect((await raw("GET", "/.well-known/oauth-authorization-server")).status).toBe(200);
    expect((await raw("GET", "/oauth2/v1/keys")).status).toBe(200);
    const adminId = String((await json(raw("GET", "/api/v1/users/me")))["id"]);
    expect((await raw("PUT", `/api/v1/groups/${groupId}/users/${adminId}`)).status).toBe(204);
    const query = new URLSearchParams({ client_id: appId, response_type: "code", redirect_uri: "https://rp.example.com/cb", scope: "openid email okta.users.read", state: "s", login_hint: "admin@example.com" });
    const refused = await raw("GET", `/oauth2/v1/authorize?${new URLSearchParams({ ...Object.fromEntries(query), login_hint: "ann@example.com" })}`);
    expect(new URL(refused.headers.get("location")!).searchParams.get("error")).toBe("access_denied");
    const redirect = await raw("GET", `/oauth2/v1/authorize?${query}`);
    const code = new URL(redirect.headers.get("location")!).searchParams.get("code")!;
    const basic = `Basic ${Buffer.from(`${appId}:${secret}`).toString("base64")}`;
    const tokens = await json(raw("POST", "/oauth2/v1/token", { body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: "https://rp.example.com/cb" }).toString(), headers: formHeaders(basic) }));
    const access = String(tokens["access_token"]);
    expect((await raw("GET", "/oauth2/v1/userinfo", { headers: { authorization: `Bearer ${access}` } })).status).toBe(200);
    expect((await raw("GET", "/api/v1/users?limit=1", { headers: { authorization: `Bearer ${access}` } })).status).toBe(200);
    expect((await raw("DELETE", `/api/v1/groups/${groupId}`, { headers: { authorization: `Bearer ${access}` } })).status).toBe(403);
    expect((await raw("POST", "/oauth2/v1/introspect", { body: `token=${access}`, headers: formHeaders(basic) })).status).toBe(200);
    expect((await raw("POST", "/oauth2/v1/revoke", { body: `token=${access}`, headers: formHeaders(basic) })).status).toBe(200);
    expect((await raw("GET", "/api/v1/users", { headers: { authorization: `Bearer ${access}` } })).status).toBe(401);
    expect((await raw("GET", "/oauth2/v1/logout?post_logout_redirect_uri=https%3A%2F%2Frp.example.com%2Fbye&state=s")).status).toBe(302);
    expect((await raw("POST", "/oauth2/v1/token", { body: "grant_type=password", headers: formHeaders(basic) })).status).toBe(400);
    expect((await raw("POST", "/oauth2/v1/token", { body: "{}" })).status).toBe(400);
    // Malformed and misdirected requests keep Okta's error shape.
    expect((await raw("POST", "/api/v1/users", { body: "{not json" })).status).toBe(400);
    expect((await raw("PATCH", "/api/v1/users")).status).toBe(405);
    expect((await raw("GET", "/api/v1/nothing-here")).status).toBe(404);
    expect((await raw("GET", "/api/v1/users", { headers: { authorization: "" } })).status).toBe(401);
    expect((await raw("GET", "/api/v1/apps?filter=name%20eq%20%22x%22")).status).toBe(400);
    expect((await raw("GET", "/api/v1/apps?filter=status%20eq%20%22ACTIVE%22")).status).toBe(200);
  });

  it("catches a response that strays from the description", () => {
    const entry = (method: string, status: number, response: unknown): RequestLogEntry => ({ seq: 1, time: 0, method, httpMethod: method.split(" ")[0]!, path: "/", query: {}, body: undefined, status, response });
    expect(checkEntry(entry("GET /api/v1/users/{id}", 200, { id: 7, status: "ACTIVE" }))).toBeDefined();
    expect(checkEntry(entry("GET /api/v1/users/{id}", 200, { id: "00u1", status: "SLEEPING" }))).toBeDefined();
    expect(checkEntry(entry("GET /api/v1/users/{id}", 404, { message: "nope" }))).toBeDefined();
    expect(checkEntry(entry("POST /oauth2/v1/token", 400, { errorCode: "E0000001" }))).toBeDefined();
    expect(checkEntry(entry("GET /api/v1/users/{id}", 418, {}))).toBeDefined();
    expect(checkEntry(entry("GET /api/v1/nothing", 200, {}))).toBeDefined();
    expect(checkEntry(entry("GET /oauth2/{authorizationServerId}/v1/keys", 200, { keys: [{ kty: "RSA", alg: "RS256", kid: "k", use: "sig", e: "AQAB", n: "xyz" }] }))).toBeUndefined();
  });

  it("every response of the SDK and OIDC suites matches the descriptions", () => {
    const entries = [oktaSdkTwin(), oktaOidcTwin()].flatMap((twin) => twin.tenants().flatMap((tenant) => tenant.log));
    expect(entries.length).toBeGreaterThan(120);
    const problems = entries.map(checkEntry).filter((problem) => problem !== undefined);
    expect(problems).toEqual([]);
    const templates = new Set(entries.filter((entry) => entry.status < 300).map((entry) => entry.method));
    expect(templates.size).toBeGreaterThan(45);
    const validated = entries.filter((entry) => entry.status < 300 && entry.response !== undefined && !ALIASES[entry.method] && validatorFor(entry.method.split(" ")[0]!, entry.method.split(" ")[1]!, entry.status));
    expect(validated.length).toBeGreaterThan(100);
  });
});
