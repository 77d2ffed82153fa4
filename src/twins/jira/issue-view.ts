/**
 * The IssueBean: an issue's JSON with the `fields` a request asks for (`*all`, `*navigable`,
 * names, `-excluded`) and the expansions `renderedFields`, `names`, `schema`, `transitions`,
 * `changelog` and `versionedRepresentations`. Comments and worklogs are written here too, as
 * they appear both inside an issue and on their own endpoints.
 */
import type { TenantState } from "../kit/index.js";
import { type Adf, adfToHtml } from "./adf.js";
import { allFields, fieldDefinition } from "./field-catalog.js";
import { childrenOf, commentsOf, linksOf, worklogsOf } from "./indexes.js";
import {
  COLLECTIONS,
  type ChangelogRecord,
  type CommentRecord,
  type CustomFieldRecord,
  type IssueRecord,
  type IssueTypeRecord,
  type LinkRecord,
  type LinkTypeRecord,
  type PriorityRecord,
  type ProjectRecord,
  type ResolutionRecord,
  type StatusRecord,
  type WorklogRecord,
  findUser,
  get,
} from "./model.js";
import { formatDuration, jiraDateTime } from "./time.js";
import { componentJson, issueTypeJson, linkTypeJson, priorityJson, projectSummaryJson, resolutionJson, statusJson, userDetails, userDetailsById } from "./views.js";
import { availableTransitions, transitionJson } from "./workflow.js";

const api = (baseUrl: string) => `${baseUrl}/rest/api/3`;

export const ISSUE_EXPAND = "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations";

export function commentJson(state: TenantState, baseUrl: string, comment: CommentRecord, rendered = false): Record<string, unknown> {
  return {
    self: `${api(baseUrl)}/issue/${comment.issueId}/comment/${comment.id}`,
    id: comment.id,
    author: userDetailsById(state, baseUrl, comment.authorId),
    body: comment.body,
    updateAuthor: userDetailsById(state, baseUrl, comment.updateAuthorId),
    created: jiraDateTime(comment.created),
    updated: jiraDateTime(comment.updated),
    ...(rendered ? { renderedBody: adfToHtml(comment.body) ?? "" } : {}),
    ...(comment.visibility ? { visibility: comment.visibility } : {}),
    jsdPublic: true,
  };
}

export function worklogJson(state: TenantState, baseUrl: string, worklog: WorklogRecord): Record<string, unknown> {
  return {
    self: `${api(baseUrl)}/issue/${worklog.issueId}/worklog/${worklog.id}`,
    author: userDetailsById(state, baseUrl, worklog.authorId),
    updateAuthor: userDetailsById(state, baseUrl, worklog.updateAuthorId),
    ...(worklog.comment ? { comment: worklog.comment } : {}),
    created: jiraDateTime(worklog.created),
    updated: jiraDateTime(worklog.updated),
    started: jiraDateTime(worklog.started),
    timeSpent: formatDuration(worklog.timeSpentSeconds),
    timeSpentSeconds: worklog.timeSpentSeconds,
    id: worklog.id,
    issueId: worklog.issueId,
  };
}

/** The few fields Jira shows of a linked issue, a parent or a subtask. */
export function linkedIssueJson(state: TenantState, baseUrl: string, issue: IssueRecord): Record<string, unknown> {
  const status = get<StatusRecord>(state, COLLECTIONS.statuses, issue.statusId);
  const priority = issue.priorityId ? get<PriorityRecord>(state, COLLECTIONS.priorities, issue.priorityId) : undefined;
  const type = get<IssueTypeRecord>(state, COLLECTIONS.issueTypes, issue.issueTypeId);
  return {
    id: issue.id,
    key: issue.key,
    self: `${api(baseUrl)}/issue/${issue.id}`,
    fields: { summary: issue.summary, ...(status ? { status: statusJson(baseUrl, status) } : {}), ...(priority ? { priority: priorityJson(baseUrl, priority) } : {}), ...(type ? { issuetype: issueTypeJson(baseUrl, type) } : {}) },
  };
}

/** An issue link as seen from `issueId`: the other issue is its inward or outward side. */
export function issueLinkJson(state: TenantState, baseUrl: string, link: LinkRecord, issueId?: string): Record<string, unknown> | undefined {
  const type = get<LinkTypeRecord>(state, COLLECTIONS.linkTypes, link.typeId);
  const inward = get<IssueRecord>(state, COLLECTIONS.issues, link.inwardIssueId);
  const outward = get<IssueRecord>(state, COLLECTIONS.issues, link.outwardIssueId);
  if (!type || !inward || !outward) return undefined;
  const json: Record<string, unknown> = { id: link.id, self: `${api(baseUrl)}/issueLink/${link.id}`, type: linkTypeJson(baseUrl, type) };
  if (issueId !== link.outwardIssueId) json["outwardIssue"] = linkedIssueJson(state, baseUrl, outward);
  if (issueId !== link.inwardIssueId) json["inwardIssue"] = linkedIssueJson(state, baseUrl, inward);
  return json;
}

