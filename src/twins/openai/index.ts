/**
 * The OpenAI twin: a clone of the OpenAI API (the Responses API, Chat Completions, models) that
 * the official `openai` client and the AI SDK's `@ai-sdk/openai` provider work against unchanged,
 * answering from the tenant's scripted policy (src/twins/llm-policy).
 *
 *   const twin = createOpenAITwin({ seed: 7 });
 *   setPolicy(twin.tenant(), { turns: [{ text: "Hello" }] });
 *   const served = await serveTwin(twin);
 *   const client = new OpenAI({ apiKey: openaiApiKey(twin.tenant()), baseURL: `${served.baseUrl}/v1` });
 *
 * See docs/twins/openai.md.
 */
import { type Tenant, type Twin, type TwinOptions, createTwin } from "../kit/index.js";
import { apiKeyOf } from "./auth.js";
import { createOpenAIDefinition } from "./definition.js";

export function createOpenAITwin(options: TwinOptions = {}): Twin {
  return createTwin(createOpenAIDefinition(), options);
}

/** The API key a client must send to reach this tenant (also in `describe().credentials.apiKey`). */
export function openaiApiKey(tenant: Tenant): string {
  return apiKeyOf(tenant);
}

export { OPENAI_RATE_LIMITS } from "./definition.js";
export { OPENAI_MODELS, type OpenAIModel } from "./models.js";
export { CACHE_INCREMENT_TOKENS, MIN_CACHED_PROMPT_TOKENS } from "./prompt-cache.js";
export { OPENAI_COVERAGE, type OpenAICoverageEntry } from "./coverage.js";
