/**
 * Reading a Chat Completions request (`POST /v1/chat/completions`) into a `Conversation`:
 * `messages` (system, developer, user, assistant with tool_calls, tool), function `tools`,
 * `reasoning_effort`, `stream` with `stream_options.include_usage`, `max_completion_tokens`
 * (or the older `max_tokens`); or OpenAI's 400 naming the bad parameter.
 */
import type { Conversation, ConversationItem } from "./conversation.js";
import { invalidRequest, invalidType, invalidValue, missingParameter } from "./errors.js";
import { type Fields, type Parsed, failed, isObject } from "./wire.js";

export interface ChatRequest {
  conversation: Conversation;
  includeUsage: boolean;
  maxOutputTokens?: number;
}

const ROLES = ["system", "developer", "user", "assistant", "tool"] as const;
const PART_TYPES = ["text", "image_url", "input_audio", "file", "refusal"] as const;
const EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh"] as const;

function contentText(content: unknown, param: string): Parsed<string> {
  if (content === null || content === undefined) return { ok: true, value: "" };
  if (typeof content === "string") return { ok: true, value: content };
  if (!Array.isArray(content)) return failed(invalidType(param, "one of a string or array", content));
  const texts: string[] = [];
  for (const [index, part] of content.entries()) {
    const at = `${param}[${index}]`;
    if (!isObject(part)) return failed(invalidType(at, "an object", part));
    const type = part["type"];
    if (typeof type !== "string" || !(PART_TYPES as readonly string[]).includes(type)) return failed(invalidValue(`${at}.type`, type, PART_TYPES));
    if (type === "text") {
      if (typeof part["text"] !== "string") return failed(missingParameter(`${at}.text`));
      texts.push(part["text"]);
    } else if (type === "refusal") texts.push(String(part["refusal"] ?? ""));
    else texts.push(`[${type}]`);
  }
  return { ok: true, value: texts.join("\n") };
}

function readMessage(raw: unknown, at: string): Parsed<ConversationItem[]> {
  if (!isObject(raw)) return failed(invalidType(at, "an object", raw));
  const role = raw["role"];
  if (role === undefined) return failed(missingParameter(`${at}.role`));
  if (typeof role !== "string" || !(ROLES as readonly string[]).includes(role)) return failed(invalidValue(`${at}.role`, role, ROLES));
  const text = contentText(raw["content"], `${at}.content`);
  if (!text.ok) return text;
  if (role === "tool") {
    const id = raw["tool_call_id"];
    if (typeof id !== "string") return failed(missingParameter(`${at}.tool_call_id`));
    return { ok: true, value: [{ kind: "function_call_output", callId: id, output: text.value }] };
  }
  const items: ConversationItem[] = [];
  if (text.value !== "" || role !== "assistant") items.push({ kind: "message", role: role as "system" | "developer" | "user" | "assistant", text: text.value });
  const calls = raw["tool_calls"];
  if (role === "assistant" && calls !== undefined && calls !== null) {
    if (!Array.isArray(calls)) return failed(invalidType(`${at}.tool_calls`, "an array", calls));
    for (const [index, call] of calls.entries()) {
      const callAt = `${at}.tool_calls[${index}]`;
      if (!isObject(call)) return failed(invalidType(callAt, "an object", call));
      if (typeof call["id"] !== "string") return failed(missingParameter(`${callAt}.id`));
      const fn = call["function"];
      if (!isObject(fn)) return failed(missingParameter(`${callAt}.function`));
      if (typeof fn["name"] !== "string") return failed(missingParameter(`${callAt}.function.name`));
      if (typeof fn["arguments"] !== "string") return failed(missingParameter(`${callAt}.function.arguments`));
      items.push({ kind: "function_call", callId: call["id"], name: fn["name"], arguments: fn["arguments"] });
    }
  }
  return { ok: true, value: items };
}

function readTools(tools: unknown): Parsed<{ name: string; definition: string }[]> {
  if (tools === undefined || tools === null) return { ok: true, value: [] };
  if (!Array.isArray(tools)) return failed(invalidType("tools", "an array", tools));
  const read: { name: string; definition: string }[] = [];
  for (const [index, tool] of tools.entries()) {
    const at = `tools[${index}]`;
    if (!isObject(tool)) return failed(invalidType(at, "an object", tool));
    if (tool["type"] !== "function") return failed(invalidValue(`${at}.type`, tool["type"], ["function"]));
    const fn = tool["function"];
    if (!isObject(fn)) return failed(missingParameter(`${at}.function`));
    const name = fn["name"];
    if (name === undefined || name === null || name === "") return failed(missingParameter(`${at}.function.name`));
    if (typeof name !== "string") return failed(invalidType(`${at}.function.name`, "a string", name));
    read.push({ name, definition: JSON.stringify(tool) });
  }
  return { ok: true, value: read };
}

export function parseChatRequest(body: Fields, model: { id: string; reasoning: boolean }): Parsed<ChatRequest> {
  const messages = body["messages"];
  if (messages === undefined || messages === null) return failed(missingParameter("messages"));
  if (!Array.isArray(messages)) return failed(invalidType("messages", "an array", messages));
  if (messages.length === 0) return failed(invalidRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "messages", "empty_array"));
  const items: ConversationItem[] = [];
  for (const [index, message] of messages.entries()) {
    const read = readMessage(message, `messages[${index}]`);
    if (!read.ok) return read;
    items.push(...read.value);
  }
  const tools = readTools(body["tools"]);
  if (!tools.ok) return tools;
  const effort = body["reasoning_effort"] ?? null;
  if (effort !== null) {
    if (!model.reasoning) return failed(invalidRequest("Unrecognized request argument supplied: reasoning_effort", "reasoning_effort", "unsupported_parameter"));
    if (typeof effort !== "string" || !(EFFORTS as readonly string[]).includes(effort)) return failed(invalidValue("reasoning_effort", effort, EFFORTS));
  }
  const stream = body["stream"] ?? false;
  if (typeof stream !== "boolean") return failed(invalidType("stream", "a boolean", stream));
  const options = body["stream_options"] ?? null;
  if (options !== null && !stream) return failed(invalidRequest("The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options", null));
  const includeUsage = isObject(options) && options["include_usage"] === true;
  const maxTokens = body["max_completion_tokens"] ?? body["max_tokens"] ?? null;
  if (maxTokens !== null && (typeof maxTokens !== "number" || !Number.isInteger(maxTokens) || maxTokens < 1)) {
    return failed(invalidRequest(`Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 1, but got ${String(maxTokens)} instead.`, "max_completion_tokens", "integer_below_min_value"));
  }
  return {
    ok: true,
    value: {
      conversation: { model: model.id, instructions: "", items, tools: tools.value, ...(typeof effort === "string" ? { reasoningEffort: effort } : {}), stream },
      includeUsage,
      ...(typeof maxTokens === "number" ? { maxOutputTokens: maxTokens } : {}),
    },
  };
}
