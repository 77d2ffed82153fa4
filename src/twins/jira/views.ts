/**
 * The JSON Jira returns for users, projects, statuses, issue types, priorities, resolutions and
 * link types, with `self` links under the request's base URL. Only keys the swagger documents are
 * written, so responses validate against it with `additionalProperties: false`.
 */
import type { TenantState } from "../kit/index.js";
import {
  COLLECTIONS,
  type ComponentRecord,
  type IssueTypeRecord,
  type LinkTypeRecord,
  type PriorityRecord,
  type ProjectRecord,
  type ResolutionRecord,
  type StatusCategoryKey,
  type StatusRecord,
  type UserRecord,
  findUser,
  get,
} from "./model.js";

const api = (baseUrl: string) => `${baseUrl}/rest/api/3`;

export function avatarUrls(baseUrl: string, kind: "user" | "project", id: string): Record<string, string> {
  const url = (size: string) => `${baseUrl}/secure/${kind}avatar?size=${size}&${kind === "user" ? "ownerId" : "pid"}=${encodeURIComponent(id)}`;
  return { "48x48": url("large"), "24x24": url("small"), "16x16": url("xsmall"), "32x32": url("medium") };
}

/** UserDetails: how a user appears inside issues, comments and changelogs. */
export function userDetails(baseUrl: string, user: UserRecord): Record<string, unknown> {
  return {
    self: `${api(baseUrl)}/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    emailAddress: user.emailAddress,
    avatarUrls: avatarUrls(baseUrl, "user", user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    accountType: user.accountType,
  };
}

export function userDetailsById(state: TenantState, baseUrl: string, accountId: string | null): Record<string, unknown> | null {
  if (!accountId) return null;
  const user = findUser(state, accountId);
  return user ? userDetails(baseUrl, user) : { accountId, accountType: "unknown", active: false, displayName: "Former user" };
}

/** User: `/myself`, `/user` and the user searches, with groups and roles when expanded. */
export function userJson(baseUrl: string, user: UserRecord, expand: string[] = []): Record<string, unknown> {
  const json: Record<string, unknown> = { ...userDetails(baseUrl, user), locale: user.locale };
  if (expand.includes("groups")) json["groups"] = { size: user.groups.length, items: user.groups.map((name) => ({ name, self: `${api(baseUrl)}/group?groupname=${encodeURIComponent(name)}` })) };
  else json["groups"] = { size: user.groups.length, items: [] };
  const roles = user.accountType === "atlassian" ? [{ key: "jira-software", name: "Jira" }] : [];
  json["applicationRoles"] = expand.includes("applicationRoles") ? { size: roles.length, items: roles } : { size: roles.length, items: [] };
  json["expand"] = "groups,applicationRoles";
  return json;
}

const CATEGORIES: Record<StatusCategoryKey | "undefined", { id: number; colorName: string; name: string }> = {
  undefined: { id: 1, colorName: "medium-gray", name: "No Category" },
  new: { id: 2, colorName: "blue-gray", name: "To Do" },
  done: { id: 3, colorName: "green", name: "Done" },
  indeterminate: { id: 4, colorName: "yellow", name: "In Progress" },
};

export const STATUS_CATEGORY_KEYS = Object.keys(CATEGORIES) as (StatusCategoryKey | "undefined")[];

export function statusCategoryJson(baseUrl: string, key: StatusCategoryKey | "undefined"): Record<string, unknown> {
  const category = CATEGORIES[key];
  return { self: `${api(baseUrl)}/statuscategory/${category.id}`, id: category.id, key, colorName: category.colorName, name: category.name };
}

export function statusCategoryName(key: StatusCategoryKey): string {
  return CATEGORIES[key].name;
}

export function statusCategoryId(key: StatusCategoryKey): number {
  return CATEGORIES[key].id;
}

export function statusJson(baseUrl: string, status: StatusRecord): Record<string, unknown> {
  return {
    self: `${api(baseUrl)}/status/${status.id}`,
    description: status.description,
    iconUrl: `${baseUrl}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: statusCategoryJson(baseUrl, status.category),
  };
}

