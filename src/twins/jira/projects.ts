/**
 * Projects: the list (`GET /project`), the paged search (`GET /project/search` with startAt,
 * maxResults, total, isLast, `keys`, `query`, `typeKey`), get, the statuses of each issue type,
 * and a basic create (admins only) that gets the site's issue types and default workflow.
 */
import { fieldErrors, invalidPayload, isObject, jiraError, json, projectNotFound } from "./errors.js";
import { COLLECTIONS, type IssueTypeRecord, type ProjectRecord, type StatusRecord, type UserRecord, type WorkflowRecord, canBrowse, findProject, findUser, get, isAdmin, list, nextId, put } from "./model.js";
import { type JiraRequest, pageBean, queryInt, queryList } from "./request.js";
import { projectJson, statusJson } from "./views.js";

function visibleProjects(request: JiraRequest): ProjectRecord[] {
  return list<ProjectRecord>(request.tenant.state, COLLECTIONS.projects).filter((project) => canBrowse(request.caller.user, project));
}

export function listProjects(request: JiraRequest): Response {
  const expand = queryList(request.query, "expand");
  return json(visibleProjects(request).map((project) => projectJson(request.tenant.state, request.baseUrl, project, { expand })));
}

export function searchProjects(request: JiraRequest): Response {
  const keys = queryList(request.query, "keys").map((key) => key.toUpperCase());
  const ids = queryList(request.query, "id");
  const query = (request.query.get("query") ?? "").toLowerCase();
  const typeKey = request.query.get("typeKey");
  const orderBy = request.query.get("orderBy") ?? "key";
  let projects = visibleProjects(request).filter((project) =>
    (keys.length === 0 || keys.includes(project.key)) &&
    (ids.length === 0 || ids.includes(project.id)) &&
    (query === "" || project.key.toLowerCase().includes(query) || project.name.toLowerCase().includes(query)) &&
    (!typeKey || typeKey.split(",").includes(project.projectTypeKey)));
  const descending = orderBy.startsWith("-");
  const field = orderBy.replace(/^[-+]/, "");
  const sortKey = (project: ProjectRecord) => (field === "name" ? project.name.toLowerCase() : field === "id" ? project.id.padStart(12, "0") : project.key);
  projects = [...projects].sort((a, b) => sortKey(a).localeCompare(sortKey(b)) * (descending ? -1 : 1));
  const startAt = queryInt(request.query, "startAt", 0);
  const maxResults = Math.min(100, queryInt(request.query, "maxResults", 50));
  const expand = queryList(request.query, "expand");
  return json(pageBean(`${request.baseUrl}/rest/api/3/project/search`, projects, startAt, maxResults, (project) => projectJson(request.tenant.state, request.baseUrl, project, { expand })));
}

function visibleProject(request: JiraRequest): ProjectRecord | Response {
  const idOrKey = request.params["projectIdOrKey"] ?? "";
  const project = findProject(request.tenant.state, idOrKey);
  if (!project || !canBrowse(request.caller.user, project)) return projectNotFound(idOrKey);
  return project;
}

export function getProject(request: JiraRequest): Response {
  const project = visibleProject(request);
  if (project instanceof Response) return project;
  return json(projectJson(request.tenant.state, request.baseUrl, project, { full: true, expand: queryList(request.query, "expand") }));
}

export function projectStatuses(request: JiraRequest): Response {
  const project = visibleProject(request);
  if (project instanceof Response) return project;
  const { state } = request.tenant;
  const workflow = get<WorkflowRecord>(state, COLLECTIONS.workflows, project.workflowId);
  const statuses = (workflow?.statusIds ?? []).map((id) => get<StatusRecord>(state, COLLECTIONS.statuses, id)).filter((status): status is StatusRecord => status !== undefined);
  return json(
    project.issueTypeIds
      .map((id) => get<IssueTypeRecord>(state, COLLECTIONS.issueTypes, id))
      .filter((type): type is IssueTypeRecord => type !== undefined)
      .map((type) => ({ self: `${request.baseUrl}/rest/api/3/issueType/${type.id}`, id: type.id, name: type.name, subtask: type.subtask, statuses: statuses.map((status) => statusJson(request.baseUrl, status)) })),
  );
}

const KEY = /^[A-Z][A-Z0-9]{1,9}$/;

export function createProject(request: JiraRequest): Response {
  const { tenant } = request;
  const state = tenant.state;
  if (!isAdmin(request.caller.user)) return jiraError(403, ["You do not have permission to create projects."]);
  const body = request.body;
  if (!isObject(body)) return invalidPayload();
  const errors: Record<string, string> = {};
  const key = typeof body["key"] === "string" ? body["key"] : "";
  const name = typeof body["name"] === "string" ? body["name"].trim() : "";
  if (!KEY.test(key)) errors["projectKey"] = "Project keys must start with an uppercase letter, followed by one or more uppercase alphanumeric characters.";
  else if (findProject(state, key)) errors["projectKey"] = `Project '${findProject(state, key)!.name}' uses this project key.`;
  if (name === "") errors["projectName"] = "You must specify a valid project name.";
  else if (name.length > 80) errors["projectName"] = "The project name must not exceed 80 characters in length.";
  else if (list<ProjectRecord>(state, COLLECTIONS.projects).some((project) => project.name.toLowerCase() === name.toLowerCase())) errors["projectName"] = "A project with that name already exists.";
  const leadId = typeof body["leadAccountId"] === "string" ? body["leadAccountId"] : undefined;
  const lead: UserRecord | undefined = leadId ? findUser(state, leadId) : request.caller.user;
  if (!lead) errors["projectLead"] = "The project lead must be a valid user.";
  const typeKey = body["projectTypeKey"] ?? "software";
  if (typeKey !== "software" && typeKey !== "business" && typeKey !== "service_desk") errors["projectTypeKey"] = "The project type key is invalid.";
  if (Object.keys(errors).length > 0) return fieldErrors(errors);
  const defaults = list<ProjectRecord>(state, COLLECTIONS.projects)[0];
  const workflow = list<WorkflowRecord>(state, COLLECTIONS.workflows)[0];
  const project: ProjectRecord = {
    id: nextId(tenant, "project", 9999),
    key,
    name,
    description: typeof body["description"] === "string" ? body["description"] : "",
    leadAccountId: lead!.accountId,
    projectTypeKey: typeKey as ProjectRecord["projectTypeKey"],
    assigneeType: body["assigneeType"] === "PROJECT_LEAD" ? "PROJECT_LEAD" : "UNASSIGNED",
    issueTypeIds: defaults?.issueTypeIds ?? list<IssueTypeRecord>(state, COLLECTIONS.issueTypes).map((type) => type.id),
    workflowId: workflow?.id ?? "",
    components: [],
  };
  put(tenant, COLLECTIONS.projects, project.id, project);
  put(tenant, COLLECTIONS.projectKeys, project.key, project.id);
  return json({ self: `${request.baseUrl}/rest/api/3/project/${project.id}`, id: Number(project.id), key: project.key }, 201);
}
