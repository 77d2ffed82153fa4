/**
 * A scripted turn rendered as Anthropic's Message: content blocks (thinking with its signature
 * when the request enabled thinking, text, tool_use), `stop_reason` and `stop_sequence` (a stop
 * sequence or `max_tokens` cuts the text where the model would have stopped), and usage.
 */
import type { Tenant } from "../kit/index.js";
import { type ScriptedTurn, estimateTokens } from "../llm-policy/index.js";
import { thinkingSignature, toolUseId } from "./ids.js";
import type { PromptUsage } from "./prompt-cache.js";
import type { MessagesRequest } from "./request.js";

export type StopReason = "end_turn" | "tool_use" | "max_tokens" | "stop_sequence" | "refusal";

export type OutputBlock =
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "text"; text: string }
  | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> };

export interface WireUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  output_tokens: number;
  service_tier: "standard";
}

export interface RenderedMessage {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: OutputBlock[];
  stop_reason: StopReason;
  stop_sequence: string | null;
  usage: WireUsage;
}

const STOP_REASONS: Record<NonNullable<ScriptedTurn["finish"]>, StopReason> = {
  stop: "end_turn",
  tool_calls: "tool_use",
  length: "max_tokens",
  content_filter: "refusal",
};

/** The first stop sequence in the text, by position: the model stops before it. */
function firstStop(text: string, sequences: string[]): { at: number; sequence: string } | undefined {
  let found: { at: number; sequence: string } | undefined;
  for (const sequence of sequences) {
    const at = text.indexOf(sequence);
    if (at >= 0 && (!found || at < found.at)) found = { at, sequence };
  }
  return found;
}

function outputTokensOf(blocks: OutputBlock[]): number {
  return blocks.reduce((sum, block) => {
    if (block.type === "text") return sum + estimateTokens(block.text);
    if (block.type === "thinking") return sum + estimateTokens(block.thinking);
    return sum + estimateTokens(`${block.name}${JSON.stringify(block.input)}`);
  }, 0);
}

export function renderMessage(tenant: Tenant, request: MessagesRequest, turn: ScriptedTurn, id: string, prompt: PromptUsage): RenderedMessage {
  const blocks: OutputBlock[] = [];
  if (request.thinking && turn.reasoning) blocks.push({ type: "thinking", thinking: turn.reasoning, signature: thinkingSignature(tenant, turn.reasoning) });
  let text = turn.text ?? "";
  let stopReason: StopReason = STOP_REASONS[turn.finish ?? (turn.toolCalls?.length ? "tool_calls" : "stop")];
  let stopSequence: string | null = null;
  let toolCalls = request.toolChoice?.type === "none" ? [] : (turn.toolCalls ?? []);
  const stop = firstStop(text, request.stopSequences);
  if (stop) {
    text = text.slice(0, stop.at);
    stopReason = "stop_sequence";
    stopSequence = stop.sequence;
    toolCalls = [];
  }
  // The budget counts everything the model writes, thinking included: past it the text is cut.
  const thinkingTokens = outputTokensOf(blocks);
  const room = Math.max(0, request.maxTokens - thinkingTokens);
  if (estimateTokens(text) > room) {
    text = text.slice(0, room * 4);
    stopReason = "max_tokens";
    stopSequence = null;
    toolCalls = [];
  }
  if (text !== "") blocks.push({ type: "text", text });
  for (const call of toolCalls) blocks.push({ type: "tool_use", id: call.id ?? toolUseId(tenant), name: call.name, input: call.arguments });
  if (stopReason === "tool_use" && toolCalls.length === 0) stopReason = "end_turn";
  const cacheRead = turn.usage?.cachedInputTokens ?? prompt.cacheReadInputTokens;
  const inputTokens = turn.usage?.inputTokens !== undefined ? Math.max(0, turn.usage.inputTokens - cacheRead - prompt.cacheCreationInputTokens) : prompt.inputTokens + prompt.cacheReadInputTokens - cacheRead;
  return {
    id,
    type: "message",
    role: "assistant",
    model: request.modelName,
    content: blocks,
    stop_reason: stopReason,
    stop_sequence: stopSequence,
    usage: {
      input_tokens: Math.max(0, inputTokens),
      cache_creation_input_tokens: prompt.cacheCreationInputTokens,
      cache_read_input_tokens: cacheRead,
      cache_creation: { ephemeral_5m_input_tokens: prompt.ephemeral5mInputTokens, ephemeral_1h_input_tokens: prompt.ephemeral1hInputTokens },
      output_tokens: turn.usage?.outputTokens ?? Math.max(1, outputTokensOf(blocks)),
      service_tier: "standard",
    },
  };
}
