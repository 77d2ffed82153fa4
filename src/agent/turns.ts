/**
 * The session history (coding-agent-loop-spec 2.4): one entry per turn, and its conversion to
 * the LLM layer's messages. Steering and system turns become user messages, so the model reads
 * them as further instructions (2.6); assistant turns keep the response's parts so reasoning
 * signatures round-trip verbatim to the same provider.
 */
import type { ContentPart, Message, ToolCall, Usage } from "../llm/types.js";
import { toolResultMessage, userMessage } from "../llm/types.js";

export interface UserTurn {
  readonly kind: "user";
  readonly content: string;
  readonly timestamp: number;
}

export interface AssistantTurn {
  readonly kind: "assistant";
  readonly content: string;
  readonly toolCalls: readonly ToolCall[];
  readonly reasoning: string | undefined;
  readonly usage: Usage;
  readonly responseId: string | undefined;
  /** The response message's parts as received (thinking signatures included). */
  readonly parts: readonly ContentPart[];
  readonly timestamp: number;
}

export interface ToolResult {
  readonly toolCallId: string;
  readonly toolName: string;
  /** What the model sees: truncated per spec 5.3. */
  readonly content: string;
  readonly isError: boolean;
}

export interface ToolResultsTurn {
  readonly kind: "tool-results";
  readonly results: readonly ToolResult[];
  readonly timestamp: number;
}

export interface SystemTurn {
  readonly kind: "system";
  readonly content: string;
  readonly timestamp: number;
}

export interface SteeringTurn {
  readonly kind: "steering";
  readonly content: string;
  readonly timestamp: number;
}

export type Turn = UserTurn | AssistantTurn | ToolResultsTurn | SystemTurn | SteeringTurn;

/** The conversation as the LLM layer's messages (the system prompt is added by the loop). */
export function historyToMessages(history: readonly Turn[]): Message[] {
  const messages: Message[] = [];
  for (const turn of history) {
    switch (turn.kind) {
      case "user":
        messages.push(userMessage(turn.content));
        break;
      case "steering":
        messages.push(userMessage(turn.content));
        break;
      case "system":
        messages.push(userMessage(`[System notice] ${turn.content}`));
        break;
      case "assistant":
        messages.push({ role: "assistant", content: assistantParts(turn) });
        break;
      case "tool-results":
        messages.push(toolResultsMessage(turn.results));
        break;
    }
  }
  return messages;
}

/**
 * One tool message for the whole round: Gemini requires as many function responses in one turn
 * as the model made function calls, and the other providers accept the grouped form too.
 */
function toolResultsMessage(results: readonly ToolResult[]): Message {
  if (results.length === 1 && results[0]) return toolResultMessage(results[0].toolCallId, results[0].content, results[0].isError);
  return {
    role: "tool",
    content: results.map((result) => ({ kind: "tool_result" as const, toolCallId: result.toolCallId, content: result.content, isError: result.isError })),
  };
}

function assistantParts(turn: AssistantTurn): ContentPart[] {
  if (turn.parts.length > 0) return [...turn.parts];
  const parts: ContentPart[] = [];
  if (turn.content !== "") parts.push({ kind: "text", text: turn.content });
  for (const call of turn.toolCalls) parts.push({ kind: "tool_call", ...call });
  return parts;
}

/** The number of characters the history holds, for the 4-characters-a-token estimate (5.5). */
export function historyCharacterCount(history: readonly Turn[]): number {
  let total = 0;
  for (const turn of history) {
    if (turn.kind === "assistant") {
      total += turn.content.length + (turn.reasoning?.length ?? 0);
      for (const call of turn.toolCalls) total += call.name.length + JSON.stringify(call.arguments).length;
    } else if (turn.kind === "tool-results") {
      for (const result of turn.results) total += result.content.length;
    } else {
      total += turn.content.length;
    }
  }
  return total;
}

/** The tool calls of the history, oldest first. */
export function historyToolCalls(history: readonly Turn[]): ToolCall[] {
  return history.flatMap((turn) => (turn.kind === "assistant" ? [...turn.toolCalls] : []));
}
