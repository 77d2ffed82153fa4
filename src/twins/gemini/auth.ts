/**
 * The tenant's API key (deterministic, `AIza` and 35 more characters like Google's) and the
 * check every request passes: the key from the `x-goog-api-key` header or the `?key=` query,
 * answered as Google answers a wrong key (400 API_KEY_INVALID) or none (403 PERMISSION_DENIED).
 */
import type { Tenant } from "../kit/index.js";
import { apiKeyOf, randomToken as randomCharacters, setApiKey } from "../llm-policy/index.js";
import { apiKeyInvalid, invalidBearer, unregisteredCaller } from "./errors.js";

export { apiKeyOf, setApiKey };

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/** Seeded characters in the alphabet of Google's keys and response ids. */
export const randomToken = (tenant: Tenant, length: number): string => randomCharacters(tenant, length, KEY_ALPHABET);

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
