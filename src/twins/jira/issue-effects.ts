/**
 * Writes that hang off an issue: comments (from the comment endpoints or `update.comment`) and
 * issue links (from `/issueLink` or `update.issuelinks`). Adding a comment touches the issue's
 * `updated` and raises `comment_created` plus `jira:issue_updated` (`issue_commented`).
 */
import type { Adf } from "./adf.js";
import type { Effect } from "./issue-write.js";
import { COLLECTIONS, type CommentRecord, type IssueRecord, type LinkRecord, get, nextId, put } from "./model.js";
import type { JiraRequest } from "./request.js";

export function createComment(request: JiraRequest, issue: IssueRecord, body: Adf, visibility: CommentRecord["visibility"] = null): CommentRecord {
  const { tenant } = request;
  const now = tenant.now();
  const comment: CommentRecord = { id: nextId(tenant, "comment"), issueId: issue.id, authorId: request.caller.user.accountId, updateAuthorId: request.caller.user.accountId, body, created: now, updated: now, visibility };
  put(tenant, COLLECTIONS.comments, comment.id, comment);
  const touched = { ...(get<IssueRecord>(tenant.state, COLLECTIONS.issues, issue.id) ?? issue), updated: now };
  put(tenant, COLLECTIONS.issues, touched.id, touched);
  request.emit({ webhookEvent: "comment_created", issue: touched, actorId: comment.authorId, comment });
  request.emit({ webhookEvent: "jira:issue_updated", eventType: "issue_commented", issue: touched, actorId: comment.authorId, comment });
  return comment;
}

/** Carries out the comment effects of an edit or transition. */
export function addComment(request: JiraRequest, issue: IssueRecord, effects: Effect[]): void {
  for (const effect of effects) if (effect.kind === "comment") createComment(request, issue, effect.body);
}

export function createLink(request: JiraRequest, typeId: string, inwardIssueId: string, outwardIssueId: string): LinkRecord {
  const link: LinkRecord = { id: nextId(request.tenant, "issuelink"), typeId, inwardIssueId, outwardIssueId };
  put(request.tenant, COLLECTIONS.links, link.id, link);
  return link;
}

export function addLinks(request: JiraRequest, effects: Effect[]): void {
  for (const effect of effects) if (effect.kind === "link") createLink(request, effect.typeId, effect.inwardIssueId, effect.outwardIssueId);
}
