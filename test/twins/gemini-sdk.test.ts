/**
 * Fidelity of the Gemini twin: the official `@google/genai` client and the AI SDK's
 * `@ai-sdk/google` provider, unchanged, against the twin served on loopback.
 */
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { ApiError, GoogleGenAI } from "@google/genai";
import { APICallError, generateText, jsonSchema, stepCountIs, streamText, tool } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ServedTwin, serveTwin } from "../../src/twins/kit/index.js";
import { createGeminiTwin, geminiApiKey } from "../../src/twins/gemini/index.js";
import { type PolicyRequest, setPolicy } from "../../src/twins/llm-policy/index.js";

const twin = createGeminiTwin({ seed: 3 });
let served: ServedTwin;
let apiKey: string;

beforeAll(async () => {
  served = await serveTwin(twin);
  apiKey = geminiApiKey(twin.tenant());
});
afterAll(() => served.close());
beforeEach(() => {
  const tenant = twin.tenant();
  tenant.reset();
  tenant.faults = { rules: [] };
});

const genai = () => new GoogleGenAI({ apiKey, httpOptions: { baseUrl: served.baseUrl } });
const google = (key = apiKey) => createGoogleGenerativeAI({ apiKey: key, baseURL: `${served.baseUrl}/v1beta` });

