/**
 * The AI SDK's provider results -> our Response: content parts (text, reasoning with its
 * signature, tool calls with raw and parsed arguments), the finish reason, usage with cached and
 * reasoning tokens, and rate-limit information from the response headers.
 */
import type { LanguageModelV3Content, LanguageModelV3FinishReason, LanguageModelV3Usage, SharedV3ProviderMetadata, SharedV3Warning } from "@ai-sdk/provider";
import type { ContentPart, FinishReason, ProviderData, RateLimitInfo, ToolCall, Usage, Warning } from "./types.js";

export function toFinishReason(finish: LanguageModelV3FinishReason, hasToolCalls: boolean): FinishReason {
  const raw = finish.raw !== undefined ? { raw: finish.raw } : {};
  // Gemini has no tool-call finish reason: tool calls in the answer mean the model wants them (spec 3.8).
  if (hasToolCalls && (finish.unified === "stop" || finish.unified === "other")) return { reason: "tool_calls", ...raw };
  const unified = finish.unified === "content-filter" ? "content_filter" : finish.unified === "tool-calls" ? "tool_calls" : finish.unified;
  return { reason: unified, ...raw };
}

/** Usage from the SDK's normalized counts; Anthropic's reasoning tokens are estimated from thinking text. */
export function toUsage(usage: LanguageModelV3Usage, reasoningText = ""): Usage {
  const inputTokens = usage.inputTokens.total ?? 0;
  const outputTokens = usage.outputTokens.total ?? 0;
  const reasoning = usage.outputTokens.reasoning ?? (reasoningText.length > 0 ? Math.ceil(reasoningText.length / 4) : undefined);
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(reasoning !== undefined ? { reasoningTokens: reasoning } : {}),
    ...(usage.inputTokens.cacheRead !== undefined ? { cacheReadTokens: usage.inputTokens.cacheRead } : {}),
    ...(usage.inputTokens.cacheWrite !== undefined ? { cacheWriteTokens: usage.inputTokens.cacheWrite } : {}),
  };
}

/** Parsed arguments of a tool call; a string that is not a JSON object gives {} (raw kept aside). */
export function parseArguments(input: string): Record<string, unknown> {
  if (input.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(input);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function toToolCall(toolCallId: string, toolName: string, input: string): ToolCall {
  return { id: toolCallId, name: toolName, arguments: parseArguments(input), rawArguments: input };
}

/** Gemini's thought signatures must come back with the same parts; other metadata is not kept. */
function providerData(metadata: SharedV3ProviderMetadata | undefined): ProviderData | undefined {
  const google = metadata?.["google"];
  return google && google["thoughtSignature"] !== undefined ? { google: { thoughtSignature: google["thoughtSignature"] } } : undefined;
}

/**
 * OpenAI's reasoning item (Responses API): its id and, when the request included it, its encrypted
 * content. Sent back on the next turn, they let a reasoning model keep its chain across tool calls.
 */
function openaiReasoningData(metadata: SharedV3ProviderMetadata | undefined): ProviderData | undefined {
  const openai = metadata?.["openai"];
  if (typeof openai?.["itemId"] !== "string") return undefined;
  const encrypted = openai["reasoningEncryptedContent"];
  return { openai: { itemId: openai["itemId"], ...(typeof encrypted === "string" ? { reasoningEncryptedContent: encrypted } : {}) } };
}

/**
 * A reasoning block: Anthropic's signed or redacted thinking, or plain reasoning text (with
 * Gemini's signature or OpenAI's reasoning item). `previous` is what a stream already knew of the
 * block: data it had (OpenAI's encrypted content comes at the start, the id again at the end) is kept.
 */
export function toThinkingPart(text: string, metadata: SharedV3ProviderMetadata | undefined, previous?: ContentPart): ContentPart {
  const anthropic = metadata?.["anthropic"];
  if (typeof anthropic?.["redactedData"] === "string") return { kind: "redacted_thinking", data: anthropic["redactedData"] };
  const known = previous?.kind === "thinking" ? previous.providerData : undefined;
  const fresh = { ...providerData(metadata), ...openaiReasoningData(metadata) };
  const merged: ProviderData = { ...known };
  for (const [provider, values] of Object.entries(fresh)) merged[provider] = { ...known?.[provider], ...values };
  const data = Object.keys(merged).length > 0 ? merged : undefined;
  return {
    kind: "thinking",
    text,
    ...(typeof anthropic?.["signature"] === "string" ? { signature: anthropic["signature"] } : {}),
    ...(data ? { providerData: data } : {}),
  };
}

/** The assistant's content parts, in order, adjacent text merged. */
export function toContentParts(content: LanguageModelV3Content[]): ContentPart[] {
  const parts: ContentPart[] = [];
  for (const item of content) {
    if (item.type === "text") {
      const previous = parts[parts.length - 1];
      if (previous?.kind === "text") previous.text += item.text;
      else if (item.text !== "") parts.push({ kind: "text", text: item.text });
    } else if (item.type === "reasoning") {
      parts.push(toThinkingPart(item.text, item.providerMetadata));
    } else if (item.type === "tool-call" && item.providerExecuted !== true) {
      const data = providerData(item.providerMetadata);
      parts.push({ kind: "tool_call", ...toToolCall(item.toolCallId, item.toolName, item.input), ...(data ? { providerData: data } : {}) });
    }
  }
  return parts;
}

export function reasoningTextOf(parts: ContentPart[]): string {
  return parts.map((part) => (part.kind === "thinking" ? part.text : "")).join("");
}

export function toWarnings(warnings: SharedV3Warning[] | undefined): Warning[] {
  return (warnings ?? []).map((warning) => {
    const detail = warning as { type: string; message?: string; feature?: string; details?: string };
    const message = detail.message ?? [detail.feature, detail.details].filter(Boolean).join(": ");
    return { message: message || detail.type, code: detail.type };
  });
}

function numberHeader(headers: Record<string, string | undefined>, ...names: string[]): number | undefined {
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  }
  return undefined;
}

/** OpenAI's x-ratelimit-* and Anthropic's anthropic-ratelimit-* headers (spec 3.12). */
export function toRateLimit(rawHeaders: Record<string, string | undefined> | undefined): RateLimitInfo | undefined {
  if (!rawHeaders) return undefined;
  const headers = Object.fromEntries(Object.entries(rawHeaders).map(([key, value]) => [key.toLowerCase(), value]));
  const info: RateLimitInfo = {};
  const set = (field: keyof Omit<RateLimitInfo, "resetAt">, value: number | undefined): void => {
    if (value !== undefined) info[field] = value;
  };
  set("requestsRemaining", numberHeader(headers, "x-ratelimit-remaining-requests", "anthropic-ratelimit-requests-remaining"));
  set("requestsLimit", numberHeader(headers, "x-ratelimit-limit-requests", "anthropic-ratelimit-requests-limit"));
  set("tokensRemaining", numberHeader(headers, "x-ratelimit-remaining-tokens", "anthropic-ratelimit-tokens-remaining"));
  set("tokensLimit", numberHeader(headers, "x-ratelimit-limit-tokens", "anthropic-ratelimit-tokens-limit"));
  const reset = headers["anthropic-ratelimit-requests-reset"];
  if (reset !== undefined && !Number.isNaN(Date.parse(reset))) info.resetAt = new Date(reset);
  return Object.keys(info).length > 0 ? info : undefined;
}
