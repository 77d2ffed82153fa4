/**
 * The Okta twin: the Management API (users and their lifecycle, groups, apps and assignments)
 * and the authorization servers (discovery, JWKS, authorization code + PKCE, refresh tokens,
 * client credentials, introspection, revocation, userinfo) of an Okta org, served from
 * `createTwin` tenants. The official `@okta/okta-sdk-nodejs` client works against it with its
 * `orgUrl` set to the tenant's base URL; tokens verify against the twin's JWKS with any JWT library.
 *
 *   const twin = createOktaTwin({ seed: 7 });
 *   const served = await serveTwin(twin);
 *   const { orgUrl, token } = oktaCredentials(twin.tenant(), served.baseUrl);
 *   const client = new okta.Client({ orgUrl, token });
 *
 * See docs/twins/okta.md.
 */
import { type Twin, type TwinOptions, createTwin } from "../kit/index.js";
import { createOktaDefinition } from "./definition.js";

export function createOktaTwin(options: TwinOptions = {}): Twin {
  return createTwin(createOktaDefinition(), options);
}

export { OKTA_COVERAGE, OKTA_MANAGEMENT_COVERAGE, OKTA_OAUTH_COVERAGE, OKTA_UNDESCRIBED_COVERAGE, type CoverageEntry } from "./coverage.js";
export { seedOkta } from "./fixture.js";
export { ADMIN_LOGIN, ADMIN_PASSWORD, type OktaCredentials, oktaCredentials } from "./org.js";
export { type LoginConfig, loginConfig } from "./oauth-authorize.js";
export { keyIdFor } from "./signing-key.js";