describe("@google/genai against the Gemini twin", () => {
  it("generateContent answers the scripted text with usage, modelVersion and responseId", async () => {
    setPolicy(twin.tenant(), { turns: [{ text: "Paris is the capital of France." }] });
    const response = await genai().models.generateContent({ model: "gemini-2.5-flash", contents: "What is the capital of France?" });
    expect(response.text).toBe("Paris is the capital of France.");
    expect(response.candidates?.[0]?.finishReason).toBe("STOP");
    expect(response.modelVersion).toBe("gemini-2.5-flash");
    expect(response.responseId).toMatch(/^[A-Za-z0-9_-]{23}$/);
    expect(response.usageMetadata?.promptTokenCount).toBeGreaterThan(0);
    expect(response.usageMetadata?.totalTokenCount).toBe((response.usageMetadata?.promptTokenCount ?? 0) + (response.usageMetadata?.candidatesTokenCount ?? 0));
  });

  it("generateContentStream yields the text in chunks, the last with the finishReason", async () => {
    const text = "Streaming works: this sentence is long enough to be cut into several chunks by the twin.";
    setPolicy(twin.tenant(), { turns: [{ text }] });
    const stream = await genai().models.generateContentStream({ model: "gemini-2.5-flash", contents: "Stream please" });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.text ?? "").join("")).toBe(text);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe("STOP");
  });

  it("shows thoughts with includeThoughts and counts them in thoughtsTokenCount", async () => {
    setPolicy(twin.tenant(), { turns: [{ reasoning: "The user wants a greeting, so I greet.", text: "Hello!" }] });
    const response = await genai().models.generateContent({
      model: "gemini-2.5-pro",
      contents: "Greet me",
      config: { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } },
    });
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    expect(parts[0]).toEqual({ text: "The user wants a greeting, so I greet.", thought: true });
    expect(response.text).toBe("Hello!");
    expect(response.usageMetadata?.thoughtsTokenCount).toBe(10);
  });

  it("a function call round trip: the call, then the policy sees the response paired by name", async () => {
    const seen: PolicyRequest[] = [];
    setPolicy(twin.tenant(), (request) => {
      seen.push(request);
      return request.index === 0 ? { toolCalls: [{ name: "get_weather", arguments: { city: "Oslo" } }] } : { text: "It is sunny in Oslo." };
    });
    const tools = [{ functionDeclarations: [{ name: "get_weather", parametersJsonSchema: { type: "object", properties: { city: { type: "string" } } } }] }];
    const first = await genai().models.generateContent({ model: "gemini-2.5-flash", contents: "Weather in Oslo?", config: { tools } });
    expect(first.functionCalls).toEqual([{ name: "get_weather", args: { city: "Oslo" } }]);
    const callContent = first.candidates![0]!.content!;
    const second = await genai().models.generateContent({
      model: "gemini-2.5-flash",
      config: { tools },
      contents: [
        { role: "user", parts: [{ text: "Weather in Oslo?" }] },
        callContent,
        { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { output: "sunny" } } }] },
      ],
    });
    expect(second.text).toBe("It is sunny in Oslo.");
    expect(seen[1]!.tools).toEqual(["get_weather"]);
    expect(seen[1]!.messages).toEqual([
      { role: "user", text: "Weather in Oslo?" },
      { role: "tool-call", id: "get_weather#0", name: "get_weather", arguments: { city: "Oslo" } },
      { role: "tool-result", id: "get_weather#0", output: "sunny" },
    ]);
  });

  it("a repeated long prefix is reported as cachedContentTokenCount", async () => {
    setPolicy(twin.tenant(), { turns: [{ text: "ok" }], loop: true });
    const system = "You are a careful assistant. ".repeat(200);
    const ask = (question: string) => genai().models.generateContent({ model: "gemini-2.5-flash", contents: question, config: { systemInstruction: system } });
    const first = await ask("First question?");
    const second = await ask("Second question?");
    expect(first.usageMetadata?.cachedContentTokenCount).toBeUndefined();
    expect(second.usageMetadata?.cachedContentTokenCount).toBe(Math.ceil(system.length / 4));
    expect(second.usageMetadata?.promptTokenCount).toBeGreaterThanOrEqual(1024);
  });

  it("a bad key is 400 API_KEY_INVALID", async () => {
    const client = new GoogleGenAI({ apiKey: "AIzaSyWRONG", httpOptions: { baseUrl: served.baseUrl } });
    const error = await client.models.generateContent({ model: "gemini-2.5-flash", contents: "hi" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    const body = JSON.parse((error as ApiError).message) as { error: { status: string; message: string; details: { reason?: string }[] } };
    expect(body.error.status).toBe("INVALID_ARGUMENT");
    expect(body.error.message).toBe("API key not valid. Please pass a valid API key.");
    expect(body.error.details[0]?.reason).toBe("API_KEY_INVALID");
  });

  it("an invalid request is 400 INVALID_ARGUMENT with Google's message", async () => {
    const error = (await genai()
      .models.generateContent({
        model: "gemini-2.5-flash",
        contents: [
          { role: "user", parts: [{ text: "Read both" }] },
          { role: "model", parts: [{ functionCall: { name: "read", args: { path: "a" } } }, { functionCall: { name: "read", args: { path: "b" } } }] },
          { role: "user", parts: [{ functionResponse: { name: "read", response: { output: "A" } } }] },
        ],
      })
      .catch((caught: unknown) => caught)) as ApiError;
    expect(error.status).toBe(400);
    expect(JSON.parse(error.message)).toEqual({
      error: { code: 400, message: "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.", status: "INVALID_ARGUMENT" },
    });
  });

  it("a rate-limit fault is 429 RESOURCE_EXHAUSTED with a RetryInfo delay", async () => {
    twin.tenant().faults = { rules: [{ methods: ["models.generateContent"], rateLimit: { limit: 1, windowMs: 60_000 } }] };
    await genai().models.generateContent({ model: "gemini-2.5-flash", contents: "one" });
    const error = (await genai().models.generateContent({ model: "gemini-2.5-flash", contents: "two" }).catch((caught: unknown) => caught)) as ApiError;
    expect(error.status).toBe(429);
    const body = JSON.parse(error.message) as { error: { status: string; details: { "@type": string; retryDelay?: string }[] } };
    expect(body.error.status).toBe("RESOURCE_EXHAUSTED");
    expect(body.error.details.find((detail) => detail["@type"].endsWith("RetryInfo"))?.retryDelay).toMatch(/^\d+s$/);
  });

  it("an unknown model is 404 NOT_FOUND; models.list and models.get describe the served models", async () => {
    const error = (await genai().models.generateContent({ model: "gemini-0-imaginary", contents: "hi" }).catch((caught: unknown) => caught)) as ApiError;
    expect(error.status).toBe(404);
    expect(error.message).toContain("NOT_FOUND");
    const model = await genai().models.get({ model: "gemini-2.5-flash" });
    expect(model.name).toBe("models/gemini-2.5-flash");
    const names: string[] = [];
    for await (const listed of await genai().models.list()) names.push(listed.name ?? "");
    expect(names).toContain("models/gemini-2.5-pro");
  });

  it("countTokens counts the prompt as generateContent does", async () => {
    const counted = await genai().models.countTokens({ model: "gemini-2.5-flash", contents: "Count these tokens please" });
    expect(counted.totalTokens).toBe(Math.ceil("Count these tokens please".length / 4));
  });
});

