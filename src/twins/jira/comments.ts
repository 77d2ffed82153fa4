/**
 * Issue comments: list (startAt paging, `orderBy` created / -created), add, get, update and
 * delete. Bodies are ADF on v3 (a plain string is "Comment body is not valid!") and wiki markup on
 * the v2 variants jira.js uses when it is given a string.
 */
import { type Adf, isAdf, wikiToAdf } from "./adf.js";
import { commentJson } from "./issue-view.js";
import { fieldErrors, invalidPayload, isObject, issueNotFound, jiraError, json, noContent } from "./errors.js";
import { commentsOf } from "./indexes.js";
import { createComment } from "./issue-effects.js";
import { COLLECTIONS, type CommentRecord, type IssueRecord, type ProjectRecord, canBrowse, findIssue, get, isAdmin, put } from "./model.js";
import { type JiraRequest, queryInt, queryList } from "./request.js";
import { deleteRecord } from "../kit/index.js";

function visibleIssue(request: JiraRequest): IssueRecord | undefined {
  const issue = findIssue(request.tenant.state, request.params["issueIdOrKey"] ?? "");
  const project = issue ? get<ProjectRecord>(request.tenant.state, COLLECTIONS.projects, issue.projectId) : undefined;
  return issue && project && canBrowse(request.caller.user, project) ? issue : undefined;
}

/** The comment body of a request, as ADF, or the field error Jira answers. */
function readBody(request: JiraRequest): { body: Adf; visibility: CommentRecord["visibility"] } | Response {
  if (!isObject(request.body)) return invalidPayload();
  const body = request.body["body"];
  if (body === undefined || body === null || body === "") return fieldErrors({ comment: "Comment body can not be empty!" });
  let document: Adf;
  if (request.apiVersion === 2) {
    if (typeof body !== "string") return fieldErrors({ comment: "Comment body is not valid!" });
    document = wikiToAdf(body);
  } else {
    if (!isAdf(body)) return fieldErrors({ comment: "Comment body is not valid!" });
    if (body.content.length === 0) return fieldErrors({ comment: "Comment body can not be empty!" });
    document = body;
  }
  const raw = request.body["visibility"];
  if (raw === undefined || raw === null) return { body: document, visibility: null };
  if (!isObject(raw) || (raw["type"] !== "group" && raw["type"] !== "role") || typeof raw["value"] !== "string") return fieldErrors({ visibility: "Visibility is not valid." });
  return { body: document, visibility: { type: raw["type"], value: raw["value"] } };
}

function rendered(request: JiraRequest): boolean {
  return queryList(request.query, "expand").includes("renderedBody");
}

function v2Json(request: JiraRequest, comment: CommentRecord): Record<string, unknown> {
  const json = commentJson(request.tenant.state, request.baseUrl, comment, rendered(request));
  return request.apiVersion === 2 ? { ...json, self: String(json["self"]).replace("/rest/api/3/", "/rest/api/2/") } : json;
}

export function listComments(request: JiraRequest): Response {
  const issue = visibleIssue(request);
  if (!issue) return issueNotFound();
  const orderBy = request.query.get("orderBy") ?? "created";
  if (!["created", "+created", "-created"].includes(orderBy)) return jiraError(400, [`Ordering by ${orderBy} is not supported.`]);
  const all = commentsOf(request.tenant.state, issue.id);
  const ordered = orderBy === "-created" ? [...all].reverse() : all;
  const startAt = queryInt(request.query, "startAt", 0);
  const maxResults = Math.min(5000, queryInt(request.query, "maxResults", 5000));
  const page = ordered.slice(startAt, startAt + maxResults);
  return json({ startAt, maxResults, total: all.length, comments: page.map((comment) => commentJson(request.tenant.state, request.baseUrl, comment, rendered(request))) });
}

export function addComment(request: JiraRequest): Response {
  const issue = visibleIssue(request);
  if (!issue) return issueNotFound();
  const input = readBody(request);
  if (input instanceof Response) return input;
  const comment = createComment(request, issue, input.body, input.visibility);
  return json(v2Json(request, comment), 201);
}

function findComment(request: JiraRequest): { issue: IssueRecord; comment: CommentRecord } | Response {
  const issue = visibleIssue(request);
  if (!issue) return issueNotFound();
  const comment = get<CommentRecord>(request.tenant.state, COLLECTIONS.comments, request.params["id"] ?? "");
  if (!comment || comment.issueId !== issue.id) return jiraError(404, [`Can not find a comment for the id: ${request.params["id"] ?? ""}.`]);
  return { issue, comment };
}

export function getComment(request: JiraRequest): Response {
  const found = findComment(request);
  if (found instanceof Response) return found;
  return json(commentJson(request.tenant.state, request.baseUrl, found.comment, rendered(request)));
}

export function updateComment(request: JiraRequest): Response {
  const found = findComment(request);
  if (found instanceof Response) return found;
  if (found.comment.authorId !== request.caller.user.accountId && !isAdmin(request.caller.user)) return jiraError(400, ["You do not have the permission to edit this comment."]);
  const input = readBody(request);
  if (input instanceof Response) return input;
  const { tenant } = request;
  const comment: CommentRecord = { ...found.comment, body: input.body, visibility: input.visibility ?? found.comment.visibility, updated: tenant.now(), updateAuthorId: request.caller.user.accountId };
  put(tenant, COLLECTIONS.comments, comment.id, comment);
  const issue = get<IssueRecord>(tenant.state, COLLECTIONS.issues, found.issue.id) ?? found.issue;
  request.emit({ webhookEvent: "comment_updated", issue, actorId: request.caller.user.accountId, comment });
  request.emit({ webhookEvent: "jira:issue_updated", eventType: "issue_comment_edited", issue, actorId: request.caller.user.accountId, comment });
  return json(v2Json(request, comment));
}

export function deleteComment(request: JiraRequest): Response {
  const found = findComment(request);
  if (found instanceof Response) return found;
  if (found.comment.authorId !== request.caller.user.accountId && !isAdmin(request.caller.user)) return jiraError(400, ["You do not have the permission to delete this comment."]);
  request.tenant.update((state) => deleteRecord(state, COLLECTIONS.comments, found.comment.id));
  request.emit({ webhookEvent: "comment_deleted", issue: found.issue, actorId: request.caller.user.accountId, comment: found.comment });
  request.emit({ webhookEvent: "jira:issue_updated", eventType: "issue_comment_deleted", issue: found.issue, actorId: request.caller.user.accountId, comment: found.comment });
  return noContent();
}

