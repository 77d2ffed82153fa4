/**
 * Applications (OpenID Connect clients: `oidc_client`, sign-on mode `OPENID_CONNECT`) and their
 * assignments: create (with a generated client id and secret), get, list, replace, activate,
 * deactivate, delete (inactive apps only), and users and groups assigned to an app.
 */
import { deleteRecord, putRecord } from "../kit/index.js";
import { notFound, oktaError, validationFailed } from "./errors.js";
import { type AppGroupRecord, type AppRecord, type AppUserRecord, COLLECTIONS, ID_PREFIX, type TokenEndpointAuthMethod, type UserRecord, assignmentKey, get, list, newId, randomText } from "./model.js";
import { pathGroup } from "./groups.js";
import { type OktaRequest, isRecord, json, noContent, pageAfter, pagedJson } from "./request.js";
import { pathUser } from "./users.js";
import { appGroupJson, appJson, appUserJson } from "./views.js";

const AUTH_METHODS: TokenEndpointAuthMethod[] = ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"];
const GRANT_TYPES = ["authorization_code", "refresh_token", "client_credentials", "implicit"];
const APPLICATION_TYPES: AppRecord["applicationType"][] = ["web", "native", "browser", "service"];

export function pathApp(request: OktaRequest): AppRecord | Response {
  const id = request.params["appId"] ?? "";
  return get<AppRecord>(request.tenant.state, COLLECTIONS.apps, id) ?? notFound(request.tenant, id, "App");
}

const stringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === "string");

/** The app's settings from a create or replace body; `base` holds the values not given. */
function appSettings(request: OktaRequest, base: Partial<AppRecord>): Omit<AppRecord, "id" | "created" | "lastUpdated" | "status" | "clientId" | "clientSecret"> | Response {
  const { tenant } = request;
  const body = isRecord(request.body) ? request.body : {};
  const name = body["name"] ?? base.name ?? "oidc_client";
  const signOnMode = body["signOnMode"] ?? base.signOnMode ?? "OPENID_CONNECT";
  if (name !== "oidc_client" || signOnMode !== "OPENID_CONNECT") return validationFailed(tenant, "name", "the twin serves OpenID Connect apps only (name oidc_client, signOnMode OPENID_CONNECT)");
  const label = body["label"] ?? base.label;
  if (typeof label !== "string" || label.trim() === "") return validationFailed(tenant, "label", "The field cannot be left blank");
  const credentials = isRecord(body["credentials"]) && isRecord(body["credentials"]["oauthClient"]) ? body["credentials"]["oauthClient"] : {};
  const settings = isRecord(body["settings"]) && isRecord(body["settings"]["oauthClient"]) ? body["settings"]["oauthClient"] : {};
  const applicationType = settings["application_type"] ?? base.applicationType ?? "web";
  if (!APPLICATION_TYPES.includes(applicationType as AppRecord["applicationType"])) return validationFailed(tenant, "application_type", `expected one of ${APPLICATION_TYPES.join(", ")}`);
  const method = credentials["token_endpoint_auth_method"] ?? base.tokenEndpointAuthMethod ?? (applicationType === "browser" ? "none" : "client_secret_basic");
  if (!AUTH_METHODS.includes(method as TokenEndpointAuthMethod)) return validationFailed(tenant, "token_endpoint_auth_method", `expected one of ${AUTH_METHODS.join(", ")}`);
  const grantTypes = settings["grant_types"] ?? base.grantTypes ?? (applicationType === "service" ? ["client_credentials"] : ["authorization_code"]);
  if (!stringArray(grantTypes) || grantTypes.some((grant) => !GRANT_TYPES.includes(grant))) return validationFailed(tenant, "grant_types", `expected an array of ${GRANT_TYPES.join(", ")}`);
  if (applicationType === "service" && grantTypes.some((grant) => grant !== "client_credentials")) return validationFailed(tenant, "grant_types", "service apps can only use client_credentials");
  const redirectUris = settings["redirect_uris"] ?? base.redirectUris ?? [];
  if (!stringArray(redirectUris)) return validationFailed(tenant, "redirect_uris", "expected an array of URIs");
  if (grantTypes.includes("authorization_code") && redirectUris.length === 0) return validationFailed(tenant, "redirect_uris", "A redirect URI is required for the authorization_code grant type.");
  const postLogout = settings["post_logout_redirect_uris"] ?? base.postLogoutRedirectUris ?? [];
  if (!stringArray(postLogout)) return validationFailed(tenant, "post_logout_redirect_uris", "expected an array of URIs");
  const responseTypes = settings["response_types"] ?? base.responseTypes ?? (grantTypes.includes("client_credentials") ? ["token"] : ["code"]);
  if (!stringArray(responseTypes)) return validationFailed(tenant, "response_types", "expected an array");
  const jwksSetting = settings["jwks"];
  const jwks = isRecord(jwksSetting) && Array.isArray(jwksSetting["keys"]) ? (jwksSetting["keys"] as Record<string, unknown>[]) : (base.jwks ?? []);
  if (method === "private_key_jwt" && jwks.length === 0) return validationFailed(tenant, "jwks", "private_key_jwt needs at least one public key in settings.oauthClient.jwks");
  return { name, signOnMode, label, applicationType: applicationType as AppRecord["applicationType"], tokenEndpointAuthMethod: method as TokenEndpointAuthMethod, grantTypes, redirectUris, postLogoutRedirectUris: postLogout, responseTypes, jwks };
}

