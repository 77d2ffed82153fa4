/**
 * Dynamic webhooks for apps (`POST|GET|DELETE /rest/api/3/webhook`, `PUT /webhook/refresh`):
 * only an OAuth 2.0 app's bearer token may call them; each webhook has events, a JQL filter and
 * an expiry 30 days out that refresh extends. Deliveries are in `webhook-delivery.ts`.
 */
import { deleteRecord } from "../kit/index.js";
import { jiraError, isObject, json } from "./errors.js";
import { COLLECTIONS, type WebhookRecord, get, list, put } from "./model.js";
import { type JiraRequest, pageBean, queryInt } from "./request.js";
import { compileSearch } from "./search.js";

export const WEBHOOK_EVENTS = ["jira:issue_created", "jira:issue_updated", "jira:issue_deleted", "comment_created", "comment_updated", "comment_deleted", "issue_property_set", "issue_property_deleted"];
export const WEBHOOK_LIFETIME_MS = 30 * 24 * 3600 * 1000;

function forbiddenUnlessApp(request: JiraRequest): Response | undefined {
  const { credential } = request.caller;
  return credential.kind === "bearer" && credential.app ? undefined : jiraError(403, ["Only Connect and OAuth 2.0 apps can use this operation."]);
}

function ownWebhooks(request: JiraRequest): WebhookRecord[] {
  return list<WebhookRecord>(request.tenant.state, COLLECTIONS.webhooks).filter((webhook) => webhook.owner === request.caller.credential.token);
}

function readIds(body: unknown): number[] | undefined {
  if (!isObject(body) || !Array.isArray(body["webhookIds"]) || !body["webhookIds"].every((id) => Number.isInteger(id))) return undefined;
  return body["webhookIds"] as number[];
}

export function registerWebhooks(request: JiraRequest): Response {
  const denied = forbiddenUnlessApp(request);
  if (denied) return denied;
  const { tenant } = request;
  const body = request.body;
  if (!isObject(body) || typeof body["url"] !== "string" || !Array.isArray(body["webhooks"])) return jiraError(400, ["Invalid request payload. Refer to the REST API documentation and try again."]);
  const url = body["url"];
  try {
    new URL(url);
  } catch {
    return jiraError(400, [`The URL '${url}' is invalid.`]);
  }
  const results = body["webhooks"].map((details: unknown) => {
    if (!isObject(details)) return { errors: ["The webhook details are invalid."] };
    const events = details["events"];
    const jqlFilter = details["jqlFilter"];
    const fieldIdsFilter = details["fieldIdsFilter"];
    const errors: string[] = [];
    if (!Array.isArray(events) || events.length === 0) errors.push("At least one event must be specified.");
    else for (const event of events) if (typeof event !== "string" || !WEBHOOK_EVENTS.includes(event)) errors.push(`The event '${String(event)}' is not supported.`);
    if (typeof jqlFilter !== "string" || jqlFilter.trim() === "") errors.push("The JQL filter must be specified.");
    else {
      const compiled = compileSearch(tenant.state, jqlFilter, undefined, tenant.now());
      if ("problems" in compiled) errors.push(...compiled.problems.map((problem) => `The JQL filter is invalid: ${problem}`));
    }
    if (fieldIdsFilter !== undefined && !(Array.isArray(fieldIdsFilter) && fieldIdsFilter.every((id) => typeof id === "string"))) errors.push("The field ID filter must be a list of field IDs.");
    if (errors.length > 0) return { errors };
    const webhook: WebhookRecord = {
      id: tenant.nextCounter("webhook"),
      owner: request.caller.credential.token,
      url,
      events: events as string[],
      jqlFilter: jqlFilter as string,
      ...(fieldIdsFilter ? { fieldIdsFilter: fieldIdsFilter as string[] } : {}),
      expirationDate: tenant.now() + WEBHOOK_LIFETIME_MS,
    };
    put(tenant, COLLECTIONS.webhooks, String(webhook.id), webhook);
    return { createdWebhookId: webhook.id };
  });
  return json({ webhookRegistrationResult: results });
}

export function listWebhooks(request: JiraRequest): Response {
  const denied = forbiddenUnlessApp(request);
  if (denied) return denied;
  const startAt = queryInt(request.query, "startAt", 0);
  const maxResults = Math.min(100, queryInt(request.query, "maxResults", 100));
  return json(
    pageBean(`${request.baseUrl}/rest/api/3/webhook`, ownWebhooks(request), startAt, maxResults, (webhook) => ({
      id: webhook.id,
      jqlFilter: webhook.jqlFilter,
      ...(webhook.fieldIdsFilter ? { fieldIdsFilter: webhook.fieldIdsFilter } : {}),
      events: webhook.events,
      expirationDate: webhook.expirationDate,
      url: webhook.url,
    })),
  );
}

export function deleteWebhooks(request: JiraRequest): Response {
  const denied = forbiddenUnlessApp(request);
  if (denied) return denied;
  const ids = readIds(request.body);
  if (!ids) return jiraError(400, ["The list of webhook IDs must be provided."]);
  const own = new Set(ownWebhooks(request).map((webhook) => webhook.id));
  request.tenant.update((state) => {
    let next = state;
    for (const id of ids) if (own.has(id)) next = deleteRecord(next, COLLECTIONS.webhooks, String(id));
    return next;
  });
  return new Response(null, { status: 202 });
}

export function refreshWebhooks(request: JiraRequest): Response {
  const denied = forbiddenUnlessApp(request);
  if (denied) return denied;
  const ids = readIds(request.body);
  if (!ids) return jiraError(400, ["The list of webhook IDs must be provided."]);
  const { tenant } = request;
  const expirationDate = tenant.now() + WEBHOOK_LIFETIME_MS;
  for (const id of ids) {
    const webhook = get<WebhookRecord>(tenant.state, COLLECTIONS.webhooks, String(id));
    if (webhook && webhook.owner === request.caller.credential.token) put(tenant, COLLECTIONS.webhooks, String(id), { ...webhook, expirationDate });
  }
  return json({ expirationDate });
}
