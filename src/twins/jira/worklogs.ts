/**
 * Worklogs: add, list (startAt paging, startedAfter/startedBefore), get, update and delete. Time
 * is `timeSpent` (`1h 30m`) or `timeSpentSeconds`; the issue's time spent follows the sum.
 */
import { deleteRecord } from "../kit/index.js";
import { ADF_REQUIRED, type Adf, isAdf, wikiToAdf } from "./adf.js";
import { fieldErrors, invalidPayload, isObject, issueNotFound, jiraError, json, noContent } from "./errors.js";
import { worklogsOf } from "./indexes.js";
import { worklogJson } from "./issue-view.js";
import { COLLECTIONS, type IssueRecord, type ProjectRecord, type WorklogRecord, canBrowse, findIssue, get, isAdmin, nextId, put } from "./model.js";
import { type JiraRequest, queryInt } from "./request.js";
import { parseDateTime, parseDuration } from "./time.js";

function visibleIssue(request: JiraRequest): IssueRecord | undefined {
  const issue = findIssue(request.tenant.state, request.params["issueIdOrKey"] ?? "");
  const project = issue ? get<ProjectRecord>(request.tenant.state, COLLECTIONS.projects, issue.projectId) : undefined;
  return issue && project && canBrowse(request.caller.user, project) ? issue : undefined;
}

interface WorklogInput {
  seconds?: number;
  started?: number;
  comment?: Adf | null;
}

function readWorklog(request: JiraRequest, requireTime: boolean): WorklogInput | Response {
  const body = request.body;
  if (!isObject(body)) return invalidPayload();
  const errors: Record<string, string> = {};
  const input: WorklogInput = {};
  if (typeof body["timeSpentSeconds"] === "number") {
    if (!Number.isInteger(body["timeSpentSeconds"]) || body["timeSpentSeconds"] <= 0) errors["timeLogged"] = "Invalid time duration entered.";
    else input.seconds = body["timeSpentSeconds"];
  } else if (typeof body["timeSpent"] === "string") {
    const seconds = parseDuration(body["timeSpent"]);
    if (seconds === undefined || seconds <= 0) errors["timeLogged"] = "Invalid time duration entered.";
    else input.seconds = seconds;
  } else if (requireTime || body["timeSpent"] !== undefined || body["timeSpentSeconds"] !== undefined) {
    errors["timeLogged"] = "You must indicate the time spent working.";
  }
  if (body["started"] !== undefined) {
    const started = typeof body["started"] === "string" ? parseDateTime(body["started"]) : undefined;
    if (started === undefined) errors["started"] = "Invalid date format. Please enter the date in the format \"yyyy-MM-dd'T'HH:mm:ss.SSSZ\".";
    else input.started = started;
  }
  const comment = body["comment"];
  if (comment !== undefined && comment !== null) {
    if (request.apiVersion === 2 && typeof comment === "string") input.comment = wikiToAdf(comment);
    else if (request.apiVersion === 3 && isAdf(comment)) input.comment = comment;
    else errors["comment"] = ADF_REQUIRED;
  }
  return Object.keys(errors).length > 0 ? fieldErrors(errors) : input;
}

function retotal(request: JiraRequest, issueId: string): void {
  const { tenant } = request;
  const issue = get<IssueRecord>(tenant.state, COLLECTIONS.issues, issueId);
  if (!issue) return;
  const total = worklogsOf(tenant.state, issueId).reduce((sum, worklog) => sum + worklog.timeSpentSeconds, 0);
  put(tenant, COLLECTIONS.issues, issueId, { ...issue, timeSpentSeconds: total, updated: tenant.now() });
}

export function listWorklogs(request: JiraRequest): Response {
  const issue = visibleIssue(request);
  if (!issue) return issueNotFound();
  const after = request.query.get("startedAfter");
  const before = request.query.get("startedBefore");
  const all = worklogsOf(request.tenant.state, issue.id).filter((worklog) => (after === null || worklog.started >= Number(after)) && (before === null || worklog.started < Number(before)));
  const startAt = queryInt(request.query, "startAt", 0);
  const maxResults = Math.min(5000, queryInt(request.query, "maxResults", 5000));
  return json({ startAt, maxResults, total: all.length, worklogs: all.slice(startAt, startAt + maxResults).map((worklog) => worklogJson(request.tenant.state, request.baseUrl, worklog)) });
}

export function addWorklog(request: JiraRequest): Response {
  const issue = visibleIssue(request);
  if (!issue) return issueNotFound();
  const input = readWorklog(request, true);
  if (input instanceof Response) return input;
  const { tenant } = request;
  const now = tenant.now();
  const worklog: WorklogRecord = { id: nextId(tenant, "worklog"), issueId: issue.id, authorId: request.caller.user.accountId, updateAuthorId: request.caller.user.accountId, comment: input.comment ?? null, started: input.started ?? now, timeSpentSeconds: input.seconds ?? 0, created: now, updated: now };
  put(tenant, COLLECTIONS.worklogs, worklog.id, worklog);
  retotal(request, issue.id);
  return json(worklogJson(tenant.state, request.baseUrl, worklog), 201);
}

function findWorklog(request: JiraRequest): WorklogRecord | Response {
  const issue = visibleIssue(request);
  if (!issue) return issueNotFound();
  const worklog = get<WorklogRecord>(request.tenant.state, COLLECTIONS.worklogs, request.params["id"] ?? "");
  if (!worklog || worklog.issueId !== issue.id) return jiraError(404, [`Cannot find worklog with id: '${request.params["id"] ?? ""}'.`]);
  return worklog;
}

export function getWorklog(request: JiraRequest): Response {
  const worklog = findWorklog(request);
  return worklog instanceof Response ? worklog : json(worklogJson(request.tenant.state, request.baseUrl, worklog));
}

export function updateWorklog(request: JiraRequest): Response {
  const found = findWorklog(request);
  if (found instanceof Response) return found;
  if (found.authorId !== request.caller.user.accountId && !isAdmin(request.caller.user)) return jiraError(403, ["You do not have the permission to edit this worklog."]);
  const input = readWorklog(request, false);
  if (input instanceof Response) return input;
  const { tenant } = request;
  const worklog: WorklogRecord = { ...found, timeSpentSeconds: input.seconds ?? found.timeSpentSeconds, started: input.started ?? found.started, comment: input.comment === undefined ? found.comment : input.comment, updated: tenant.now(), updateAuthorId: request.caller.user.accountId };
  put(tenant, COLLECTIONS.worklogs, worklog.id, worklog);
  retotal(request, worklog.issueId);
  return json(worklogJson(tenant.state, request.baseUrl, worklog));
}

export function deleteWorklog(request: JiraRequest): Response {
  const found = findWorklog(request);
  if (found instanceof Response) return found;
  if (found.authorId !== request.caller.user.accountId && !isAdmin(request.caller.user)) return jiraError(403, ["You do not have the permission to delete this worklog."]);
  request.tenant.update((state) => deleteRecord(state, COLLECTIONS.worklogs, found.id));
  retotal(request, found.issueId);
  return noContent();
}
