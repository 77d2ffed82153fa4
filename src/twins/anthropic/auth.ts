/**
 * The tenant's API key (deterministic, `sk-ant-twin-...`) and the headers every request needs:
 * `x-api-key` (or `Authorization: Bearer`) and `anthropic-version`, answered as Anthropic does
 * when either is missing or wrong.
 */
import type { Tenant } from "../kit/index.js";
import { apiKeyOf, setApiKey } from "../llm-policy/index.js";
import { anthropicError, invalidRequest } from "./errors.js";
import { randomBase62 } from "./ids.js";

export { apiKeyOf, setApiKey };

/** The API versions Anthropic accepts in `anthropic-version` (`@anthropic-ai/sdk` 1.x sends 2026-10-21). */
export const ANTHROPIC_VERSIONS = ["2026-10-21", "2023-06-01", "2023-01-01"];
/** From this version on, `temperature`, `top_p` and `top_k` are no longer accepted. */
export const SAMPLING_REMOVED_VERSION = "2026-10-21";

export function initializeApiKey(tenant: Tenant): void {
  setApiKey(tenant, `sk-ant-twin-${randomBase62(tenant, 40)}`);
}

function presentedKey(request: Request): string | undefined {
  const key = request.headers.get("x-api-key");
  if (key !== null && key !== "") return key;
  const authorization = request.headers.get("authorization") ?? "";
  return authorization.toLowerCase().startsWith("bearer ") ? authorization.slice("bearer ".length).trim() : undefined;
}

/** undefined when the request carries the tenant's key and a valid version, else Anthropic's answer. */
export function checkHeaders(tenant: Tenant, request: Request): Response | undefined {
  const key = presentedKey(request);
  if (key === undefined) return anthropicError(tenant, 401, "x-api-key header is required");
  if (key !== apiKeyOf(tenant)) return anthropicError(tenant, 401, "invalid x-api-key");
  const version = request.headers.get("anthropic-version");
  if (version === null || version === "") return invalidRequest(tenant, "anthropic-version: header is required");
  if (!ANTHROPIC_VERSIONS.includes(version)) return invalidRequest(tenant, `anthropic-version: ${JSON.stringify(version)} is not a valid version`);
  return undefined;
}
