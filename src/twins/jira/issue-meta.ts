/**
 * What can be set on an issue: the create metadata of a project's issue types
 * (`GET /issue/createmeta/{project}/issuetypes[/{issueTypeId}]`) and an issue's edit metadata
 * (`GET /issue/{key}/editmeta`). With no screens in the twin, every settable field is listed,
 * with the operations `update` takes for it and the allowed values of reference fields.
 */
import type { TenantState } from "../kit/index.js";
import { issueNotFound, jiraError, json, projectNotFound } from "./errors.js";
import { type FieldDefinition, SETTABLE_SYSTEM_FIELDS, fieldDefinition } from "./field-catalog.js";
import { COLLECTIONS, type CustomFieldRecord, type IssueRecord, type IssueTypeRecord, type PriorityRecord, type ProjectRecord, canBrowse, findIssue, findProject, get, list } from "./model.js";
import { type JiraRequest, pageOf, queryInt } from "./request.js";
import { componentJson, issueTypeJson, priorityJson, projectSummaryJson } from "./views.js";

const ARRAY_OPERATIONS = ["add", "set", "remove"];

function fieldMetadata(state: TenantState, baseUrl: string, project: ProjectRecord, issueType: IssueTypeRecord, field: FieldDefinition, forCreate: boolean): Record<string, unknown> | undefined {
  if (!field.schema && field.id !== "parent") return undefined;
  const required = forCreate && (["summary", "issuetype", "project"].includes(field.id) || (field.id === "parent" && issueType.subtask));
  const isArray = field.schema?.type === "array";
  const meta: Record<string, unknown> = {
    required,
    schema: field.schema ?? { type: "issuelink", system: "parent" },
    name: field.name,
    key: field.id,
    hasDefaultValue: field.id === "priority",
    operations: field.id === "issuetype" || field.id === "project" ? (forCreate ? ["set"] : []) : isArray ? ARRAY_OPERATIONS : ["set"],
  };
  if (field.id === "priority") {
    const priorities = list<PriorityRecord>(state, COLLECTIONS.priorities);
    meta["allowedValues"] = priorities.map((priority) => priorityJson(baseUrl, priority));
    const fallback = priorities.find((priority) => priority.isDefault);
    if (fallback) meta["defaultValue"] = priorityJson(baseUrl, fallback);
  }
  if (field.id === "issuetype") meta["allowedValues"] = [issueTypeJson(baseUrl, issueType)];
  if (field.id === "project") meta["allowedValues"] = [projectSummaryJson(baseUrl, project)];
  if (field.id === "components") meta["allowedValues"] = project.components.map((component) => componentJson(baseUrl, project, component));
  if (field.id === "fixVersions" || field.id === "versions") meta["allowedValues"] = [];
  if (field.id === "labels") meta["autoCompleteUrl"] = `${baseUrl}/rest/api/1.0/labels/suggest?query=`;
  if (field.id === "assignee" || field.id === "reporter") meta["autoCompleteUrl"] = `${baseUrl}/rest/api/3/user/search?query=`;
  const custom = field.custom ? get<CustomFieldRecord>(state, COLLECTIONS.fields, field.id) : undefined;
  if (custom && (custom.type === "option" || custom.type === "options")) meta["allowedValues"] = custom.options.map((option) => ({ self: `${baseUrl}/rest/api/3/customFieldOption/${option.id}`, value: option.value, id: option.id }));
  return meta;
}

function settableFields(state: TenantState): FieldDefinition[] {
  const system = [...SETTABLE_SYSTEM_FIELDS].map((id) => fieldDefinition(state, id)).filter((field): field is FieldDefinition => field !== undefined);
  const custom = list<CustomFieldRecord>(state, COLLECTIONS.fields).map((field) => fieldDefinition(state, field.id)!);
  return [...system, ...custom];
}

function visibleProject(request: JiraRequest): ProjectRecord | Response {
  const idOrKey = request.params["projectIdOrKey"] ?? "";
  const project = findProject(request.tenant.state, idOrKey);
  return project && canBrowse(request.caller.user, project) ? project : projectNotFound(idOrKey);
}

function page<T>(request: JiraRequest, items: T[]): { startAt: number; maxResults: number; total: number; values: T[] } {
  const startAt = queryInt(request.query, "startAt", 0);
  const maxResults = Math.min(200, queryInt(request.query, "maxResults", 50));
  const { total, values } = pageOf(items, startAt, maxResults);
  return { startAt, maxResults, total, values };
}

export function createMetaIssueTypes(request: JiraRequest): Response {
  const project = visibleProject(request);
  if (project instanceof Response) return project;
  const { state } = request.tenant;
  const types = project.issueTypeIds.map((id) => get<IssueTypeRecord>(state, COLLECTIONS.issueTypes, id)).filter((type): type is IssueTypeRecord => type !== undefined);
  const { values, ...paging } = page(request, types);
  return json({ ...paging, issueTypes: values.map((type) => issueTypeJson(request.baseUrl, type)) });
}

export function createMetaFields(request: JiraRequest): Response {
  const project = visibleProject(request);
  if (project instanceof Response) return project;
  const { state } = request.tenant;
  const typeId = request.params["issueTypeId"] ?? "";
  const issueType = project.issueTypeIds.includes(typeId) ? get<IssueTypeRecord>(state, COLLECTIONS.issueTypes, typeId) : undefined;
  if (!issueType) return jiraError(400, [`The issue type with id '${typeId}' does not exist or is not available in project '${project.key}'.`]);
  const fields = settableFields(state).map((field) => fieldMetadata(state, request.baseUrl, project, issueType, field, true)).filter((meta) => meta !== undefined);
  const { values, ...paging } = page(request, fields.map((meta) => ({ ...meta, fieldId: meta["key"] })));
  return json({ ...paging, fields: values });
}

export function editMeta(request: JiraRequest): Response {
  const { state } = request.tenant;
  const issue: IssueRecord | undefined = findIssue(state, request.params["issueIdOrKey"] ?? "");
  const project = issue ? get<ProjectRecord>(state, COLLECTIONS.projects, issue.projectId) : undefined;
  const issueType = issue ? get<IssueTypeRecord>(state, COLLECTIONS.issueTypes, issue.issueTypeId) : undefined;
  if (!issue || !project || !issueType || !canBrowse(request.caller.user, project)) return issueNotFound();
  const fields: Record<string, unknown> = {};
  for (const field of settableFields(state)) {
    if (field.id === "project") continue;
    const meta = fieldMetadata(state, request.baseUrl, project, issueType, field, false);
    if (meta) fields[field.id] = meta;
  }
  fields["comment"] = { required: false, schema: { type: "comments-page", system: "comment" }, name: "Comment", key: "comment", operations: ["add"] };
  return json({ fields });
}
