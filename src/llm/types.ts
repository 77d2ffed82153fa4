/**
 * The data model of the LLM layer (unified-llm-spec sections 3 and 5.1-5.4) in TypeScript:
 * messages made of tagged content parts, requests, responses, stream events and the client
 * interface. Provider adapters translate to and from these types; nothing here knows a wire format.
 */

/** Who produced a message (spec 3.2). */
export type Role = "system" | "user" | "assistant" | "tool" | "developer";

/** Plain text. */
export interface TextPart {
  kind: "text";
  text: string;
}

/** An image as a URL or raw bytes (spec 3.5 ImageData). Exactly one of url or data. */
export interface ImagePart {
  kind: "image";
  url?: string;
  data?: Uint8Array;
  /** Defaults to image/png when data is given without one. */
  mediaType?: string;
  detail?: "auto" | "low" | "high";
}

/**
 * Audio input (spec 3.5 AudioData): a URL (or local path: /, ./, ~/) or the bytes (raw or base64).
 * Exactly one of url or data. Providers that cannot take audio refuse the request before sending.
 */
export interface AudioPart {
  kind: "audio";
  url?: string;
  /** Raw bytes, or a base64 string. */
  data?: Uint8Array | string;
  /** e.g. audio/wav, audio/mpeg; inferred from the url's extension when omitted. */
  mediaType?: string;
}

/**
 * A document such as a PDF (spec 3.5 DocumentData): a URL (or local path) or the bytes (raw or
 * base64). Exactly one of url or data. Which media types a provider takes: docs/llm.md.
 */
export interface DocumentPart {
  kind: "document";
  url?: string;
  /** Raw bytes, or a base64 string. */
  data?: Uint8Array | string;
  /** Inferred from the url's or file name's extension when omitted, else application/pdf. */
  mediaType?: string;
  /** Optional display name (Anthropic's document title, OpenAI's file name). */
  fileName?: string;
}

/** A model-initiated tool invocation (spec 5.4 ToolCall). */
export interface ToolCall {
  /** Provider-assigned; synthesized when the provider has none (Gemini). */
  id: string;
  name: string;
  /** Parsed JSON arguments ({} when the raw string did not parse: see rawArguments). */
  arguments: Record<string, unknown>;
  /** The argument string exactly as the model produced it, when known. */
  rawArguments?: string;
}

/** Opaque provider data to round-trip with the same provider (e.g. Gemini's thoughtSignature), keyed by provider. */
export type ProviderData = Record<string, Record<string, unknown>>;

export interface ToolCallPart extends ToolCall {
  kind: "tool_call";
  providerData?: ProviderData;
}

/** The result of executing a tool call (spec 5.4 ToolResult). */
export interface ToolResultPart {
  kind: "tool_result";
  toolCallId: string;
  content: string;
  isError: boolean;
}

/** Model reasoning. The signature (Anthropic) must round-trip verbatim with the same provider. */
export interface ThinkingPart {
  kind: "thinking";
  text: string;
  signature?: string;
  providerData?: ProviderData;
}

/** Redacted reasoning (Anthropic): opaque data passed back verbatim. */
export interface RedactedThinkingPart {
  kind: "redacted_thinking";
  data: string;
}

/** Spec 3.3: the `kind` field tells which one. */
export type ContentPart = TextPart | ImagePart | AudioPart | DocumentPart | ToolCallPart | ToolResultPart | ThinkingPart | RedactedThinkingPart;

export type ContentKind = ContentPart["kind"];

/** One message of a conversation (spec 3.1). */
export interface Message {
  role: Role;
  content: ContentPart[];
  /** For tool messages and developer attribution. */
  name?: string;
  /** Links a tool-result message to its tool call. */
  toolCallId?: string;
}

export function systemMessage(text: string): Message {
  return { role: "system", content: [{ kind: "text", text }] };
}

export function developerMessage(text: string): Message {
  return { role: "developer", content: [{ kind: "text", text }] };
}

export function userMessage(text: string): Message {
  return { role: "user", content: [{ kind: "text", text }] };
}

/** An assistant message from text, or from parts (text, tool calls, thinking) to replay history. */
export function assistantMessage(content: string | ContentPart[]): Message {
  return { role: "assistant", content: typeof content === "string" ? [{ kind: "text", text: content }] : content };
}

export function toolResultMessage(toolCallId: string, content: string, isError = false): Message {
  return { role: "tool", toolCallId, content: [{ kind: "tool_result", toolCallId, content, isError }] };
}

/** The spec's `Message.system(...)` style constructors, for readers coming from the spec. */
export const Message = {
  system: systemMessage,
  developer: developerMessage,
  user: userMessage,
  assistant: assistantMessage,
  toolResult: toolResultMessage,
} as const;

/** The concatenated text parts of a message ("" when none). */
export function messageText(message: Message): string {
  return message.content.map((part) => (part.kind === "text" ? part.text : "")).join("");
}

