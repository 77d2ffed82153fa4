/**
 * A rendered message as Anthropic streams it (`stream: true`): server-sent events
 * `message_start` (empty content, input usage, output_tokens 1), then per content block
 * `content_block_start`, its deltas (`thinking_delta`s then one `signature_delta`; `text_delta`s;
 * `input_json_delta`s, the first one empty) and `content_block_stop`, a `ping` after the first
 * block starts, then `message_delta` (stop_reason, stop_sequence, cumulative usage) and
 * `message_stop`. Each event is `event: <type>` and `data: <json>` lines and a blank line.
 */
import { bufferedResponse } from "../kit/index.js";
import type { OutputBlock, RenderedMessage } from "./response.js";

export type StreamEvent = Record<string, unknown> & { type: string };

/** Text in deltas of a few words, as the model streams tokens; deterministic. */
export function textPieces(text: string, wordsPerPiece = 3): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  const pieces: string[] = [];
  for (let index = 0; index < words.length; index += wordsPerPiece) pieces.push(words.slice(index, index + wordsPerPiece).join(""));
  return pieces;
}

/** A JSON text in fragments of at most `size` characters. */
export function jsonPieces(json: string, size = 24): string[] {
  const pieces: string[] = [];
  for (let index = 0; index < json.length; index += size) pieces.push(json.slice(index, index + size));
  return pieces;
}

function blockEvents(block: OutputBlock, index: number): StreamEvent[] {
  const delta = (value: Record<string, unknown>): StreamEvent => ({ type: "content_block_delta", index, delta: value });
  switch (block.type) {
    case "thinking":
      return [
        { type: "content_block_start", index, content_block: { type: "thinking", thinking: "", signature: "" } },
        ...textPieces(block.thinking).map((thinking) => delta({ type: "thinking_delta", thinking })),
        delta({ type: "signature_delta", signature: block.signature }),
      ];
    case "text":
      return [{ type: "content_block_start", index, content_block: { type: "text", text: "" } }, ...textPieces(block.text).map((text) => delta({ type: "text_delta", text }))];
    case "tool_use":
      return [
        { type: "content_block_start", index, content_block: { type: "tool_use", id: block.id, name: block.name, input: {} } },
        delta({ type: "input_json_delta", partial_json: "" }),
        ...jsonPieces(JSON.stringify(block.input)).map((partial_json) => delta({ type: "input_json_delta", partial_json })),
      ];
  }
}

export function streamEvents(message: RenderedMessage): StreamEvent[] {
  const { usage } = message;
  const events: StreamEvent[] = [{ type: "message_start", message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } }];
  message.content.forEach((block, index) => {
    const [start, ...deltas] = blockEvents(block, index);
    events.push(start!);
    if (index === 0) events.push({ type: "ping" });
    events.push(...deltas, { type: "content_block_stop", index });
  });
  if (message.content.length === 0) events.push({ type: "ping" });
  const { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, output_tokens } = usage;
  events.push(
    { type: "message_delta", delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence }, usage: { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, output_tokens } },
    { type: "message_stop" },
  );
  return events;
}

export function encodeEvents(events: StreamEvent[]): string {
  return events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join("");
}

export function sseResponse(events: StreamEvent[], headers: Record<string, string>): Response {
  return bufferedResponse(encodeEvents(events), { status: 200, headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", ...headers } });
}
