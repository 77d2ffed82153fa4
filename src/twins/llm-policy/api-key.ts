/**
 * The API key of an LLM provider twin's tenant, kept in the tenant state (so a restore brings it
 * back), and the seeded characters keys and ids are drawn from. Shared by the openai, anthropic
 * and gemini twins, which differ only in the key's prefix and alphabet.
 */
import { type Tenant, getRecord, putRecord } from "../kit/index.js";

const SETTINGS = "llm.settings";
export const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `length` characters of `alphabet` from the tenant's seeded generator. */
export function randomToken(tenant: Tenant, length: number, alphabet = ALPHANUMERIC): string {
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
