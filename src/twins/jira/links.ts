/**
 * Issue link types and issue links: `GET /issueLinkType(/{id})`, `POST /issueLink` (with an
 * optional comment on the inward issue), `GET` and `DELETE /issueLink/{linkId}`.
 */
import { deleteRecord } from "../kit/index.js";
import { isAdf } from "./adf.js";
import { fieldErrors, invalidPayload, isObject, jiraError, json, noContent } from "./errors.js";
import { reference } from "./field-input.js";
import { createComment, createLink } from "./issue-effects.js";
import { issueLinkJson } from "./issue-view.js";
import { COLLECTIONS, type IssueRecord, type LinkRecord, type LinkTypeRecord, type ProjectRecord, canBrowse, findByIdOrName, findIssue, get, list } from "./model.js";
import type { JiraRequest } from "./request.js";
import { linkTypeJson } from "./views.js";

export function listLinkTypes(request: JiraRequest): Response {
  return json({ issueLinkTypes: list<LinkTypeRecord>(request.tenant.state, COLLECTIONS.linkTypes).map((type) => linkTypeJson(request.baseUrl, type)) });
}

export function getLinkType(request: JiraRequest): Response {
  const id = request.params["issueLinkTypeId"] ?? "";
  const type = get<LinkTypeRecord>(request.tenant.state, COLLECTIONS.linkTypes, id);
  return type ? json(linkTypeJson(request.baseUrl, type)) : jiraError(404, [`No issue link type with id '${id}' found.`]);
}

function visible(request: JiraRequest, issue: IssueRecord | undefined): issue is IssueRecord {
  const project = issue ? get<ProjectRecord>(request.tenant.state, COLLECTIONS.projects, issue.projectId) : undefined;
  return project !== undefined && canBrowse(request.caller.user, project);
}

export function createIssueLink(request: JiraRequest): Response {
  const { state } = request.tenant;
  const body = request.body;
  if (!isObject(body)) return invalidPayload();
  const typeRef = reference(body["type"]);
  if (!typeRef) return fieldErrors({ issueLinkType: "Link type is required" });
  const type = (typeRef.id ? get<LinkTypeRecord>(state, COLLECTIONS.linkTypes, typeRef.id) : undefined) ?? (isObject(body["type"]) && body["type"]["id"] !== undefined ? undefined : findByIdOrName<LinkTypeRecord>(state, COLLECTIONS.linkTypes, typeRef.name ?? ""));
  if (!type) return jiraError(404, [`No issue link type with name '${typeRef.name ?? typeRef.id ?? ""}' found.`]);
  const find = (value: unknown) => {
    const ref = reference(value);
    return ref ? findIssue(state, ref.key ?? ref.id ?? "") : undefined;
  };
  const inward = find(body["inwardIssue"]);
  const outward = find(body["outwardIssue"]);
  if (!visible(request, inward) || !visible(request, outward)) return jiraError(404, ["Issue Does Not Exist"]);
  const comment = isObject(body["comment"]) ? body["comment"]["body"] : undefined;
  if (comment !== undefined && !isAdf(comment)) return fieldErrors({ comment: "Comment body is not valid!" });
  const duplicate = list<LinkRecord>(state, COLLECTIONS.links).find((link) => link.typeId === type.id && link.inwardIssueId === inward.id && link.outwardIssueId === outward.id);
  if (!duplicate) createLink(request, type.id, inward.id, outward.id);
  if (comment !== undefined) createComment(request, inward, comment);
  return new Response(null, { status: 201 });
}

function findLink(request: JiraRequest): LinkRecord | Response {
  const id = request.params["linkId"] ?? "";
  if (!/^\d+$/.test(id)) return jiraError(400, [`The issue link id '${id}' is invalid.`]);
  const link = get<LinkRecord>(request.tenant.state, COLLECTIONS.links, id);
  const inward = link ? get<IssueRecord>(request.tenant.state, COLLECTIONS.issues, link.inwardIssueId) : undefined;
  if (!link || !visible(request, inward)) return jiraError(404, [`No issue link with id '${id}' exists.`]);
  return link;
}

export function getIssueLink(request: JiraRequest): Response {
  const link = findLink(request);
  if (link instanceof Response) return link;
  const view = issueLinkJson(request.tenant.state, request.baseUrl, link);
  return view ? json(view) : jiraError(404, [`No issue link with id '${link.id}' exists.`]);
}

export function deleteIssueLink(request: JiraRequest): Response {
  const link = findLink(request);
  if (link instanceof Response) return link;
  request.tenant.update((state) => deleteRecord(state, COLLECTIONS.links, link.id));
  return noContent();
}
