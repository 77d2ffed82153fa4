/**
 * Reading a Responses API request (`POST /v1/responses`) into a `Conversation`: `input` as a string
 * or items (messages with input_text/output_text parts, function_call, function_call_output,
 * reasoning, item_reference), `instructions`, function `tools`, `reasoning`, `stream`, `store`,
 * `max_output_tokens`, `previous_response_id`; or OpenAI's 400 naming the bad parameter.
 */
import type { Conversation, ConversationItem } from "./conversation.js";
import { invalidRequest, invalidType, invalidValue, missingParameter, openaiError } from "./errors.js";
import { decryptReasoning } from "./responses-render.js";
import { type Fields, type Parsed, failed, isObject } from "./wire.js";

export interface ResponsesRequest {
  conversation: Conversation;
  /** The items of this request alone (without those of `previous_response_id`), resolved. */
  inputItems: ConversationItem[];
  store: boolean;
  previousResponseId: string | null;
  maxOutputTokens?: number;
  reasoningSummary: string | null;
  /** `include: ["reasoning.encrypted_content"]`: reasoning items carry an opaque copy of the reasoning. */
  includeEncryptedReasoning: boolean;
  /** The tools as the response echoes them. */
  tools: Fields[];
  instructions: string | null;
}

/** What the twin knows of earlier responses: stored output items and whole conversations. */
export interface ResponseStore {
  item(id: string): ConversationItem | undefined;
  conversation(responseId: string): ConversationItem[] | undefined;
}

const ITEM_TYPES = ["message", "function_call", "function_call_output", "reasoning", "item_reference"] as const;
const ROLES = ["user", "assistant", "system", "developer"] as const;
const CONTENT_TYPES = ["input_text", "output_text", "input_image", "input_file", "refusal", "summary_text"] as const;
const EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh"] as const;

function contentText(content: unknown, param: string): Parsed<string> {
  if (typeof content === "string") return { ok: true, value: content };
  if (!Array.isArray(content)) return failed(invalidType(param, "one of a string or array", content));
  const texts: string[] = [];
  for (const [index, part] of content.entries()) {
    const at = `${param}[${index}]`;
    if (!isObject(part)) return failed(invalidType(at, "an object", part));
    const type = part["type"];
    if (typeof type !== "string" || !(CONTENT_TYPES as readonly string[]).includes(type)) return failed(invalidValue(`${at}.type`, type, CONTENT_TYPES));
    if (type === "input_image") texts.push("[image]");
    else if (type === "input_file") texts.push(`[file ${typeof part["filename"] === "string" ? part["filename"] : ""}]`.replace(" ]", "]"));
    else {
      const text = type === "refusal" ? part["refusal"] : part["text"];
      if (typeof text !== "string") return failed(missingParameter(`${at}.${type === "refusal" ? "refusal" : "text"}`));
      texts.push(text);
    }
  }
  return { ok: true, value: texts.join("\n") };
}

function requiredString(item: Fields, name: string, at: string): Parsed<string> {
  const value = item[name];
  if (value === undefined || value === null) return failed(missingParameter(`${at}.${name}`));
  if (typeof value !== "string") return failed(invalidType(`${at}.${name}`, "a string", value));
  return { ok: true, value };
}

