import { describe, expect, it } from "vitest";
import { toPolicyRequest } from "./policy-request.js";
import type { GenerateRequest } from "./request.js";

describe("the policy's view of a Gemini request", () => {
  it("pairs calls and responses by function name and position, and skips thoughts", () => {
    const request: GenerateRequest = {
      system: "sys",
      toolNames: ["read"],
      toolsText: "",
      includeThoughts: false,
      thinkingBudget: 512,
      contents: [
        { role: "user", parts: [{ text: "Read a and b" }, { inlineData: { mimeType: "image/png", data: "AA" } }] },
        { role: "model", parts: [{ text: "pondering", thought: true }, { functionCall: { name: "read", args: { path: "a" } } }, { functionCall: { name: "read", args: { path: "b" } } }] },
        { role: "user", parts: [{ functionResponse: { name: "read", response: { content: "A" } } }, { functionResponse: { name: "read", response: { error: "missing" } } }] },
        { role: "model", parts: [{ text: "Done" }] },
      ],
    };
    expect(toPolicyRequest(request, "gemini-2.5-flash", true, 4)).toEqual({
      provider: "gemini",
      model: "gemini-2.5-flash",
      system: "sys",
      tools: ["read"],
      stream: true,
      reasoning: "512",
      index: 4,
      messages: [
        { role: "user", text: "Read a and b\n[inline image/png]" },
        { role: "tool-call", id: "read#0", name: "read", arguments: { path: "a" } },
        { role: "tool-call", id: "read#1", name: "read", arguments: { path: "b" } },
        { role: "tool-result", id: "read#0", output: "A" },
        { role: "tool-result", id: "read#1", output: "missing", isError: true },
        { role: "assistant", text: "Done" },
      ],
    });
  });
});
