/**
 * Workflows and transitions: which transitions an issue's status allows (`GET .../transitions`)
 * and performing one (`POST .../transitions`) with optional `fields`/`update`. Entering a status
 * of the done category sets a resolution (the one given, else "Done") and its date; leaving it
 * clears them, as Jira's simplified workflows do.
 */
import type { TenantState } from "../kit/index.js";
import { fieldErrors, invalidPayload, isObject, issueNotFound, jiraError, json, noContent } from "./errors.js";
import { reference } from "./field-input.js";
import { applyInput, changeItem, readInput, saveIssue } from "./issue-write.js";
import {
  COLLECTIONS,
  type ChangeItem,
  type IssueRecord,
  type IssueTypeRecord,
  type ProjectRecord,
  type ResolutionRecord,
  type StatusRecord,
  type TransitionRecord,
  type WorkflowRecord,
  canBrowse,
  findByIdOrName,
  findIssue,
  get,
  list,
} from "./model.js";
import type { JiraRequest } from "./request.js";
import { statusJson } from "./views.js";
import { addComment, addLinks } from "./issue-effects.js";

export function workflowOf(state: TenantState, issue: IssueRecord): WorkflowRecord | undefined {
  const project = get<ProjectRecord>(state, COLLECTIONS.projects, issue.projectId);
  return project ? get<WorkflowRecord>(state, COLLECTIONS.workflows, project.workflowId) : undefined;
}

export function availableTransitions(state: TenantState, issue: IssueRecord): TransitionRecord[] {
  return (workflowOf(state, issue)?.transitions ?? []).filter((transition) => transition.from.length === 0 || transition.from.includes(issue.statusId));
}

export function transitionJson(state: TenantState, baseUrl: string, issue: IssueRecord, transition: TransitionRecord, withFields = false): Record<string, unknown> {
  const to = get<StatusRecord>(state, COLLECTIONS.statuses, transition.to);
  return {
    id: transition.id,
    name: transition.name,
    ...(to ? { to: statusJson(baseUrl, to) } : {}),
    hasScreen: false,
    isGlobal: transition.from.length === 0,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: transition.to === issue.statusId && transition.from.length === 0,
    ...(withFields ? { fields: {} } : {}),
  };
}

export function defaultResolution(state: TenantState): ResolutionRecord | undefined {
  return findByIdOrName<ResolutionRecord>(state, COLLECTIONS.resolutions, "Done") ?? list<ResolutionRecord>(state, COLLECTIONS.resolutions)[0];
}

/** The issue moved to `statusId`, with its resolution kept in step with the status category. */
export function moveToStatus(state: TenantState, issue: IssueRecord, statusId: string, now: number, resolutionId?: string): { issue: IssueRecord; items: ChangeItem[] } {
  const from = get<StatusRecord>(state, COLLECTIONS.statuses, issue.statusId);
  const to = get<StatusRecord>(state, COLLECTIONS.statuses, statusId);
  const items: ChangeItem[] = [];
  let moved = issue;
  if (statusId !== issue.statusId) {
    items.push(changeItem(state, "status", issue.statusId, statusId));
    moved = { ...moved, statusId, ...(from?.category !== to?.category ? { statusCategoryChanged: now } : {}) };
  }
  const nextResolution = to?.category === "done" ? resolutionId ?? issue.resolutionId ?? defaultResolution(state)?.id ?? null : null;
  if (nextResolution !== issue.resolutionId) {
    items.push(changeItem(state, "resolution", issue.resolutionId, nextResolution));
    moved = { ...moved, resolutionId: nextResolution, resolutionDate: nextResolution ? now : null };
  }
  return { issue: moved, items };
}

export function getTransitions(request: JiraRequest): Response {
  const { state } = request.tenant;
  const issue = findIssue(state, request.params["issueIdOrKey"] ?? "");
  const project = issue ? get<ProjectRecord>(state, COLLECTIONS.projects, issue.projectId) : undefined;
  if (!issue || !project || !canBrowse(request.caller.user, project)) return issueNotFound();
  const only = request.query.get("transitionId");
  const withFields = (request.query.get("expand") ?? "").split(",").includes("transitions.fields");
  const transitions = availableTransitions(state, issue).filter((transition) => only === null || transition.id === only);
  return json({ expand: "transitions", transitions: transitions.map((transition) => transitionJson(state, request.baseUrl, issue, transition, withFields)) });
}

export function doTransition(request: JiraRequest): Response {
  const { tenant } = request;
  const state = tenant.state;
  const issue = findIssue(state, request.params["issueIdOrKey"] ?? "");
  const project = issue ? get<ProjectRecord>(state, COLLECTIONS.projects, issue.projectId) : undefined;
  if (!issue || !project || !canBrowse(request.caller.user, project)) return issueNotFound();
  const input = readInput(request.body);
  if (!input || !isObject(request.body)) return invalidPayload();
  const ref = reference(request.body["transition"]);
  if (!ref?.id && !ref?.name) return jiraError(400, ["Missing 'transition' identifier"]);
  const transitionBody = request.body["transition"];
  const byId = !isObject(transitionBody) || transitionBody["id"] !== undefined;
  const transition = availableTransitions(state, issue).find((candidate) => (byId ? candidate.id === ref.id : candidate.name === ref.name));
  if (!transition) return jiraError(400, [`Transition id '${ref.id ?? ref.name ?? ""}' is not valid for this issue.`]);
  let resolutionId: string | undefined;
  const fields = { ...input.fields };
  if ("resolution" in fields) {
    const resolutionRef = reference(fields["resolution"]);
    const resolution = resolutionRef ? get<ResolutionRecord>(state, COLLECTIONS.resolutions, resolutionRef.id ?? "") ?? findByIdOrName<ResolutionRecord>(state, COLLECTIONS.resolutions, resolutionRef.name ?? "") : undefined;
    if (!resolution) return fieldErrors({ resolution: "Resolution is not valid" });
    resolutionId = resolution.id;
    delete fields["resolution"];
  }
  const issueType = get<IssueTypeRecord>(state, COLLECTIONS.issueTypes, issue.issueTypeId);
  const applied = applyInput({ state, project, issueType, issue, apiVersion: request.apiVersion }, issue, { fields, update: input.update }, { allowComment: true });
  if ("errors" in applied) return fieldErrors(applied.errors);
  const moved = moveToStatus(state, applied.issue, transition.to, tenant.now(), resolutionId);
  const { issue: saved, changelog } = saveIssue(tenant, moved.issue, request.caller.user.accountId, [...applied.items, ...moved.items]);
  addLinks(request, applied.effects);
  if (changelog) request.emit({ webhookEvent: "jira:issue_updated", eventType: "issue_generic", issue: saved, actorId: request.caller.user.accountId, changelog });
  addComment(request, saved, applied.effects);
  return noContent();
}