function readItem(raw: unknown, at: string, store: ResponseStore): Parsed<ConversationItem> {
  if (!isObject(raw)) return failed(invalidType(at, "an object", raw));
  const type = raw["type"] ?? (raw["role"] !== undefined ? "message" : undefined);
  if (typeof type !== "string" || !(ITEM_TYPES as readonly string[]).includes(type)) return failed(invalidValue(`${at}.type`, type, ITEM_TYPES));
  if (type === "message") {
    const role = raw["role"];
    if (typeof role !== "string" || !(ROLES as readonly string[]).includes(role)) return failed(invalidValue(`${at}.role`, role, ROLES));
    const text = contentText(raw["content"], `${at}.content`);
    return text.ok ? { ok: true, value: { kind: "message", role: role as (typeof ROLES)[number], text: text.value } } : text;
  }
  if (type === "function_call") {
    const callId = requiredString(raw, "call_id", at);
    if (!callId.ok) return callId;
    const name = requiredString(raw, "name", at);
    if (!name.ok) return name;
    const args = requiredString(raw, "arguments", at);
    if (!args.ok) return args;
    return { ok: true, value: { kind: "function_call", callId: callId.value, name: name.value, arguments: args.value } };
  }
  if (type === "function_call_output") {
    const callId = requiredString(raw, "call_id", at);
    if (!callId.ok) return callId;
    if (raw["output"] === undefined) return failed(missingParameter(`${at}.output`));
    const output = contentText(raw["output"], `${at}.output`);
    return output.ok ? { ok: true, value: { kind: "function_call_output", callId: callId.value, output: output.value } } : output;
  }
  if (type === "reasoning") {
    const summary = raw["summary"] ?? [];
    const text = contentText(summary, `${at}.summary`);
    if (!text.ok) return text;
    const id = typeof raw["id"] === "string" ? raw["id"] : undefined;
    const encrypted = raw["encrypted_content"];
    if (encrypted === undefined || encrypted === null) return { ok: true, value: { kind: "reasoning", summary: text.value, ...(id ? { id } : {}) } };
    // The encrypted copy restores the whole chain (not only the summary); the twin can read only its own.
    const reasoning = typeof encrypted === "string" ? decryptReasoning(encrypted) : undefined;
    if (reasoning === undefined) {
      return failed(openaiError(400, `The encrypted content for item ${id ?? at} could not be verified.`, "invalid_request_error", null, "invalid_encrypted_content"));
    }
    return { ok: true, value: { kind: "reasoning", summary: reasoning, ...(id ? { id } : {}) } };
  }
  const id = requiredString(raw, "id", at);
  if (!id.ok) return id;
  const item = store.item(id.value);
  if (!item) {
    return failed(
      openaiError(404, `Item with id '${id.value}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`, "invalid_request_error", "input", null),
    );
  }
  return { ok: true, value: item };
}

function readInput(input: unknown, store: ResponseStore): Parsed<ConversationItem[]> {
  if (typeof input === "string") return { ok: true, value: [{ kind: "message", role: "user", text: input }] };
  if (!Array.isArray(input)) return failed(invalidType("input", "one of a string or array", input));
  const items: ConversationItem[] = [];
  for (const [index, raw] of input.entries()) {
    const item = readItem(raw, `input[${index}]`, store);
    if (!item.ok) return item;
    items.push(item.value);
  }
  return { ok: true, value: items };
}

function readTools(tools: unknown): Parsed<{ name: string; definition: string; echo: Fields }[]> {
  if (tools === undefined || tools === null) return { ok: true, value: [] };
  if (!Array.isArray(tools)) return failed(invalidType("tools", "an array", tools));
  const read: { name: string; definition: string; echo: Fields }[] = [];
  for (const [index, tool] of tools.entries()) {
    const at = `tools[${index}]`;
    if (!isObject(tool)) return failed(invalidType(at, "an object", tool));
    if (tool["type"] !== "function") return failed(invalidValue(`${at}.type`, tool["type"], ["function"]));
    const name = tool["name"];
    if (name === undefined || name === null || name === "") return failed(missingParameter(`${at}.name`));
    if (typeof name !== "string") return failed(invalidType(`${at}.name`, "a string", name));
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) return failed(invalidRequest(`Invalid '${at}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`, `${at}.name`, "invalid_value"));
    const echo: Fields = { type: "function", description: tool["description"] ?? null, name, parameters: tool["parameters"] ?? null, strict: tool["strict"] ?? true };
    read.push({ name, definition: JSON.stringify(tool), echo });
  }
  return { ok: true, value: read };
}

export interface ReasoningSupport {
  reasoning: boolean;
}

