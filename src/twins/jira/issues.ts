/**
 * Issues: create (`POST /issue`, and `/issue/bulk` with per-item errors), get (fields and
 * expansions), edit (`fields` and `update` operations), delete (subtasks only with
 * `deleteSubtasks=true`), assign, and the changelog. Create validates as Jira does and answers
 * `{"errorMessages": [], "errors": {"summary": "You must specify a summary of the issue."}}`.
 */
import { deleteRecord } from "../kit/index.js";
import { fieldErrors, invalidPayload, isObject, issueNotFound, jiraError, json, noContent } from "./errors.js";
import { automaticAssignee, readIssueType, readProject, reference } from "./field-input.js";
import { childrenOf, commentsOf, linksOf, worklogsOf } from "./indexes.js";
import { addComment, addLinks } from "./issue-effects.js";
import { changelogJson, issueJson } from "./issue-view.js";
import { applyInput, readInput, saveIssue } from "./issue-write.js";
import { COLLECTIONS, type IssueRecord, type IssueTypeRecord, type PriorityRecord, type ProjectRecord, type WorkflowRecord, canBrowse, findIssue, findUser, get, list, nextId, put } from "./model.js";
import { type JiraRequest, pageBean, queryBool, queryInt, queryList } from "./request.js";
import { availableTransitions, moveToStatus } from "./workflow.js";

type Created = { issue: IssueRecord } | { status: number; errorMessages: string[]; errors: Record<string, string> };

function visibleIssue(request: JiraRequest): IssueRecord | undefined {
  const issue = findIssue(request.tenant.state, request.params["issueIdOrKey"] ?? "");
  const project = issue ? get<ProjectRecord>(request.tenant.state, COLLECTIONS.projects, issue.projectId) : undefined;
  return issue && project && canBrowse(request.caller.user, project) ? issue : undefined;
}

/** Creates one issue from a create body; shared by `POST /issue` and each item of the bulk create. */
function createOne(request: JiraRequest, body: unknown): Created {
  const { tenant } = request;
  const state = tenant.state;
  const input = readInput(body);
  if (!input) return { status: 400, errorMessages: ["Invalid request payload. Refer to the REST API documentation and try again."], errors: {} };
  const project = readProject(state, input.fields["project"]);
  if (!project || !canBrowse(request.caller.user, project)) return { status: 400, errorMessages: [], errors: { project: "Specify a valid project ID or key" } };
  const errors: Record<string, string> = {};
  let issueType: IssueTypeRecord | undefined;
  if (input.fields["issuetype"] === undefined) errors["issuetype"] = "Specify an issue type";
  else {
    issueType = readIssueType(state, project, input.fields["issuetype"]);
    if (!issueType) errors["issuetype"] = "Specify a valid issue type";
  }
  if (input.fields["summary"] === undefined && input.update["summary"] === undefined) errors["summary"] = "You must specify a summary of the issue.";
  if (issueType?.subtask && input.fields["parent"] === undefined) errors["parent"] = "Issue type is a sub-task but parent issue key or id not specified.";
  const workflow = get<WorkflowRecord>(state, COLLECTIONS.workflows, project.workflowId);
  const now = tenant.now();
  const caller = request.caller.user.accountId;
  const defaultPriority = list<PriorityRecord>(state, COLLECTIONS.priorities).find((priority) => priority.isDefault);
  const base: IssueRecord = {
    id: "",
    key: "",
    projectId: project.id,
    issueTypeId: issueType?.id ?? "",
    statusId: workflow?.initialStatusId ?? "",
    priorityId: defaultPriority?.id ?? null,
    summary: "",
    description: null,
    environment: null,
    assigneeId: automaticAssignee(state, project),
    reporterId: caller,
    creatorId: caller,
    labels: [],
    componentIds: [],
    duedate: null,
    created: now,
    updated: now,
    statusCategoryChanged: now,
    resolutionId: null,
    resolutionDate: null,
    parentId: null,
    custom: {},
    timeSpentSeconds: 0,
    watchers: [caller],
    history: [],
  };
  const applied = applyInput({ state, project, issueType, issue: undefined, apiVersion: request.apiVersion }, base, input, { skip: ["project", "issuetype"] });
  if ("errors" in applied) Object.assign(errors, applied.errors);
  if (Object.keys(errors).length > 0 || "errors" in applied) return { status: 400, errorMessages: [], errors };
  const id = nextId(tenant, "issue", 9999);
  const key = `${project.key}-${tenant.nextCounter(`issue-number:${project.id}`)}`;
  let issue: IssueRecord = { ...applied.issue, id, key };
  put(tenant, COLLECTIONS.issues, id, issue);
  put(tenant, COLLECTIONS.issueKeys, key, id);
  addLinks(request, applied.effects);
  request.emit({ webhookEvent: "jira:issue_created", eventType: "issue_created", issue, actorId: caller });
  const transitionRef = isObject(body) ? reference(body["transition"]) : undefined;
  if (transitionRef?.id) {
    const transition = availableTransitions(tenant.state, issue).find((candidate) => candidate.id === transitionRef.id);
    if (transition) {
      const moved = moveToStatus(tenant.state, issue, transition.to, tenant.now());
      const saved = saveIssue(tenant, moved.issue, caller, moved.items);
      issue = saved.issue;
      if (saved.changelog) request.emit({ webhookEvent: "jira:issue_updated", eventType: "issue_generic", issue, actorId: caller, changelog: saved.changelog });
    }
  }
  return { issue };
}

