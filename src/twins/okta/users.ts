/**
 * Users: create (with or without credentials, staged or activated), get by id, login or login
 * short name (or `me`), list with `q`, `filter`, `search` and cursor paging, partial update
 * (POST), replacement (PUT), delete (a deactivation first, as Okta does), and a user's groups.
 */
import { deleteRecord, putRecord } from "../kit/index.js";
import { notFound, oktaError, validationFailed } from "./errors.js";
import { parseExpression } from "./expression.js";
import { COLLECTIONS, ID_PREFIX, type AppUserRecord, type MembershipRecord, type UserRecord, type UserStatus, findUser, groupsOfUser, iso, list, membershipKey, newId } from "./model.js";
import { type OktaRequest, isRecord, json, noContent, pageAfter, pagedJson } from "./request.js";
import { DEFAULT_USER_TYPE_ID, groupJson, userJson } from "./views.js";

const REQUIRED_PROFILE = ["login", "email", "firstName", "lastName"] as const;
const FILTER_ATTRIBUTES = new Set(["status", "lastUpdated", "id", "profile.login", "profile.email", "profile.firstName", "profile.lastName"]);

/** Why a password breaks the default password policy, or undefined when it meets it. */
export function passwordProblem(password: string, login: string): string | undefined {
  const parts = login.toLowerCase().split(/[@.]/).filter((part) => part.length >= 3);
  const fits = password.length >= 8 && /[a-z]/.test(password) && /[A-Z]/.test(password) && /\d/.test(password) && !parts.some((part) => password.toLowerCase().includes(part));
  return fits ? undefined : "Password requirements were not met. Password requirements: at least 8 characters, a lowercase letter, an uppercase letter, a number, no parts of your username.";
}

/** The user named by the path (`id`, login, short name or `me`), or Okta's 404. */
export function pathUser(request: OktaRequest): UserRecord | Response {
  const id = request.params["id"] ?? request.params["userId"] ?? "";
  const user = id === "me" ? request.caller?.user : findUser(request.tenant.state, id);
  return user ?? notFound(request.tenant, id, "User");
}

interface CheckedCredentials {
  password?: string;
  recoveryQuestion?: string;
}

function checkCredentials(request: OktaRequest, value: unknown, login: string): CheckedCredentials | Response {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return validationFailed(request.tenant, "credentials", "expected an object");
  const result: CheckedCredentials = {};
  const password = value["password"];
  if (password !== undefined && password !== null) {
    const text = isRecord(password) ? password["value"] : undefined;
    if (typeof text !== "string") return validationFailed(request.tenant, "password", "expected {\"value\": \"...\"}");
    const problem = passwordProblem(text, login);
    if (problem) return validationFailed(request.tenant, "password", problem);
    result.password = text;
  }
  const question = value["recovery_question"];
  if (question !== undefined && question !== null) {
    if (!isRecord(question) || typeof question["question"] !== "string" || typeof question["answer"] !== "string") return validationFailed(request.tenant, "recovery_question", 'expected {"question": "...", "answer": "..."}');
    result.recoveryQuestion = question["question"];
  }
  return result;
}

function checkProfile(request: OktaRequest, value: unknown, except?: string): Record<string, unknown> | Response {
  if (!isRecord(value)) return validationFailed(request.tenant, "profile", "The field cannot be left blank");
  for (const field of REQUIRED_PROFILE) {
    const given = value[field];
    if (typeof given !== "string" || given.trim() === "") return validationFailed(request.tenant, field, "The field cannot be left blank");
  }
  const login = String(value["login"]);
  if (!/^[^@\s]+@[^@\s]+$/.test(login)) return validationFailed(request.tenant, "login", "Username must be in the form of an email address");
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(value["email"]))) return validationFailed(request.tenant, "email", "Does not match required pattern");
  const clash = findUser(request.tenant.state, login);
  if (clash && clash.id !== except && String(clash.profile["login"]).toLowerCase() === login.toLowerCase()) return validationFailed(request.tenant, "login", "An object with this field already exists in the current organization");
  return value;
}

