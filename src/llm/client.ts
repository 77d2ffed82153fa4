/**
 * The LlmClient over the AI SDK providers: resolves "provider:model", builds the provider model
 * (keys and base URLs from the environment), calls its doGenerate/doStream directly (tools stay
 * passive, no SDK retries), translates the results back, retries per the policy, and reports
 * every finished call to `onCall` (for cost metering and transcripts).
 */
import { randomUUID } from "node:crypto";
import { toLlmError } from "./errors.js";
import { type Env, type ModelRef, parseModelId, providerConfig } from "./models.js";
import { type FetchFunction, providerModel } from "./providers.js";
import { toCallOptions } from "./request-translation.js";
import { reasoningTextOf, toContentParts, toFinishReason, toRateLimit, toUsage, toWarnings } from "./response-translation.js";
import { type RetryPolicy, withRetry } from "./retry.js";
import { translateStream } from "./stream-translation.js";
import type { CallOptions, LlmClient, Request, Response, StreamEvent } from "./types.js";

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
  /** Response ids when a provider sends none. Default: random UUIDs. */
  newId?: () => string;
}

/** A client for every provider; a configuration error (unknown provider, missing key) is thrown as LightsoutError "LLM_CONFIG". */
export function createLlmClient(options: LlmClientOptions = {}): LlmClient {
  const env = options.env ?? process.env;
  const newId = options.newId ?? (() => `resp_${randomUUID()}`);
  const modelFor = (request: Request): { ref: ModelRef; model: ReturnType<typeof providerModel> } => {
    const ref = parseModelId(request.model, request.provider ?? options.defaultProvider);
    return { ref, model: providerModel(ref, providerConfig(ref, env), options.fetch) };
  };

  const base: LlmClient = {
    async complete(request: Request, call?: CallOptions): Promise<Response> {
      const { ref, model } = modelFor(request);
      const signal = call?.signal;
      let result: Awaited<ReturnType<typeof model.doGenerate>>;
      try {
        result = await model.doGenerate({ ...toCallOptions(request, ref), ...(signal ? { abortSignal: signal } : {}) });
      } catch (error) {
        throw toLlmError(error, ref.provider, signal);
      }
      const content = toContentParts(result.content);
      const warnings = toWarnings(result.warnings);
      const rateLimit = toRateLimit(result.response?.headers);
      const response: Response = {
        id: result.response?.id ?? newId(),
        model: result.response?.modelId ?? ref.model,
        provider: ref.provider,
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
        throw toLlmError(error, ref.provider, signal);
      }
      for await (const event of translateStream(result.stream, {
        provider: ref.provider,
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
