/**
 * A test issuer at `POST /token` (Google's `https://oauth2.googleapis.com/token`): the refresh
 * token grant, so a client holding a refresh token (google-auth-library's OAuth2Client with
 * `endpoints.oauth2TokenUrl` pointed here) gets fresh access tokens that expire after an hour of
 * virtual time. Answers are OAuth 2.0's (`{"error": "invalid_grant"}`), not Google API errors.
 */
import { putGoogleToken } from "../google-common/accounts.js";
import { type TwinContext, jsonResponse } from "../kit/index.js";
import { TOKEN_LIFETIME_MS, getRefreshToken, newAccessToken } from "./accounts.js";

export const TOKEN_PATH = "/token";

function oauthError(error: string, description: string): Response {
  return jsonResponse({ error, error_description: description }, 400, { "cache-control": "no-store" });
}

export function handleToken(context: TwinContext): Response {
  const body = (typeof context.body === "object" && context.body !== null ? context.body : {}) as Record<string, unknown>;
  const grant = body.grant_type;
  if (grant !== "refresh_token") return oauthError("unsupported_grant_type", `Invalid grant_type: ${typeof grant === "string" ? grant : ""}`);
  const refresh = typeof body.refresh_token === "string" ? getRefreshToken(context.tenant, body.refresh_token) : undefined;
  if (!refresh) return oauthError("invalid_grant", "Bad Request");
  const token = newAccessToken(context.tenant);
  const expiresAt = context.tenant.now() + TOKEN_LIFETIME_MS;
  context.tenant.update((state) => putGoogleToken(state, { token, email: refresh.email, scopes: refresh.scopes, expiresAt }));
  return jsonResponse({ access_token: token, expires_in: TOKEN_LIFETIME_MS / 1000 - 1, scope: refresh.scopes.join(" "), token_type: "Bearer" }, 200, { "cache-control": "no-store" });
}
