/**
 * A scripted turn as the model's output, before any wire format: the reasoning, the text (cut at
 * the output budget), the tool calls with their ids, the finish, and the usage (estimated, or as
 * the turn overrides it), shared by the Responses and the Chat Completions renderings.
 */
import { type ScriptedTurn, estimateTokens } from "../llm-policy/index.js";

export interface RenderedCall {
  callId: string;
  name: string;
  /** The arguments as the JSON string OpenAI sends. */
  arguments: string;
}

export interface Usage {
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  totalTokens: number;
}

export interface RenderedTurn {
  /** The reasoning the model did (empty for a model that does not reason). */
  reasoning: string;
  text: string;
  calls: RenderedCall[];
  finish: NonNullable<ScriptedTurn["finish"]>;
  usage: Usage;
}

export interface RenderOptions {
  reasoningModel: boolean;
  promptTokens: number;
  cachedTokens: number;
  maxOutputTokens?: number;
  /** A fresh `call_...` id, for tool calls the turn gives no id. */
  newCallId: () => string;
}

export function renderTurn(turn: ScriptedTurn, options: RenderOptions): RenderedTurn {
  const reasoning = options.reasoningModel ? (turn.reasoning ?? "") : "";
  const reasoningTokens = options.reasoningModel ? (turn.usage?.reasoningTokens ?? estimateTokens(reasoning)) : 0;
  let text = turn.text ?? "";
  let calls: RenderedCall[] = (turn.toolCalls ?? []).map((call) => ({ callId: call.id ?? options.newCallId(), name: call.name, arguments: JSON.stringify(call.arguments) }));
  let finish: RenderedTurn["finish"] = turn.finish ?? (calls.length > 0 ? "tool_calls" : "stop");
  // A budget too small for the scripted answer cuts the text and drops the calls, as a model
  // stops mid-answer at max_output_tokens.
  if (options.maxOutputTokens !== undefined && reasoningTokens + estimateTokens(text) > options.maxOutputTokens) {
    text = text.slice(0, Math.max(0, options.maxOutputTokens - reasoningTokens) * 4);
    calls = [];
    finish = "length";
  }
  const visibleTokens = estimateTokens(text) + calls.reduce((sum, call) => sum + estimateTokens(call.name) + estimateTokens(call.arguments), 0);
  const outputTokens = turn.usage?.outputTokens ?? visibleTokens + reasoningTokens;
  const inputTokens = turn.usage?.inputTokens ?? options.promptTokens;
  const cachedTokens = Math.min(inputTokens, turn.usage?.cachedInputTokens ?? options.cachedTokens);
  return {
    reasoning,
    text,
    calls,
    finish,
    usage: { inputTokens, cachedTokens, outputTokens, reasoningTokens: Math.min(reasoningTokens, outputTokens), totalTokens: inputTokens + outputTokens },
  };
}

/** Text in pieces of about `size` characters, cut after a space where there is one: the stream's deltas. */
export function splitText(text: string, size = 24): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const space = rest.lastIndexOf(" ", size);
    const cut = space > 0 ? space + 1 : size;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest !== "") pieces.push(rest);
  return pieces;
}
