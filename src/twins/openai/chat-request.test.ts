import { describe, expect, it } from "vitest";
import { parseChatRequest } from "./chat-request.js";

const gpt4o = { id: "gpt-4o", reasoning: false };

describe("parseChatRequest", () => {
  it("reads system, user, assistant tool_calls and tool messages in order", () => {
    const result = parseChatRequest(
      {
        model: "gpt-4o",
        stream: true,
        stream_options: { include_usage: true },
        messages: [
          { role: "system", content: "sys" },
          { role: "user", content: [{ type: "text", text: "read" }] },
          { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "read_file", arguments: '{"path":"a"}' } }] },
          { role: "tool", tool_call_id: "call_1", content: "contents" },
        ],
        tools: [{ type: "function", function: { name: "read_file", parameters: {} } }],
      },
      gpt4o,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.includeUsage).toBe(true);
    expect(result.value.conversation.items).toEqual([
      { kind: "message", role: "system", text: "sys" },
      { kind: "message", role: "user", text: "read" },
      { kind: "function_call", callId: "call_1", name: "read_file", arguments: '{"path":"a"}' },
      { kind: "function_call_output", callId: "call_1", output: "contents" },
    ]);
    expect(result.value.conversation.tools.map((tool) => tool.name)).toEqual(["read_file"]);
  });

  it("refuses a tool without a name, an unknown role and reasoning_effort on a model that does not reason", async () => {
    const paramOf = async (result: ReturnType<typeof parseChatRequest>) => (result.ok ? undefined : ((await result.response.json()) as { error: { param: string } }).error.param);
    expect(await paramOf(parseChatRequest({ model: "gpt-4o", messages: [{ role: "user", content: "x" }], tools: [{ type: "function", function: {} }] }, gpt4o))).toBe("tools[0].function.name");
    expect(await paramOf(parseChatRequest({ model: "gpt-4o", messages: [{ role: "bot", content: "x" }] }, gpt4o))).toBe("messages[0].role");
    expect(await paramOf(parseChatRequest({ model: "gpt-4o", messages: [{ role: "user", content: "x" }], reasoning_effort: "low" }, gpt4o))).toBe("reasoning_effort");
    expect(await paramOf(parseChatRequest({ model: "gpt-4o" }, gpt4o))).toBe("messages");
  });
});
