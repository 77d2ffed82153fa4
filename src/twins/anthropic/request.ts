/**
 * The Messages API request (`POST /v1/messages`, `/v1/messages/count_tokens`), read and checked
 * as Anthropic checks it: the same rules and the same 400/404 messages (`max_tokens: Field
 * required`, roles that must alternate, a `tool_result` without its `tool_use`, ...). Content given
 * as a string becomes one text block, so everything downstream sees blocks only.
 */
import { type AnthropicModel, findModel } from "./models.js";

export interface CacheControl {
  type: "ephemeral";
  ttl?: "5m" | "1h";
}

export type ContentBlock = Record<string, unknown> & { type: string; cache_control?: CacheControl };

export interface WireMessage {
  role: "user" | "assistant";
  content: ContentBlock[];
}

export interface WireTool extends Record<string, unknown> {
  name: string;
  cache_control?: CacheControl;
}

export interface ToolChoice {
  type: "auto" | "any" | "tool" | "none";
  name?: string;
}

export interface MessagesRequest {
  model: AnthropicModel;
  /** The model as the client named it (an alias or an id), echoed in the answer. */
  modelName: string;
  maxTokens: number;
  system: ContentBlock[];
  messages: WireMessage[];
  tools: WireTool[];
  toolChoice?: ToolChoice;
  stopSequences: string[];
  stream: boolean;
  /** Set when extended thinking is enabled; `budgetTokens` absent for adaptive thinking. */
  thinking?: { budgetTokens?: number };
}

export type ParsedRequest = { ok: true; request: MessagesRequest } | { ok: false; status: 400 | 404; message: string };

/** At most this many blocks may carry `cache_control` in one request. */
export const MAX_CACHE_BREAKPOINTS = 4;
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const BLOCK_TYPES = ["text", "image", "document", "tool_use", "tool_result", "thinking", "redacted_thinking", "search_result"];

/** Thrown only inside this module and turned into a `ParsedRequest` failure. */
class Invalid {
  constructor(
    readonly message: string,
    readonly status: 400 | 404 = 400,
  ) {}
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : typeof value;
}

function checkCacheControl(value: unknown, at: string): void {
  if (value === undefined || value === null) return;
  if (!isRecord(value) || value["type"] !== "ephemeral") throw new Invalid(`${at}.cache_control.type: Input should be 'ephemeral'`);
  const ttl = value["ttl"];
  if (ttl !== undefined && ttl !== "5m" && ttl !== "1h") throw new Invalid(`${at}.cache_control.ttl: Input should be '5m' or '1h'`);
}

function readBlock(value: unknown, at: string, role: "user" | "assistant" | "system"): ContentBlock {
  if (!isRecord(value) || typeof value["type"] !== "string") throw new Invalid(`${at}: Input should be a valid dictionary or object to extract fields from`);
  const type = value["type"];
  if (role === "system" && type !== "text") throw new Invalid(`${at}.type: Input should be 'text'`);
  if (!BLOCK_TYPES.includes(type)) throw new Invalid(`${at}.type: Input tag '${type}' found using 'type' does not match any of the expected tags: ${BLOCK_TYPES.map((name) => `'${name}'`).join(", ")}`);
  checkCacheControl(value["cache_control"], at);
  if (type === "text") {
    if (typeof value["text"] !== "string") throw new Invalid(`${at}.text: Field required`);
    if (value["text"] === "") throw new Invalid(`${role === "system" ? "system" : "messages"}: text content blocks must be non-empty`);
  }
  if (type === "image" && !isRecord(value["source"])) throw new Invalid(`${at}.source: Field required`);
  if (type === "tool_use") {
    if (role !== "assistant") throw new Invalid(`${at}: tool_use blocks are only allowed in assistant messages`);
    if (typeof value["id"] !== "string" || typeof value["name"] !== "string") throw new Invalid(`${at}: tool_use blocks need an id and a name`);
    if (!isRecord(value["input"])) throw new Invalid(`${at}.input: Input should be a valid dictionary`);
  }
  if (type === "tool_result") {
    if (role !== "user") throw new Invalid(`${at}: tool_result blocks are only allowed in user messages`);
    if (typeof value["tool_use_id"] !== "string") throw new Invalid(`${at}.tool_use_id: Field required`);
  }
  if (type === "thinking" && (typeof value["thinking"] !== "string" || typeof value["signature"] !== "string")) throw new Invalid(`${at}.signature: Field required`);
  return value as ContentBlock;
}