/** The request, checked against the model (a non-reasoning model refuses `reasoning`). */
export function parseResponsesRequest(body: Fields, model: { id: string } & ReasoningSupport, store: ResponseStore): Parsed<ResponsesRequest> {
  const instructions = body["instructions"] ?? null;
  if (instructions !== null && typeof instructions !== "string") return failed(invalidType("instructions", "a string", instructions));
  const previousResponseId = body["previous_response_id"] ?? null;
  if (previousResponseId !== null && typeof previousResponseId !== "string") return failed(invalidType("previous_response_id", "a string", previousResponseId));
  if (body["input"] === undefined && previousResponseId === null) return failed(missingParameter("input"));
  const input = body["input"] === undefined ? { ok: true as const, value: [] } : readInput(body["input"], store);
  if (!input.ok) return input;
  let earlier: ConversationItem[] = [];
  if (previousResponseId !== null) {
    const found = store.conversation(previousResponseId);
    if (!found) return failed(openaiError(400, `Previous response with id '${previousResponseId}' not found.`, "invalid_request_error", "previous_response_id", "previous_response_not_found"));
    earlier = found;
  }
  const tools = readTools(body["tools"]);
  if (!tools.ok) return tools;
  const reasoning = body["reasoning"] ?? null;
  let effort: string | undefined;
  let summary: string | null = null;
  if (reasoning !== null) {
    if (!isObject(reasoning)) return failed(invalidType("reasoning", "an object", reasoning));
    if (!model.reasoning && (reasoning["effort"] ?? null) !== null) {
      return failed(invalidRequest(`Unsupported parameter: 'reasoning.effort' is not supported with this model.`, "reasoning.effort", "unsupported_parameter"));
    }
    const rawEffort = reasoning["effort"] ?? null;
    if (rawEffort !== null && (typeof rawEffort !== "string" || !(EFFORTS as readonly string[]).includes(rawEffort))) return failed(invalidValue("reasoning.effort", rawEffort, EFFORTS));
    if (typeof rawEffort === "string") effort = rawEffort;
    const rawSummary = reasoning["summary"] ?? reasoning["generate_summary"] ?? null;
    if (rawSummary !== null && !["auto", "concise", "detailed"].includes(String(rawSummary))) return failed(invalidValue("reasoning.summary", rawSummary, ["auto", "concise", "detailed"]));
    summary = rawSummary === null ? null : String(rawSummary);
  }
  const maxOutputTokens = body["max_output_tokens"] ?? null;
  if (maxOutputTokens !== null && (typeof maxOutputTokens !== "number" || !Number.isInteger(maxOutputTokens) || maxOutputTokens < 16)) {
    return failed(invalidRequest(`Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got ${String(maxOutputTokens)} instead.`, "max_output_tokens", "integer_below_min_value"));
  }
  const stream = body["stream"] ?? false;
  if (typeof stream !== "boolean") return failed(invalidType("stream", "a boolean", stream));
  const storeFlag = body["store"] ?? true;
  if (typeof storeFlag !== "boolean") return failed(invalidType("store", "a boolean", storeFlag));
  const include = body["include"] ?? [];
  if (!Array.isArray(include)) return failed(invalidType("include", "an array", include));
  return {
    ok: true,
    value: {
      conversation: {
        model: model.id,
        instructions: instructions ?? "",
        items: [...earlier, ...input.value],
        tools: tools.value.map(({ name, definition }) => ({ name, definition })),
        ...(effort !== undefined ? { reasoningEffort: effort } : {}),
        stream,
      },
      inputItems: input.value,
      store: storeFlag,
      previousResponseId,
      ...(typeof maxOutputTokens === "number" ? { maxOutputTokens } : {}),
      reasoningSummary: summary,
      includeEncryptedReasoning: include.includes("reasoning.encrypted_content"),
      tools: tools.value.map((tool) => tool.echo),
      instructions,
    },
  };
}