export function issueTypeJson(baseUrl: string, type: IssueTypeRecord): Record<string, unknown> {
  return {
    self: `${api(baseUrl)}/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${api(baseUrl)}/universal_avatar/view/type/issuetype/avatar/${type.avatarId}?size=medium`,
    name: type.name,
    subtask: type.subtask,
    avatarId: type.avatarId,
    hierarchyLevel: type.hierarchyLevel,
  };
}

export function priorityJson(baseUrl: string, priority: PriorityRecord, full = false): Record<string, unknown> {
  const json: Record<string, unknown> = { self: `${api(baseUrl)}/priority/${priority.id}`, iconUrl: `${baseUrl}/images/icons/priorities/${priority.name.toLowerCase()}.svg`, name: priority.name, id: priority.id };
  if (full) Object.assign(json, { statusColor: priority.statusColor, description: priority.description, isDefault: priority.isDefault });
  return json;
}

export function resolutionJson(baseUrl: string, resolution: ResolutionRecord): Record<string, unknown> {
  return { self: `${api(baseUrl)}/resolution/${resolution.id}`, id: resolution.id, description: resolution.description, name: resolution.name };
}

export function linkTypeJson(baseUrl: string, type: LinkTypeRecord): Record<string, unknown> {
  return { id: type.id, name: type.name, inward: type.inward, outward: type.outward, self: `${api(baseUrl)}/issueLinkType/${type.id}` };
}

export function componentJson(baseUrl: string, project: ProjectRecord, component: ComponentRecord, full = false): Record<string, unknown> {
  const json: Record<string, unknown> = { self: `${api(baseUrl)}/component/${component.id}`, id: component.id, name: component.name };
  if (full) Object.assign(json, { project: project.key, projectId: Number(project.id), assigneeType: "PROJECT_DEFAULT", realAssigneeType: "PROJECT_DEFAULT", isAssigneeTypeValid: false });
  return json;
}

/** How a project appears inside an issue's `project` field. */
export function projectSummaryJson(baseUrl: string, project: ProjectRecord): Record<string, unknown> {
  return { self: `${api(baseUrl)}/project/${project.id}`, id: project.id, key: project.key, name: project.name, projectTypeKey: project.projectTypeKey, simplified: false, avatarUrls: avatarUrls(baseUrl, "project", project.id) };
}

/** Project: the list, search and get operations; `full` adds what `GET /project/{key}` returns. */
export function projectJson(state: TenantState, baseUrl: string, project: ProjectRecord, options: { full?: boolean; expand?: string[] } = {}): Record<string, unknown> {
  const expand = options.expand ?? [];
  const json: Record<string, unknown> = {
    expand: "description,lead,issueTypes,url,projectKeys,permissions,insight",
    self: `${api(baseUrl)}/project/${project.id}`,
    id: project.id,
    key: project.key,
  };
  if (options.full || expand.includes("description")) json["description"] = project.description;
  if (options.full || expand.includes("lead")) json["lead"] = userDetailsById(state, baseUrl, project.leadAccountId) ?? undefined;
  if (options.full) {
    json["components"] = project.components.map((component) => componentJson(baseUrl, project, component, true));
    json["assigneeType"] = project.assigneeType;
    json["versions"] = [];
    json["roles"] = {};
  }
  if (options.full || expand.includes("issueTypes")) {
    json["issueTypes"] = project.issueTypeIds.map((id) => get<IssueTypeRecord>(state, COLLECTIONS.issueTypes, id)).filter((type): type is IssueTypeRecord => type !== undefined).map((type) => issueTypeJson(baseUrl, type));
  }
  Object.assign(json, {
    name: project.name,
    avatarUrls: avatarUrls(baseUrl, "project", project.id),
    projectTypeKey: project.projectTypeKey,
    simplified: false,
    style: "classic",
    isPrivate: project.members !== undefined,
    properties: {},
  });
  if (json["lead"] === undefined) delete json["lead"];
  return json;
}
