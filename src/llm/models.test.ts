import { describe, expect, it } from "vitest";
import { parseModelId, providerConfig } from "./models.js";

describe("parseModelId", () => {
  it("reads provider:model, with gemini as an alias of google", () => {
    expect(parseModelId("anthropic:claude-sonnet-4-5")).toEqual({ provider: "anthropic", model: "claude-sonnet-4-5", id: "anthropic:claude-sonnet-4-5" });
    expect(parseModelId("gemini:gemini-2.5-pro")).toMatchObject({ provider: "google", id: "google:gemini-2.5-pro" });
  });

  it("reads openai-compatible:NAME/MODEL, keeping further slashes in the model", () => {
    expect(parseModelId("openai-compatible:ollama/llama3.1")).toMatchObject({ provider: "openai-compatible", endpoint: "ollama", model: "llama3.1" });
    expect(parseModelId("openai-compatible:openrouter/meta-llama/llama-3-70b").model).toBe("meta-llama/llama-3-70b");
  });

  it("takes a bare model id with a separate provider, even one with colons", () => {
    expect(parseModelId("ollama/llama3.1:8b", "openai-compatible")).toMatchObject({ provider: "openai-compatible", endpoint: "ollama", model: "llama3.1:8b" });
    expect(() => parseModelId("llama3.1:8b", "openai-compatible")).toThrow(/NAME\/MODEL/);
    expect(parseModelId("gpt-5", "openai")).toMatchObject({ provider: "openai", model: "gpt-5" });
  });

  it("rejects unknown providers and ids without a provider with LLM_CONFIG errors", () => {
    expect(() => parseModelId("mistral:large")).toThrow(/unknown LLM provider "mistral"/);
    expect(() => parseModelId("gpt-5")).toThrow(/names no provider/);
    expect(() => parseModelId("openai-compatible:ollama")).toThrow(/openai-compatible:NAME\/MODEL/);
    try {
      parseModelId("gpt-5");
    } catch (error) {
      expect((error as { code: string }).code).toBe("LLM_CONFIG");
    }
  });
});

describe("providerConfig", () => {
  it("reads each provider's key and base URL", () => {
    expect(providerConfig(parseModelId("openai:gpt-5"), { OPENAI_API_KEY: "sk", OPENAI_BASE_URL: "http://twin/v1" })).toEqual({ apiKey: "sk", baseURL: "http://twin/v1" });
    expect(providerConfig(parseModelId("anthropic:claude-haiku-4-5"), { ANTHROPIC_API_KEY: "a" })).toEqual({ apiKey: "a" });
    expect(providerConfig(parseModelId("google:gemini-2.5-pro"), { GOOGLE_GENERATIVE_AI_API_KEY: "g" })).toEqual({ apiKey: "g" });
    expect(providerConfig(parseModelId("openai-compatible:my-llm/x"), { MY_LLM_BASE_URL: "http://localhost:1234/v1" })).toEqual({ baseURL: "http://localhost:1234/v1" });
  });

  it("names the missing variable", () => {
    expect(() => providerConfig(parseModelId("openai:gpt-5"), {})).toThrow(/OPENAI_API_KEY is not set/);
    expect(() => providerConfig(parseModelId("anthropic:claude-haiku-4-5"), { ANTHROPIC_API_KEY: " " })).toThrow(/ANTHROPIC_API_KEY/);
    expect(() => providerConfig(parseModelId("google:gemini-2.5-pro"), {})).toThrow(/GEMINI_API_KEY/);
    expect(() => providerConfig(parseModelId("openai-compatible:ollama/llama3.1"), {})).toThrow(/OLLAMA_BASE_URL is not set/);
  });
});