/** A tool the model may call (spec 5.1). Passive: the caller executes tools, never the client. */
export interface ToolDefinition {
  /** [a-zA-Z][a-zA-Z0-9_]*, at most 64 characters. */
  name: string;
  description: string;
  /** JSON Schema with "type": "object" at the root. */
  parameters: Record<string, unknown>;
}

/** Spec 5.3. */
export type ToolChoice = { mode: "auto" } | { mode: "none" } | { mode: "required" } | { mode: "named"; toolName: string };

/** Spec 3.10. */
export type ResponseFormat =
  | { type: "text" }
  | { type: "json" }
  | { type: "json_schema"; jsonSchema: Record<string, unknown>; name?: string; strict?: boolean };

export type ReasoningEffort = "low" | "medium" | "high";

/** The single input of complete() and stream() (spec 3.6). */
export interface Request {
  /** "provider:model" (e.g. "anthropic:claude-sonnet-4-5"), or a bare model id with `provider` set. */
  model: string;
  messages: Message[];
  provider?: string;
  tools?: ToolDefinition[];
  /** Defaults to auto when tools are present. */
  toolChoice?: ToolChoice;
  responseFormat?: ResponseFormat;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stopSequences?: string[];
  /** Omitted means the provider's default. */
  reasoningEffort?: ReasoningEffort;
  /** Escape hatch, keyed by provider name ("openai", "anthropic", "google", ...); not portable. */
  providerOptions?: Record<string, Record<string, unknown>>;
  metadata?: Record<string, string>;
}

/** Spec 3.8: a portable reason and the provider's own string. */
export interface FinishReason {
  reason: "stop" | "length" | "tool_calls" | "content_filter" | "error" | "other";
  raw?: string;
}

/** Spec 3.9. Reasoning tokens are part of outputTokens; cache reads are part of inputTokens. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  reasoningTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

/** Spec 3.11. */
export interface Warning {
  message: string;
  code?: string;
}

/** Spec 3.12: informational, from response headers. */
export interface RateLimitInfo {
  requestsRemaining?: number;
  requestsLimit?: number;
  tokensRemaining?: number;
  tokensLimit?: number;
  resetAt?: Date;
}

/** Spec 3.7. */
export interface Response {
  id: string;
  /** The model that answered, as the provider named it. */
  model: string;
  provider: string;
  message: Message;
  finishReason: FinishReason;
  usage: Usage;
  raw?: unknown;
  warnings?: Warning[];
  rateLimit?: RateLimitInfo;
}

/** The concatenated text of a response. */
export function responseText(response: Response): string {
  return messageText(response.message);
}

/** The tool calls of a response, in order. */
export function responseToolCalls(response: Response): ToolCall[] {
  return response.message.content.flatMap((part) =>
    part.kind === "tool_call" ? [{ id: part.id, name: part.name, arguments: part.arguments, ...(part.rawArguments !== undefined ? { rawArguments: part.rawArguments } : {}) }] : [],
  );
}

/** The concatenated reasoning text, or undefined when the response has none. */
export function responseReasoning(response: Response): string | undefined {
  const thinking = response.message.content.filter((part): part is ThinkingPart => part.kind === "thinking");
  return thinking.length === 0 ? undefined : thinking.map((part) => part.text).join("");
}

/**
 * Spec 3.13: start/delta/end per text segment, reasoning segment and tool call, then finish.
 * The spec's ERROR event is not an event here: a failure is thrown by the iterator, so a
 * `for await` loop handles it like any other error.
 */
export type StreamEvent =
  | { type: "stream-start"; warnings?: Warning[] }
  | { type: "text-start"; textId: string }
  | { type: "text-delta"; textId: string; delta: string }
  | { type: "text-end"; textId: string }
  | { type: "reasoning-start"; reasoningId: string }
  | { type: "reasoning-delta"; reasoningId: string; delta: string }
  | { type: "reasoning-end"; reasoningId: string }
  | { type: "tool-call-start"; toolCallId: string; toolName: string }
  | { type: "tool-call-delta"; toolCallId: string; argumentsDelta: string }
  /** The call is complete and ready to execute. */
  | { type: "tool-call-end"; toolCall: ToolCall }
  /** Always the last event of a successful stream, with the accumulated response. */
  | { type: "finish"; finishReason: FinishReason; usage: Usage; response: Response }
  | { type: "provider-event"; raw: unknown };

export type StreamEventType = StreamEvent["type"];

export interface CallOptions {
  /** Aborting cancels the in-flight HTTP request. */
  signal?: AbortSignal;
}

/** The low-level client (spec 4.1, 4.2). */
export interface LlmClient {
  /** One model call; throws an LlmError on provider failure. */
  complete(request: Request, options?: CallOptions): Promise<Response>;
  /** One streamed model call; ends with a finish event. Failures (LlmError) are thrown by the iterator. */
  stream(request: Request, options?: CallOptions): AsyncIterable<StreamEvent>;
}