function createdJson(request: JiraRequest, issue: IssueRecord): Record<string, string> {
  return { id: issue.id, key: issue.key, self: `${request.baseUrl}/rest/api/${request.apiVersion}/issue/${issue.id}` };
}

export function createIssue(request: JiraRequest): Response {
  if (!isObject(request.body)) return invalidPayload();
  const created = createOne(request, request.body);
  if ("issue" in created) return json(createdJson(request, created.issue), 201);
  return jiraError(created.status, created.errorMessages, created.errors);
}

export function createIssues(request: JiraRequest): Response {
  const body = request.body;
  if (!isObject(body) || !Array.isArray(body["issueUpdates"])) return invalidPayload();
  const updates = body["issueUpdates"];
  if (updates.length > 50) return jiraError(400, ["Number of issues to create exceeds the limit of 50."]);
  const issues: Record<string, string>[] = [];
  const errors: Record<string, unknown>[] = [];
  updates.forEach((update, index) => {
    const created = createOne(request, update);
    if ("issue" in created) issues.push(createdJson(request, created.issue));
    else errors.push({ status: created.status, elementErrors: { errorMessages: created.errorMessages, errors: created.errors }, failedElementNumber: index });
  });
  return json({ issues, errors }, issues.length === 0 && errors.length > 0 ? 400 : 201);
}

export function getIssue(request: JiraRequest): Response {
  const issue = visibleIssue(request);
  if (!issue) return issueNotFound();
  return json(issueJson(request.tenant.state, request.baseUrl, issue, { fields: queryList(request.query, "fields"), defaultFields: "*all", expand: queryList(request.query, "expand") }));
}

export function editIssue(request: JiraRequest): Response {
  const { tenant } = request;
  const issue = visibleIssue(request);
  if (!issue) return issueNotFound();
  const input = readInput(request.body);
  if (!input) return invalidPayload();
  const state = tenant.state;
  const project = get<ProjectRecord>(state, COLLECTIONS.projects, issue.projectId)!;
  const issueType = get<IssueTypeRecord>(state, COLLECTIONS.issueTypes, issue.issueTypeId);
  const applied = applyInput({ state, project, issueType, issue, apiVersion: request.apiVersion }, issue, input, { allowComment: true });
  if ("errors" in applied) return fieldErrors(applied.errors);
  const { issue: saved, changelog } = saveIssue(tenant, applied.issue, request.caller.user.accountId, applied.items);
  addLinks(request, applied.effects);
  if (changelog) {
    const onlyAssignee = changelog.items.every((item) => item.fieldId === "assignee");
    request.emit({ webhookEvent: "jira:issue_updated", eventType: onlyAssignee ? "issue_assigned" : "issue_updated", issue: saved, actorId: request.caller.user.accountId, changelog });
  }
  addComment(request, saved, applied.effects);
  if (queryBool(request.query, "returnIssue")) return json(issueJson(tenant.state, request.baseUrl, get<IssueRecord>(tenant.state, COLLECTIONS.issues, saved.id) ?? saved, { fields: [], defaultFields: "*all", expand: queryList(request.query, "expand") }));
  return noContent();
}

