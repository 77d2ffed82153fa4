/**
 * Fidelity of the OpenAI twin: the official `openai` client and the AI SDK's `@ai-sdk/openai`
 * provider, unchanged, against the twin served on loopback.
 */
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { APICallError, generateText, jsonSchema, stepCountIs, streamText, tool } from "ai";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ServedTwin, serveTwin } from "../../src/twins/kit/index.js";
import { type PolicyRequest, setPolicy } from "../../src/twins/llm-policy/index.js";
import { createOpenAITwin, openaiApiKey } from "../../src/twins/openai/index.js";

const twin = createOpenAITwin({ seed: 5 });
let served: ServedTwin;
let apiKey: string;

beforeAll(async () => {
  served = await serveTwin(twin);
  apiKey = openaiApiKey(twin.tenant());
});
afterAll(() => served.close());
beforeEach(() => {
  const tenant = twin.tenant();
  tenant.reset();
  tenant.faults = { rules: [] };
});

const client = (key = apiKey) => new OpenAI({ apiKey: key, baseURL: `${served.baseUrl}/v1`, maxRetries: 0 });
const provider = (key = apiKey) => createOpenAI({ apiKey: key, baseURL: `${served.baseUrl}/v1` });

/** A prompt of about `tokens` tokens (4 characters a token, as the twin estimates). */
const longText = (tokens: number) => "The quick brown fox jumps over the lazy dog. ".repeat(Math.ceil((tokens * 4) / 45));

