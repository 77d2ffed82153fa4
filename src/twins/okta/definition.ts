/**
 * The Okta twin's TwinDefinition: routing (`/api/v1/...` Management API, `/oauth2/...` and
 * `/.well-known/...` authorization servers), Management API authentication (`SSWS <token>` or a
 * `Bearer` access token from the org authorization server, with its `okta.*` scopes), and the
 * headers every answer carries (`X-Rate-Limit-*`, `Date` from the virtual clock, `X-Okta-Request-Id`).
 */
import type { Tenant, TwinContext, TwinDefinition } from "../kit/index.js";
import { ORG_SERVER } from "./authorization-servers.js";
import { forbidden, invalidToken, malformedBody, methodNotAllowed, oauthError, oktaError } from "./errors.js";
import { dateHeader, internalError, rateLimitHeaders, rateLimited, serverError, vendorRateLimit } from "./faults.js";
import { seedOkta } from "./fixture.js";
import { type ApiTokenRecord, COLLECTIONS, type UserRecord, get, randomText } from "./model.js";
import { initializeOrg, oktaCredentials } from "./org.js";
import type { Caller, OktaRequest } from "./request.js";
import { MANAGEMENT_ROUTES, OAUTH_ROUTES } from "./routes.js";
import { type Route, createRouter } from "./router.js";
import { checkAccessToken } from "./tokens.js";

const management = createRouter(MANAGEMENT_ROUTES);
const oauth = createRouter(OAUTH_ROUTES);

const isManagement = (path: string) => path === "/api/v1" || path.startsWith("/api/v1/");

function methodOf(request: Request, path: string): string {
  const { route } = (isManagement(path) ? management : oauth).match(request.method, path);
  return route ? `${route.method} ${route.template}` : `${request.method} ${path}`;
}

/** The caller of a Management API route, or Okta's 401/403. */
function authenticate(context: TwinContext, route: Route, headers: Record<string, string>): Caller | Response {
  const { tenant } = context;
  const header = context.request.headers.get("authorization") ?? "";
  const ssws = /^SSWS\s+(\S+)$/i.exec(header);
  if (ssws) {
    const token = get<ApiTokenRecord>(tenant.state, COLLECTIONS.apiTokens, ssws[1]!);
    const user = token ? get<UserRecord>(tenant.state, COLLECTIONS.users, token.userId) : undefined;
    if (!user || user.status !== "ACTIVE") return invalidToken(tenant);
    return { kind: "ssws", user, scopes: [] };
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (!bearer) return invalidToken(tenant);
  const checked = checkAccessToken(tenant, context.baseUrl, bearer[1]!, ORG_SERVER);
  if ("error" in checked) return invalidToken(tenant);
  const scopes = Array.isArray(checked.claims["scp"]) ? (checked.claims["scp"] as string[]) : [];
  const needed = route.scopes ?? [];
  if (needed.length > 0 && !needed.some((scope) => scopes.includes(scope))) {
    const challenge = `Bearer authorization_uri="${context.baseUrl}/oauth2/v1/authorize", realm="IdpError", scope="${needed.join(" ")}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="${context.path}"`;
    return forbidden(tenant, { ...headers, "www-authenticate": challenge });
  }
  const user = typeof checked.claims["uid"] === "string" ? get<UserRecord>(tenant.state, COLLECTIONS.users, checked.claims["uid"]) : undefined;
  return { kind: "oauth", ...(user ? { user } : {}), scopes };
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) if (!response.headers.has(name)) response.headers.set(name, value);
  return response;
}

function handle(context: TwinContext): Response {
  const { tenant, request, path } = context;
  const managementPath = isManagement(path);
  const { route, params, otherMethods } = (managementPath ? management : oauth).match(request.method, path);
  const headers: Record<string, string> = { date: dateHeader(tenant), "x-okta-request-id": randomText(tenant, 27), ...rateLimitHeaders(tenant, context.method) };
  if (!route) {
    if (otherMethods.length > 0) return withHeaders(methodNotAllowed(tenant, [...new Set(otherMethods)]), headers);
    if (managementPath) return withHeaders(oktaError(tenant, 404, "E0000007", `Not found: Resource not found: ${path} (HttpEndpoint)`), headers);
    return withHeaders(oauthError(404, "not_found", `No resource at ${path}.`), headers);
  }
  const oktaRequest: OktaRequest = { tenant, url: context.url, baseUrl: context.baseUrl, httpMethod: request.method, params, query: context.url.searchParams, body: context.body, rawBody: context.rawBody, headers: request.headers, headersOut: headers };
  if (managementPath) {
    const caller = authenticate(context, route, headers);
    if (caller instanceof Response) return withHeaders(caller, headers);
    oktaRequest.caller = caller;
    const declaresJson = (request.headers.get("content-type") ?? "").toLowerCase().includes("json");
    if (context.rawBody.trim() !== "" && (request.method === "POST" || request.method === "PUT") && (declaresJson || context.body === undefined) && (typeof context.body !== "object" || context.body === null || Array.isArray(context.body))) {
      return withHeaders(malformedBody(tenant), headers);
    }
  }
  return withHeaders(route.handler(oktaRequest), headers);
}

function describe(tenant: Tenant, baseUrl: string): { credentials: Record<string, string>; sdkOption: string } {
  const { orgUrl, token, adminLogin } = oktaCredentials(tenant, baseUrl);
  return {
    credentials: { orgUrl, token, adminLogin, issuer: `${baseUrl}/oauth2/default` },
    sdkOption: `new okta.Client({ orgUrl: ${JSON.stringify(orgUrl)}, token: ${JSON.stringify(token)} })`,
  };
}

export function createOktaDefinition(): TwinDefinition {
  return {
    name: "okta",
    methodOf,
    handle,
    rateLimited,
    serverError,
    internalError,
    vendorRateLimit,
    initialize: initializeOrg,
    seed: seedOkta,
    describe,
  };
}
