import { describe, expect, it } from "vitest";
import { encodeEvents, jsonPieces, streamEvents, textPieces } from "./stream.js";
import type { RenderedMessage } from "./response.js";

const usage = { input_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 5, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 }, output_tokens: 20, service_tier: "standard" as const };
const message: RenderedMessage = {
  id: "msg_01x",
  type: "message",
  role: "assistant",
  model: "claude-sonnet-4-6",
  content: [
    { type: "thinking", thinking: "hmm", signature: "c2ln" },
    { type: "text", text: "Hello there, friend of mine." },
    { type: "tool_use", id: "toolu_01y", name: "read", input: { path: "a.txt" } },
  ],
  stop_reason: "tool_use",
  stop_sequence: null,
  usage,
};

describe("streamEvents", () => {
  it("emits Anthropic's event sequence: start, per block start/deltas/stop, ping, message_delta, stop", () => {
    const events = streamEvents(message);
    const summary = events.map((event) => (event.type === "content_block_delta" ? `delta:${(event["delta"] as { type: string }).type}` : event.type));
    expect(summary).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "delta:thinking_delta",
      "delta:signature_delta",
      "content_block_stop",
      "content_block_start",
      "delta:text_delta",
      "delta:text_delta",
      "content_block_stop",
      "content_block_start",
      "delta:input_json_delta",
      "delta:input_json_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(events[0]).toMatchObject({ message: { id: "msg_01x", content: [], stop_reason: null, usage: { input_tokens: 10, cache_read_input_tokens: 5, output_tokens: 1 } } });
    expect(events.at(-2)).toEqual({ type: "message_delta", delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { input_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 5, output_tokens: 20 } });
    expect(events[10]).toEqual({ type: "content_block_start", index: 2, content_block: { type: "tool_use", id: "toolu_01y", name: "read", input: {} } });
    expect(events[11]).toEqual({ type: "content_block_delta", index: 2, delta: { type: "input_json_delta", partial_json: "" } });
  });

  it("encodes each event as event and data lines and a blank line", () => {
    expect(encodeEvents([{ type: "ping" }])).toBe('event: ping\ndata: {"type":"ping"}\n\n');
  });

  it("splits text and JSON into pieces that join back to the whole", () => {
    const text = "one two  three four\nfive";
    expect(textPieces(text).join("")).toBe(text);
    expect(textPieces(text)).toHaveLength(2);
    const json = JSON.stringify({ path: "a/very/long/path/to/some/file.txt", mode: "read" });
    expect(jsonPieces(json).join("")).toBe(json);
    expect(jsonPieces(json).length).toBeGreaterThan(1);
  });
});
