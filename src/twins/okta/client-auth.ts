/**
 * Client authentication at `/token`, `/introspect` and `/revoke`, by the method the app is
 * registered with (Okta is strict about it): `client_secret_basic` (Authorization: Basic),
 * `client_secret_post` (`client_id` + `client_secret` in the form), `private_key_jwt` (a
 * `client_assertion` signed with a key in the app's JWKS, as the official SDK's PrivateKey mode
 * sends), or `none` (a public client, which must then use PKCE).
 */
import type { Tenant } from "../kit/index.js";
import { oauthError } from "./errors.js";
import { decodeJwt, keyFromJwk, signatureValid } from "./jwt.js";
import { type AppRecord, findAppByClientId } from "./model.js";

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const FAILED = "Client authentication failed. Either the client or the client credentials are invalid.";

export const invalidClient = () => oauthError(401, "invalid_client", FAILED);

function basicCredentials(header: string | null): { clientId: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon === -1) return undefined;
  try {
    return { clientId: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return { clientId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
}

function assertionApp(tenant: Tenant, assertion: string, audiences: string[]): AppRecord | undefined {
  const decoded = decodeJwt(assertion);
  if (!decoded) return undefined;
  const { iss, sub, aud, exp } = decoded.claims;
  if (typeof iss !== "string" || iss !== sub) return undefined;
  const app = findAppByClientId(tenant.state, iss);
  if (!app || app.tokenEndpointAuthMethod !== "private_key_jwt") return undefined;
  const audienceList = Array.isArray(aud) ? aud : [aud];
  if (!audienceList.some((value) => typeof value === "string" && audiences.includes(value))) return undefined;
  if (typeof exp !== "number" || exp * 1000 <= tenant.now()) return undefined;
  const kid = decoded.header["kid"];
  const candidates = app.jwks.filter((jwk) => kid === undefined || jwk["kid"] === undefined || jwk["kid"] === kid);
  return candidates.some((jwk) => {
    const key = keyFromJwk(jwk);
    return key !== undefined && signatureValid(decoded, key);
  })
    ? app
    : undefined;
}

/**
 * The authenticated client, or the OAuth error to answer. `audiences` are the URLs a client
 * assertion may be addressed to (the endpoint called, and the server's token endpoint).
 */
export function authenticateClient(tenant: Tenant, authorization: string | null, form: Record<string, string>, audiences: string[]): AppRecord | Response {
  let app: AppRecord | undefined;
  const basic = basicCredentials(authorization);
  if (basic) {
    app = findAppByClientId(tenant.state, basic.clientId);
    if (!app || app.tokenEndpointAuthMethod !== "client_secret_basic" || app.clientSecret !== basic.secret) return invalidClient();
  } else if (form["client_assertion"] !== undefined) {
    if (form["client_assertion_type"] !== ASSERTION_TYPE) return oauthError(400, "invalid_request", `client_assertion_type must be ${ASSERTION_TYPE}.`);
    app = assertionApp(tenant, form["client_assertion"], audiences);
    if (!app) return oauthError(401, "invalid_client", "The client_assertion token is invalid.");
  } else if (form["client_id"] !== undefined) {
    app = findAppByClientId(tenant.state, form["client_id"]);
    if (!app) return invalidClient();
    if (app.tokenEndpointAuthMethod === "client_secret_post") {
      if (form["client_secret"] !== app.clientSecret) return invalidClient();
    } else if (app.tokenEndpointAuthMethod !== "none") {
      return invalidClient();
    }
  } else {
    return oauthError(401, "invalid_client", "No client credentials found.");
  }
  if (app.status !== "ACTIVE") return invalidClient();
  return app;
}
