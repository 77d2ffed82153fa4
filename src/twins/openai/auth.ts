/**
 * The tenant's API key (deterministic from the seed, `sk-twin-` and 40 characters) and the check
 * every request passes: `Authorization: Bearer <key>`, answered as OpenAI answers a wrong or
 * missing key (401 invalid_api_key).
 */
import { type Tenant, getRecord, putRecord } from "../kit/index.js";
import { invalidApiKey, missingApiKey } from "./errors.js";

const SETTINGS = "openai.settings";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Characters from the tenant's seeded generator, for keys and ids. */
export function randomToken(tenant: Tenant, length: number, alphabet = ALPHABET): string {
  let token = "";
  for (let index = 0; index < length; index += 1) token += alphabet[Math.floor(tenant.random() * alphabet.length)]!;
  return token;
}

export function apiKeyOf(tenant: Tenant): string {
  return getRecord<string>(tenant.state, SETTINGS, "apiKey") ?? "";
}

export function setApiKey(tenant: Tenant, apiKey: string): void {
  tenant.update((state) => putRecord(state, SETTINGS, "apiKey", apiKey));
}

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
