/**
 * The LlmClient over the AI SDK providers: resolves "provider:model", builds the provider model
 * (keys and base URLs from the environment), calls its doGenerate/doStream directly (tools stay
 * passive, no SDK retries), translates the results back, retries per the policy, and reports
 * every finished call to `onCall` (for cost metering and transcripts).
 */
import { randomUUID } from "node:crypto";
import { LightsoutError } from "../errors.js";
import { toLlmError } from "./errors.js";
import type { LanguageModelV3, ProviderV3 } from "@ai-sdk/provider";
import { builtinProvider, type Env, parseModelId, providerConfig, type RoutedModelRef } from "./models.js";
import { type FetchFunction, providerModel } from "./providers.js";
import { toCallOptions } from "./request-translation.js";
import { reasoningTextOf, toContentParts, toFinishReason, toRateLimit, toUsage, toWarnings } from "./response-translation.js";
import { type RetryPolicy, withRetry } from "./retry.js";
import { translateStream } from "./stream-translation.js";
import type { CallOptions, LlmClient, Request, Response, StreamEvent } from "./types.js";

/**
 * A provider adapter the program built itself (spec 8.1 "explicit adapter instances"): an AI SDK
 * provider (`ProviderV3`, e.g. `createAnthropic({ ... })` configured by hand), anything with
 * `languageModel(modelId)`, or a function from a model id to an AI SDK `LanguageModelV3`.
 */
export type LlmProviderAdapter = Pick<ProviderV3, "languageModel"> | ((modelId: string) => LanguageModelV3);

export interface CallRecord {
  /** The canonical "provider:model" id asked for. */
  modelId: string;
  request: Request;
  response: Response;
  streamed: boolean;
}

export interface LlmClientOptions {
  /** Where keys and base URLs come from. Default: process.env. */
  env?: Env;
  /** The HTTP client the providers use (tests inject canned answers). */
  fetch?: FetchFunction;
  /** Retries of failed calls (spec 6.6). Default: 2 retries with backoff; `{ maxRetries: 0 }` disables. */
  retry?: RetryPolicy;
  /** Called after each successful call (once per attempt that succeeded, not per retry). */
  onCall?: (record: CallRecord) => void;
  /** The provider of requests whose model id has no "provider:" prefix and no `provider` field. */
  defaultProvider?: string;
  /**
   * Adapters by provider name, used instead of building one from the environment. A built-in
   * name ("openai", "anthropic", "google"/"gemini", "openai-compatible") keeps that provider's
   * request translation (reasoning, caching, provider options) and needs no key in `env`; any
   * other name ("mylab") routes "mylab:model-x" (or `provider: "mylab"`) to its adapter.
   */
  providers?: Record<string, LlmProviderAdapter>;
  /** Response ids when a provider sends none. Default: random UUIDs. */
  newId?: () => string;
}

