/**
 * The tenant's API key (deterministic from the seed, `sk-twin-` and 40 characters) and the check
 * every request passes: `Authorization: Bearer <key>`, answered as OpenAI answers a wrong or
 * missing key (401 invalid_api_key).
 */
import type { Tenant } from "../kit/index.js";
import { apiKeyOf, randomToken, setApiKey } from "../llm-policy/index.js";
import { invalidApiKey, missingApiKey } from "./errors.js";

export { apiKeyOf, randomToken, setApiKey };

export function initializeApiKey(tenant: Tenant): void {
  setApiKey(tenant, `sk-twin-${randomToken(tenant, 40)}`);
}

/** undefined when the request carries the tenant's key, else OpenAI's 401. */
export function checkApiKey(tenant: Tenant, request: Request): Response | undefined {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match) return missingApiKey();
  const key = match[1]!.trim();
  return key === apiKeyOf(tenant) ? undefined : invalidApiKey(key);
}