describe("the openai SDK against the Responses API", () => {
  it("answers the scripted text with usage and OpenAI's ids", async () => {
    setPolicy(twin.tenant(), { turns: [{ text: "Paris is the capital of France." }] });
    const response = await client().responses.create({ model: "gpt-4.1", input: "What is the capital of France?", instructions: "Be brief." });
    expect(response.output_text).toBe("Paris is the capital of France.");
    expect(response.id).toMatch(/^resp_[0-9a-f]{48}$/);
    expect(response._request_id).toMatch(/^req_[0-9a-f]{32}$/);
    expect(response.status).toBe("completed");
    expect(response.model).toBe("gpt-4.1-2025-04-14");
    expect(response.created_at).toBe(Date.UTC(2026, 0, 1) / 1000 + 1);
    expect(response.output[0]).toMatchObject({ type: "message", role: "assistant", id: expect.stringMatching(/^msg_/) });
    expect(response.usage?.output_tokens).toBeGreaterThan(0);
    expect(response.usage?.total_tokens).toBe((response.usage?.input_tokens ?? 0) + (response.usage?.output_tokens ?? 0));
    expect(response.usage?.input_tokens_details.cached_tokens).toBe(0);
  });

  it("streams the events OpenAI emits, in order, ending with response.completed and usage", async () => {
    const text = "Streaming works: this sentence is long enough to be cut into several deltas.";
    setPolicy(twin.tenant(), { turns: [{ text }] });
    const stream = await client().responses.create({ model: "gpt-4.1", input: "Stream please", stream: true });
    const events = [];
    for await (const event of stream) events.push(event);
    const types = events.map((event) => event.type);
    expect(types.slice(0, 4)).toEqual(["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"]);
    expect(types.slice(-5)).toEqual(["response.output_text.delta", "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"]);
    expect(types.filter((type) => type === "response.output_text.delta").length).toBeGreaterThan(1);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    const deltas = events.flatMap((event) => (event.type === "response.output_text.delta" ? [event.delta] : []));
    expect(deltas.join("")).toBe(text);
    const last = events.at(-1);
    expect(last?.type).toBe("response.completed");
    if (last?.type === "response.completed") expect(last.response.usage?.output_tokens).toBeGreaterThan(0);
  });

  it("returns a function call, and sees its output on the next turn", async () => {
    const seen: PolicyRequest[] = [];
    setPolicy(twin.tenant(), (request) => {
      seen.push(request);
      return request.index === 0 ? { toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }] } : { text: "It is sunny." };
    });
    const tools = [{ type: "function" as const, name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } }, strict: false }];
    const first = await client().responses.create({ model: "gpt-4.1", input: "Weather in Paris?", tools });
    const call = first.output.find((item) => item.type === "function_call");
    expect(call).toMatchObject({ type: "function_call", name: "get_weather", arguments: '{"city":"Paris"}', call_id: expect.stringMatching(/^call_/), id: expect.stringMatching(/^fc_/) });
    if (call?.type !== "function_call") throw new Error("no call");
    const second = await client().responses.create({
      model: "gpt-4.1",
      tools,
      input: [{ role: "user", content: "Weather in Paris?" }, call, { type: "function_call_output", call_id: call.call_id, output: "sunny, 21C" }],
    });
    expect(second.output_text).toBe("It is sunny.");
    expect(seen[0]!.tools).toEqual(["get_weather"]);
    expect(seen[1]!.messages).toEqual([
      { role: "user", text: "Weather in Paris?" },
      { role: "tool-call", id: call.call_id, name: "get_weather", arguments: { city: "Paris" } },
      { role: "tool-result", id: call.call_id, output: "sunny, 21C" },
    ]);
  });

  it("continues from previous_response_id", async () => {
    const seen: PolicyRequest[] = [];
    setPolicy(twin.tenant(), (request) => (seen.push(request), { text: `answer ${request.index}` }));
    const first = await client().responses.create({ model: "gpt-4.1", input: "one" });
    await client().responses.create({ model: "gpt-4.1", input: "two", previous_response_id: first.id });
    expect(seen[1]!.messages).toEqual([
      { role: "user", text: "one" },
      { role: "assistant", text: "answer 0" },
      { role: "user", text: "two" },
    ]);
  });

  it("returns parallel function calls in one response", async () => {
    setPolicy(twin.tenant(), { turns: [{ toolCalls: [{ name: "read_file", arguments: { path: "a" } }, { name: "read_file", arguments: { path: "b" } }] }] });
    const response = await client().responses.create({ model: "gpt-4.1", input: "read a and b", tools: [{ type: "function", name: "read_file", parameters: {}, strict: false }] });
    const calls = response.output.filter((item) => item.type === "function_call");
    expect(calls.map((call) => call.arguments)).toEqual(['{"path":"a"}', '{"path":"b"}']);
    expect(new Set(calls.map((call) => call.call_id)).size).toBe(2);
  });

  it("shows a reasoning summary when asked, counts reasoning tokens, and passes the effort to the policy", async () => {
    const efforts: (string | undefined)[] = [];
    setPolicy(twin.tenant(), (request) => (efforts.push(request.reasoning), { reasoning: "The user wants a number; 6 times 7 is 42.", text: "42" }));
    const response = await client().responses.create({ model: "o4-mini", input: "6*7?", reasoning: { effort: "low", summary: "auto" } });
    expect(response.output[0]).toMatchObject({ type: "reasoning", summary: [{ type: "summary_text", text: "The user wants a number; 6 times 7 is 42." }] });
    expect(response.output_text).toBe("42");
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(11);
    expect(response.reasoning?.effort).toBe("low");
    expect(efforts).toEqual(["low"]);
  });

  it("reads a repeated long prefix from the cache, in 128-token steps above 1,024", async () => {
    setPolicy(twin.tenant(), { turns: [{ text: "ok" }] });
    const instructions = longText(1500);
    const first = await client().responses.create({ model: "gpt-4.1", instructions, input: "first question" });
    expect(first.usage?.input_tokens_details.cached_tokens).toBe(0);
    const second = await client().responses.create({ model: "gpt-4.1", instructions, input: "second question" });
    const cached = second.usage?.input_tokens_details.cached_tokens ?? 0;
    expect(cached).toBeGreaterThanOrEqual(1024);
    expect(cached % 128).toBe(0);
    expect(cached).toBeLessThanOrEqual(second.usage?.input_tokens ?? 0);
    const short = await client().responses.create({ model: "gpt-4.1", instructions: "short", input: "short" });
    expect(short.usage?.input_tokens_details.cached_tokens).toBe(0);
  });
});

