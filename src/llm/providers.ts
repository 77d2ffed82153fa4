/**
 * The AI SDK provider model for a model reference, on each provider's native API: OpenAI's
 * Responses API, Anthropic's Messages API, Gemini's generateContent, and Chat Completions for
 * OpenAI-compatible endpoints. The SDK never retries here: retries are ours (retry.ts).
 */
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { ModelRef, ProviderConfig } from "./models.js";

export type FetchFunction = typeof globalThis.fetch;

export function providerModel(ref: ModelRef, config: ProviderConfig, fetch?: FetchFunction): LanguageModelV3 {
  const common = {
    ...(config.apiKey !== undefined ? { apiKey: config.apiKey } : {}),
    ...(config.baseURL !== undefined ? { baseURL: config.baseURL } : {}),
    ...(fetch ? { fetch } : {}),
  };
  switch (ref.provider) {
    case "openai":
      return createOpenAI(common).responses(ref.model);
    case "anthropic":
      return createAnthropic(common)(ref.model);
    case "google":
      return createGoogleGenerativeAI(common)(ref.model);
    case "openai-compatible":
      return createOpenAICompatible({ ...common, name: ref.endpoint ?? "openai-compatible", baseURL: config.baseURL ?? "", includeUsage: true }).chatModel(ref.model);
  }
}
