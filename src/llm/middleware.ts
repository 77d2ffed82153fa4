/**
 * Middleware around an LlmClient (unified-llm-spec 2.3): logging, caching, redaction, cost
 * tracking and the like, without touching the providers. The first middleware registered is the
 * outermost: it sees the request first and the response (or stream) last, so requests pass in
 * registration order and responses in reverse. A middleware may change the request, the response,
 * the stream's events, or answer without calling `next` at all.
 */
import type { CallOptions, LlmClient, Request, Response, StreamEvent } from "./types.js";

export type CompleteNext = (request: Request, options?: CallOptions) => Promise<Response>;
export type StreamNext = (request: Request, options?: CallOptions) => AsyncIterable<StreamEvent>;

export interface LlmMiddleware {
  /** Wraps complete(); absent: the call passes through unchanged. */
  complete?(request: Request, options: CallOptions | undefined, next: CompleteNext): Promise<Response>;
  /** Wraps stream(); absent: the call passes through unchanged. */
  stream?(request: Request, options: CallOptions | undefined, next: StreamNext): AsyncIterable<StreamEvent>;
}

/** `client` with `middleware` applied, the first one outermost. */
export function withMiddleware(client: LlmClient, middleware: readonly LlmMiddleware[]): LlmClient {
  return middleware.reduceRight<LlmClient>((inner, layer) => ({
    complete: (request, options) => (layer.complete ? layer.complete(request, options, (next, nextOptions) => inner.complete(next, nextOptions)) : inner.complete(request, options)),
    stream: (request, options) => (layer.stream ? layer.stream(request, options, (next, nextOptions) => inner.stream(next, nextOptions)) : inner.stream(request, options)),
  }), client);
}
