import { describe, expect, it } from "vitest";
import type { ConversationItem } from "./conversation.js";
import { type ResponseStore, parseResponsesRequest } from "./responses-request.js";

const store = (items: Record<string, ConversationItem> = {}, conversations: Record<string, ConversationItem[]> = {}): ResponseStore => ({
  item: (id) => items[id],
  conversation: (id) => conversations[id],
});
const gpt41 = { id: "gpt-4.1", reasoning: false };
const o4mini = { id: "o4-mini", reasoning: true };

async function errorOf(result: ReturnType<typeof parseResponsesRequest>): Promise<{ status: number; error: Record<string, unknown> }> {
  if (result.ok) throw new Error("expected an error");
  return { status: result.response.status, error: ((await result.response.json()) as { error: Record<string, unknown> }).error };
}

describe("parseResponsesRequest", () => {
  it("reads a string input as one user message", () => {
    const result = parseResponsesRequest({ model: "gpt-4.1", input: "hi", instructions: "sys" }, gpt41, store());
    expect(result.ok && result.value.conversation).toMatchObject({ instructions: "sys", items: [{ kind: "message", role: "user", text: "hi" }], stream: false });
  });

  it("reads messages with parts, function calls and outputs (string or parts), and resolves item references", () => {
    const result = parseResponsesRequest(
      {
        model: "o4-mini",
        reasoning: { effort: "high", summary: "auto" },
        input: [
          { role: "developer", content: "dev" },
          { type: "message", role: "user", content: [{ type: "input_text", text: "look" }, { type: "input_image", image_url: "data:" }] },
          { type: "item_reference", id: "rs_1" },
          { type: "function_call", call_id: "call_1", name: "f", arguments: "{}" },
          { type: "function_call_output", call_id: "call_1", output: [{ type: "input_text", text: "out" }] },
        ],
      },
      o4mini,
      store({ rs_1: { kind: "reasoning", summary: "why" } }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.conversation.items).toEqual([
      { kind: "message", role: "developer", text: "dev" },
      { kind: "message", role: "user", text: "look\n[image]" },
      { kind: "reasoning", summary: "why" },
      { kind: "function_call", callId: "call_1", name: "f", arguments: "{}" },
      { kind: "function_call_output", callId: "call_1", output: "out" },
    ]);
    expect(result.value.conversation.reasoningEffort).toBe("high");
    expect(result.value.reasoningSummary).toBe("auto");
  });

  it("puts the conversation of previous_response_id before the new input", () => {
    const earlier: ConversationItem[] = [{ kind: "message", role: "user", text: "one" }];
    const result = parseResponsesRequest({ model: "gpt-4.1", input: "two", previous_response_id: "resp_1" }, gpt41, store({}, { resp_1: earlier }));
    expect(result.ok && result.value.conversation.items.map((item) => (item.kind === "message" ? item.text : ""))).toEqual(["one", "two"]);
  });

  it("answers OpenAI's errors naming the parameter", async () => {
    expect(await errorOf(parseResponsesRequest({ model: "gpt-4.1", input: [{ type: "bogus" }] }, gpt41, store()))).toMatchObject({ status: 400, error: { param: "input[0].type", code: "invalid_value", type: "invalid_request_error" } });
    expect(await errorOf(parseResponsesRequest({ model: "gpt-4.1", input: [{ role: "robot", content: "x" }] }, gpt41, store()))).toMatchObject({ status: 400, error: { param: "input[0].role" } });
    expect(await errorOf(parseResponsesRequest({ model: "gpt-4.1", input: [{ type: "function_call", name: "f", arguments: "{}" }] }, gpt41, store()))).toMatchObject({ error: { param: "input[0].call_id", code: "missing_required_parameter" } });
    expect(await errorOf(parseResponsesRequest({ model: "gpt-4.1", input: "x", tools: [{ type: "function" }] }, gpt41, store()))).toMatchObject({ error: { param: "tools[0].name", code: "missing_required_parameter" } });
    expect(await errorOf(parseResponsesRequest({ model: "gpt-4.1" }, gpt41, store()))).toMatchObject({ error: { param: "input" } });
    expect(await errorOf(parseResponsesRequest({ model: "gpt-4.1", input: "x", reasoning: { effort: "low" } }, gpt41, store()))).toMatchObject({ error: { param: "reasoning.effort", code: "unsupported_parameter" } });
    expect(await errorOf(parseResponsesRequest({ model: "gpt-4.1", input: [{ type: "item_reference", id: "msg_x" }] }, gpt41, store()))).toMatchObject({ status: 404 });
    expect(await errorOf(parseResponsesRequest({ model: "gpt-4.1", input: "x", previous_response_id: "resp_gone" }, gpt41, store()))).toMatchObject({ status: 400, error: { code: "previous_response_not_found" } });
  });
});
