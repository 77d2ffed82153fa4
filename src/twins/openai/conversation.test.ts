import { describe, expect, it } from "vitest";
import { type Conversation, serializePrompt, toPolicyRequest } from "./conversation.js";

const conversation: Conversation = {
  model: "gpt-4.1",
  instructions: "Be brief.",
  items: [
    { kind: "message", role: "developer", text: "Use tools." },
    { kind: "message", role: "user", text: "Read it" },
    { kind: "reasoning", summary: "thinking" },
    { kind: "function_call", callId: "call_1", name: "read_file", arguments: '{"path":"a.txt"}' },
    { kind: "function_call", callId: "call_2", name: "shell", arguments: "not json" },
    { kind: "function_call_output", callId: "call_1", output: "hello" },
    { kind: "message", role: "assistant", text: "It says hello." },
  ],
  tools: [{ name: "read_file", definition: '{"type":"function","name":"read_file"}' }, { name: "shell", definition: '{"type":"function","name":"shell"}' }],
  reasoningEffort: "low",
  stream: true,
};

describe("toPolicyRequest", () => {
  it("joins instructions and system/developer messages, keeps calls and outputs in order, reasoning passed back aside", () => {
    expect(toPolicyRequest(conversation, 3)).toEqual({
      provider: "openai",
      model: "gpt-4.1",
      system: "Be brief.\n\nUse tools.",
      messages: [
        { role: "user", text: "Read it" },
        { role: "tool-call", id: "call_1", name: "read_file", arguments: { path: "a.txt" } },
        { role: "tool-call", id: "call_2", name: "shell", arguments: "not json" },
        { role: "tool-result", id: "call_1", output: "hello" },
        { role: "assistant", text: "It says hello." },
      ],
      tools: ["read_file", "shell"],
      stream: true,
      priorReasoning: ["thinking"],
      reasoning: "low",
      index: 3,
    });
  });

  it("leaves reasoning out when no effort was given", () => {
    const { reasoningEffort: _, ...rest } = conversation;
    expect(toPolicyRequest(rest, 0)).not.toHaveProperty("reasoning");
  });
});

describe("serializePrompt", () => {
  it("puts instructions, then tools, then items, so a longer conversation extends the prompt of a shorter one", () => {
    const short = serializePrompt({ ...conversation, items: conversation.items.slice(0, 2) });
    const long = serializePrompt(conversation);
    expect(long.startsWith(short)).toBe(true);
    expect(long.split("\n")[0]).toBe("instructions: Be brief.");
    expect(long.split("\n")[1]).toContain("read_file");
  });
});
