/** The LLM layer: one data model over the OpenAI, Anthropic, Gemini and OpenAI-compatible APIs. */
export * from "./types.js";
export { createLlmClient, resolveModel, type CallRecord, type LlmClientOptions, type LlmProviderAdapter } from "./client.js";
export { withMiddleware, type LlmMiddleware, type CompleteNext, type StreamNext } from "./middleware.js";
export { generate, type GenerateOptions, type GenerateResult, type GenerateTimeouts, type GenerateTool, type StepResult, type ToolResultRecord } from "./generate.js";
export { generateObject, NoObjectGeneratedError, type GenerateObjectOptions, type GenerateObjectResult } from "./generate-object.js";
export { parseModelId, providerConfig, endpointEnvPrefix, builtinProvider, type CustomModelRef, type RoutedModelRef, type Env, type ModelRef, type ProviderConfig, type ProviderName } from "./models.js";
export { LlmError, errorFromHttp, toLlmError, kindFromStatus, retryAfterMsFromHeaders, type LlmErrorKind } from "./errors.js";
export { retry, withRetry, backoffDelayMs, retryDelayMs, abortableSleep, type RetryPolicy } from "./retry.js";
export { getModelInfo, listModels, type ModelInfo, type ModelPrices } from "./catalog.js";
export { costOfCall, addUsage, ZERO_USAGE, CostMeter, createBudget, withBudget, type Budget, type CostEntry, type CostTotals } from "./cost.js";