describe("the openai SDK's stream helper", () => {
  it("accumulates the events into the final response (reasoning, text and a call)", async () => {
    setPolicy(twin.tenant(), { turns: [{ reasoning: "Plan: call the tool.", text: "Calling it.", toolCalls: [{ name: "lookup", arguments: { q: "x" } }] }] });
    const stream = client().responses.stream({
      model: "gpt-5",
      input: "go",
      reasoning: { effort: "medium", summary: "auto" },
      tools: [{ type: "function", name: "lookup", parameters: { type: "object", properties: { q: { type: "string" } } }, strict: false }],
    });
    const final = await stream.finalResponse();
    expect(final.output.map((item) => item.type)).toEqual(["reasoning", "message", "function_call"]);
    expect(final.output_text).toBe("Calling it.");
    expect(final.output[2]).toMatchObject({ name: "lookup", arguments: '{"q":"x"}' });
    expect(final.usage?.output_tokens_details.reasoning_tokens).toBe(5);
  });
});

describe("errors through the openai SDK", () => {
  it("a wrong key is a 401 AuthenticationError with code invalid_api_key", async () => {
    const error = await client("sk-wrong-key-0000").responses.create({ model: "gpt-4.1", input: "hi" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    const apiError = error as InstanceType<typeof OpenAI.AuthenticationError>;
    expect(apiError.status).toBe(401);
    expect(apiError.code).toBe("invalid_api_key");
    expect(apiError.type).toBe("invalid_request_error");
    expect(apiError.param).toBeNull();
  });

  it("a rate-limited request is a 429 RateLimitError with retry-after and x-ratelimit headers", async () => {
    twin.tenant().faults = { rules: [{ methods: ["responses.create"], rateLimit: { limit: 1, windowMs: 60_000 } }] };
    setPolicy(twin.tenant(), { turns: [{ text: "ok" }] });
    await client().responses.create({ model: "gpt-4.1", input: "one" });
    const error = await client().responses.create({ model: "gpt-4.1", input: "two" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const apiError = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(apiError.code).toBe("rate_limit_exceeded");
    expect(apiError.type).toBe("requests");
    expect(apiError.headers?.get("retry-after")).toBe("59");
    expect(apiError.headers?.get("x-ratelimit-limit-requests")).toBe("1");
    expect(apiError.headers?.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(apiError.headers?.get("x-ratelimit-reset-requests")).toBe("59s");
  });

  it("a scripted 429 answers with retry-after from the turn", async () => {
    setPolicy(twin.tenant(), { turns: [{ error: { status: 429, retryAfterSeconds: 7 } }] });
    const error = await client().responses.create({ model: "gpt-4.1", input: "hi" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers?.get("retry-after")).toBe("7");
  });

  it("a bad request is a 400 BadRequestError naming the parameter", async () => {
    const noModel = await client().responses.create({ input: "hi" } as never).catch((caught: unknown) => caught);
    expect(noModel).toBeInstanceOf(OpenAI.BadRequestError);
    expect((noModel as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("model");
    const badItem = await client().responses.create({ model: "gpt-4.1", input: [{ type: "bogus" }] as never }).catch((caught: unknown) => caught);
    expect(badItem).toMatchObject({ status: 400, param: "input[0].type", code: "invalid_value", type: "invalid_request_error" });
    const unnamed = await client().responses.create({ model: "gpt-4.1", input: "hi", tools: [{ type: "function", parameters: {} }] as never }).catch((caught: unknown) => caught);
    expect(unnamed).toMatchObject({ status: 400, param: "tools[0].name", code: "missing_required_parameter" });
    const unknown = await client().responses.create({ model: "gpt-9", input: "hi" }).catch((caught: unknown) => caught);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect(unknown).toMatchObject({ code: "model_not_found" });
  });
});

describe("Chat Completions through the openai SDK", () => {
  it("answers text, and streams chunks with usage when include_usage is set", async () => {
    setPolicy(twin.tenant(), { turns: [{ text: "Hello there, this is a streamed chat completion." }] });
    const completion = await client().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
    expect(completion.choices[0]?.message.content).toBe("Hello there, this is a streamed chat completion.");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.id).toMatch(/^chatcmpl-/);
    const stream = await client().chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], stream: true, stream_options: { include_usage: true } });
    let text = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe("Hello there, this is a streamed chat completion.");
    expect(finish).toBe("stop");
    expect(usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
  });

  it("returns tool calls, streamed with their index", async () => {
    setPolicy(twin.tenant(), { turns: [{ toolCalls: [{ id: "call_fixed", name: "read_file", arguments: { path: "README.md" } }] }] });
    const stream = await client().chat.completions.create({
      model: "gpt-4o",
      messages: [{ role: "user", content: "read it" }],
      tools: [{ type: "function", function: { name: "read_file", parameters: { type: "object", properties: { path: { type: "string" } } } } }],
      stream: true,
    });
    let args = "";
    let id: string | undefined;
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        id = call.id ?? id;
        args += call.function?.arguments ?? "";
      }
    }
    expect(id).toBe("call_fixed");
    expect(JSON.parse(args)).toEqual({ path: "README.md" });
  });

  it("lists models", async () => {
    const ids = [];
    for await (const model of client().models.list()) ids.push(model.id);
    expect(ids).toContain("gpt-4.1");
    expect(ids).toContain("o4-mini");
  });
});

describe("@ai-sdk/openai (Responses) against the twin", () => {
  const weather = tool({
    description: "The weather in a city",
    inputSchema: jsonSchema<{ city: string }>({ type: "object", properties: { city: { type: "string" } }, required: ["city"] }),
    execute: async ({ city }) => `sunny in ${city}`,
  });

  it("generateText returns the text and usage", async () => {
    setPolicy(twin.tenant(), { turns: [{ text: "Hi from the twin." }] });
    const result = await generateText({ model: provider().responses("gpt-4.1"), prompt: "hello" });
    expect(result.text).toBe("Hi from the twin.");
    expect(result.finishReason).toBe("stop");
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });

  it("streamText streams the text", async () => {
    const text = "A streamed answer, long enough to need several deltas on the wire.";
    setPolicy(twin.tenant(), { turns: [{ text }] });
    const result = streamText({ model: provider().responses("gpt-4.1"), prompt: "hello" });
    const pieces: string[] = [];
    for await (const piece of result.textStream) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join("")).toBe(text);
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
  });

  it("runs a tool call and sends its result on the next turn (store: item references resolve)", async () => {
    const seen: PolicyRequest[] = [];
    setPolicy(twin.tenant(), (request) => {
      seen.push(request);
      return request.index === 0 ? { reasoning: "I need the weather.", toolCalls: [{ name: "weather", arguments: { city: "Oslo" } }] } : { text: "Sunny in Oslo." };
    });
    const result = await generateText({
      model: provider().responses("o4-mini"),
      prompt: "Weather in Oslo?",
      tools: { weather },
      stopWhen: stepCountIs(3),
      providerOptions: { openai: { reasoningSummary: "auto" } },
    });
    expect(result.text).toBe("Sunny in Oslo.");
    expect(result.steps[0]?.reasoningText).toBe("I need the weather.");
    expect(result.steps[0]?.usage.reasoningTokens).toBe(5);
    // The AI SDK stores responses (store: true) and sends the reasoning back as an item_reference.
    const sent = twin.tenant().log.at(-1)?.body as { input: { type?: string }[] };
    expect(sent.input.some((item) => item.type === "item_reference")).toBe(true);
    const second = seen[1]!;
    expect(second.messages.at(-2)).toMatchObject({ role: "tool-call", name: "weather", arguments: { city: "Oslo" } });
    expect(second.messages.at(-1)).toMatchObject({ role: "tool-result", output: expect.stringContaining("sunny in Oslo") });
  });

  it("works without store: reasoning goes back as encrypted_content, not item references", async () => {
    setPolicy(twin.tenant(), (request) => (request.index === 0 ? { reasoning: "Need data.", toolCalls: [{ name: "weather", arguments: { city: "Oslo" } }] } : { text: "Done." }));
    const result = await generateText({
      model: provider().responses("gpt-5-mini"),
      prompt: "Weather in Oslo?",
      tools: { weather },
      stopWhen: stepCountIs(3),
      providerOptions: { openai: { store: false, include: ["reasoning.encrypted_content"], reasoningSummary: "auto" } },
    });
    expect(result.text).toBe("Done.");
    const sent = twin.tenant().log.at(-1)?.body as { store: boolean; input: { type?: string; encrypted_content?: string }[] };
    expect(sent.store).toBe(false);
    expect(sent.input.some((item) => item.type === "item_reference")).toBe(false);
    expect(sent.input.find((item) => item.type === "reasoning")?.encrypted_content).toMatch(/^gAAAAA/);
  });

  it("streamText streams reasoning and reports cached tokens on a repeated long prefix", async () => {
    setPolicy(twin.tenant(), { turns: [{ reasoning: "Thinking about it in some detail.", text: "Done." }] });
    const system = longText(1300);
    const run = async () => {
      const result = streamText({ model: provider().responses("gpt-5"), system, prompt: "go", providerOptions: { openai: { reasoningSummary: "detailed" } } });
      let reasoning = "";
      for await (const part of result.fullStream) if (part.type === "reasoning-delta") reasoning += part.text;
      return { reasoning, usage: await result.usage };
    };
    const first = await run();
    expect(first.reasoning).toBe("Thinking about it in some detail.");
    expect(first.usage.outputTokenDetails.reasoningTokens).toBe(9);
    const second = await run();
    expect(second.usage.inputTokenDetails.cacheReadTokens).toBeGreaterThanOrEqual(1280);
  });

  it("a wrong key and a 429 surface as APICallErrors with the status and retry-after", async () => {
    const denied = await generateText({ model: provider("sk-nope").responses("gpt-4.1"), prompt: "hi", maxRetries: 0 }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(denied)).toBe(true);
    expect((denied as APICallError).statusCode).toBe(401);
    setPolicy(twin.tenant(), { turns: [{ error: { status: 429, retryAfterSeconds: 3 } }] });
    const limited = await generateText({ model: provider().responses("gpt-4.1"), prompt: "hi", maxRetries: 0 }).catch((caught: unknown) => caught);
    expect((limited as APICallError).statusCode).toBe(429);
    expect((limited as APICallError).responseHeaders?.["retry-after"]).toBe("3");
    expect((limited as APICallError).isRetryable).toBe(true);
  });
});

describe("@ai-sdk/openai-compatible (Chat Completions) against the twin", () => {
  it("streams text and a tool call with usage, and sends the tool result back", async () => {
    const seen: PolicyRequest[] = [];
    setPolicy(twin.tenant(), (request) => {
      seen.push(request);
      return request.index === 0 ? { toolCalls: [{ name: "weather", arguments: { city: "Rome" } }] } : { text: "Warm in Rome." };
    });
    const compatible = createOpenAICompatible({ name: "twin", apiKey, baseURL: `${served.baseUrl}/v1`, includeUsage: true });
    const weather = tool({
      inputSchema: jsonSchema<{ city: string }>({ type: "object", properties: { city: { type: "string" } }, required: ["city"] }),
      execute: async ({ city }) => `warm in ${city}`,
    });
    const result = streamText({ model: compatible.chatModel("gpt-4o"), prompt: "Weather in Rome?", tools: { weather }, stopWhen: stepCountIs(3) });
    let text = "";
    for await (const piece of result.textStream) text += piece;
    expect(text).toBe("Warm in Rome.");
    expect((await result.totalUsage).inputTokens).toBeGreaterThan(0);
    expect(seen[1]!.messages.at(-1)).toMatchObject({ role: "tool-result", output: expect.stringContaining("warm in Rome") });
  });
});
