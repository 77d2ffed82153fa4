import { describe, expect, it } from "vitest";
import { type RenderInput, generateContentResponse, renderTurn, splitText, streamChunks } from "./response.js";

const base: RenderInput = {
  turn: { text: "Hello there" },
  modelVersion: "gemini-2.5-flash",
  responseId: "r1",
  thinking: true,
  includeThoughts: false,
  promptTokens: 100,
  cachedTokens: 0,
  thoughtSignature: "sig==",
};

describe("rendering a scripted turn", () => {
  it("counts thinking apart from the visible output, even when thoughts are not shown", () => {
    const response = generateContentResponse({ ...base, turn: { reasoning: "x".repeat(40), text: "Hello there" } });
    expect(response["usageMetadata"]).toEqual({
      promptTokenCount: 100,
      candidatesTokenCount: 3,
      totalTokenCount: 113,
      promptTokensDetails: [{ modality: "TEXT", tokenCount: 100 }],
      thoughtsTokenCount: 10,
    });
    expect(response["candidates"]).toEqual([{ content: { parts: [{ text: "Hello there" }], role: "model" }, finishReason: "STOP", index: 0 }]);
  });

  it("reads outputTokens as all generated tokens, thoughts included, and reports cached tokens", () => {
    const rendered = renderTurn({ ...base, cachedTokens: 60, turn: { text: "hi", usage: { inputTokens: 50, outputTokens: 30, reasoningTokens: 12 } } });
    expect(rendered.usage).toEqual({ prompt: 50, cached: 50, candidates: 18, thoughts: 12 });
    const usage = generateContentResponse({ ...base, cachedTokens: 40 })["usageMetadata"] as Record<string, unknown>;
    expect(usage["cachedContentTokenCount"]).toBe(40);
    expect(usage["cacheTokensDetails"]).toEqual([{ modality: "TEXT", tokenCount: 40 }]);
  });

  it("shows no thoughts and counts none for a model that does not think", () => {
    const response = generateContentResponse({ ...base, thinking: false, includeThoughts: true, turn: { reasoning: "hidden", text: "ok" } });
    expect((response["usageMetadata"] as Record<string, unknown>)["thoughtsTokenCount"]).toBeUndefined();
    expect(JSON.stringify(response)).not.toContain("hidden");
  });

  it("streams thoughts, text pieces and calls whose parts add up to the whole answer", () => {
    const input: RenderInput = { ...base, includeThoughts: true, turn: { reasoning: "think", text: "word ".repeat(30).trim(), toolCalls: [{ name: "f", arguments: { a: 1 } }] } };
    const chunks = streamChunks(input);
    const parts = chunks.flatMap((chunk) => ((chunk["candidates"] as { content: { parts?: Record<string, unknown>[] } }[])[0]!.content.parts ?? []));
    const whole = (generateContentResponse(input)["candidates"] as { content: { parts: Record<string, unknown>[] } }[])[0]!.content.parts;
    expect(parts.filter((part) => part["thought"])).toEqual(whole.filter((part) => part["thought"]));
    expect(parts.filter((part) => part["functionCall"])).toEqual(whole.filter((part) => part["functionCall"]));
    expect(parts.filter((part) => typeof part["text"] === "string" && !part["thought"]).map((part) => part["text"]).join("")).toBe("word ".repeat(30).trim());
    const finishes = chunks.map((chunk) => (chunk["candidates"] as { finishReason?: string }[])[0]!.finishReason);
    expect(finishes.filter(Boolean)).toEqual(["STOP"]);
    expect(finishes.at(-1)).toBe("STOP");
    expect(chunks.at(-1)!["usageMetadata"]).toEqual(generateContentResponse(input)["usageMetadata"]);
  });

  it("splits text after spaces, never losing a character", () => {
    const text = "The quick brown fox jumps over the lazy dog and then some more words follow here.";
    const pieces = splitText(text, 20);
    expect(pieces.join("")).toBe(text);
    expect(pieces.every((piece) => piece.length <= 20)).toBe(true);
    expect(splitText("x".repeat(45), 20)).toEqual(["x".repeat(20), "x".repeat(20), "x".repeat(5)]);
  });
});