function customValueJson(state: TenantState, baseUrl: string, field: CustomFieldRecord, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const option = (item: unknown) => ({ self: `${api(baseUrl)}/customFieldOption/${String((item as { id: string }).id)}`, value: (item as { value: string }).value, id: (item as { id: string }).id });
  switch (field.type) {
    case "datetime":
      return jiraDateTime(value as number);
    case "option":
      return option(value);
    case "options":
      return (value as unknown[]).map(option);
    case "user":
      return userDetailsById(state, baseUrl, value as string);
    case "users":
      return (value as string[]).map((id) => userDetailsById(state, baseUrl, id));
    default:
      return value;
  }
}

/** Every field value of an issue, keyed by field id. */
export function issueFieldValues(state: TenantState, baseUrl: string, issue: IssueRecord): Record<string, unknown> {
  const project = get<ProjectRecord>(state, COLLECTIONS.projects, issue.projectId);
  const type = get<IssueTypeRecord>(state, COLLECTIONS.issueTypes, issue.issueTypeId);
  const status = get<StatusRecord>(state, COLLECTIONS.statuses, issue.statusId);
  const priority = issue.priorityId ? get<PriorityRecord>(state, COLLECTIONS.priorities, issue.priorityId) : undefined;
  const resolution = issue.resolutionId ? get<ResolutionRecord>(state, COLLECTIONS.resolutions, issue.resolutionId) : undefined;
  const parent = issue.parentId ? get<IssueRecord>(state, COLLECTIONS.issues, issue.parentId) : undefined;
  const comments = commentsOf(state, issue.id);
  const worklogs = worklogsOf(state, issue.id);
  const spent = issue.timeSpentSeconds > 0 ? issue.timeSpentSeconds : null;
  const values: Record<string, unknown> = {
    statuscategorychangedate: jiraDateTime(issue.statusCategoryChanged),
    issuetype: type ? issueTypeJson(baseUrl, type) : null,
    ...(parent ? { parent: linkedIssueJson(state, baseUrl, parent) } : {}),
    timespent: spent,
    project: project ? projectSummaryJson(baseUrl, project) : null,
    fixVersions: [],
    aggregatetimespent: spent,
    resolution: resolution ? resolutionJson(baseUrl, resolution) : null,
    resolutiondate: issue.resolutionDate !== null ? jiraDateTime(issue.resolutionDate) : null,
    workratio: -1,
    watches: { self: `${api(baseUrl)}/issue/${issue.key}/watchers`, watchCount: issue.watchers.length, isWatching: false },
    lastViewed: null,
    created: jiraDateTime(issue.created),
    priority: priority ? priorityJson(baseUrl, priority) : null,
    labels: issue.labels,
    timeestimate: null,
    aggregatetimeoriginalestimate: null,
    versions: [],
    issuelinks: linksOf(state, issue.id).map((link) => issueLinkJson(state, baseUrl, link, issue.id)).filter((link) => link !== undefined),
    assignee: userDetailsById(state, baseUrl, issue.assigneeId),
    updated: jiraDateTime(issue.updated),
    status: status ? statusJson(baseUrl, status) : null,
    components: project ? issue.componentIds.map((id) => project.components.find((component) => component.id === id)).filter((component) => component !== undefined).map((component) => componentJson(baseUrl, project, component)) : [],
    timeoriginalestimate: null,
    description: issue.description,
    timetracking: spent ? { timeSpent: formatDuration(spent), timeSpentSeconds: spent } : {},
    security: null,
    aggregatetimeestimate: null,
    attachment: [],
    summary: issue.summary,
    creator: userDetailsById(state, baseUrl, issue.creatorId),
    subtasks: childrenOf(state, issue.id).filter((child) => get<IssueTypeRecord>(state, COLLECTIONS.issueTypes, child.issueTypeId)?.subtask).map((child) => linkedIssueJson(state, baseUrl, child)),
    reporter: userDetailsById(state, baseUrl, issue.reporterId),
    aggregateprogress: { progress: spent ?? 0, total: spent ?? 0, ...(spent ? { percent: 100 } : {}) },
    environment: issue.environment,
    duedate: issue.duedate,
    progress: { progress: spent ?? 0, total: spent ?? 0, ...(spent ? { percent: 100 } : {}) },
    votes: { self: `${api(baseUrl)}/issue/${issue.key}/votes`, votes: 0, hasVoted: false },
    comment: { comments: comments.map((comment) => commentJson(state, baseUrl, comment)), self: `${api(baseUrl)}/issue/${issue.id}/comment`, maxResults: comments.length, total: comments.length, startAt: 0 },
    worklog: { startAt: 0, maxResults: 20, total: worklogs.length, worklogs: worklogs.slice(0, 20).map((worklog) => worklogJson(state, baseUrl, worklog)) },
  };
  for (const field of state.collections.get(COLLECTIONS.fields)?.values() ?? []) {
    const custom = field as CustomFieldRecord;
    values[custom.id] = customValueJson(state, baseUrl, custom, issue.custom[custom.id]);
  }
  return values;
}

