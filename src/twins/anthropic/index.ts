/**
 * The Anthropic twin: a clone of the Claude Messages API that the official `@anthropic-ai/sdk`
 * client and the AI SDK's `@ai-sdk/anthropic` provider work against unchanged, answering from
 * the tenant's scripted policy (src/twins/llm-policy), with explicit prompt caching.
 *
 *   const twin = createAnthropicTwin({ seed: 7 });
 *   setPolicy(twin.tenant(), { turns: [{ text: "Hello" }] });
 *   const served = await serveTwin(twin);
 *   const client = new Anthropic({ apiKey: anthropicApiKey(twin.tenant()), baseURL: served.baseUrl });
 *
 * See docs/twins/anthropic.md.
 */
import { type Tenant, type Twin, type TwinOptions, createTwin } from "../kit/index.js";
import { apiKeyOf } from "./auth.js";
import { createAnthropicDefinition } from "./definition.js";

export function createAnthropicTwin(options: TwinOptions = {}): Twin {
  return createTwin(createAnthropicDefinition(), options);
}

/** The API key a client must send to reach this tenant (also `describe().credentials.apiKey`). */
export function anthropicApiKey(tenant: Tenant): string {
  return apiKeyOf(tenant);
}

export { ANTHROPIC_RATE_LIMITS, COUNT_TOKENS_METHOD, MESSAGES_METHOD, MODELS_GET_METHOD, MODELS_LIST_METHOD } from "./definition.js";
export { ANTHROPIC_MODELS, type AnthropicModel } from "./models.js";
export { ANTHROPIC_VERSIONS } from "./auth.js";
export { CACHE_LOOKBACK_BLOCKS, IMAGE_TOKENS } from "./prompt-cache.js";
export { MAX_CACHE_BREAKPOINTS } from "./request.js";
export { ANTHROPIC_COVERAGE, type AnthropicCoverageEntry } from "./coverage.js";