function saveUser(request: OktaRequest, user: UserRecord): void {
  request.tenant.update((state) => putRecord(state, COLLECTIONS.users, user.id, user));
}

export function createUser(request: OktaRequest): Response {
  const body = isRecord(request.body) ? request.body : {};
  const profile = checkProfile(request, body["profile"]);
  if (profile instanceof Response) return profile;
  const credentials = checkCredentials(request, body["credentials"], String(profile["login"]));
  if (credentials instanceof Response) return credentials;
  const groupIds = body["groupIds"] ?? [];
  if (!Array.isArray(groupIds) || !groupIds.every((id) => typeof id === "string")) return validationFailed(request.tenant, "groupIds", "expected an array of group ids");
  const missingGroup = groupIds.find((id) => !list<{ id: string }>(request.tenant.state, COLLECTIONS.groups).some((group) => group.id === id));
  if (missingGroup) return notFound(request.tenant, String(missingGroup), "UserGroup");
  const activate = (request.query.get("activate") ?? "true").toLowerCase() !== "false";
  if (request.query.get("nextLogin") === "changePassword" && !activate) return oktaError(request.tenant, 400, "E0000001", "Api validation failed: nextLogin", ["Could not create user. To create a user and expire their password immediately, `activate` must be true."]);
  const now = request.tenant.now();
  const status: UserStatus = !activate ? "STAGED" : credentials.password !== undefined ? (request.query.get("nextLogin") === "changePassword" ? "PASSWORD_EXPIRED" : "ACTIVE") : "PROVISIONED";
  const user: UserRecord = {
    id: newId(request.tenant, ID_PREFIX.user),
    status,
    created: now,
    activated: activate ? now : null,
    statusChanged: activate ? now : null,
    lastLogin: null,
    lastUpdated: now,
    passwordChanged: credentials.password !== undefined ? now : null,
    profile: { ...profile },
    ...credentials,
  };
  saveUser(request, user);
  for (const groupId of groupIds as string[]) request.tenant.update((state) => putRecord(state, COLLECTIONS.memberships, membershipKey(groupId, user.id), { groupId, userId: user.id } satisfies MembershipRecord));
  return json(request, userJson(request.baseUrl, user));
}

export function getUser(request: OktaRequest): Response {
  const user = pathUser(request);
  if (user instanceof Response) return user;
  return json(request, userJson(request.baseUrl, user), 200, { etag: `W/"${user.lastUpdated.toString(16)}"` });
}

/** The value of a property in `search` and `filter` expressions. */
function userProperty(user: UserRecord, attribute: string): unknown {
  if (attribute.startsWith("profile.")) return user.profile[attribute.slice("profile.".length)];
  switch (attribute) {
    case "id":
      return user.id;
    case "status":
      return user.status;
    case "type.id":
      return DEFAULT_USER_TYPE_ID;
    case "created":
    case "activated":
    case "statusChanged":
    case "lastUpdated":
    case "lastLogin":
    case "passwordChanged":
      return iso(user[attribute]);
    default:
      return undefined;
  }
}

