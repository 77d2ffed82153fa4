/**
 * Webhook deliveries: after a request, each event it raised is sent to every registered dynamic
 * webhook (apps) and every webhook in the tenant config (`{"webhooks": [{url, events, jqlFilter?,
 * secret?}]}`, as an admin registers them in Jira's settings) whose events and JQL filter match,
 * with Jira's payload: `timestamp`, `webhookEvent`, `issue_event_type_name`, `user`, `issue`,
 * `changelog`, `comment` (and `matchedWebhookIds` for dynamic ones). A config webhook with a
 * secret is signed as Jira signs them: `X-Hub-Signature: sha256=<hmac of the body>`.
 */
import { createHmac } from "node:crypto";
import { type Tenant, type Twin, deliver } from "../kit/index.js";
import { isObject } from "./errors.js";
import { commentJson, issueFieldValues } from "./issue-view.js";
import { COLLECTIONS, type ProjectRecord, type WebhookRecord, findUser, get, list } from "./model.js";
import type { JiraEvent } from "./request.js";
import { compileSearch } from "./search.js";
import { userDetails } from "./views.js";

export interface ConfigWebhook {
  url: string;
  events: string[];
  jqlFilter?: string;
  secret?: string;
}

/** The webhooks of `tenant.config.webhooks` that are well formed (others are ignored). */
export function configWebhooks(config: Record<string, unknown>): ConfigWebhook[] {
  const raw = config["webhooks"];
  if (!Array.isArray(raw)) return [];
  return raw.filter((item): item is ConfigWebhook => isObject(item) && typeof item["url"] === "string" && Array.isArray(item["events"]) && item["events"].every((event) => typeof event === "string") && (item["jqlFilter"] === undefined || typeof item["jqlFilter"] === "string") && (item["secret"] === undefined || typeof item["secret"] === "string"));
}

const SUMMARY_FIELDS = ["summary", "issuetype", "project", "assignee", "priority", "status"];

/** The JSON body Jira posts for an event. */
export function webhookPayload(tenant: Tenant, baseUrl: string, event: JiraEvent): Record<string, unknown> {
  const state = tenant.state;
  const allValues = issueFieldValues(state, baseUrl, event.issue);
  const isCommentEvent = event.webhookEvent.startsWith("comment_");
  const fields = isCommentEvent ? Object.fromEntries(SUMMARY_FIELDS.map((id) => [id, allValues[id] ?? null])) : allValues;
  const actor = findUser(state, event.actorId);
  const payload: Record<string, unknown> = { timestamp: tenant.now(), webhookEvent: event.webhookEvent };
  if (event.eventType) payload["issue_event_type_name"] = event.eventType;
  if (!isCommentEvent && actor) payload["user"] = userDetails(baseUrl, actor);
  payload["issue"] = { id: event.issue.id, self: `${baseUrl}/rest/api/3/issue/${event.issue.id}`, key: event.issue.key, fields };
  if (event.changelog) payload["changelog"] = { id: event.changelog.id, items: event.changelog.items };
  if (event.comment) payload["comment"] = commentJson(state, baseUrl, event.comment);
  return payload;
}

function matchesJql(tenant: Tenant, jql: string | undefined, event: JiraEvent): boolean {
  if (!jql || jql.trim() === "") return true;
  const search = compileSearch(tenant.state, jql, undefined, tenant.now());
  if ("problems" in search) return false;
  return search.compiled.matches(event.issue);
}

function touchesFields(webhook: WebhookRecord, event: JiraEvent): boolean {
  if (event.webhookEvent !== "jira:issue_updated" || !webhook.fieldIdsFilter) return true;
  return (event.changelog?.items ?? []).some((item) => webhook.fieldIdsFilter!.includes(item.fieldId));
}

function expandUrl(url: string, tenant: Tenant, event: JiraEvent): string {
  const project = get<ProjectRecord>(tenant.state, COLLECTIONS.projects, event.issue.projectId);
  return url
    .replace(/\$\{issue\.key\}/g, event.issue.key)
    .replace(/\$\{issue\.id\}/g, event.issue.id)
    .replace(/\$\{project\.key\}/g, project?.key ?? "")
    .replace(/\$\{project\.id\}/g, project?.id ?? "");
}

function send(twin: Twin, tenant: Tenant, url: string, payload: Record<string, unknown>, secret?: string): void {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "user-agent": "Atlassian Webhook HTTP Client",
    "x-atlassian-webhook-identifier": String(tenant.deliveries.length + 1),
  };
  if (secret) headers["x-hub-signature"] = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  void deliver(twin, tenant, { url, headers, body });
}

/** Sends the deliveries for `events`, recording each on the tenant as it starts. */
export function dispatchEvents(twin: Twin, tenant: Tenant, baseUrl: string, events: JiraEvent[]): void {
  if (events.length === 0) return;
  const dynamic = list<WebhookRecord>(tenant.state, COLLECTIONS.webhooks).filter((webhook) => webhook.expirationDate > tenant.now());
  const configured = configWebhooks(tenant.config);
  for (const event of events) {
    let payload: Record<string, unknown> | undefined;
    const payloadOnce = () => (payload ??= webhookPayload(tenant, baseUrl, event));
    const matched = dynamic.filter((webhook) => webhook.events.includes(event.webhookEvent) && touchesFields(webhook, event) && matchesJql(tenant, webhook.jqlFilter, event));
    const byTarget = new Map<string, WebhookRecord[]>();
    for (const webhook of matched) byTarget.set(`${webhook.owner}\u0000${webhook.url}`, [...(byTarget.get(`${webhook.owner}\u0000${webhook.url}`) ?? []), webhook]);
    for (const webhooks of byTarget.values()) send(twin, tenant, webhooks[0]!.url, { ...payloadOnce(), matchedWebhookIds: webhooks.map((webhook) => webhook.id) });
    for (const webhook of configured) {
      if (webhook.events.includes(event.webhookEvent) && matchesJql(tenant, webhook.jqlFilter, event)) send(twin, tenant, expandUrl(webhook.url, tenant, event), payloadOnce(), webhook.secret);
    }
  }
}

