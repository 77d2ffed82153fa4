/**
 * The scripted policy every LLM provider twin (openai, anthropic, gemini) answers from: a list of
 * turns played in order, or a function from the request to the reply. A twin translates its
 * provider's wire request into a `PolicyRequest`, asks the policy for a `ScriptedTurn`, and
 * renders that turn in its provider's wire format (JSON or server-sent events).
 *
 * Set per tenant: `setPolicy(tenant, policy)` in code, or `PUT /_twin/tenants/{id}/config
 * {"policy": {"turns": [...]}}` through the admin plane (lists only; functions are code).
 */
import type { Tenant } from "../kit/index.js";

/** A request as the policy sees it, the same for every provider. */
export interface PolicyRequest {
  provider: "openai" | "anthropic" | "gemini";
  model: string;
  /** The system/developer instructions, concatenated. */
  system: string;
  /** The conversation in order, with tool calls and results as their own messages. */
  messages: PolicyMessage[];
  /** Tool names offered, in order. */
  tools: string[];
  stream: boolean;
  /**
   * The model's earlier reasoning that the client passed back in this request, oldest first (OpenAI
   * reasoning items, by reference or with their encrypted content). A reasoning model keeps its chain
   * across tool calls only when the client does so.
   */
  priorReasoning?: string[];
  /** Reasoning effort or thinking budget as the provider names it, when set. */
  reasoning?: string;
  /** 0-based number of model requests this tenant has answered before this one. */
  index: number;
}

export type PolicyMessage =
  | { role: "user" | "assistant"; text: string }
  | { role: "tool-call"; id: string; name: string; arguments: unknown }
  | { role: "tool-result"; id: string; output: string; isError?: boolean };

/** One reply. A turn with `error` answers that HTTP error instead of a completion. */
export interface ScriptedTurn {
  text?: string;
  /** Shown as the provider's reasoning/thinking content (and counted as reasoning tokens). */
  reasoning?: string;
  toolCalls?: { id?: string; name: string; arguments: Record<string, unknown> }[];
  /** Default: "tool_calls" when there are tool calls, else "stop". */
  finish?: "stop" | "length" | "tool_calls" | "content_filter";
  /** Overrides of the counted usage; by default tokens are estimated (4 characters a token). */
  usage?: { inputTokens?: number; outputTokens?: number; cachedInputTokens?: number; reasoningTokens?: number };
  /** An error answer: 400, 401, 404, 429 (with `retryAfterSeconds`), 500, 503, ... in the provider's shape. */
  error?: { status: number; message?: string; retryAfterSeconds?: number };
}

export type Policy = { turns: ScriptedTurn[]; loop?: boolean } | ((request: PolicyRequest) => ScriptedTurn | Promise<ScriptedTurn>);

const POLICIES = new WeakMap<Tenant, Policy>();

export function setPolicy(tenant: Tenant, policy: Policy): void {
  POLICIES.set(tenant, policy);
}

/**
 * The policy of a tenant: one set in code wins, else `config.policy` (admin plane), else a
 * default that answers every request with a short text, so an unconfigured twin still works.
 */
export function policyOf(tenant: Tenant): Policy {
  const inCode = POLICIES.get(tenant);
  if (inCode) return inCode;
  const configured = tenant.config["policy"];
  if (configured && typeof configured === "object" && Array.isArray((configured as { turns?: unknown }).turns)) return configured as Policy;
  return () => ({ text: "Hello from the twin." });
}

/**
 * The turn for a request. A list plays in order; past its end it repeats the last turn when
 * `loop` is false (the default) or wraps around when true; an empty list answers a 500 saying so.
 */
export async function nextTurn(policy: Policy, request: PolicyRequest): Promise<ScriptedTurn> {
  if (typeof policy === "function") return policy(request);
  const { turns, loop = false } = policy;
  if (turns.length === 0) return { error: { status: 500, message: "the twin's scripted policy has no turns" } };
  const position = loop ? request.index % turns.length : Math.min(request.index, turns.length - 1);
  return turns[position]!;
}

/** A rough token count (4 characters a token, at least 1 for non-empty text), stable across runs. */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}