export interface IssueViewOptions {
  /** Requested `fields` tokens; empty = the default. */
  fields: string[];
  /** What an empty `fields` means: all fields (get issue) or only the id (search/jql). */
  defaultFields: "*all" | "*navigable" | "id";
  expand: string[];
}

/** The field ids a `fields` request selects. */
export function selectFieldIds(state: TenantState, requested: string[], defaultFields: IssueViewOptions["defaultFields"]): string[] {
  const all = allFields(state);
  const navigable = all.filter((field) => field.navigable).map((field) => field.id);
  const everything = all.map((field) => field.id);
  const tokens = requested.length === 0 ? [defaultFields] : requested;
  const onlyExclusions = tokens.every((token) => token.startsWith("-"));
  const chosen = new Set<string>(onlyExclusions ? navigable : []);
  for (const token of tokens) {
    if (token === "*all") everything.forEach((id) => chosen.add(id));
    else if (token === "*navigable") navigable.forEach((id) => chosen.add(id));
    else if (token.startsWith("-")) chosen.delete(token.slice(1));
    else if (token !== "id" && token !== "key" && token !== "issuekey") {
      const byName = all.find((field) => field.id === token || field.name.toLowerCase() === token.toLowerCase());
      if (byName) chosen.add(byName.id);
    }
  }
  chosen.delete("issuekey");
  chosen.delete("statusCategory");
  return [...chosen];
}

function renderedValue(id: string, value: unknown): unknown {
  if (id === "description" || id === "environment") return adfToHtml(value as Adf | null);
  if (id === "comment" && value && typeof value === "object") return value;
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) ? value : null;
}

export function changelogJson(state: TenantState, baseUrl: string, entry: ChangelogRecord): Record<string, unknown> {
  const author = findUser(state, entry.authorId);
  return { id: entry.id, ...(author ? { author: userDetails(baseUrl, author) } : {}), created: jiraDateTime(entry.created), items: entry.items };
}

export function issueJson(state: TenantState, baseUrl: string, issue: IssueRecord, options: IssueViewOptions): Record<string, unknown> {
  const ids = selectFieldIds(state, options.fields, options.defaultFields);
  const values = ids.length > 0 ? issueFieldValues(state, baseUrl, issue) : {};
  const fields: Record<string, unknown> = {};
  const chosen = new Set(ids);
  for (const [id, value] of Object.entries(values)) if (chosen.has(id)) fields[id] = value;
  const json: Record<string, unknown> = { expand: ISSUE_EXPAND, id: issue.id, self: `${api(baseUrl)}/issue/${issue.id}`, key: issue.key };
  const expand = new Set(options.expand);
  if (expand.has("renderedFields")) json["renderedFields"] = Object.fromEntries(Object.entries(fields).map(([id, value]) => [id, renderedValue(id, value)]));
  if (expand.has("names")) json["names"] = Object.fromEntries(Object.keys(fields).map((id) => [id, fieldDefinition(state, id)?.name ?? id]));
  if (expand.has("schema")) json["schema"] = Object.fromEntries(Object.keys(fields).flatMap((id) => {
    const schema = fieldDefinition(state, id)?.schema;
    return schema ? [[id, schema]] : [];
  }));
  if (expand.has("transitions")) json["transitions"] = availableTransitions(state, issue).map((transition) => transitionJson(state, baseUrl, issue, transition));
  if (expand.has("versionedRepresentations")) json["versionedRepresentations"] = Object.fromEntries(Object.entries(fields).map(([id, value]) => [id, { "1": value }]));
  else json["fields"] = fields;
  if (expand.has("changelog")) {
    const histories = [...issue.history].reverse().map((entry) => changelogJson(state, baseUrl, entry));
    json["changelog"] = { startAt: 0, maxResults: histories.length, total: histories.length, histories };
  }
  return json;
}
