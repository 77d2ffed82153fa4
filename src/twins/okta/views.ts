/**
 * Records as Okta renders them: timestamps as ISO strings, `_links` with absolute hrefs on the
 * org URL, credentials without secrets (a password shows as `{}`), and the lifecycle links the
 * user's status allows.
 */
import { type AppGroupRecord, type AppRecord, type AppUserRecord, type GroupRecord, type UserRecord, iso } from "./model.js";

/** The default user type every user has (Okta's is org specific; the twin's is fixed). */
export const DEFAULT_USER_TYPE_ID = "oty1twinuserdefault0";

const href = (url: string, method?: string) => (method ? { href: url, method } : { href: url });

function userLinks(baseUrl: string, user: UserRecord): Record<string, unknown> {
  const self = `${baseUrl}/api/v1/users/${user.id}`;
  const lifecycle = `${self}/lifecycle`;
  const links: Record<string, unknown> = { self: href(self), schema: href(`${baseUrl}/api/v1/meta/schemas/user/osc1twinuserschema0`), type: href(`${baseUrl}/api/v1/meta/types/user/${DEFAULT_USER_TYPE_ID}`) };
  switch (user.status) {
    case "STAGED":
    case "PROVISIONED":
      links["activate"] = href(`${lifecycle}/activate`, "POST");
      links["deactivate"] = href(`${lifecycle}/deactivate`, "POST");
      break;
    case "DEPROVISIONED":
      links["activate"] = href(`${lifecycle}/activate`, "POST");
      break;
    case "SUSPENDED":
      links["unsuspend"] = href(`${lifecycle}/unsuspend`, "POST");
      links["deactivate"] = href(`${lifecycle}/deactivate`, "POST");
      break;
    case "LOCKED_OUT":
      links["unlock"] = href(`${lifecycle}/unlock`, "POST");
      links["deactivate"] = href(`${lifecycle}/deactivate`, "POST");
      break;
    default:
      links["suspend"] = href(`${lifecycle}/suspend`, "POST");
      links["resetPassword"] = href(`${lifecycle}/reset_password`, "POST");
      links["expirePassword"] = href(`${lifecycle}/expire_password`, "POST");
      links["deactivate"] = href(`${lifecycle}/deactivate`, "POST");
      links["changePassword"] = href(`${baseUrl}/api/v1/users/${user.id}/credentials/change_password`, "POST");
  }
  return links;
}

export function userJson(baseUrl: string, user: UserRecord): Record<string, unknown> {
  const credentials: Record<string, unknown> = { provider: { type: "OKTA", name: "OKTA" } };
  if (user.password !== undefined) credentials["password"] = {};
  if (user.recoveryQuestion !== undefined) credentials["recovery_question"] = { question: user.recoveryQuestion };
  if (typeof user.profile["email"] === "string") credentials["emails"] = [{ value: user.profile["email"], status: "VERIFIED", type: "PRIMARY" }];
  return {
    id: user.id,
    status: user.status,
    created: iso(user.created),
    activated: iso(user.activated),
    statusChanged: iso(user.statusChanged),
    lastLogin: iso(user.lastLogin),
    lastUpdated: iso(user.lastUpdated),
    passwordChanged: iso(user.passwordChanged),
    type: { id: DEFAULT_USER_TYPE_ID },
    profile: user.profile,
    credentials,
    _links: userLinks(baseUrl, user),
  };
}

export function groupJson(baseUrl: string, group: GroupRecord): Record<string, unknown> {
  const self = `${baseUrl}/api/v1/groups/${group.id}`;
  return {
    id: group.id,
    created: iso(group.created),
    lastUpdated: iso(group.lastUpdated),
    lastMembershipUpdated: iso(group.lastMembershipUpdated),
    objectClass: ["okta:user_group"],
    type: group.type,
    // The description's GroupProfile types description as a string: an absent one is left out.
    profile: Object.fromEntries(Object.entries(group.profile).filter(([, value]) => value !== null)),
    _links: {
      logo: [{ name: "medium", href: `${baseUrl}/assets/img/logos/groups/okta-medium.png`, type: "image/png" }],
      users: href(`${self}/users`),
      apps: href(`${self}/apps`),
    },
  };
}

export function appJson(baseUrl: string, app: AppRecord, { withSecret = false } = {}): Record<string, unknown> {
  const self = `${baseUrl}/api/v1/apps/${app.id}`;
  const oauthClient: Record<string, unknown> = { autoKeyRotation: true, client_id: app.clientId, token_endpoint_auth_method: app.tokenEndpointAuthMethod };
  if (withSecret && app.clientSecret !== null) oauthClient["client_secret"] = app.clientSecret;
  return {
    id: app.id,
    name: app.name,
    label: app.label,
    status: app.status,
    created: iso(app.created),
    lastUpdated: iso(app.lastUpdated),
    accessibility: { selfService: false },
    visibility: { autoSubmitToolbar: false, hide: { iOS: true, web: true }, appLinks: { oidc_client_link: true } },
    features: [],
    signOnMode: app.signOnMode,
    credentials: { userNameTemplate: { template: "${source.login}", type: "BUILT_IN" }, signing: { kid: "twin-app-signing" }, oauthClient },
    settings: {
      app: {},
      notifications: { vpn: { network: { connection: "DISABLED" }, message: null, helpUrl: null } },
      oauthClient: {
        client_uri: null,
        logo_uri: null,
        redirect_uris: app.redirectUris,
        post_logout_redirect_uris: app.postLogoutRedirectUris,
        response_types: app.responseTypes,
        grant_types: app.grantTypes,
        application_type: app.applicationType,
        consent_method: "REQUIRED",
        issuer_mode: "DYNAMIC",
        ...(app.jwks.length > 0 ? { jwks: { keys: app.jwks } } : {}),
      },
    },
    _links: {
      appLinks: [{ name: "oidc_client_link", href: `${baseUrl}/home/oidc_client/${app.id}/aln1twinapplink`, type: "text/html" }],
      users: href(`${self}/users`),
      groups: href(`${self}/groups`),
      deactivate: href(`${self}/lifecycle/${app.status === "ACTIVE" ? "deactivate" : "activate"}`),
    },
  };
}

export function appUserJson(baseUrl: string, assignment: AppUserRecord, user: UserRecord | undefined): Record<string, unknown> {
  return {
    id: assignment.userId,
    created: iso(assignment.created),
    lastUpdated: iso(assignment.lastUpdated),
    scope: assignment.scope,
    status: user?.status === "ACTIVE" ? "ACTIVE" : "INACTIVE",
    statusChanged: iso(assignment.lastUpdated),
    passwordChanged: null,
    syncState: "DISABLED",
    credentials: { userName: assignment.userName },
    profile: assignment.profile,
    _links: {
      app: href(`${baseUrl}/api/v1/apps/${assignment.appId}`),
      user: href(`${baseUrl}/api/v1/users/${assignment.userId}`),
    },
  };
}

export function appGroupJson(baseUrl: string, assignment: AppGroupRecord): Record<string, unknown> {
  return {
    id: assignment.groupId,
    lastUpdated: iso(assignment.lastUpdated),
    priority: assignment.priority,
    profile: assignment.profile,
    _links: {
      app: href(`${baseUrl}/api/v1/apps/${assignment.appId}`),
      group: href(`${baseUrl}/api/v1/groups/${assignment.groupId}`),
    },
  };
}
