import { describe, expect, it } from "vitest";
import { LightsoutError } from "../errors.js";
import { createScriptedLlm } from "../testing/scripted-llm.js";
import { generate, type GenerateTool } from "./generate.js";
import { generateObject, NoObjectGeneratedError } from "./generate-object.js";
import { userMessage } from "./types.js";

const weather: GenerateTool = {
  name: "weather",
  description: "The weather in a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
  execute: async (args) => `sunny in ${String(args["city"])}`,
};
const passive: GenerateTool = { name: "ask_user", description: "Ask the user", parameters: { type: "object", properties: {} } };
const model = "scripted:model";

describe("generate", () => {
  it("takes a prompt or messages, not both and not neither", async () => {
    const llm = createScriptedLlm([{ text: "a" }, { text: "b" }]);
    expect((await generate({ client: llm, model, prompt: "hi", system: "be terse" })).text).toBe("a");
    expect(llm.requests[0]!.messages.map((message) => message.role)).toEqual(["system", "user"]);
    expect((await generate({ client: llm, model, messages: [userMessage("hi")] })).text).toBe("b");
    await expect(generate({ client: llm, model, prompt: "x", messages: [userMessage("y")] })).rejects.toThrow(/either `prompt` or `messages`, not both/);
    await expect(generate({ client: llm, model })).rejects.toSatisfy((error: unknown) => LightsoutError.isInstance(error) && error.code === "INPUT");
  });

  it("executes active tools in parallel, sends all results in one continuation, and tracks each step", async () => {
    let running = 0;
    let peak = 0;
    const slow: GenerateTool = {
      ...weather,
      execute: async (args) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running -= 1;
        return { city: args["city"], sky: "clear" };
      },
    };
    const llm = createScriptedLlm([
      { toolCalls: [{ name: "weather", arguments: { city: "Paris" } }, { name: "weather", arguments: { city: "Oslo" } }], usage: { inputTokens: 10, outputTokens: 5 } },
      { text: "Both clear.", usage: { inputTokens: 30, outputTokens: 3 } },
    ]);
    const result = await generate({ client: llm, model, prompt: "Weather?", tools: [slow] });
    expect(peak).toBe(2);
    expect(result.text).toBe("Both clear.");
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]!.toolResults.map((toolResult) => toolResult.content)).toEqual([{ city: "Paris", sky: "clear" }, { city: "Oslo", sky: "clear" }]);
    const continuation = llm.requests[1]!.messages.at(-1)!;
    expect(continuation.role).toBe("tool");
    expect(continuation.content).toHaveLength(2);
    expect(result.totalUsage).toMatchObject({ inputTokens: 40, outputTokens: 8 });
  });

  it("respects maxToolRounds (0: no execution) and returns passive tool calls to the caller", async () => {
    const looping = () => createScriptedLlm(() => ({ toolCalls: [{ name: "weather", arguments: { city: "Rome" } }] }));
    const none = await generate({ client: looping(), model, prompt: "x", tools: [weather], maxToolRounds: 0 });
    expect([none.steps.length, none.toolCalls.length, none.toolResults.length]).toEqual([1, 1, 0]);
    const two = looping();
    expect((await generate({ client: two, model, prompt: "x", tools: [weather], maxToolRounds: 2 })).steps).toHaveLength(3);
    expect(two.requests).toHaveLength(3);
    const handedBack = await generate({ client: createScriptedLlm([{ toolCalls: [{ name: "ask_user", arguments: {} }] }]), model, prompt: "x", tools: [passive, weather], maxToolRounds: 5 });
    expect(handedBack.toolCalls.map((call) => call.name)).toEqual(["ask_user"]);
    expect(handedBack.steps).toHaveLength(1);
  });

  it("turns unknown tools, invalid arguments and throwing handlers into error results for the model", async () => {
    const failing: GenerateTool = { ...weather, name: "broken", execute: async () => { throw new Error("disk on fire"); } };
    const llm = createScriptedLlm([
      { toolCalls: [{ name: "nope", arguments: {} }, { name: "weather", arguments: { town: 1 } }, { name: "broken", arguments: { city: "x" } }, { name: "weather", rawArguments: "{oops", arguments: {} }] },
      { text: "sorry" },
    ]);
    const result = await generate({ client: llm, model, prompt: "x", tools: [weather, failing] });
    const results = result.steps[0]!.toolResults;
    expect(results.every((toolResult) => toolResult.isError)).toBe(true);
    expect(results.map((toolResult) => String(toolResult.content))).toEqual([
      "Unknown tool: nope",
      expect.stringMatching(/^Invalid arguments for weather: .*city/),
      "disk on fire",
      "The arguments of weather are not valid JSON: {oops",
    ]);
    expect(result.text).toBe("sorry");
  });

  it("has a per-step and a total timeout, reported as request_timeout; the caller's abort stays a cancellation", async () => {
    const slow = () => createScriptedLlm(async (_request, { signal }) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (signal?.aborted) throw Object.assign(new Error("aborted"), { name: "AbortError" });
      return { toolCalls: [{ name: "weather", arguments: { city: "x" } }] };
    });
    await expect(generate({ client: slow(), model, prompt: "x", timeout: { perStepMs: 50 } })).rejects.toMatchObject({ kind: "request_timeout", message: expect.stringMatching(/per-step timeout of 50 ms/) });
    // Each step fits in 300 ms, the three of them do not fit in 450 ms.
    await expect(generate({ client: slow(), model, prompt: "x", tools: [weather], maxToolRounds: 5, timeout: { perStepMs: 300, totalMs: 450 } })).rejects.toMatchObject({ kind: "request_timeout", message: expect.stringMatching(/total timeout of 450 ms/) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(generate({ client: slow(), model, prompt: "x", signal: controller.signal, timeout: { totalMs: 5000 } })).rejects.not.toMatchObject({ kind: "request_timeout" });
  });
});

describe("generateObject", () => {
  const schema = { type: "object", properties: { name: { type: "string" }, age: { type: "integer" } }, required: ["name", "age"], additionalProperties: false };

  it("asks for the schema as the response format and returns the parsed, validated object", async () => {
    const llm = createScriptedLlm([{ text: '```json\n{"name": "Ada", "age": 36}\n```' }]);
    const result = await generateObject<{ name: string; age: number }>({ client: llm, model, prompt: "Who?", schema, schemaName: "person" });
    expect(result.object).toEqual({ name: "Ada", age: 36 });
    expect(llm.requests[0]!.responseFormat).toEqual({ type: "json_schema", jsonSchema: schema, name: "person", strict: true });
  });

  it("throws NoObjectGeneratedError with the text when the answer is not JSON or breaks the schema", async () => {
    const notJson = generateObject({ client: createScriptedLlm([{ text: "Ada, 36" }]), model, prompt: "Who?", schema });
    await expect(notJson).rejects.toBeInstanceOf(NoObjectGeneratedError);
    await expect(notJson).rejects.toMatchObject({ text: "Ada, 36", message: expect.stringMatching(/not JSON/) });
    const wrongShape = generateObject({ client: createScriptedLlm([{ text: '{"name": "Ada", "age": "old"}' }]), model, prompt: "Who?", schema });
    await expect(wrongShape).rejects.toMatchObject({ name: "NoObjectGeneratedError", message: expect.stringMatching(/does not match the schema: \/age must be integer/) });
  });
});
