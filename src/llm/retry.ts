/**
 * The retry policy of spec 6.6: exponential backoff with jitter, honouring Retry-After, giving
 * up at once on non-retryable errors and when the signal aborts. `retry()` wraps any call;
 * `withRetry()` wraps a whole LlmClient (a stream retries only before its first event).
 */
import { LightsoutError } from "../errors.js";
import { LlmError, toLlmError } from "./errors.js";
import type { CallOptions, LlmClient, Request, Response, StreamEvent } from "./types.js";

export interface RetryPolicy {
  /** Retries after the first attempt. Default 2; 0 disables retries. */
  maxRetries?: number;
  /** Default 1000. */
  baseDelayMs?: number;
  /** Default 60000. A Retry-After longer than this is not waited for: the error is thrown. */
  maxDelayMs?: number;
  /** Default 2. */
  backoffMultiplier?: number;
  /** +/- 50% random jitter. Default true. */
  jitter?: boolean;
  /** Injectable for tests: a number in [0, 1). */
  random?: () => number;
  /** Injectable for tests; must reject when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called before each retry. */
  onRetry?: (error: LlmError, attempt: number, delayMs: number) => void;
  /** Overrides the error's own `retryable` flag. */
  shouldRetry?: (error: LlmError) => boolean;
}

/** A timer sleep that rejects with an AbortError when the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function abortError(): Error {
  const error = new Error("aborted");
  error.name = "AbortError";
  return error;
}

/** The backoff delay before retry `attempt` (0-based), without Retry-After. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy = {}): number {
  const base = policy.baseDelayMs ?? 1000;
  const max = policy.maxDelayMs ?? 60_000;
  const delay = Math.min(base * (policy.backoffMultiplier ?? 2) ** attempt, max);
  if (policy.jitter === false) return delay;
  return delay * (0.5 + (policy.random ?? Math.random)());
}

/**
 * The delay before retry `attempt`, or undefined when the error must not be retried: not
 * retryable, out of retries, or a Retry-After longer than maxDelayMs.
 */
export function retryDelayMs(error: LlmError, attempt: number, policy: RetryPolicy = {}): number | undefined {
  if (attempt >= (policy.maxRetries ?? 2)) return undefined;
  if (!(policy.shouldRetry ? policy.shouldRetry(error) : error.retryable)) return undefined;
  if (error.retryAfterMs !== undefined) return error.retryAfterMs <= (policy.maxDelayMs ?? 60_000) ? error.retryAfterMs : undefined;
  return backoffDelayMs(attempt, policy);
}

/** Runs `call` and retries it per the policy; throws the last LlmError. */
export async function retry<T>(call: () => Promise<T>, policy: RetryPolicy = {}, signal?: AbortSignal, provider = "llm"): Promise<T> {
  const sleep = policy.sleep ?? abortableSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (caught) {
      // Configuration and budget errors are not provider failures: never retried, never rewrapped.
      if (LightsoutError.isInstance(caught) && !LlmError.isLlmError(caught)) throw caught;
      const error = toLlmError(caught, provider, signal);
      const delay = signal?.aborted ? undefined : retryDelayMs(error, attempt, policy);
      if (delay === undefined) throw error;
      policy.onRetry?.(error, attempt + 1, delay);
      try {
        await sleep(delay, signal);
      } catch (sleepError) {
        throw toLlmError(sleepError, error.provider, signal);
      }
    }
  }
}

/** A client whose calls retry per the policy; a stream retries only until its first event. */
export function withRetry(client: LlmClient, policy: RetryPolicy = {}): LlmClient {
  return {
    complete(request: Request, options?: CallOptions): Promise<Response> {
      return retry(() => client.complete(request, options), policy, options?.signal, request.provider ?? request.model.split(":")[0]);
    },
    async *stream(request: Request, options?: CallOptions): AsyncIterable<StreamEvent> {
      const provider = request.provider ?? request.model.split(":")[0] ?? "llm";
      const opened = await retry(
        async () => {
          const iterator = client.stream(request, options)[Symbol.asyncIterator]();
          const first = await iterator.next();
          return { iterator, first };
        },
        policy,
        options?.signal,
        provider,
      );
      if (opened.first.done) return;
      try {
        yield opened.first.value;
        // Partial data was delivered: from here on a failure is thrown, never retried (spec 6.6).
        for (;;) {
          const next = await opened.iterator.next();
          if (next.done) return;
          yield next.value;
        }
      } finally {
        // A consumer that stops early closes the underlying stream (and its HTTP connection).
        await opened.iterator.return?.();
      }
    },
  };
}
