/**
 * The Jira twin: Jira Cloud platform REST v3 (and the v2 wiki-markup variants jira.js falls back
 * to), served from `createTwin` tenants. `createJiraTwin({ seed, startTime, fetch })` gives a
 * `Twin` whose `fetch` answers `/rest/api/3/...` (or `/t/{tenant}/rest/api/3/...`).
 */
import { type Tenant, type Twin, type TwinContext, type TwinDefinition, type TwinOptions, createTwin } from "../kit/index.js";
import { authenticate, hasScopes, notAuthenticated, scopeMismatch } from "./auth.js";
import { invalidPayload, jiraError } from "./errors.js";
import { internalError, rateLimited, serverError, vendorRateLimit } from "./faults.js";
import { seedJira } from "./fixture.js";
import { COLLECTIONS, type CredentialRecord, type UserRecord, get, list, site } from "./model.js";
import type { Caller, JiraEvent, JiraRequest } from "./request.js";
import { ROUTES } from "./routes.js";
import { createRouter } from "./router.js";
import { DEFAULT_APP_EMAIL, initializeSite } from "./site.js";
import { dispatchEvents } from "./webhook-delivery.js";

export { JIRA_COVERAGE, JIRA_V2_COVERAGE, type CoverageEntry } from "./coverage.js";
export { seedJira } from "./fixture.js";
export { basicAuthorization, jiraCaller, type JiraCaller, type JiraCallResult } from "./caller.js";
export type { JiraEvent } from "./request.js";

const router = createRouter(ROUTES);

const ANONYMOUS: Caller = {
  user: { accountId: "", accountType: "atlassian", emailAddress: "", displayName: "Anonymous", active: true, timeZone: "Etc/UTC", locale: "en_US", groups: [] },
  credential: { token: "", kind: "bearer", accountId: "", app: false },
};

function methodOf(request: Request, path: string): string {
  const { route } = router.match(request.method, path);
  return route ? `${route.method} ${route.template}` : `${request.method} ${path}`;
}

function bodyProblem(context: TwinContext): Response | undefined {
  if (context.rawBody === "" && context.body === undefined) return undefined;
  const type = (context.request.headers.get("content-type") ?? "").toLowerCase();
  if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
    return new Response("XSRF check failed", { status: 403, headers: { "content-type": "text/plain;charset=UTF-8" } });
  }
  if (context.body === undefined || typeof context.body === "string") return invalidPayload();
  return undefined;
}

function handle(twin: Twin, context: TwinContext): Response {
  const { request, path, tenant } = context;
  const { route, params, otherMethods } = router.match(request.method, path);
  if (!route) {
    if (otherMethods.length > 0) return new Response(null, { status: 405, headers: { allow: [...new Set(otherMethods)].join(", ") } });
    return jiraError(404, [`null for uri: ${context.url.href}`]);
  }
  const auth = authenticate(tenant.state, request.headers.get("authorization"));
  if ("failure" in auth) return auth.failure;
  if ("anonymous" in auth && !route.anonymous) return notAuthenticated();
  const caller = "caller" in auth ? auth.caller : ANONYMOUS;
  if (!hasScopes(caller.credential, route.scopes)) return scopeMismatch();
  if (request.method === "POST" || request.method === "PUT" || request.method === "DELETE") {
    const problem = bodyProblem(context);
    if (problem) return problem;
  }
  const events: JiraEvent[] = [];
  const jiraRequest: JiraRequest = {
    tenant,
    url: context.url,
    baseUrl: context.baseUrl,
    httpMethod: request.method,
    params,
    query: context.url.searchParams,
    body: context.body,
    caller,
    apiVersion: path.startsWith("/rest/api/2/") ? 2 : 3,
    emit: (event) => events.push(event),
  };
  const response = route.handler(jiraRequest);
  dispatchEvents(twin, tenant, context.baseUrl, events);
  return response;
}

function describe(tenant: Tenant, baseUrl: string): { credentials: Record<string, string>; sdkOption: string } {
  const state = tenant.state;
  const admin = get<UserRecord>(state, COLLECTIONS.users, site(state).adminAccountId);
  const credentials = list<CredentialRecord>(state, COLLECTIONS.credentials);
  const apiToken = credentials.find((credential) => credential.kind === "api_token" && credential.accountId === admin?.accountId)?.token ?? "";
  const app = list<UserRecord>(state, COLLECTIONS.users).find((user) => user.emailAddress === DEFAULT_APP_EMAIL);
  const bearer = credentials.find((credential) => credential.kind === "bearer" && credential.accountId === app?.accountId)?.token;
  const email = admin?.emailAddress ?? "";
  return {
    credentials: { email, apiToken, ...(bearer ? { bearerToken: bearer } : {}) },
    sdkOption: `createCloudClient({ host: ${JSON.stringify(baseUrl)}, auth: { type: "basic", email: ${JSON.stringify(email)}, apiToken: ${JSON.stringify(apiToken)} } })`,
  };
}

export function createJiraTwin(options: TwinOptions = {}): Twin {
  const twin: Twin = createTwin(
    {
      name: "jira",
      methodOf,
      handle: (context) => handle(twin, context),
      rateLimited,
      serverError,
      internalError,
      vendorRateLimit,
      initialize: initializeSite,
      seed: seedJira,
      describe,
    } satisfies TwinDefinition,
    options,
  );
  return twin;
}
