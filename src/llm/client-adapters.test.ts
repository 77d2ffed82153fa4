import { createAnthropic } from "@ai-sdk/anthropic";
import type { LanguageModelV3GenerateResult, LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV3, MockProviderV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import { createLlmClient, resolveModel } from "./client.js";
import { type StreamEvent, userMessage } from "./types.js";

const usage = { inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 2, text: 2, reasoning: undefined } };
const answer = (text: string): LanguageModelV3GenerateResult => ({
  content: [{ type: "text", text }],
  finishReason: { unified: "stop", raw: "done" },
  usage,
  warnings: [],
  response: { id: "r-1", modelId: "lab-model-1" },
});

describe("createLlmClient({ providers }): explicit adapter instances", () => {
  it("routes a custom provider name to the program's AI SDK provider, with the prompt and options translated", async () => {
    const model = new MockLanguageModelV3({ provider: "mylab", modelId: "lab-model-1", doGenerate: answer("hello from the lab") });
    const client = createLlmClient({ env: {}, providers: { mylab: new MockProviderV3({ languageModels: { "lab-model-1": model } }) }, retry: { maxRetries: 0 } });
    const response = await client.complete({ model: "mylab:lab-model-1", messages: [userMessage("hi")], reasoningEffort: "low", providerOptions: { mylab: { temperatureMode: "cold" } } });
    expect(response).toMatchObject({ id: "r-1", provider: "mylab", model: "lab-model-1", finishReason: { reason: "stop", raw: "done" }, usage: { inputTokens: 3, outputTokens: 2 } });
    expect(response.message.content).toEqual([{ kind: "text", text: "hello from the lab" }]);
    expect(model.doGenerateCalls[0]!.prompt).toEqual([{ role: "user", content: [{ type: "text", text: "hi" }] }]);
    expect(model.doGenerateCalls[0]!.providerOptions).toEqual({ mylab: { reasoningEffort: "low", temperatureMode: "cold" } });
  });

  it("takes a function adapter, a bare model id with provider or defaultProvider, and streams through it", async () => {
    const stream = async (): Promise<{ stream: ReadableStream<LanguageModelV3StreamPart> }> => ({
      stream: new ReadableStream({
        start(controller) {
          for (const part of [
            { type: "stream-start", warnings: [] },
            { type: "text-start", id: "t" },
            { type: "text-delta", id: "t", delta: "streamed" },
            { type: "text-end", id: "t" },
            { type: "finish", finishReason: { unified: "stop", raw: "done" }, usage },
          ] satisfies LanguageModelV3StreamPart[])
            controller.enqueue(part);
          controller.close();
        },
      }),
    });
    const asked: string[] = [];
    const local = (modelId: string) => {
      asked.push(modelId);
      return new MockLanguageModelV3({ modelId, doGenerate: answer(`model ${modelId}`), doStream: stream });
    };
    const client = createLlmClient({ env: {}, providers: { local }, defaultProvider: "local", retry: { maxRetries: 0 } });
    expect((await client.complete({ model: "tiny:7b", messages: [userMessage("hi")] })).provider).toBe("local");
    await client.complete({ model: "big", provider: "local", messages: [userMessage("hi")] });
    const events: StreamEvent[] = [];
    for await (const event of client.stream({ model: "local:tiny", messages: [userMessage("hi")] })) events.push(event);
    expect(asked).toEqual(["tiny:7b", "big", "tiny"]);
    const finish = events.at(-1);
    expect(finish?.type === "finish" ? finish.response.message.content : undefined).toEqual([{ kind: "text", text: "streamed" }]);
  });

  it("uses a hand-configured built-in provider instead of the environment, keeping its translation", async () => {
    const bodies: Record<string, unknown>[] = [];
    const urls: string[] = [];
    const fetch = (async (url: string | URL | globalThis.Request, init?: RequestInit) => {
      urls.push(String(url));
      bodies.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
      const reply = { id: "msg_1", type: "message", role: "assistant", model: "claude-haiku-4-5", content: [{ type: "text", text: "ok" }], stop_reason: "end_turn", usage: { input_tokens: 1, output_tokens: 1 } };
      return new globalThis.Response(JSON.stringify(reply), { status: 200, headers: { "content-type": "application/json" } });
    }) as typeof globalThis.fetch;
    const anthropic = createAnthropic({ apiKey: "by-hand", baseURL: "https://proxy.test/v1", fetch });
    // No ANTHROPIC_API_KEY in env: the adapter carries its own configuration.
    const client = createLlmClient({ env: {}, providers: { anthropic }, retry: { maxRetries: 0 } });
    const response = await client.complete({ model: "anthropic:claude-haiku-4-5", messages: [userMessage("hi")], reasoningEffort: "low" });
    expect(response.provider).toBe("anthropic");
    expect(urls).toEqual(["https://proxy.test/v1/messages"]);
    expect(bodies[0]!["thinking"]).toEqual({ type: "enabled", budget_tokens: 1024 });
    expect(bodies[0]!["messages"]).toEqual([{ role: "user", content: [{ type: "text", text: "hi", cache_control: { type: "ephemeral" } }] }]);
  });

  it("still refuses unregistered provider names and built-ins without a key", async () => {
    const client = createLlmClient({ env: {}, providers: { mylab: () => new MockLanguageModelV3() } });
    await expect(client.complete({ model: "otherlab:x", messages: [userMessage("hi")] })).rejects.toMatchObject({ code: "LLM_CONFIG", message: expect.stringContaining('unknown LLM provider "otherlab"') });
    await expect(client.complete({ model: "openai:gpt-5", messages: [userMessage("hi")] })).rejects.toMatchObject({ code: "LLM_CONFIG", message: expect.stringContaining("OPENAI_API_KEY") });
    expect(() => resolveModel("mylab:", undefined, (name) => name === "mylab")).toThrow(/has no model after "mylab:"/);
  });
});
