/**
 * Groups (`OKTA_GROUP`, plus the built-in `Everyone`) and their members: create, get, list with
 * `q`, `filter` and `search`, replace the profile, delete, add and remove members, list members
 * with cursor paging, and the apps assigned to a group.
 */
import { deleteRecord, putRecord } from "../kit/index.js";
import { notFound, oktaError, validationFailed } from "./errors.js";
import { parseExpression } from "./expression.js";
import { type AppGroupRecord, type AppRecord, COLLECTIONS, type GroupRecord, ID_PREFIX, type MembershipRecord, type UserRecord, get, iso, list, membershipKey, newId } from "./model.js";
import { type OktaRequest, isRecord, json, noContent, pageAfter, pagedJson } from "./request.js";
import { pathUser } from "./users.js";
import { appJson, groupJson, userJson } from "./views.js";

export function pathGroup(request: OktaRequest): GroupRecord | Response {
  const id = request.params["groupId"] ?? "";
  return get<GroupRecord>(request.tenant.state, COLLECTIONS.groups, id) ?? notFound(request.tenant, id, "UserGroup");
}

function checkGroupProfile(request: OktaRequest, except?: string): GroupRecord["profile"] | Response {
  const body = isRecord(request.body) ? request.body : {};
  const profile = body["profile"];
  if (!isRecord(profile) || typeof profile["name"] !== "string" || profile["name"].trim() === "") return validationFailed(request.tenant, "name", "The field cannot be left blank");
  const description = profile["description"];
  if (description !== undefined && description !== null && typeof description !== "string") return validationFailed(request.tenant, "description", "expected a string");
  const name = profile["name"];
  const clash = list<GroupRecord>(request.tenant.state, COLLECTIONS.groups).find((group) => group.id !== except && group.profile.name.toLowerCase() === name.toLowerCase());
  if (clash) return validationFailed(request.tenant, "name", "An object with this field already exists in the current organization");
  return { ...profile, name, description: typeof description === "string" ? description : null };
}

export function createGroup(request: OktaRequest): Response {
  const profile = checkGroupProfile(request);
  if (profile instanceof Response) return profile;
  const now = request.tenant.now();
  const group: GroupRecord = { id: newId(request.tenant, ID_PREFIX.group), type: "OKTA_GROUP", created: now, lastUpdated: now, lastMembershipUpdated: now, profile };
  request.tenant.update((state) => putRecord(state, COLLECTIONS.groups, group.id, group));
  return json(request, groupJson(request.baseUrl, group));
}

export function getGroup(request: OktaRequest): Response {
  const group = pathGroup(request);
  if (group instanceof Response) return group;
  return json(request, groupJson(request.baseUrl, group));
}

function groupProperty(group: GroupRecord, attribute: string): unknown {
  if (attribute.startsWith("profile.")) return (group.profile as Record<string, unknown>)[attribute.slice("profile.".length)];
  if (attribute === "id" || attribute === "type") return group[attribute];
  if (attribute === "created" || attribute === "lastUpdated" || attribute === "lastMembershipUpdated") return iso(group[attribute]);
  return undefined;
}

export function listGroups(request: OktaRequest): Response {
  const { query, tenant } = request;
  let groups = list<GroupRecord>(tenant.state, COLLECTIONS.groups);
  for (const [name, code, summary] of [["search", "E0000031", "Invalid search criteria."], ["filter", "E0000030", "Bad request. Invalid filter parameter."]] as const) {
    const expression = query.get(name);
    if (expression === null) continue;
    const parsed = parseExpression(expression);
    if ("error" in parsed) return oktaError(tenant, 400, code, summary, [`${name}: ${parsed.error}`]);
    groups = groups.filter((group) => parsed.predicate((attribute) => groupProperty(group, attribute)));
  }
  const q = query.get("q");
  if (q !== null) groups = groups.filter((group) => group.profile.name.toLowerCase().startsWith(q.toLowerCase()));
  const page = pageAfter(request, groups, (group) => group.id, 10_000, 10_000);
  return pagedJson(request, page, (group) => groupJson(request.baseUrl, group));
}

