/**
 * Okta's error body, `{errorCode, errorSummary, errorLink, errorId, errorCauses}`, and the codes
 * the twin answers with. Handlers build errors only through these helpers, so the shape cannot
 * drift. `errorId` comes from the tenant's seeded generator (deterministic).
 */
import { type Tenant, jsonResponse } from "../kit/index.js";
import { randomText } from "./model.js";

export interface OktaErrorBody {
  errorCode: string;
  errorSummary: string;
  errorLink: string;
  errorId: string;
  errorCauses: { errorSummary: string }[];
}

export function oktaError(tenant: Tenant, status: number, errorCode: string, errorSummary: string, causes: string[] = [], headers: Record<string, string> = {}): Response {
  const body: OktaErrorBody = { errorCode, errorSummary, errorLink: errorCode, errorId: `oae${randomText(tenant, 22)}`, errorCauses: causes.map((summary) => ({ errorSummary: summary })) };
  return jsonResponse(body, status, headers);
}

/** E0000001, 400: a field that does not fit, named in `errorSummary` and explained in a cause. */
export function validationFailed(tenant: Tenant, field: string, cause: string): Response {
  return oktaError(tenant, 400, "E0000001", `Api validation failed: ${field}`, [`${field}: ${cause}`]);
}

export function notFound(tenant: Tenant, id: string, kind: string): Response {
  return oktaError(tenant, 404, "E0000007", `Not found: Resource not found: ${id} (${kind})`);
}

export function malformedBody(tenant: Tenant): Response {
  return oktaError(tenant, 400, "E0000003", "The request body was not well-formed.");
}

export function invalidToken(tenant: Tenant): Response {
  return oktaError(tenant, 401, "E0000011", "Invalid token provided");
}

export function forbidden(tenant: Tenant, headers: Record<string, string> = {}): Response {
  return oktaError(tenant, 403, "E0000006", "You do not have permission to perform the requested action", [], headers);
}

export function methodNotAllowed(tenant: Tenant, allowed: string[]): Response {
  return oktaError(tenant, 405, "E0000022", "The endpoint does not support the provided HTTP method", [], { allow: allowed.join(", ") });
}

/** E0000038, 403: a lifecycle operation the user's status does not allow. */
export function wrongStatus(tenant: Tenant, detail: string): Response {
  return oktaError(tenant, 403, "E0000038", "This operation is not allowed in the user's current status.", [detail]);
}

/** An OAuth 2.0 error body (`/oauth2/...` endpoints answer these, not Okta's error shape). */
export function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Response {
  return jsonResponse({ error, error_description: description }, status, { "cache-control": "no-store", pragma: "no-cache", ...headers });
}
