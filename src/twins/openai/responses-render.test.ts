import { describe, expect, it } from "vitest";
import { renderTurn } from "./render-turn.js";
import { type ResponseMeta, encodeResponseEvents, outputItems, responseObject, streamEvents } from "./responses-render.js";

const meta: ResponseMeta = {
  id: "resp_1",
  createdAt: 1767225600,
  model: "o4-mini-2025-04-16",
  instructions: null,
  tools: [],
  previousResponseId: null,
  store: true,
  maxOutputTokens: null,
  reasoning: { effort: "medium", summary: "auto" },
  showSummary: true,
  encryptedReasoning: false,
  itemIds: { reasoning: "rs_1", message: "msg_1", calls: ["fc_1"] },
};
const options = { reasoningModel: true, promptTokens: 100, cachedTokens: 0, newCallId: () => "call_new" };

describe("renderTurn", () => {
  it("estimates usage: output counts text, calls and reasoning; total adds input", () => {
    const turn = renderTurn({ reasoning: "abcdefgh", text: "abcd", toolCalls: [{ name: "f", arguments: {} }] }, options);
    expect(turn.usage).toEqual({ inputTokens: 100, cachedTokens: 0, reasoningTokens: 2, outputTokens: 2 + 1 + 1 + 1, totalTokens: 105 });
    expect(turn.calls).toEqual([{ callId: "call_new", name: "f", arguments: "{}" }]);
    expect(turn.finish).toBe("tool_calls");
  });

  it("drops reasoning on a model that does not reason, and takes the turn's usage overrides", () => {
    const turn = renderTurn({ reasoning: "hidden", text: "x", usage: { inputTokens: 7, outputTokens: 3, cachedInputTokens: 9 } }, { ...options, reasoningModel: false });
    expect(turn.reasoning).toBe("");
    expect(turn.usage).toEqual({ inputTokens: 7, cachedTokens: 7, outputTokens: 3, reasoningTokens: 0, totalTokens: 10 });
  });

  it("cuts the text at max_output_tokens and finishes with length", () => {
    const turn = renderTurn({ text: "x".repeat(400), toolCalls: [{ name: "f", arguments: {} }] }, { ...options, maxOutputTokens: 16 });
    expect(turn.text).toHaveLength(64);
    expect(turn.calls).toEqual([]);
    expect(responseObject(meta, turn, [])).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } });
  });
});

describe("the Responses rendering", () => {
  const turn = renderTurn({ reasoning: "Because.", text: "Answer", toolCalls: [{ id: "call_1", name: "f", arguments: { a: 1 } }] }, options);

  it("orders output items reasoning, message, function_call", () => {
    expect(outputItems(turn, meta).map(({ wire }) => wire)).toEqual([
      { id: "rs_1", type: "reasoning", summary: [{ type: "summary_text", text: "Because." }] },
      { id: "msg_1", type: "message", status: "completed", content: [{ type: "output_text", annotations: [], logprobs: [], text: "Answer" }], role: "assistant" },
      { id: "fc_1", type: "function_call", status: "completed", arguments: '{"a":1}', call_id: "call_1", name: "f" },
    ]);
  });

  it("streams each item between output_item.added and output_item.done, then response.completed", () => {
    const types = streamEvents(meta, turn).map((event) => event["type"]);
    expect(types).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.reasoning_summary_part.added",
      "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.done",
      "response.reasoning_summary_part.done",
      "response.output_item.done",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
  });

  it("encodes events as `event:` and `data:` lines with sequence numbers", () => {
    const text = encodeResponseEvents(streamEvents(meta, turn));
    const first = text.split("\n\n")[0]!;
    expect(first.split("\n")[0]).toBe("event: response.created");
    expect(JSON.parse(first.split("\n")[1]!.slice("data: ".length))).toMatchObject({ type: "response.created", sequence_number: 0, response: { id: "resp_1", status: "in_progress", usage: null } });
  });

  it("adds encrypted_content to reasoning items when the request included it", () => {
    const [reasoning] = outputItems(turn, { ...meta, encryptedReasoning: true });
    expect(reasoning!.wire["encrypted_content"]).toMatch(/^gAAAAA/);
  });

  it("hides the summary when the request did not ask for one, but still counts reasoning tokens", () => {
    const quiet = outputItems(turn, { ...meta, showSummary: false });
    expect(quiet[0]!.wire).toEqual({ id: "rs_1", type: "reasoning", summary: [] });
    expect(turn.usage.reasoningTokens).toBe(2);
  });
});