function readContent(value: unknown, at: string, role: "user" | "assistant"): ContentBlock[] {
  if (typeof value === "string") {
    if (value === "") throw new Invalid("messages: text content blocks must be non-empty");
    return [{ type: "text", text: value }];
  }
  if (!Array.isArray(value)) throw new Invalid(`${at}: Input should be a valid list or string, got ${describe(value)}`);
  return value.map((block, index) => readBlock(block, `${at}.${index}`, role));
}

function readMessages(value: unknown): WireMessage[] {
  if (value === undefined) throw new Invalid("messages: Field required");
  if (!Array.isArray(value)) throw new Invalid("messages: Input should be a valid list");
  if (value.length === 0) throw new Invalid("messages: at least one message is required");
  const messages = value.map((item, index): WireMessage => {
    if (!isRecord(item)) throw new Invalid(`messages.${index}: Input should be a valid dictionary`);
    const role = item["role"];
    if (role !== "user" && role !== "assistant") throw new Invalid(`messages.${index}.role: Input should be 'user' or 'assistant'`);
    if (item["content"] === undefined) throw new Invalid(`messages.${index}.content: Field required`);
    return { role, content: readContent(item["content"], `messages.${index}.content`, role) };
  });
  if (messages[0]!.role !== "user") throw new Invalid('messages: first message must use the "user" role');
  for (let index = 1; index < messages.length; index += 1) {
    const role = messages[index]!.role;
    if (role === messages[index - 1]!.role) throw new Invalid(`messages: roles must alternate between "user" and "assistant", but found multiple "${role}" roles in a row`);
  }
  checkToolPairs(messages);
  return messages;
}

