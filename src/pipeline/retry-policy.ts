/**
 * Retry policies (spec 3.5, 3.6): how many attempts a node gets and how long to wait between
 * them. Configured per node, falling back to the graph:
 *   max_retries / default_max_retries   additional attempts (max_retries=3 -> 4 executions)
 *   retry_policy                        a preset: none, standard, aggressive, linear, patient
 *   retry_initial_delay, retry_backoff_factor, retry_max_delay, retry_jitter   backoff overrides
 */
import { parseBoolean, parseDuration, parseFloatValue, parseInteger } from "./attributes.js";
import type { Graph, GraphNode } from "./graph.js";

export interface BackoffConfig {
  initialDelayMs: number;
  backoffFactor: number;
  maxDelayMs: number;
  jitter: boolean;
}

export interface RetryPolicy {
  /** At least 1; 1 means no retries. */
  maxAttempts: number;
  backoff: BackoffConfig;
  shouldRetry: (error: unknown) => boolean;
}

export const DEFAULT_BACKOFF: BackoffConfig = { initialDelayMs: 200, backoffFactor: 2, maxDelayMs: 60_000, jitter: true };

export const RETRY_PRESETS: Record<string, { maxAttempts: number; backoff: BackoffConfig }> = {
  none: { maxAttempts: 1, backoff: DEFAULT_BACKOFF },
  standard: { maxAttempts: 5, backoff: { ...DEFAULT_BACKOFF, initialDelayMs: 200, backoffFactor: 2 } },
  aggressive: { maxAttempts: 5, backoff: { ...DEFAULT_BACKOFF, initialDelayMs: 500, backoffFactor: 2 } },
  linear: { maxAttempts: 3, backoff: { ...DEFAULT_BACKOFF, initialDelayMs: 500, backoffFactor: 1 } },
  patient: { maxAttempts: 3, backoff: { ...DEFAULT_BACKOFF, initialDelayMs: 2000, backoffFactor: 3 } },
};

/**
 * The delay before retry number `attempt` (1-indexed: the first retry is attempt 1).
 * With jitter the delay is scaled by a uniform factor in [0.5, 1.5).
 */
export function delayForAttempt(attempt: number, backoff: BackoffConfig, random: () => number = Math.random): number {
  let delay = backoff.initialDelayMs * Math.pow(backoff.backoffFactor, attempt - 1);
  delay = Math.min(delay, backoff.maxDelayMs);
  if (backoff.jitter) delay = delay * (0.5 + random());
  return Math.max(0, Math.round(delay));
}

const RETRYABLE_ERROR_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "ENOTFOUND", "UND_ERR_SOCKET"]);

/**
 * The default should-retry predicate: network errors, rate limits (429), server errors (5xx) and
 * errors that say they are retryable; not authentication (401, 403), bad requests (400),
 * validation or configuration errors.
 */
export function isRetryableError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const record = error as Record<string, unknown>;
  if (typeof record["retryable"] === "boolean") return record["retryable"];
  if (typeof record["isRetryable"] === "boolean") return record["isRetryable"];
  const status = record["status"] ?? record["statusCode"];
  if (typeof status === "number") return status === 429 || status === 408 || status >= 500;
  const code = record["code"];
  if (typeof code === "string" && RETRYABLE_ERROR_CODES.has(code)) return true;
  return error instanceof TypeError && /fetch failed|network/i.test(error.message);
}

function attribute(node: GraphNode, graph: Graph, key: string): string | undefined {
  return node.attributes[key] ?? graph.attributes[key];
}

export function buildRetryPolicy(node: GraphNode, graph: Graph): RetryPolicy {
  const presetName = attribute(node, graph, "retry_policy");
  const preset = presetName ? RETRY_PRESETS[presetName] : undefined;
  const backoff: BackoffConfig = { ...(preset?.backoff ?? DEFAULT_BACKOFF) };

  let maxAttempts = preset?.maxAttempts ?? 1;
  const nodeRetries = node.attributes["max_retries"];
  const graphRetries = graph.attributes["default_max_retries"] ?? graph.attributes["default_max_retry"];
  const explicitRetries = nodeRetries !== undefined ? parseInteger(nodeRetries) : preset ? undefined : graphRetries !== undefined ? parseInteger(graphRetries) : undefined;
  if (explicitRetries !== undefined) maxAttempts = Math.max(0, explicitRetries) + 1;

  const initial = attribute(node, graph, "retry_initial_delay");
  if (initial !== undefined) backoff.initialDelayMs = parseDuration(initial) ?? backoff.initialDelayMs;
  const factor = attribute(node, graph, "retry_backoff_factor");
  if (factor !== undefined) backoff.backoffFactor = parseFloatValue(factor) ?? backoff.backoffFactor;
  const maximum = attribute(node, graph, "retry_max_delay");
  if (maximum !== undefined) backoff.maxDelayMs = parseDuration(maximum) ?? backoff.maxDelayMs;
  const jitter = attribute(node, graph, "retry_jitter");
  if (jitter !== undefined) backoff.jitter = parseBoolean(jitter) ?? backoff.jitter;

  return { maxAttempts: Math.max(1, maxAttempts), backoff, shouldRetry: isRetryableError };
}
