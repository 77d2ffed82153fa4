/**
 * A rendered turn as Chat Completions answers it: one `chat.completion`, or the
 * `chat.completion.chunk` server-sent events ending with `data: [DONE]` (role first, content in
 * pieces, tool calls with their index, the finish_reason, then the usage chunk when
 * `stream_options.include_usage` asked for it).
 */
import type { RenderedTurn, Usage } from "./render-turn.js";
import { splitText } from "./render-turn.js";

type Fields = Record<string, unknown>;

export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
  systemFingerprint: string;
}

export function chatUsage(usage: Usage): Fields {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

function toolCalls(turn: RenderedTurn): Fields[] {
  return turn.calls.map((call) => ({ id: call.callId, type: "function", function: { name: call.name, arguments: call.arguments } }));
}

export function chatCompletion(meta: CompletionMeta, turn: RenderedTurn): Fields {
  const calls = toolCalls(turn);
  const message: Fields = { role: "assistant", content: turn.text === "" && calls.length > 0 ? null : turn.text, refusal: null, annotations: [] };
  if (calls.length > 0) message["tool_calls"] = calls;
  return {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: turn.finish }],
    usage: chatUsage(turn.usage),
    service_tier: "default",
    system_fingerprint: meta.systemFingerprint,
  };
}

/** The chunks of a streamed completion, as `data:` lines, ending with `data: [DONE]`. */
export function encodeChatChunks(meta: CompletionMeta, turn: RenderedTurn, includeUsage: boolean): string {
  const chunks: Fields[] = [];
  const chunk = (delta: Fields, finish: string | null = null): Fields => ({
    id: meta.id,
    object: "chat.completion.chunk",
    created: meta.created,
    model: meta.model,
    service_tier: "default",
    system_fingerprint: meta.systemFingerprint,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(includeUsage ? { usage: null } : {}),
  });
  chunks.push(chunk({ role: "assistant", content: turn.text === "" && turn.calls.length > 0 ? null : "", refusal: null }));
  for (const piece of splitText(turn.text)) chunks.push(chunk({ content: piece }));
  turn.calls.forEach((call, index) => {
    chunks.push(chunk({ tool_calls: [{ index, id: call.callId, type: "function", function: { name: call.name, arguments: "" } }] }));
    for (const piece of splitText(call.arguments, 16)) chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  chunks.push(chunk({}, turn.finish));
  if (includeUsage) {
    chunks.push({ id: meta.id, object: "chat.completion.chunk", created: meta.created, model: meta.model, service_tier: "default", system_fingerprint: meta.systemFingerprint, choices: [], usage: chatUsage(turn.usage) });
  }
  return `${chunks.map((value) => `data: ${JSON.stringify(value)}\n\n`).join("")}data: [DONE]\n\n`;
}