export function replaceGroup(request: OktaRequest): Response {
  const group = pathGroup(request);
  if (group instanceof Response) return group;
  if (group.type !== "OKTA_GROUP") return oktaError(request.tenant, 403, "E0000006", "You do not have permission to perform the requested action", ["Built-in groups cannot be modified."]);
  const profile = checkGroupProfile(request, group.id);
  if (profile instanceof Response) return profile;
  const next: GroupRecord = { ...group, profile, lastUpdated: request.tenant.now() };
  request.tenant.update((state) => putRecord(state, COLLECTIONS.groups, group.id, next));
  return json(request, groupJson(request.baseUrl, next));
}

export function deleteGroup(request: OktaRequest): Response {
  const group = pathGroup(request);
  if (group instanceof Response) return group;
  if (group.type !== "OKTA_GROUP") return oktaError(request.tenant, 403, "E0000006", "You do not have permission to perform the requested action", ["Built-in groups cannot be deleted."]);
  request.tenant.update((state) => {
    let next = deleteRecord(state, COLLECTIONS.groups, group.id);
    for (const membership of list<MembershipRecord>(state, COLLECTIONS.memberships)) if (membership.groupId === group.id) next = deleteRecord(next, COLLECTIONS.memberships, membershipKey(group.id, membership.userId));
    for (const assignment of list<AppGroupRecord>(state, COLLECTIONS.appGroups)) if (assignment.groupId === group.id) next = deleteRecord(next, COLLECTIONS.appGroups, `${assignment.appId}/${group.id}`);
    return next;
  });
  return noContent(request);
}

function touchMembership(request: OktaRequest, group: GroupRecord): void {
  const now = request.tenant.now();
  request.tenant.update((state) => putRecord(state, COLLECTIONS.groups, group.id, { ...group, lastMembershipUpdated: now }));
}

export function addGroupMember(request: OktaRequest): Response {
  const group = pathGroup(request);
  if (group instanceof Response) return group;
  const user = pathUser(request);
  if (user instanceof Response) return user;
  if (group.type !== "OKTA_GROUP") return oktaError(request.tenant, 403, "E0000006", "You do not have permission to perform the requested action", ["Members of built-in groups cannot be changed."]);
  request.tenant.update((state) => putRecord(state, COLLECTIONS.memberships, membershipKey(group.id, user.id), { groupId: group.id, userId: user.id } satisfies MembershipRecord));
  touchMembership(request, group);
  return noContent(request);
}

export function removeGroupMember(request: OktaRequest): Response {
  const group = pathGroup(request);
  if (group instanceof Response) return group;
  const user = pathUser(request);
  if (user instanceof Response) return user;
  request.tenant.update((state) => deleteRecord(state, COLLECTIONS.memberships, membershipKey(group.id, user.id)));
  touchMembership(request, group);
  return noContent(request);
}

/** Everyone holds every user; other groups hold their memberships, in the order they were added. */
export function groupMembers(request: OktaRequest, group: GroupRecord): UserRecord[] {
  const state = request.tenant.state;
  if (group.type === "BUILT_IN") return list<UserRecord>(state, COLLECTIONS.users);
  return list<MembershipRecord>(state, COLLECTIONS.memberships)
    .filter((membership) => membership.groupId === group.id)
    .map((membership) => get<UserRecord>(state, COLLECTIONS.users, membership.userId))
    .filter((user): user is UserRecord => user !== undefined);
}

export function listGroupMembers(request: OktaRequest): Response {
  const group = pathGroup(request);
  if (group instanceof Response) return group;
  const page = pageAfter(request, groupMembers(request, group), (user) => user.id, 1000, 1000);
  return pagedJson(request, page, (user) => userJson(request.baseUrl, user));
}

export function listGroupApps(request: OktaRequest): Response {
  const group = pathGroup(request);
  if (group instanceof Response) return group;
  const state = request.tenant.state;
  const apps = list<AppGroupRecord>(state, COLLECTIONS.appGroups)
    .filter((assignment) => assignment.groupId === group.id)
    .map((assignment) => get<AppRecord>(state, COLLECTIONS.apps, assignment.appId))
    .filter((app): app is AppRecord => app !== undefined);
  const page = pageAfter(request, apps, (app) => app.id, 20, 200);
  return pagedJson(request, page, (app) => appJson(request.baseUrl, app));
}