const needsSecret = (method: TokenEndpointAuthMethod) => method === "client_secret_basic" || method === "client_secret_post";

export function createApp(request: OktaRequest): Response {
  const settings = appSettings(request, {});
  if (settings instanceof Response) return settings;
  const now = request.tenant.now();
  const id = newId(request.tenant, ID_PREFIX.app);
  const app: AppRecord = {
    ...settings,
    id,
    status: (request.query.get("activate") ?? "true").toLowerCase() === "false" ? "INACTIVE" : "ACTIVE",
    created: now,
    lastUpdated: now,
    clientId: id,
    clientSecret: needsSecret(settings.tokenEndpointAuthMethod) ? randomText(request.tenant, 64, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_") : null,
  };
  request.tenant.update((state) => putRecord(state, COLLECTIONS.apps, app.id, app));
  return json(request, appJson(request.baseUrl, app, { withSecret: true }));
}

export function getApp(request: OktaRequest): Response {
  const app = pathApp(request);
  if (app instanceof Response) return app;
  return json(request, appJson(request.baseUrl, app, { withSecret: true }));
}

export function listApps(request: OktaRequest): Response {
  let apps = list<AppRecord>(request.tenant.state, COLLECTIONS.apps);
  const q = request.query.get("q");
  if (q !== null) apps = apps.filter((app) => app.label.toLowerCase().startsWith(q.toLowerCase()) || app.name.startsWith(q));
  const filter = request.query.get("filter");
  if (filter !== null) {
    const match = /^\s*status\s+eq\s+"(ACTIVE|INACTIVE)"\s*$/i.exec(filter);
    if (!match) return oktaError(request.tenant, 400, "E0000030", "Bad request. Invalid filter parameter.", ['filter: the twin filters apps by status eq "ACTIVE" or "INACTIVE"']);
    apps = apps.filter((app) => app.status === match[1]!.toUpperCase());
  }
  const page = pageAfter(request, apps, (app) => app.id, 20, 200);
  return pagedJson(request, page, (app) => appJson(request.baseUrl, app, { withSecret: true }));
}

export function replaceApp(request: OktaRequest): Response {
  const app = pathApp(request);
  if (app instanceof Response) return app;
  const settings = appSettings(request, app);
  if (settings instanceof Response) return settings;
  const next: AppRecord = { ...app, ...settings, lastUpdated: request.tenant.now() };
  if (needsSecret(next.tokenEndpointAuthMethod) && next.clientSecret === null) next.clientSecret = randomText(request.tenant, 64);
  request.tenant.update((state) => putRecord(state, COLLECTIONS.apps, app.id, next));
  return json(request, appJson(request.baseUrl, next, { withSecret: true }));
}

function setStatus(request: OktaRequest, status: AppRecord["status"]): Response {
  const app = pathApp(request);
  if (app instanceof Response) return app;
  request.tenant.update((state) => putRecord(state, COLLECTIONS.apps, app.id, { ...app, status, lastUpdated: request.tenant.now() }));
  return json(request, {});
}

export const activateApp = (request: OktaRequest) => setStatus(request, "ACTIVE");
export const deactivateApp = (request: OktaRequest) => setStatus(request, "INACTIVE");

export function deleteApp(request: OktaRequest): Response {
  const app = pathApp(request);
  if (app instanceof Response) return app;
  if (app.status === "ACTIVE") return oktaError(request.tenant, 403, "E0000056", "Delete application forbidden.", ["Deactivate the application before deleting it."]);
  request.tenant.update((state) => {
    let next = deleteRecord(state, COLLECTIONS.apps, app.id);
    for (const assignment of list<AppUserRecord>(state, COLLECTIONS.appUsers)) if (assignment.appId === app.id) next = deleteRecord(next, COLLECTIONS.appUsers, assignmentKey(app.id, assignment.userId));
    for (const assignment of list<AppGroupRecord>(state, COLLECTIONS.appGroups)) if (assignment.appId === app.id) next = deleteRecord(next, COLLECTIONS.appGroups, assignmentKey(app.id, assignment.groupId));
    return next;
  });
  return noContent(request);
}

export function assignUser(request: OktaRequest): Response {
  const app = pathApp(request);
  if (app instanceof Response) return app;
  const body = isRecord(request.body) ? request.body : {};
  if (typeof body["id"] !== "string") return validationFailed(request.tenant, "id", "The field cannot be left blank");
  const user = get<UserRecord>(request.tenant.state, COLLECTIONS.users, body["id"]);
  if (!user) return notFound(request.tenant, body["id"], "User");
  const existing = get<AppUserRecord>(request.tenant.state, COLLECTIONS.appUsers, assignmentKey(app.id, user.id));
  const credentials = isRecord(body["credentials"]) ? body["credentials"] : {};
  const now = request.tenant.now();
  const assignment: AppUserRecord = {
    appId: app.id,
    userId: user.id,
    created: existing?.created ?? now,
    lastUpdated: now,
    scope: "USER",
    userName: typeof credentials["userName"] === "string" ? credentials["userName"] : String(user.profile["login"]),
    profile: isRecord(body["profile"]) ? body["profile"] : (existing?.profile ?? {}),
  };
  request.tenant.update((state) => putRecord(state, COLLECTIONS.appUsers, assignmentKey(app.id, user.id), assignment));
  return json(request, appUserJson(request.baseUrl, assignment, user));
}

export function listAppUsers(request: OktaRequest): Response {
  const app = pathApp(request);
  if (app instanceof Response) return app;
  const state = request.tenant.state;
  const assignments = list<AppUserRecord>(state, COLLECTIONS.appUsers).filter((assignment) => assignment.appId === app.id);
  const page = pageAfter(request, assignments, (assignment) => assignment.userId, 50, 500);
  return pagedJson(request, page, (assignment) => appUserJson(request.baseUrl, assignment, get<UserRecord>(state, COLLECTIONS.users, assignment.userId)));
}

function pathAssignment(request: OktaRequest): AppUserRecord | Response {
  const app = pathApp(request);
  if (app instanceof Response) return app;
  const user = pathUser(request);
  if (user instanceof Response) return user;
  return get<AppUserRecord>(request.tenant.state, COLLECTIONS.appUsers, assignmentKey(app.id, user.id)) ?? notFound(request.tenant, user.id, "AppUser");
}

export function getAppUser(request: OktaRequest): Response {
  const assignment = pathAssignment(request);
  if (assignment instanceof Response) return assignment;
  return json(request, appUserJson(request.baseUrl, assignment, get<UserRecord>(request.tenant.state, COLLECTIONS.users, assignment.userId)));
}

export function unassignUser(request: OktaRequest): Response {
  const assignment = pathAssignment(request);
  if (assignment instanceof Response) return assignment;
  request.tenant.update((state) => deleteRecord(state, COLLECTIONS.appUsers, assignmentKey(assignment.appId, assignment.userId)));
  return noContent(request);
}

export function assignGroup(request: OktaRequest): Response {
  const app = pathApp(request);
  if (app instanceof Response) return app;
  const group = pathGroup(request);
  if (group instanceof Response) return group;
  const body = isRecord(request.body) ? request.body : {};
  const priority = body["priority"] ?? 0;
  if (typeof priority !== "number" || !Number.isInteger(priority) || priority < 0) return validationFailed(request.tenant, "priority", "expected a non-negative integer");
  const assignment: AppGroupRecord = { appId: app.id, groupId: group.id, priority, lastUpdated: request.tenant.now(), profile: isRecord(body["profile"]) ? body["profile"] : {} };
  request.tenant.update((state) => putRecord(state, COLLECTIONS.appGroups, assignmentKey(app.id, group.id), assignment));
  return json(request, appGroupJson(request.baseUrl, assignment));
}

export function listAppGroups(request: OktaRequest): Response {
  const app = pathApp(request);
  if (app instanceof Response) return app;
  const assignments = list<AppGroupRecord>(request.tenant.state, COLLECTIONS.appGroups).filter((assignment) => assignment.appId === app.id);
  const page = pageAfter(request, assignments, (assignment) => assignment.groupId, 20, 200);
  return pagedJson(request, page, (assignment) => appGroupJson(request.baseUrl, assignment));
}

function pathGroupAssignment(request: OktaRequest): AppGroupRecord | Response {
  const app = pathApp(request);
  if (app instanceof Response) return app;
  const group = pathGroup(request);
  if (group instanceof Response) return group;
  return get<AppGroupRecord>(request.tenant.state, COLLECTIONS.appGroups, assignmentKey(app.id, group.id)) ?? notFound(request.tenant, group.id, "ApplicationGroupAssignment");
}

export function getAppGroup(request: OktaRequest): Response {
  const assignment = pathGroupAssignment(request);
  if (assignment instanceof Response) return assignment;
  return json(request, appGroupJson(request.baseUrl, assignment));
}

export function unassignGroup(request: OktaRequest): Response {
  const assignment = pathGroupAssignment(request);
  if (assignment instanceof Response) return assignment;
  request.tenant.update((state) => deleteRecord(state, COLLECTIONS.appGroups, assignmentKey(assignment.appId, assignment.groupId)));
  return noContent(request);
}
