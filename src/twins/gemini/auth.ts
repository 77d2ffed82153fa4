/**
 * The tenant's API key (deterministic, `AIza` and 35 more characters like Google's) and the
 * check every request passes: the key from the `x-goog-api-key` header or the `?key=` query,
 * answered as Google answers a wrong key (400 API_KEY_INVALID) or none (403 PERMISSION_DENIED).
 */
import { type Tenant, getRecord, putRecord } from "../kit/index.js";
import { apiKeyInvalid, invalidBearer, unregisteredCaller } from "./errors.js";

const SETTINGS = "gemini.settings";
const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/** Characters from the tenant's seeded generator, in the alphabet of API keys and response ids. */
export function randomToken(tenant: Tenant, length: number): string {
  let token = "";
  for (let index = 0; index < length; index += 1) token += KEY_ALPHABET[Math.floor(tenant.random() * KEY_ALPHABET.length)]!;
  return token;
}

export function apiKeyOf(tenant: Tenant): string {
  return getRecord<string>(tenant.state, SETTINGS, "apiKey") ?? "";
}

export function setApiKey(tenant: Tenant, apiKey: string): void {
  tenant.update((state) => putRecord(state, SETTINGS, "apiKey", apiKey));
}

/** Every new tenant's key: `AIzaSy` and 33 seeded characters, 39 in all as Google's are. */
export function initializeApiKey(tenant: Tenant): void {
  setApiKey(tenant, `AIzaSy${randomToken(tenant, 33)}`);
}

/** undefined when the request carries the tenant's key, else Google's answer. */
export function checkApiKey(tenant: Tenant, request: Request, url: URL): Response | undefined {
  const key = request.headers.get("x-goog-api-key") ?? url.searchParams.get("key");
  if (key === null || key === "") {
    return (request.headers.get("authorization") ?? "").toLowerCase().startsWith("bearer ") ? invalidBearer() : unregisteredCaller();
  }
  return key === apiKeyOf(tenant) ? undefined : apiKeyInvalid();
}
