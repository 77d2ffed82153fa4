/**
 * A rendered turn as the Responses API answers it: the `response` object (output items: reasoning,
 * message with output_text, function_call; usage with cached and reasoning tokens) and the
 * server-sent events of a stream, in the order and shapes OpenAI emits them.
 */
import type { ConversationItem } from "./conversation.js";
import { type RenderedTurn, type Usage, splitText } from "./render-turn.js";

type Fields = Record<string, unknown>;

/** The fixed parts of the response object: ids, time, model and what the request set. */
export interface ResponseMeta {
  id: string;
  createdAt: number;
  model: string;
  instructions: string | null;
  tools: Fields[];
  previousResponseId: string | null;
  store: boolean;
  maxOutputTokens: number | null;
  reasoning: { effort: string | null; summary: string | null };
  /** Whether the reasoning item carries its summary (the request asked for one). */
  showSummary: boolean;
  /** Whether reasoning items carry `encrypted_content` (the request included it). */
  encryptedReasoning: boolean;
  itemIds: { reasoning: string; message: string; calls: string[] };
}

export function usageObject(usage: Usage): Fields {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: usage.totalTokens,
  };
}

const ENCRYPTED_PREFIX = "gAAAAA";
const ENCRYPTED_MARK = "twin-reasoning:";

/** An opaque, deterministic stand-in for OpenAI's encrypted reasoning (Fernet tokens start with gAAAAA). */
export function encryptedReasoning(reasoning: string): string {
  return `${ENCRYPTED_PREFIX}${Buffer.from(`${ENCRYPTED_MARK}${reasoning}`, "utf8").toString("base64")}`;
}

/** The reasoning inside an `encryptedReasoning` token; undefined for anything the twin did not issue. */
export function decryptReasoning(token: string): string | undefined {
  if (!token.startsWith(ENCRYPTED_PREFIX)) return undefined;
  const body = token.slice(ENCRYPTED_PREFIX.length);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return undefined;
  const text = Buffer.from(body, "base64").toString("utf8");
  return text.startsWith(ENCRYPTED_MARK) ? text.slice(ENCRYPTED_MARK.length) : undefined;
}

const messageContent = (text: string): Fields => ({ type: "output_text", annotations: [], logprobs: [], text });

/** The output items, in order, with what the twin keeps of each (for item_reference and previous_response_id). */
export function outputItems(turn: RenderedTurn, meta: ResponseMeta): { wire: Fields; kept: ConversationItem }[] {
  const items: { wire: Fields; kept: ConversationItem }[] = [];
  if (turn.reasoning !== "" || turn.usage.reasoningTokens > 0) {
    const summary = meta.showSummary && turn.reasoning !== "" ? [{ type: "summary_text", text: turn.reasoning }] : [];
    const encrypted = meta.encryptedReasoning ? { encrypted_content: encryptedReasoning(turn.reasoning) } : {};
    items.push({ wire: { id: meta.itemIds.reasoning, type: "reasoning", ...encrypted, summary }, kept: { kind: "reasoning", summary: turn.reasoning, id: meta.itemIds.reasoning } });
  }
  if (turn.text !== "" || turn.calls.length === 0) {
    const status = turn.finish === "length" ? "incomplete" : "completed";
    items.push({
      wire: { id: meta.itemIds.message, type: "message", status, content: [messageContent(turn.text)], role: "assistant" },
      kept: { kind: "message", role: "assistant", text: turn.text },
    });
  }
  turn.calls.forEach((call, index) => {
    items.push({
      wire: { id: meta.itemIds.calls[index]!, type: "function_call", status: "completed", arguments: call.arguments, call_id: call.callId, name: call.name },
      kept: { kind: "function_call", callId: call.callId, name: call.name, arguments: call.arguments },
    });
  });
  return items;
}

function incompleteDetails(turn: RenderedTurn): Fields | null {
  if (turn.finish === "length") return { reason: "max_output_tokens" };
  if (turn.finish === "content_filter") return { reason: "content_filter" };
  return null;
}

