/**
 * What the Okta twin covers of Okta's Management API (`vendor/apis/okta/management-minimal.yaml`)
 * and OAuth 2.0 / OIDC API (`oauth-minimal.yaml`), keyed by method and path template as the
 * descriptions spell them, with the test that proves each (a generator builds
 * docs/twins/coverage.md from it). `partial` says what is missing; everything not listed is not
 * implemented (the twin answers 404 `E0000007`).
 */
import { type CoverageEntry, testReference as t } from "../kit/index.js";
export type { CoverageEntry } from "../kit/index.js";

const SDK = "test/twins/okta-sdk.test.ts";
const OIDC = "test/twins/okta-oidc.test.ts";
const CONTRACT = "test/twins/okta-contract.test.ts";

const CREATE = t(SDK, "creates users with and without credentials, staged or activated, and reads them by id, login and short name");
const UPDATE = t(SDK, "updates a profile partially (POST) and replaces it (PUT)");
const LIST = t(SDK, "lists with search, filter and q, hides deprovisioned users from the plain list, and pages by following Link");
const LIFECYCLE = t(SDK, "runs the lifecycle state machine and refuses transitions the status does not allow");
const GROUPS = t(SDK, "manages groups and their members");
const APPS = t(SDK, "creates OIDC apps and assigns users and groups to them");
const SESSION = t(CONTRACT, "answers a scripted session over the rest of the surface");
const DISCOVERY = t(OIDC, "publishes discovery documents and keys with the twin's own origin and tenant");
const CODE = t(OIDC, "runs the authorization code flow with PKCE and issues tokens jose verifies, with Okta's claims");
const CODE_CHECKS = t(OIDC, "checks the code verifier, the redirect URI, the client's secret and single use of codes");
const LOGIN = t(OIDC, "lets the scenario choose who signs in: login_hint, the tenant config, consent denied, unassigned users");
const REFRESH = t(OIDC, "rotates refresh tokens, introspects and revokes");

const APP_NOTE = "OpenID Connect apps (oidc_client) only; SAML, bookmark and other sign-on modes are refused";
const AUTHORIZE_NOTE = "response_type code with PKCE S256 only (no implicit, no plain PKCE, no response_mode other than query); the login step is scenario-driven (loginUser config, login_hint, defaultLoginUser), no sessions, MFA or policies";
const TOKEN_NOTE = "authorization_code, refresh_token (rotated) and client_credentials; client_secret_basic, client_secret_post, private_key_jwt and none; no password, device, token exchange or DPoP grants";

const ORG_AND_CUSTOM = (path: string, entry: CoverageEntry): Record<string, CoverageEntry> => ({ [`${path.split(" ")[0]} /oauth2/v1${path.split(" ")[1]}`]: entry, [`${path.split(" ")[0]} /oauth2/{authorizationServerId}/v1${path.split(" ")[1]}`]: entry });

