/**
 * A `twin` step: a person (or the app's own identity) calls a twin's API, so the twin raises the
 * events and webhooks the app under test listens to. Slack `call: chat.postMessage` becomes
 * `POST <base>/api/chat.postMessage` with a JSON body and the tenant's user token (`as: user`,
 * the default) or bot token (`as: bot`); success is `ok: true`. Jira `call: "POST /rest/api/3/issue"`
 * becomes that request with the site admin's Basic credentials (`as: admin`, the default) or the
 * OAuth app's bearer token (`as: app`); success is a 2xx. Requests go through `twin.fetch` in
 * process, on URLs of the served origin, so URLs in the answers are the ones the app sees.
 */
import { DroppedConnectionError, type RequestLogEntry, type Tenant, type Twin } from "../../twins/index.js";
import type { Attribution, Matcher } from "../model.js";
import { raceAbort } from "./abort.js";
import type { TwinEndpoint } from "./environment.js";

export interface TwinCallPlan {
  twin: string;
  /** The vendor method as the twin logs it: `chat.postMessage`, `POST /rest/api/3/issue`. */
  method: string;
  httpMethod: string;
  /** The path below the tenant prefix, as in the request log. */
  path: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** `as` after defaults: which credential was used (never the credential itself). */
  as: string;
  /** The vendor's notion of success when the step sets no `expect_status`. */
  succeeded(status: number, body: unknown): boolean;
}

/** `{status, headers, body}`: what `response.*` capture paths and `{step}` queries read. */
export interface TwinCallOutcome {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type TwinCallResult = { ok: true; outcome: TwinCallOutcome } | { ok: false; outcome?: TwinCallOutcome; error: string; attribution: Attribution };

const SLACK_METHOD = /^[A-Za-z]+(\.[A-Za-z]+)+$/;
const HTTP_CALL = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/;

function credential(endpoint: TwinEndpoint, name: string, as: string): string {
  const value = endpoint.credentials[name];
  if (!value) throw new Error(`as: ${as}: the ${endpoint.name} tenant has no ${name}`);
  return value;
}

function jsonBody(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  return typeof body === "string" ? body : JSON.stringify(body);
}

/** Turns a step into a request; throws with a precise message for a call or `as` the twin does not take. */
export function planTwinCall(endpoint: TwinEndpoint, call: string, as: string | undefined, body: unknown): TwinCallPlan {
  const twin = endpoint.name;
  if (twin === "slack") {
    if (!SLACK_METHOD.test(call)) throw new Error(`call: expected a Slack Web API method like chat.postMessage, got "${call}"`);
    const who = as ?? "user";
    if (who !== "user" && who !== "bot") throw new Error(`as: expected "user" or "bot" for the slack twin, got "${who}"`);
    const token = credential(endpoint, who === "user" ? "userToken" : "botToken", who);
    const path = `/api/${call}`;
    return {
      twin,
      method: call,
      httpMethod: "POST",
      path,
      url: `${endpoint.baseUrl}${path}`,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json; charset=utf-8" },
      body: jsonBody(body ?? {}),
      as: who,
      succeeded: (status, answer) => status >= 200 && status < 300 && (answer as { ok?: unknown } | undefined)?.ok === true,
    };
  }
  const match = HTTP_CALL.exec(call);
  if (!match) throw new Error(`call: expected "<METHOD> /path" for the ${twin} twin, e.g. "POST /rest/api/3/issue", got "${call}"`);
  const httpMethod = match[1]!;
  const path = match[2]!;
  const headers: Record<string, string> = { accept: "application/json" };
  let who = as ?? "";
  if (twin === "jira") {
    who = as ?? "admin";
    if (who === "admin") headers["authorization"] = `Basic ${Buffer.from(`${credential(endpoint, "email", who)}:${credential(endpoint, "apiToken", who)}`).toString("base64")}`;
    else if (who === "app") headers["authorization"] = `Bearer ${credential(endpoint, "bearerToken", who)}`;
    else throw new Error(`as: expected "admin" or "app" for the jira twin, got "${who}"`);
  } else if (as !== undefined) {
    throw new Error(`as: the ${twin} twin takes no "as"`);
  }
  const hasBody = body !== undefined && httpMethod !== "GET";
  if (hasBody) headers["content-type"] = "application/json";
  return {
    twin,
    method: call,
    httpMethod,
    path,
    url: `${endpoint.baseUrl}${path}`,
    headers,
    ...(hasBody ? { body: jsonBody(body) } : {}),
    as: who,
    succeeded: (status) => status >= 200 && status < 300,
  };
}

async function readAnswer(response: Response): Promise<TwinCallOutcome> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  const text = await response.text();
  let body: unknown = text === "" ? undefined : text;
  try {
    if (text !== "") body = JSON.parse(text) as unknown;
  } catch {
    // Not JSON (Jira's plain-text 401): kept as text.
  }
  return { status: response.status, headers, body };
}