describe("@ai-sdk/google against the Gemini twin", () => {
  it("generateText returns the text, reasoning and usage", async () => {
    setPolicy(twin.tenant(), { turns: [{ reasoning: "Short answer.", text: "Four." }] });
    const result = await generateText({
      model: google()("gemini-2.5-flash"),
      prompt: "2+2?",
      maxRetries: 0,
      providerOptions: { google: { thinkingConfig: { includeThoughts: true } } },
    });
    expect(result.text).toBe("Four.");
    expect(result.reasoningText).toBe("Short answer.");
    expect(result.finishReason).toBe("stop");
    expect(result.usage.outputTokenDetails.reasoningTokens).toBe(4);
    expect(result.response.id).toMatch(/^[A-Za-z0-9_-]{23}$/);
  });

  it("streamText streams the text deltas", async () => {
    const text = "A streamed answer that the twin cuts into more than one server-sent event.";
    setPolicy(twin.tenant(), { turns: [{ text }] });
    const result = streamText({ model: google()("gemini-2.5-flash"), prompt: "Stream", maxRetries: 0 });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(text);
    expect(await result.finishReason).toBe("stop");
  });

  it("streamText streams reasoning and a tool call, then the answer after the tool ran", async () => {
    setPolicy(twin.tenant(), (request) =>
      request.index === 0 ? { reasoning: "I should look it up.", toolCalls: [{ name: "lookup", arguments: { term: "twin" } }] } : { text: "Found it." },
    );
    const result = streamText({
      model: google()("gemini-3-pro-preview"),
      prompt: "Look up twin",
      maxRetries: 0,
      stopWhen: stepCountIs(3),
      providerOptions: { google: { thinkingConfig: { includeThoughts: true } } },
      tools: {
        lookup: tool({
          inputSchema: jsonSchema<{ term: string }>({ type: "object", properties: { term: { type: "string" } }, required: ["term"] }),
          execute: ({ term }) => `definition of ${term}`,
        }),
      },
    });
    const types: string[] = [];
    for await (const part of result.fullStream) types.push(part.type);
    expect(types).toContain("reasoning-delta");
    expect(types).toContain("tool-call");
    expect(types).toContain("tool-result");
    expect(await result.text).toBe("Found it.");
    const steps = await result.steps;
    expect(steps[0]!.toolCalls[0]).toMatchObject({ toolName: "lookup", input: { term: "twin" } });
    expect(steps[0]!.usage.outputTokenDetails.reasoningTokens).toBe(5);
    // Gemini 3 wants the signature of a function call back with it: the SDK returns the twin's.
    const second = JSON.stringify(twin.tenant().log.filter((entry) => entry.method === "models.streamGenerateContent")[1]!.body);
    expect(second).toMatch(/"thoughtSignature":"[A-Za-z0-9_-]{40}=="/);
    expect(second).not.toContain("skip_thought_signature_validator");
  });

  it("a tool loop: the call is executed and its result reaches the policy", async () => {
    const seen: PolicyRequest[] = [];
    setPolicy(twin.tenant(), (request) => {
      seen.push(request);
      return request.index === 0 ? { toolCalls: [{ name: "add", arguments: { a: 2, b: 3 } }] } : { text: "The sum is 5." };
    });
    const result = await generateText({
      model: google()("gemini-2.5-flash"),
      prompt: "Add 2 and 3",
      maxRetries: 0,
      stopWhen: stepCountIs(3),
      tools: {
        add: tool({
          inputSchema: jsonSchema<{ a: number; b: number }>({ type: "object", properties: { a: { type: "number" }, b: { type: "number" } }, required: ["a", "b"] }),
          execute: ({ a, b }) => ({ sum: a + b }),
        }),
      },
    });
    expect(result.text).toBe("The sum is 5.");
    expect(result.steps[0]!.finishReason).toBe("tool-calls");
    expect(seen[1]!.messages.at(-1)).toMatchObject({ role: "tool-result", id: "add#0" });
    expect(JSON.parse((seen[1]!.messages.at(-1) as { output: string }).output)).toEqual({ sum: 5 });
  });

  it("passes the thinking level through as the policy's reasoning, and parallel calls come back as one step", async () => {
    const seen: PolicyRequest[] = [];
    setPolicy(twin.tenant(), (request) => {
      seen.push(request);
      return request.index === 0
        ? { toolCalls: [{ name: "read", arguments: { path: "a.txt" } }, { name: "read", arguments: { path: "b.txt" } }] }
        : { text: "Read both." };
    });
    const result = await generateText({
      model: google()("gemini-3-pro-preview"),
      prompt: "Read a.txt and b.txt",
      maxRetries: 0,
      stopWhen: stepCountIs(3),
      providerOptions: { google: { thinkingConfig: { thinkingLevel: "high" } } },
      tools: {
        read: tool({
          inputSchema: jsonSchema<{ path: string }>({ type: "object", properties: { path: { type: "string" } }, required: ["path"] }),
          execute: ({ path }) => `contents of ${path}`,
        }),
      },
    });
    expect(result.text).toBe("Read both.");
    expect(seen[0]!.reasoning).toBe("high");
    expect(result.steps[0]!.toolCalls.map((call) => call.input)).toEqual([{ path: "a.txt" }, { path: "b.txt" }]);
    expect(seen[1]!.messages.filter((message) => message.role === "tool-result")).toEqual([
      { role: "tool-result", id: "read#0", output: "contents of a.txt" },
      { role: "tool-result", id: "read#1", output: "contents of b.txt" },
    ]);
  });

  it("cached input tokens show in the usage on a repeated long prefix", async () => {
    setPolicy(twin.tenant(), { turns: [{ text: "ok" }], loop: true });
    const system = "Reference material for the task. ".repeat(160);
    const ask = (prompt: string) => generateText({ model: google()("gemini-2.5-flash"), system, prompt, maxRetries: 0 });
    await ask("first");
    const second = await ask("second");
    expect(second.usage.inputTokenDetails.cacheReadTokens).toBe(Math.ceil(system.length / 4));
  });

  it("errors: a bad key (400), a 429 and a scripted 400 keep Google's shape", async () => {
    const badKey = await generateText({ model: google("AIzaSyWRONG")("gemini-2.5-flash"), prompt: "hi", maxRetries: 0 }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(badKey)).toBe(true);
    expect((badKey as APICallError).statusCode).toBe(400);
    expect((badKey as APICallError).message).toBe("API key not valid. Please pass a valid API key.");

    setPolicy(twin.tenant(), { turns: [{ error: { status: 429, retryAfterSeconds: 7 } }, { error: { status: 400, message: "Scripted bad request." } }] });
    const limited = (await generateText({ model: google()("gemini-2.5-flash"), prompt: "hi", maxRetries: 0 }).catch((caught: unknown) => caught)) as APICallError;
    expect(limited.statusCode).toBe(429);
    expect(limited.isRetryable).toBe(true);
    expect(JSON.parse(limited.responseBody ?? "{}").error.details.at(-1)).toEqual({ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "7s" });
    const invalid = (await generateText({ model: google()("gemini-2.5-flash"), prompt: "hi", maxRetries: 0 }).catch((caught: unknown) => caught)) as APICallError;
    expect(invalid.statusCode).toBe(400);
    expect(JSON.parse(invalid.responseBody ?? "{}")).toEqual({ error: { code: 400, message: "Scripted bad request.", status: "INVALID_ARGUMENT" } });
  });
});