/** Operations of `management-minimal.yaml`. */
export const OKTA_MANAGEMENT_COVERAGE: Record<string, CoverageEntry> = {
  "GET /api/v1/users": { status: "partial", test: LIST, note: "search and filter expressions (eq, ne, sw, co, ew, pr, gt, ge, lt, le, and, or, parentheses), q, sortBy/sortOrder with search, limit/after paging; fields and expand are ignored" },
  "POST /api/v1/users": { status: "partial", test: CREATE, note: "profile, password and recovery question credentials, groupIds, activate, nextLogin=changePassword; no imported hashes, password hooks, providers or user types; the password policy is Okta's default" },
  "GET /api/v1/users/{id}": { status: "supported", test: CREATE, note: "id, login, login short name or me" },
  "POST /api/v1/users/{id}": { status: "partial", test: UPDATE, note: "profile and credentials (password, recovery question) merged; strict and If-Match are ignored" },
  "PUT /api/v1/users/{id}": { status: "partial", test: UPDATE, note: "strict and If-Match are ignored" },
  "DELETE /api/v1/users/{id}": { status: "supported", test: LIFECYCLE, note: "the first call deactivates, the second deletes" },
  "GET /api/v1/users/{id}/groups": { status: "supported", test: GROUPS },
  "POST /api/v1/users/{id}/lifecycle/activate": { status: "supported", test: LIFECYCLE, note: "no email is sent; sendEmail=false returns the activation token" },
  "POST /api/v1/users/{id}/lifecycle/reactivate": { status: "supported", test: SESSION },
  "POST /api/v1/users/{id}/lifecycle/deactivate": { status: "supported", test: LIFECYCLE },
  "POST /api/v1/users/{id}/lifecycle/suspend": { status: "supported", test: LIFECYCLE },
  "POST /api/v1/users/{id}/lifecycle/unsuspend": { status: "supported", test: LIFECYCLE },
  "POST /api/v1/users/{id}/lifecycle/unlock": { status: "supported", test: LIFECYCLE },
  "POST /api/v1/users/{id}/lifecycle/reset_password": { status: "partial", test: LIFECYCLE, note: "no email is sent; revokeSessions is ignored" },
  "POST /api/v1/users/{id}/lifecycle/expire_password": { status: "supported", test: SESSION },
  "GET /api/v1/groups": { status: "partial", test: GROUPS, note: "q, search and filter expressions, limit/after; expand, sortBy and sortOrder are ignored" },
  "POST /api/v1/groups": { status: "supported", test: GROUPS },
  "GET /api/v1/groups/{groupId}": { status: "supported", test: GROUPS },
  "PUT /api/v1/groups/{groupId}": { status: "supported", test: GROUPS },
  "DELETE /api/v1/groups/{groupId}": { status: "supported", test: GROUPS },
  "GET /api/v1/groups/{groupId}/users": { status: "supported", test: GROUPS },
  "PUT /api/v1/groups/{groupId}/users/{userId}": { status: "supported", test: GROUPS },
  "DELETE /api/v1/groups/{groupId}/users/{userId}": { status: "supported", test: GROUPS },
  "GET /api/v1/groups/{groupId}/apps": { status: "supported", test: APPS },
  "GET /api/v1/apps": { status: "partial", test: APPS, note: `q and filter=status eq "..." only; ${APP_NOTE}` },
  "POST /api/v1/apps": { status: "partial", test: APPS, note: APP_NOTE },
  "GET /api/v1/apps/{appId}": { status: "partial", test: SESSION, note: "expand is ignored" },
  "PUT /api/v1/apps/{appId}": { status: "partial", test: SESSION, note: APP_NOTE },
  "DELETE /api/v1/apps/{appId}": { status: "supported", test: APPS },
  "POST /api/v1/apps/{appId}/lifecycle/activate": { status: "supported", test: SESSION },
  "POST /api/v1/apps/{appId}/lifecycle/deactivate": { status: "supported", test: APPS },
  "GET /api/v1/apps/{appId}/users": { status: "partial", test: APPS, note: "q and expand are ignored" },
  "POST /api/v1/apps/{appId}/users": { status: "supported", test: APPS },
  "GET /api/v1/apps/{appId}/users/{userId}": { status: "supported", test: APPS },
  "DELETE /api/v1/apps/{appId}/users/{userId}": { status: "supported", test: APPS },
  "GET /api/v1/apps/{appId}/groups": { status: "partial", test: APPS, note: "q and expand are ignored" },
  "PUT /api/v1/apps/{appId}/groups/{groupId}": { status: "supported", test: APPS },
  "GET /api/v1/apps/{appId}/groups/{groupId}": { status: "supported", test: SESSION },
  "DELETE /api/v1/apps/{appId}/groups/{groupId}": { status: "supported", test: APPS },
};

/** Operations of `oauth-minimal.yaml`. */
export const OKTA_OAUTH_COVERAGE: Record<string, CoverageEntry> = {
  "GET /.well-known/openid-configuration": { status: "supported", test: DISCOVERY },
  "GET /oauth2/{authorizationServerId}/.well-known/openid-configuration": { status: "supported", test: DISCOVERY },
  "GET /oauth2/{authorizationServerId}/.well-known/oauth-authorization-server": { status: "supported", test: DISCOVERY },
  ...ORG_AND_CUSTOM("GET /authorize", { status: "partial", test: LOGIN, note: AUTHORIZE_NOTE }),
  ...ORG_AND_CUSTOM("POST /token", { status: "partial", test: CODE_CHECKS, note: TOKEN_NOTE }),
  ...ORG_AND_CUSTOM("GET /keys", { status: "supported", test: CODE }),
  ...ORG_AND_CUSTOM("POST /introspect", { status: "partial", test: REFRESH, note: "access and refresh tokens; ID tokens introspect as inactive" }),
  ...ORG_AND_CUSTOM("POST /revoke", { status: "supported", test: REFRESH }),
  ...ORG_AND_CUSTOM("GET /userinfo", { status: "supported", test: CODE }),
  ...ORG_AND_CUSTOM("GET /logout", { status: "partial", test: SESSION, note: "redirects to post_logout_redirect_uri without checking it or the id_token_hint; there are no sessions to end" }),
};

/** Both descriptions' operations, keyed as they spell them. */
export const OKTA_COVERAGE: Record<string, CoverageEntry> = { ...OKTA_MANAGEMENT_COVERAGE, ...OKTA_OAUTH_COVERAGE };

/** Served though the descriptions do not list it (Okta's guides document it). */
export const OKTA_UNDESCRIBED_COVERAGE: Record<string, CoverageEntry> = {
  "GET /.well-known/oauth-authorization-server": { status: "supported", test: SESSION, note: "the org authorization server's OAuth 2.0 metadata" },
};
