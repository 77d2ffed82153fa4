/**
 * What a route handler receives: the tenant, the matched path parameters, the parsed query and
 * body, the authenticated caller, and `emit` for the webhook events its writes cause.
 */
import type { Tenant } from "../kit/index.js";
import type { CommentRecord, CredentialRecord, IssueRecord, ChangelogRecord, UserRecord } from "./model.js";

export type IssueEventType = "issue_created" | "issue_updated" | "issue_generic" | "issue_assigned" | "issue_resolved" | "issue_commented" | "issue_comment_edited" | "issue_comment_deleted" | "issue_deleted" | "issue_worklog_created";

/** A change that webhooks report. Records are captured as they were when the change happened. */
export type JiraEvent =
  | { webhookEvent: "jira:issue_created" | "jira:issue_deleted"; eventType: IssueEventType; issue: IssueRecord; actorId: string; changelog?: undefined; comment?: undefined }
  | { webhookEvent: "jira:issue_updated"; eventType: IssueEventType; issue: IssueRecord; actorId: string; changelog?: ChangelogRecord; comment?: CommentRecord }
  | { webhookEvent: "comment_created" | "comment_updated" | "comment_deleted"; eventType?: undefined; issue: IssueRecord; actorId: string; comment: CommentRecord; changelog?: undefined };

export interface Caller {
  user: UserRecord;
  credential: CredentialRecord;
}

export interface JiraRequest {
  tenant: Tenant;
  url: URL;
  /** Scheme, host and tenant prefix, for `self` links. */
  baseUrl: string;
  httpMethod: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  caller: Caller;
  /** 3 for `/rest/api/3`, 2 for the wiki-markup (string) variants jira.js falls back to. */
  apiVersion: 2 | 3;
  emit(event: JiraEvent): void;
}

export type RouteHandler = (request: JiraRequest) => Response;

/** Every value of a repeatable, comma-separable query parameter (`fields=a,b&fields=c`). */
export function queryList(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value !== "");
}

/** A non-negative integer query parameter, or the default when absent or not a number. */
export function queryInt(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || !/^\d{1,9}$/.test(raw.trim())) return fallback;
  return Number(raw.trim());
}

export function queryBool(query: URLSearchParams, name: string): boolean {
  return (query.get(name) ?? "").toLowerCase() === "true";
}

/**
 * Jira's PageBean body (`self`, `nextPage` unless last, `maxResults`, `startAt`, `total`,
 * `isLast`, `values`) for the page of `items` from `startAt`, rendered with `render`.
 */
export function pageBean<T>(base: string, items: T[], startAt: number, maxResults: number, render: (item: T) => unknown): Record<string, unknown> {
  const page = pageOf(items, startAt, maxResults);
  return {
    self: `${base}?maxResults=${maxResults}&startAt=${startAt}`,
    ...(page.isLast ? {} : { nextPage: `${base}?maxResults=${maxResults}&startAt=${startAt + maxResults}` }),
    maxResults,
    startAt,
    total: page.total,
    isLast: page.isLast,
    values: page.values.map(render),
  };
}

/** The page of `items` from `startAt`, with Jira's page fields. */
export function pageOf<T>(items: T[], startAt: number, maxResults: number): { startAt: number; maxResults: number; total: number; isLast: boolean; values: T[] } {
  const values = items.slice(startAt, startAt + maxResults);
  return { startAt, maxResults, total: items.length, isLast: startAt + values.length >= items.length, values };
}