export function listUsers(request: OktaRequest): Response {
  const { query, tenant } = request;
  let users = list<UserRecord>(tenant.state, COLLECTIONS.users);
  const search = query.get("search");
  const filter = query.get("filter");
  const q = query.get("q");
  if (search !== null) {
    const parsed = parseExpression(search);
    if ("error" in parsed) return oktaError(tenant, 400, "E0000031", "Invalid search criteria.", [`search: ${parsed.error}`]);
    users = users.filter((user) => parsed.predicate((attribute) => userProperty(user, attribute)));
  }
  if (filter !== null) {
    const parsed = parseExpression(filter, (name) => FILTER_ATTRIBUTES.has(name));
    if ("error" in parsed) return oktaError(tenant, 400, "E0000030", "Bad request. Invalid filter parameter.", [`filter: ${parsed.error}`]);
    users = users.filter((user) => parsed.predicate((attribute) => userProperty(user, attribute)));
  }
  if (search === null && filter === null) users = users.filter((user) => user.status !== "DEPROVISIONED");
  if (q !== null) {
    const prefix = q.toLowerCase();
    users = users.filter((user) => ["firstName", "lastName", "email", "login"].some((field) => String(user.profile[field] ?? "").toLowerCase().startsWith(prefix)));
  }
  const sortBy = query.get("sortBy");
  if (sortBy && search !== null) {
    const direction = (query.get("sortOrder") ?? "asc").toLowerCase() === "desc" ? -1 : 1;
    users = [...users].sort((a, b) => {
      const left = String(userProperty(a, sortBy) ?? "");
      const right = String(userProperty(b, sortBy) ?? "");
      return left < right ? -direction : left > right ? direction : 0;
    });
  }
  const page = pageAfter(request, users, (user) => user.id, q !== null ? 10 : 200, q !== null ? 200 : 200);
  return pagedJson(request, page, (user) => userJson(request.baseUrl, user));
}

function updatedProfile(request: OktaRequest, user: UserRecord, replace: boolean): UserRecord | Response {
  const body = isRecord(request.body) ? request.body : {};
  let next: UserRecord = { ...user };
  if (body["profile"] !== undefined) {
    const merged = replace ? body["profile"] : isRecord(body["profile"]) ? { ...user.profile, ...body["profile"] } : body["profile"];
    const profile = checkProfile(request, merged, user.id);
    if (profile instanceof Response) return profile;
    next = { ...next, profile: { ...profile } };
  } else if (replace) {
    return validationFailed(request.tenant, "profile", "The field cannot be left blank");
  }
  if (body["credentials"] !== undefined) {
    const credentials = checkCredentials(request, body["credentials"], String(next.profile["login"]));
    if (credentials instanceof Response) return credentials;
    if (credentials.password !== undefined) next = { ...next, password: credentials.password, passwordChanged: request.tenant.now() };
    if (credentials.recoveryQuestion !== undefined) next = { ...next, recoveryQuestion: credentials.recoveryQuestion };
  }
  return { ...next, lastUpdated: request.tenant.now() };
}

export function updateUser(request: OktaRequest): Response {
  const user = pathUser(request);
  if (user instanceof Response) return user;
  const next = updatedProfile(request, user, false);
  if (next instanceof Response) return next;
  saveUser(request, next);
  return json(request, userJson(request.baseUrl, next));
}

export function replaceUser(request: OktaRequest): Response {
  const user = pathUser(request);
  if (user instanceof Response) return user;
  const next = updatedProfile(request, user, true);
  if (next instanceof Response) return next;
  saveUser(request, next);
  return json(request, userJson(request.baseUrl, next));
}

/** The first delete deactivates (as Okta does); deleting a deactivated user removes it and its memberships and assignments. */
export function deleteUser(request: OktaRequest): Response {
  const user = pathUser(request);
  if (user instanceof Response) return user;
  const now = request.tenant.now();
  if (user.status !== "DEPROVISIONED") {
    saveUser(request, { ...user, status: "DEPROVISIONED", statusChanged: now, lastUpdated: now });
    return noContent(request);
  }
  request.tenant.update((state) => {
    let next = deleteRecord(state, COLLECTIONS.users, user.id);
    for (const membership of list<MembershipRecord>(state, COLLECTIONS.memberships)) if (membership.userId === user.id) next = deleteRecord(next, COLLECTIONS.memberships, membershipKey(membership.groupId, user.id));
    for (const assignment of list<AppUserRecord>(state, COLLECTIONS.appUsers)) if (assignment.userId === user.id) next = deleteRecord(next, COLLECTIONS.appUsers, `${assignment.appId}/${user.id}`);
    return next;
  });
  return noContent(request);
}

export function listUserGroups(request: OktaRequest): Response {
  const user = pathUser(request);
  if (user instanceof Response) return user;
  return json(request, groupsOfUser(request.tenant.state, user.id).map((group) => groupJson(request.baseUrl, group)));
}