function describeRefusal(plan: TwinCallPlan, outcome: TwinCallOutcome): string {
  const answer = outcome.body as { ok?: unknown; error?: unknown; errorMessages?: unknown; errors?: unknown } | undefined;
  if (plan.twin === "slack" && typeof answer === "object" && answer !== null) return `ok: ${String(answer.ok)}, error: ${String(answer.error)} (HTTP ${outcome.status})`;
  const text = JSON.stringify(outcome.body) ?? "no body";
  return `HTTP ${outcome.status}: ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
}

/** The log entry this call produced (the app may be calling the same tenant meanwhile). */
function entryOfCall(tenant: Tenant, plan: TwinCallPlan, afterSeq: number): RequestLogEntry | undefined {
  return tenant.log.find((entry) => entry.seq > afterSeq && entry.path === plan.path && entry.httpMethod === plan.httpMethod);
}

export interface CallTwinOptions {
  twin: Twin;
  tenant: Tenant;
  plan: TwinCallPlan;
  expectStatus?: Matcher;
  /** How `expect_status` is matched (the expectations module's matcher). */
  matchStatus: (matcher: Matcher, status: number) => boolean;
  signal: AbortSignal;
}

/**
 * Sends the call and judges the answer: a refusal is the scenario's problem (infrastructure),
 * except a 5xx the fault profile did not inject, which is the twin's.
 */
export async function callTwin({ twin, tenant, plan, expectStatus, matchStatus, signal }: CallTwinOptions): Promise<TwinCallResult> {
  const lastSeq = tenant.log.at(-1)?.seq ?? 0;
  const request = new Request(plan.url, { method: plan.httpMethod, headers: plan.headers, ...(plan.body !== undefined ? { body: plan.body } : {}) });
  let outcome: TwinCallOutcome;
  try {
    outcome = await raceAbort(twin.fetch(request).then(readAnswer), signal);
  } catch (error) {
    if (error instanceof DroppedConnectionError) return { ok: false, error: `the ${plan.twin} twin dropped the connection of ${plan.method} (an injected fault)`, attribution: "infrastructure" };
    throw error;
  }
  const passed = expectStatus !== undefined ? matchStatus(expectStatus, outcome.status) : plan.succeeded(outcome.status, outcome.body);
  if (passed) return { ok: true, outcome };
  const fault = entryOfCall(tenant, plan, lastSeq)?.fault;
  if (outcome.status >= 500 && fault === undefined) {
    return { ok: false, outcome, error: `the ${plan.twin} twin failed ${plan.method} with no injected fault: ${describeRefusal(plan, outcome)}`, attribution: "twin" };
  }
  const expected = expectStatus !== undefined ? `, expected status ${JSON.stringify(expectStatus)}` : "";
  const injected = fault ? ` (injected fault: ${fault})` : "";
  return { ok: false, outcome, error: `the ${plan.twin} twin refused ${plan.method} as ${plan.as || "anonymous"}: ${describeRefusal(plan, outcome)}${expected}${injected}`, attribution: "infrastructure" };
}