export function responseObject(meta: ResponseMeta, turn: RenderedTurn | undefined, output: Fields[]): Fields {
  const done = turn !== undefined;
  const incomplete = turn ? incompleteDetails(turn) : null;
  return {
    id: meta.id,
    object: "response",
    created_at: meta.createdAt,
    status: !done ? "in_progress" : incomplete ? "incomplete" : "completed",
    background: false,
    error: null,
    incomplete_details: incomplete,
    instructions: meta.instructions,
    max_output_tokens: meta.maxOutputTokens,
    max_tool_calls: null,
    model: meta.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: meta.previousResponseId,
    prompt_cache_key: null,
    reasoning: meta.reasoning,
    safety_identifier: null,
    service_tier: done ? "default" : "auto",
    store: meta.store,
    temperature: 1,
    text: { format: { type: "text" }, verbosity: "medium" },
    tool_choice: "auto",
    tools: meta.tools,
    top_logprobs: 0,
    top_p: 1,
    truncation: "disabled",
    usage: turn ? usageObject(turn.usage) : null,
    user: null,
    metadata: {},
  };
}

/** The events of a streamed response, without sequence numbers (added when encoded). */
export function streamEvents(meta: ResponseMeta, turn: RenderedTurn): Fields[] {
  const events: Fields[] = [];
  events.push({ type: "response.created", response: responseObject(meta, undefined, []) });
  events.push({ type: "response.in_progress", response: responseObject(meta, undefined, []) });
  const items = outputItems(turn, meta);
  items.forEach(({ wire }, outputIndex) => {
    const id = wire["id"] as string;
    if (wire["type"] === "reasoning") {
      const encrypted = wire["encrypted_content"] === undefined ? {} : { encrypted_content: wire["encrypted_content"] };
      events.push({ type: "response.output_item.added", output_index: outputIndex, item: { id, type: "reasoning", ...encrypted, summary: [] } });
      const summary = wire["summary"] as { text: string }[];
      summary.forEach(({ text }, summaryIndex) => {
        const at = { item_id: id, output_index: outputIndex, summary_index: summaryIndex };
        events.push({ type: "response.reasoning_summary_part.added", ...at, part: { type: "summary_text", text: "" } });
        for (const delta of splitText(text)) events.push({ type: "response.reasoning_summary_text.delta", ...at, delta, obfuscation: "" });
        events.push({ type: "response.reasoning_summary_text.done", ...at, text });
        events.push({ type: "response.reasoning_summary_part.done", ...at, part: { type: "summary_text", text } });
      });
    } else if (wire["type"] === "message") {
      const text = turn.text;
      const at = { item_id: id, output_index: outputIndex, content_index: 0 };
      events.push({ type: "response.output_item.added", output_index: outputIndex, item: { id, type: "message", status: "in_progress", content: [], role: "assistant" } });
      events.push({ type: "response.content_part.added", ...at, part: messageContent("") });
      for (const delta of splitText(text)) events.push({ type: "response.output_text.delta", ...at, delta, logprobs: [], obfuscation: "" });
      events.push({ type: "response.output_text.done", ...at, text, logprobs: [] });
      events.push({ type: "response.content_part.done", ...at, part: messageContent(text) });
    } else {
      const args = wire["arguments"] as string;
      events.push({ type: "response.output_item.added", output_index: outputIndex, item: { ...wire, status: "in_progress", arguments: "" } });
      for (const delta of splitText(args, 16)) events.push({ type: "response.function_call_arguments.delta", item_id: id, output_index: outputIndex, delta, obfuscation: "" });
      events.push({ type: "response.function_call_arguments.done", item_id: id, output_index: outputIndex, arguments: args });
    }
    events.push({ type: "response.output_item.done", output_index: outputIndex, item: wire });
  });
  const final = responseObject(meta, turn, items.map((item) => item.wire));
  events.push({ type: final["status"] === "incomplete" ? "response.incomplete" : "response.completed", response: final });
  return events;
}

/** Server-sent events as OpenAI writes them: `event: <type>` and `data: <json with sequence_number>`. */
export function encodeResponseEvents(events: Fields[]): string {
  return events
    .map((event, sequence) => {
      const { type, ...rest } = event;
      return `event: ${String(type)}\ndata: ${JSON.stringify({ type, sequence_number: sequence, ...rest })}\n\n`;
    })
    .join("");
}