function removeIssue(request: JiraRequest, issue: IssueRecord): void {
  const { tenant } = request;
  const comments = commentsOf(tenant.state, issue.id);
  const worklogs = worklogsOf(tenant.state, issue.id);
  const links = linksOf(tenant.state, issue.id);
  tenant.update((state) => {
    let next = deleteRecord(deleteRecord(state, COLLECTIONS.issues, issue.id), COLLECTIONS.issueKeys, issue.key);
    for (const comment of comments) next = deleteRecord(next, COLLECTIONS.comments, comment.id);
    for (const worklog of worklogs) next = deleteRecord(next, COLLECTIONS.worklogs, worklog.id);
    for (const link of links) next = deleteRecord(next, COLLECTIONS.links, link.id);
    return next;
  });
  request.emit({ webhookEvent: "jira:issue_deleted", eventType: "issue_deleted", issue, actorId: request.caller.user.accountId });
}

export function deleteIssue(request: JiraRequest): Response {
  const issue = visibleIssue(request);
  if (!issue) return issueNotFound();
  const children = childrenOf(request.tenant.state, issue.id);
  const subtasks = children.filter((child) => get<IssueTypeRecord>(request.tenant.state, COLLECTIONS.issueTypes, child.issueTypeId)?.subtask);
  if (subtasks.length > 0 && !queryBool(request.query, "deleteSubtasks")) return jiraError(400, [`The issue '${issue.key}' has subtasks. You must specify the 'deleteSubtasks' parameter to delete this issue and all its subtasks.`]);
  for (const subtask of subtasks) removeIssue(request, subtask);
  for (const child of children.filter((candidate) => !subtasks.includes(candidate))) {
    const current = get<IssueRecord>(request.tenant.state, COLLECTIONS.issues, child.id);
    if (current) put(request.tenant, COLLECTIONS.issues, current.id, { ...current, parentId: null });
  }
  removeIssue(request, issue);
  return noContent();
}

export function assignIssue(request: JiraRequest): Response {
  const { tenant } = request;
  const issue = visibleIssue(request);
  if (!issue) return issueNotFound();
  if (!isObject(request.body) || !("accountId" in request.body)) return jiraError(400, ["accountId must be provided"]);
  const raw = request.body["accountId"];
  const project = get<ProjectRecord>(tenant.state, COLLECTIONS.projects, issue.projectId)!;
  let accountId: string | null;
  if (raw === null) accountId = null;
  else if (raw === "-1") accountId = automaticAssignee(tenant.state, project);
  else if (typeof raw === "string" && findUser(tenant.state, raw)?.active) accountId = raw;
  else return fieldErrors({ assignee: `User '${String(raw)}' cannot be assigned issues.` });
  const applied = applyInput({ state: tenant.state, project, issueType: undefined, issue, apiVersion: 3 }, issue, { fields: { assignee: accountId === null ? null : { accountId } }, update: {} });
  if ("errors" in applied) return fieldErrors(applied.errors);
  const { issue: saved, changelog } = saveIssue(tenant, applied.issue, request.caller.user.accountId, applied.items);
  if (changelog) request.emit({ webhookEvent: "jira:issue_updated", eventType: "issue_assigned", issue: saved, actorId: request.caller.user.accountId, changelog });
  return noContent();
}

export function getChangelog(request: JiraRequest): Response {
  const issue = visibleIssue(request);
  if (!issue) return issueNotFound();
  const startAt = queryInt(request.query, "startAt", 0);
  const maxResults = Math.min(100, queryInt(request.query, "maxResults", 100));
  return json(pageBean(`${request.baseUrl}/rest/api/3/issue/${issue.key}/changelog`, issue.history, startAt, maxResults, (entry) => changelogJson(request.tenant.state, request.baseUrl, entry)));
}