/** A client for every provider; a configuration error (unknown provider, missing key) is thrown as LightsoutError "LLM_CONFIG". */
export function createLlmClient(options: LlmClientOptions = {}): LlmClient {
  const env = options.env ?? process.env;
  const newId = options.newId ?? (() => `resp_${randomUUID()}`);
  const adapters = options.providers ?? {};
  const adapterFor = (name: string): LlmProviderAdapter | undefined => (Object.hasOwn(adapters, name) ? adapters[name] : undefined);
  const modelFor = (request: Request): { ref: RoutedModelRef; model: LanguageModelV3 } => {
    const ref = resolveModel(request.model, request.provider ?? options.defaultProvider, (name) => adapterFor(name) !== undefined);
    const build = (adapter: LlmProviderAdapter): LanguageModelV3 => (typeof adapter === "function" ? adapter(ref.model) : adapter.languageModel(ref.model));
    // resolveModel returns custom refs only for registered names.
    if (ref.provider === "custom") return { ref, model: build(adapterFor(ref.endpoint)!) };
    // A built-in provider may be registered under any of its names ("gemini" or "google").
    const adapter = adapterFor(ref.provider) ?? registeredAlias(ref.provider, adapters);
    if (adapter !== undefined) return { ref, model: build(adapter) };
    return { ref, model: providerModel(ref, providerConfig(ref, env), options.fetch) };
  };
  const providerOf = (ref: RoutedModelRef): string => (ref.provider === "custom" ? ref.endpoint : ref.provider);

  const base: LlmClient = {
    async complete(request: Request, call?: CallOptions): Promise<Response> {
      const { ref, model } = modelFor(request);
      const signal = call?.signal;
      let result: Awaited<ReturnType<typeof model.doGenerate>>;
      try {
        result = await model.doGenerate({ ...toCallOptions(request, ref), ...(signal ? { abortSignal: signal } : {}) });
      } catch (error) {
        throw toLlmError(error, providerOf(ref), signal);
      }
      const content = toContentParts(result.content);
      const warnings = toWarnings(result.warnings);
      const rateLimit = toRateLimit(result.response?.headers);
      const response: Response = {
        id: result.response?.id ?? newId(),
        model: result.response?.modelId ?? ref.model,
        provider: providerOf(ref),
        message: { role: "assistant", content },
        finishReason: toFinishReason(result.finishReason, content.some((part) => part.kind === "tool_call")),
        usage: toUsage(result.usage, reasoningTextOf(content)),
        ...(result.response?.body !== undefined ? { raw: result.response.body } : {}),
        ...(warnings.length > 0 ? { warnings } : {}),
        ...(rateLimit ? { rateLimit } : {}),
      };
      options.onCall?.({ modelId: ref.id, request, response, streamed: false });
      return response;
    },

    async *stream(request: Request, call?: CallOptions): AsyncIterable<StreamEvent> {
      const { ref, model } = modelFor(request);
      const signal = call?.signal;
      let result: Awaited<ReturnType<typeof model.doStream>>;
      try {
        result = await model.doStream({ ...toCallOptions(request, ref), ...(signal ? { abortSignal: signal } : {}) });
      } catch (error) {
        throw toLlmError(error, providerOf(ref), signal);
      }
      for await (const event of translateStream(result.stream, {
        provider: providerOf(ref),
        requestedModel: ref.model,
        ...(result.response?.headers ? { headers: result.response.headers } : {}),
        ...(signal ? { signal } : {}),
        newId,
      })) {
        if (event.type === "finish") options.onCall?.({ modelId: ref.id, request, response: event.response, streamed: true });
        yield event;
      }
    },
  };
  return options.retry?.maxRetries === 0 ? base : withRetry(base, options.retry ?? {});
}

/** The adapter registered under another name of the same built-in provider ("gemini" for google). */
function registeredAlias(provider: string, adapters: Record<string, LlmProviderAdapter>): LlmProviderAdapter | undefined {
  const name = Object.keys(adapters).find((key) => builtinProvider(key) === provider);
  return name !== undefined ? adapters[name] : undefined;
}

/**
 * "name:model" with a registered custom name routes to that adapter; so does a bare id whose
 * provider (request or default) is one. Everything else is a built-in provider (parseModelId).
 */
export function resolveModel(id: string, provider: string | undefined, isRegistered: (name: string) => boolean): RoutedModelRef {
  const colon = id.indexOf(":");
  const prefix = colon > 0 ? id.slice(0, colon) : undefined;
  if (prefix !== undefined && builtinProvider(prefix) === undefined && isRegistered(prefix)) {
    const model = id.slice(colon + 1);
    if (model === "") throw new LightsoutError("LLM_CONFIG", `model id "${id}" has no model after "${prefix}:"`);
    return { provider: "custom", endpoint: prefix, model, id };
  }
  const prefixIsBuiltin = prefix !== undefined && builtinProvider(prefix) !== undefined;
  if (!prefixIsBuiltin && provider !== undefined && builtinProvider(provider) === undefined && isRegistered(provider)) {
    return { provider: "custom", endpoint: provider, model: id, id: `${provider}:${id}` };
  }
  return parseModelId(id, provider);
}
