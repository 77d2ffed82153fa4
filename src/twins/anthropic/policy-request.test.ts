import { describe, expect, it } from "vitest";
import { toPolicyRequest } from "./policy-request.js";
import { parseMessagesRequest } from "./request.js";

describe("toPolicyRequest", () => {
  it("joins system and text blocks, splits tool calls and results into their own messages, drops thinking", () => {
    const parsed = parseMessagesRequest({
      model: "claude-sonnet-4-6",
      max_tokens: 4096,
      stream: true,
      thinking: { type: "enabled", budget_tokens: 2048 },
      system: [{ type: "text", text: "Be brief." }, { type: "text", text: "Be kind." }],
      tools: [{ name: "read", input_schema: { type: "object" } }],
      messages: [
        { role: "user", content: [{ type: "text", text: "Look" }, { type: "image", source: { type: "base64", media_type: "image/png", data: "AA==" } }] },
        { role: "assistant", content: [{ type: "thinking", thinking: "hmm", signature: "c2ln" }, { type: "text", text: "Reading." }, { type: "tool_use", id: "toolu_1", name: "read", input: { path: "a" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: [{ type: "text", text: "body" }], is_error: true }, { type: "text", text: "Well?" }] },
      ],
    });
    if (!parsed.ok) throw new Error(parsed.message);
    expect(toPolicyRequest(parsed.request, 3)).toEqual({
      provider: "anthropic",
      model: "claude-sonnet-4-6",
      system: "Be brief.\nBe kind.",
      messages: [
        { role: "user", text: "Look\n[image]" },
        { role: "assistant", text: "Reading." },
        { role: "tool-call", id: "toolu_1", name: "read", arguments: { path: "a" } },
        { role: "tool-result", id: "toolu_1", output: "body", isError: true },
        { role: "user", text: "Well?" },
      ],
      tools: ["read"],
      stream: true,
      reasoning: "2048",
      index: 3,
    });
  });
});
