/**
 * The operations the twin serves, by the descriptions' method and path template. Management API
 * routes carry the OAuth scopes an access token needs (any one of them: `manage` implies `read`);
 * `/oauth2` and discovery routes authenticate clients their own way.
 */
import * as apps from "./apps.js";
import * as groups from "./groups.js";
import * as lifecycle from "./lifecycle.js";
import * as oauth from "./oauth-endpoints.js";
import { authorize } from "./oauth-authorize.js";
import { token } from "./oauth-token.js";
import type { Route } from "./router.js";
import * as users from "./users.js";

const read = (kind: "users" | "groups" | "apps") => [`okta.${kind}.read`, `okta.${kind}.manage`];
const manage = (kind: "users" | "groups" | "apps") => [`okta.${kind}.manage`];

const route = (method: Route["method"], template: string, handler: Route["handler"], scopes?: string[]): Route => ({ method, template, handler, ...(scopes ? { scopes } : {}) });

const USERS = "/api/v1/users";
const GROUPS = "/api/v1/groups";
const APPS = "/api/v1/apps";

export const MANAGEMENT_ROUTES: Route[] = [
  route("GET", USERS, users.listUsers, read("users")),
  route("POST", USERS, users.createUser, manage("users")),
  route("GET", `${USERS}/{id}`, users.getUser, read("users")),
  route("POST", `${USERS}/{id}`, users.updateUser, manage("users")),
  route("PUT", `${USERS}/{id}`, users.replaceUser, manage("users")),
  route("DELETE", `${USERS}/{id}`, users.deleteUser, manage("users")),
  route("GET", `${USERS}/{id}/groups`, users.listUserGroups, read("users")),
  route("POST", `${USERS}/{id}/lifecycle/activate`, lifecycle.activateUser, manage("users")),
  route("POST", `${USERS}/{id}/lifecycle/reactivate`, lifecycle.reactivateUser, manage("users")),
  route("POST", `${USERS}/{id}/lifecycle/deactivate`, lifecycle.deactivateUser, manage("users")),
  route("POST", `${USERS}/{id}/lifecycle/suspend`, lifecycle.suspendUser, manage("users")),
  route("POST", `${USERS}/{id}/lifecycle/unsuspend`, lifecycle.unsuspendUser, manage("users")),
  route("POST", `${USERS}/{id}/lifecycle/unlock`, lifecycle.unlockUser, manage("users")),
  route("POST", `${USERS}/{id}/lifecycle/reset_password`, lifecycle.resetPassword, manage("users")),
  route("POST", `${USERS}/{id}/lifecycle/expire_password`, lifecycle.expirePassword, manage("users")),
  route("GET", GROUPS, groups.listGroups, read("groups")),
  route("POST", GROUPS, groups.createGroup, manage("groups")),
  route("GET", `${GROUPS}/{groupId}`, groups.getGroup, read("groups")),
  route("PUT", `${GROUPS}/{groupId}`, groups.replaceGroup, manage("groups")),
  route("DELETE", `${GROUPS}/{groupId}`, groups.deleteGroup, manage("groups")),
  route("GET", `${GROUPS}/{groupId}/users`, groups.listGroupMembers, read("groups")),
  route("PUT", `${GROUPS}/{groupId}/users/{userId}`, groups.addGroupMember, manage("groups")),
  route("DELETE", `${GROUPS}/{groupId}/users/{userId}`, groups.removeGroupMember, manage("groups")),
  route("GET", `${GROUPS}/{groupId}/apps`, groups.listGroupApps, read("groups")),
  route("GET", APPS, apps.listApps, read("apps")),
  route("POST", APPS, apps.createApp, manage("apps")),
  route("GET", `${APPS}/{appId}`, apps.getApp, read("apps")),
  route("PUT", `${APPS}/{appId}`, apps.replaceApp, manage("apps")),
  route("DELETE", `${APPS}/{appId}`, apps.deleteApp, manage("apps")),
  route("POST", `${APPS}/{appId}/lifecycle/activate`, apps.activateApp, manage("apps")),
  route("POST", `${APPS}/{appId}/lifecycle/deactivate`, apps.deactivateApp, manage("apps")),
  route("GET", `${APPS}/{appId}/users`, apps.listAppUsers, read("apps")),
  route("POST", `${APPS}/{appId}/users`, apps.assignUser, manage("apps")),
  route("GET", `${APPS}/{appId}/users/{userId}`, apps.getAppUser, read("apps")),
  route("DELETE", `${APPS}/{appId}/users/{userId}`, apps.unassignUser, manage("apps")),
  route("GET", `${APPS}/{appId}/groups`, apps.listAppGroups, read("apps")),
  route("PUT", `${APPS}/{appId}/groups/{groupId}`, apps.assignGroup, manage("apps")),
  route("GET", `${APPS}/{appId}/groups/{groupId}`, apps.getAppGroup, read("apps")),
  route("DELETE", `${APPS}/{appId}/groups/{groupId}`, apps.unassignGroup, manage("apps")),
];

const CUSTOM = "/oauth2/{authorizationServerId}";

export const OAUTH_ROUTES: Route[] = [
  route("GET", "/.well-known/openid-configuration", oauth.openidConfiguration),
  route("GET", "/.well-known/oauth-authorization-server", oauth.oauthAuthorizationServer),
  route("GET", `${CUSTOM}/.well-known/openid-configuration`, oauth.openidConfiguration),
  route("GET", `${CUSTOM}/.well-known/oauth-authorization-server`, oauth.oauthAuthorizationServer),
  ...["/oauth2/v1", `${CUSTOM}/v1`].flatMap((base) => [
    route("GET", `${base}/authorize`, authorize),
    route("POST", `${base}/token`, token),
    route("GET", `${base}/keys`, oauth.keys),
    route("POST", `${base}/introspect`, oauth.introspect),
    route("POST", `${base}/revoke`, oauth.revoke),
    route("GET", `${base}/userinfo`, oauth.userinfo),
    route("GET", `${base}/logout`, oauth.logout),
  ]),
];