/** Every tool_use is answered by a tool_result in the next message, and every tool_result answers one. */
function checkToolPairs(messages: WireMessage[]): void {
  messages.forEach((message, index) => {
    const previous = messages[index - 1];
    const offered = new Set(previous?.role === "assistant" ? previous.content.filter((block) => block.type === "tool_use").map((block) => block["id"] as string) : []);
    message.content.forEach((block, position) => {
      if (block.type === "tool_result" && !offered.has(block["tool_use_id"] as string)) {
        throw new Invalid(
          `messages.${index}.content.${position}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block["tool_use_id"])}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        );
      }
    });
    const next = messages[index + 1];
    if (message.role !== "assistant" || !next) return;
    const answered = new Set(next.content.filter((block) => block.type === "tool_result").map((block) => block["tool_use_id"] as string));
    const missing = message.content.filter((block) => block.type === "tool_use" && !answered.has(block["id"] as string)).map((block) => block["id"] as string);
    if (missing.length > 0) {
      throw new Invalid(`messages.${index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`);
    }
  });
}

function readSystem(value: unknown): ContentBlock[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return value === "" ? [] : [{ type: "text", text: value }];
  if (!Array.isArray(value)) throw new Invalid(`system: Input should be a valid list or string, got ${describe(value)}`);
  return value.map((block, index) => readBlock(block, `system.${index}`, "system"));
}

function readTools(value: unknown): WireTool[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Invalid("tools: Input should be a valid list");
  const names = new Set<string>();
  return value.map((tool, index): WireTool => {
    if (!isRecord(tool)) throw new Invalid(`tools.${index}: Input should be a valid dictionary`);
    const name = tool["name"];
    if (typeof name !== "string") throw new Invalid(`tools.${index}.name: Field required`);
    if (!TOOL_NAME.test(name)) throw new Invalid(`tools.${index}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
    // Server tools (web search, code execution...) have a `type` and no input schema.
    const isServerTool = typeof tool["type"] === "string" && tool["type"] !== "custom";
    if (!isServerTool && !isRecord(tool["input_schema"])) throw new Invalid(`tools.${index}.custom.input_schema: Field required`);
    if (names.has(name)) throw new Invalid("tools: Tool names must be unique.");
    names.add(name);
    checkCacheControl(tool["cache_control"], `tools.${index}`);
    return tool as WireTool;
  });
}

function readToolChoice(value: unknown, tools: WireTool[]): ToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value) || !["auto", "any", "tool", "none"].includes(value["type"] as string)) throw new Invalid("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
  const choice = value as unknown as ToolChoice;
  if (choice.type === "tool") {
    if (typeof choice.name !== "string") throw new Invalid("tool_choice.tool.name: Field required");
    if (!tools.some((tool) => tool.name === choice.name)) throw new Invalid(`Tool '${choice.name}' not found in provided tools`);
  }
  if ((choice.type === "any" || choice.type === "tool") && tools.length === 0) throw new Invalid("tool_choice may only be specified while providing tools.");
  return choice;
}

function readThinking(value: unknown, maxTokens: number | undefined): MessagesRequest["thinking"] {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new Invalid("thinking: Input should be a valid dictionary");
  if (value["type"] === "disabled") return undefined;
  if (value["type"] === "adaptive") return {};
  if (value["type"] !== "enabled") throw new Invalid("thinking.type: Input should be 'enabled', 'disabled' or 'adaptive'");
  const budget = value["budget_tokens"];
  if (budget === undefined) throw new Invalid("thinking.enabled.budget_tokens: Field required");
  if (!Number.isInteger(budget)) throw new Invalid("thinking.enabled.budget_tokens: Input should be a valid integer");
  if ((budget as number) < 1024) throw new Invalid("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
  if (maxTokens !== undefined && (budget as number) >= maxTokens) throw new Invalid("`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size");
  return { budgetTokens: budget as number };
}

function readMaxTokens(value: unknown, model: AnthropicModel, required: boolean): number | undefined {
  if (value === undefined) {
    if (required) throw new Invalid("max_tokens: Field required");
    return undefined;
  }
  if (!Number.isInteger(value)) throw new Invalid("max_tokens: Input should be a valid integer");
  if ((value as number) < 1) throw new Invalid("max_tokens: Input should be greater than or equal to 1");
  if ((value as number) > model.maxOutputTokens) throw new Invalid(`max_tokens: ${String(value)} > ${model.maxOutputTokens}, which is the maximum allowed number of output tokens for ${model.id}`);
  return value as number;
}

function readStopSequences(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) throw new Invalid("stop_sequences: Input should be a valid list of strings");
  if (value.some((item) => (item as string).trim() === "")) throw new Invalid("stop_sequences: each stop sequence must contain non-whitespace");
  return value as string[];
}

function countBreakpoints(request: MessagesRequest): number {
  const blocks = [...request.tools, ...request.system, ...request.messages.flatMap((message) => message.content)];
  return blocks.filter((block) => block.cache_control !== undefined && block.cache_control !== null).length;
}

/**
 * Reads a Messages request. `forCounting` is `count_tokens`, which takes no `max_tokens` or `stream`.
 * Fails with Anthropic's own status and message, first problem first as Anthropic reports them.
 */
export function parseMessagesRequest(body: unknown, forCounting = false, options: { samplingRemoved?: boolean } = {}): ParsedRequest {
  try {
    if (!isRecord(body)) throw new Invalid(body === undefined ? "There was an error parsing the body of your request: expected a JSON object" : `Input should be a valid dictionary, got ${describe(body)}`);
    const modelName = body["model"];
    if (modelName === undefined) throw new Invalid("model: Field required");
    if (typeof modelName !== "string") throw new Invalid("model: Input should be a valid string");
    const model = findModel(modelName);
    const maxTokensValue = body["max_tokens"];
    if (!forCounting && maxTokensValue === undefined) throw new Invalid("max_tokens: Field required");
    const messages = readMessages(body["messages"]);
    if (!model) throw new Invalid(`model: ${modelName}`, 404);
    const maxTokens = forCounting ? undefined : readMaxTokens(maxTokensValue, model, true);
    if (options.samplingRemoved) {
      const removed = ["temperature", "top_p", "top_k"].find((name) => body[name] !== undefined);
      if (removed) throw new Invalid(`${removed}: Extra inputs are not permitted`);
    }
    const temperature = body["temperature"];
    if (temperature !== undefined && !(typeof temperature === "number" && temperature >= 0 && temperature <= 1)) throw new Invalid("temperature: Input should be a number between 0 and 1");
    const tools = readTools(body["tools"]);
    const request: MessagesRequest = {
      model,
      modelName,
      maxTokens: maxTokens ?? model.maxOutputTokens,
      system: readSystem(body["system"]),
      messages,
      tools,
      toolChoice: readToolChoice(body["tool_choice"], tools),
      stopSequences: readStopSequences(body["stop_sequences"]),
      stream: !forCounting && body["stream"] === true,
      thinking: readThinking(body["thinking"], maxTokens),
    };
    if (request.thinking && (request.toolChoice?.type === "any" || request.toolChoice?.type === "tool")) throw new Invalid("Thinking may not be enabled when tool_choice forces tool use.");
    const breakpoints = countBreakpoints(request);
    if (breakpoints > MAX_CACHE_BREAKPOINTS) throw new Invalid(`A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}.`);
    return { ok: true, request };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, status: error.status, message: error.message };
    throw error;
  }
}
