/**
 * Site metadata: server info, issue types, statuses and their categories, priorities,
 * resolutions, and fields (the list and a basic custom field create for admins).
 */
import { fieldErrors, invalidPayload, isObject, jiraError, json } from "./errors.js";
import { CUSTOM_KINDS, allFields, customFieldDefinition, customTypeOf, fieldDetailsJson } from "./field-catalog.js";
import { COLLECTIONS, type CustomFieldRecord, type IssueTypeRecord, type PriorityRecord, type ResolutionRecord, type StatusRecord, findByIdOrName, get, isAdmin, list, nextId, put, site } from "./model.js";
import { type JiraRequest, pageOf, queryInt } from "./request.js";
import { jiraDateTime } from "./time.js";
import { STATUS_CATEGORY_KEYS, issueTypeJson, priorityJson, resolutionJson, statusCategoryJson, statusJson } from "./views.js";

export const SERVER_VERSION = "1001.0.0-SNAPSHOT";

export function serverInfo(request: JiraRequest): Response {
  return json({
    baseUrl: request.baseUrl,
    displayUrl: request.baseUrl,
    version: SERVER_VERSION,
    versionNumbers: [1001, 0, 0],
    deploymentType: "Cloud",
    buildNumber: 100288,
    buildDate: "2026-01-01T00:00:00.000+0000",
    serverTime: jiraDateTime(request.tenant.now()),
    scmInfo: "0000000000000000000000000000000000000000",
    serverTitle: site(request.tenant.state).title,
  });
}

export function listIssueTypes(request: JiraRequest): Response {
  return json(list<IssueTypeRecord>(request.tenant.state, COLLECTIONS.issueTypes).map((type) => issueTypeJson(request.baseUrl, type)));
}

export function getIssueType(request: JiraRequest): Response {
  const id = request.params["id"] ?? "";
  if (!/^\d+$/.test(id)) return jiraError(400, ["The issue type ID is invalid."]);
  const type = get<IssueTypeRecord>(request.tenant.state, COLLECTIONS.issueTypes, id);
  return type ? json(issueTypeJson(request.baseUrl, type)) : jiraError(404, ["The issue type with this ID does not exist."]);
}

export function listStatuses(request: JiraRequest): Response {
  return json(list<StatusRecord>(request.tenant.state, COLLECTIONS.statuses).map((status) => statusJson(request.baseUrl, status)));
}

export function getStatus(request: JiraRequest): Response {
  const idOrName = request.params["idOrName"] ?? "";
  const status = findByIdOrName<StatusRecord>(request.tenant.state, COLLECTIONS.statuses, idOrName);
  return status ? json(statusJson(request.baseUrl, status)) : jiraError(404, [`The status with ID or name '${idOrName}' does not exist.`]);
}

export function listStatusCategories(request: JiraRequest): Response {
  return json(STATUS_CATEGORY_KEYS.map((key) => statusCategoryJson(request.baseUrl, key)));
}

export function getStatusCategory(request: JiraRequest): Response {
  const idOrKey = request.params["idOrKey"] ?? "";
  const key = STATUS_CATEGORY_KEYS.find((candidate) => candidate === idOrKey || String(statusCategoryJson(request.baseUrl, candidate)["id"]) === idOrKey);
  return key ? json(statusCategoryJson(request.baseUrl, key)) : jiraError(404, [`The status category with ID or key '${idOrKey}' does not exist.`]);
}

export function listPriorities(request: JiraRequest): Response {
  return json(list<PriorityRecord>(request.tenant.state, COLLECTIONS.priorities).map((priority) => priorityJson(request.baseUrl, priority, true)));
}

export function searchPriorities(request: JiraRequest): Response {
  const priorities = list<PriorityRecord>(request.tenant.state, COLLECTIONS.priorities);
  const startAt = queryInt(request.query, "startAt", 0);
  const maxResults = queryInt(request.query, "maxResults", 50);
  const page = pageOf(priorities, startAt, maxResults);
  return json({ self: `${request.baseUrl}/rest/api/3/priority/search?maxResults=${maxResults}&startAt=${startAt}`, maxResults, startAt, total: page.total, isLast: page.isLast, values: page.values.map((priority) => priorityJson(request.baseUrl, priority, true)) });
}

export function getPriority(request: JiraRequest): Response {
  const id = request.params["id"] ?? "";
  const priority = get<PriorityRecord>(request.tenant.state, COLLECTIONS.priorities, id);
  return priority ? json(priorityJson(request.baseUrl, priority, true)) : jiraError(404, [`The priority with ID '${id}' does not exist.`]);
}

export function listResolutions(request: JiraRequest): Response {
  return json(list<ResolutionRecord>(request.tenant.state, COLLECTIONS.resolutions).map((resolution) => resolutionJson(request.baseUrl, resolution)));
}

export function getResolution(request: JiraRequest): Response {
  const id = request.params["id"] ?? "";
  const resolution = get<ResolutionRecord>(request.tenant.state, COLLECTIONS.resolutions, id);
  return resolution ? json(resolutionJson(request.baseUrl, resolution)) : jiraError(404, [`The resolution with ID '${id}' does not exist.`]);
}

export function listFields(request: JiraRequest): Response {
  return json(allFields(request.tenant.state).map(fieldDetailsJson));
}

export function createCustomField(request: JiraRequest): Response {
  const { tenant } = request;
  if (!isAdmin(request.caller.user)) return jiraError(403, ["Only Jira administrators can access custom fields."]);
  const body = request.body;
  if (!isObject(body)) return invalidPayload();
  const errors: Record<string, string> = {};
  const name = typeof body["name"] === "string" ? body["name"].trim() : "";
  if (name === "") errors["name"] = "The custom field name must be specified.";
  else if (name.length > 255) errors["name"] = "The custom field name must not exceed 255 characters.";
  const type = typeof body["type"] === "string" ? customTypeOf(body["type"]) : undefined;
  if (!type) errors["type"] = `The custom field type must be one of ${Object.values(CUSTOM_KINDS).map((kind) => kind.typeKey).join(", ")}.`;
  if (Object.keys(errors).length > 0) return fieldErrors(errors);
  const field: CustomFieldRecord = { id: `customfield_${nextId(tenant, "customfield")}`, name, description: typeof body["description"] === "string" ? body["description"] : "", type: type!, options: [] };
  put(tenant, COLLECTIONS.fields, field.id, field);
  return json(fieldDetailsJson(customFieldDefinition(field)), 201);
}
