/**
 * The Gemini twin: a clone of the Gemini API (generativelanguage.googleapis.com, v1beta) that the
 * official `@google/genai` client and the AI SDK's `@ai-sdk/google` provider work against
 * unchanged, answering from the tenant's scripted policy (src/twins/llm-policy).
 *
 *   const twin = createGeminiTwin({ seed: 7 });
 *   setPolicy(twin.tenant(), { turns: [{ text: "Hello" }] });
 *   const served = await serveTwin(twin);
 *   const ai = new GoogleGenAI({ apiKey: geminiApiKey(twin.tenant()), httpOptions: { baseUrl: served.baseUrl } });
 *
 * See docs/twins/gemini.md.
 */
import { type Tenant, type Twin, type TwinOptions, createTwin } from "../kit/index.js";
import { apiKeyOf } from "./auth.js";
import { createGeminiDefinition } from "./definition.js";

export function createGeminiTwin(options: TwinOptions = {}): Twin {
  return createTwin(createGeminiDefinition(), options);
}

/** The API key a client must send to reach this tenant (also in `describe().credentials.apiKey`). */
export function geminiApiKey(tenant: Tenant): string {
  return apiKeyOf(tenant);
}

export { GEMINI_RATE_LIMITS } from "./definition.js";
export { GEMINI_MODELS, type GeminiModel } from "./models.js";
export { functionCallId } from "./policy-request.js";
export { MIN_CACHED_PROMPT_TOKENS } from "./usage.js";
export { GEMINI_COVERAGE, type GeminiCoverageEntry } from "./coverage.js";
