import { describe, expect, it } from "vitest";
import { historyCharacterCount, historyToMessages, type Turn } from "./turns.js";

const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };

describe("history to messages", () => {
  it("turns steering and system turns into user messages and keeps the assistant's parts (signatures) verbatim", () => {
    const history: Turn[] = [
      { kind: "user", content: "fix it", timestamp: 0 },
      {
        kind: "assistant",
        content: "",
        toolCalls: [{ id: "c1", name: "read_file", arguments: { file_path: "a" } }],
        reasoning: "think",
        usage,
        responseId: "r1",
        parts: [
          { kind: "thinking", text: "think", signature: "sig" },
          { kind: "tool_call", id: "c1", name: "read_file", arguments: { file_path: "a" } },
        ],
        timestamp: 0,
      },
      { kind: "tool-results", results: [{ toolCallId: "c1", toolName: "read_file", content: "text", isError: false }], timestamp: 0 },
      { kind: "steering", content: "use tabs", timestamp: 0 },
      { kind: "system", content: "context is large", timestamp: 0 },
    ];
    expect(historyToMessages(history)).toEqual([
      { role: "user", content: [{ kind: "text", text: "fix it" }] },
      { role: "assistant", content: history[1]?.kind === "assistant" ? history[1].parts : [] },
      { role: "tool", toolCallId: "c1", content: [{ kind: "tool_result", toolCallId: "c1", content: "text", isError: false }] },
      { role: "user", content: [{ kind: "text", text: "use tabs" }] },
      { role: "user", content: [{ kind: "text", text: "[System notice] context is large" }] },
    ]);
  });

  it("groups a round's results into one tool message (Gemini needs one response per call in one turn)", () => {
    const messages = historyToMessages([
      {
        kind: "tool-results",
        results: [
          { toolCallId: "a", toolName: "x", content: "1", isError: false },
          { toolCallId: "b", toolName: "x", content: "2", isError: true },
        ],
        timestamp: 0,
      },
    ]);
    expect(messages).toEqual([
      {
        role: "tool",
        content: [
          { kind: "tool_result", toolCallId: "a", content: "1", isError: false },
          { kind: "tool_result", toolCallId: "b", content: "2", isError: true },
        ],
      },
    ]);
  });

  it("counts the characters the model will read", () => {
    expect(historyCharacterCount([{ kind: "user", content: "abcd", timestamp: 0 }, { kind: "steering", content: "ef", timestamp: 0 }])).toBe(6);
  });
});
