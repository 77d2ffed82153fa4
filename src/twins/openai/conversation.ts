/**
 * The conversation as the twin keeps it, the same for the Responses and the Chat Completions
 * APIs: messages, function calls, their outputs and reasoning, in order. Both wire formats are
 * read into it; the policy request and the prompt-cache key are made from it.
 */
import type { PolicyMessage, PolicyRequest } from "../llm-policy/index.js";

export type ConversationItem =
  | { kind: "message"; role: "user" | "assistant" | "system" | "developer"; text: string }
  | { kind: "function_call"; callId: string; name: string; arguments: string }
  | { kind: "function_call_output"; callId: string; output: string }
  /** `summary`: the whole reasoning when the twin issued it (stored, or its encrypted copy), else the summary sent. */
  | { kind: "reasoning"; summary: string; id?: string };

export interface Conversation {
  model: string;
  /** `instructions` (Responses) or nothing (Chat Completions, whose system messages are items). */
  instructions: string;
  items: ConversationItem[];
  /** Function tools offered: name and the JSON of the whole definition (counted in the prompt). */
  tools: { name: string; definition: string }[];
  reasoningEffort?: string;
  stream: boolean;
}

function parsedArguments(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The request as the scripted policy sees it; `index` is the count of earlier model requests. */
export function toPolicyRequest(conversation: Conversation, index: number): PolicyRequest {
  const system: string[] = conversation.instructions === "" ? [] : [conversation.instructions];
  const messages: PolicyMessage[] = [];
  const priorReasoning: string[] = [];
  for (const item of conversation.items) {
    if (item.kind === "reasoning" && item.summary !== "") priorReasoning.push(item.summary);
    if (item.kind === "message") {
      if (item.role === "system" || item.role === "developer") system.push(item.text);
      else messages.push({ role: item.role, text: item.text });
    } else if (item.kind === "function_call") {
      messages.push({ role: "tool-call", id: item.callId, name: item.name, arguments: parsedArguments(item.arguments) });
    } else if (item.kind === "function_call_output") {
      messages.push({ role: "tool-result", id: item.callId, output: item.output });
    }
  }
  return {
    provider: "openai",
    model: conversation.model,
    system: system.join("\n\n"),
    messages,
    tools: conversation.tools.map((tool) => tool.name),
    stream: conversation.stream,
    ...(priorReasoning.length > 0 ? { priorReasoning } : {}),
    ...(conversation.reasoningEffort !== undefined ? { reasoning: conversation.reasoningEffort } : {}),
    index,
  };
}

/**
 * The prompt as one text, in the order the model reads it (instructions, tools, then the items):
 * its length gives the input tokens, and its common prefix with earlier prompts the cached ones.
 */
export function serializePrompt(conversation: Conversation): string {
  const lines: string[] = [];
  if (conversation.instructions !== "") lines.push(`instructions: ${conversation.instructions}`);
  for (const tool of conversation.tools) lines.push(`tool: ${tool.definition}`);
  for (const item of conversation.items) {
    if (item.kind === "message") lines.push(`${item.role}: ${item.text}`);
    else if (item.kind === "function_call") lines.push(`function_call ${item.callId} ${item.name}: ${item.arguments}`);
    else if (item.kind === "function_call_output") lines.push(`function_call_output ${item.callId}: ${item.output}`);
    else lines.push(`reasoning: ${item.summary}`);
  }
  return lines.join("\n");
}
