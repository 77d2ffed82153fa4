/**
 * Fidelity of the Anthropic twin: the official `@anthropic-ai/sdk` client and the AI SDK's
 * `@ai-sdk/anthropic` provider, unchanged, against the twin served on loopback.
 */
import Anthropic from "@anthropic-ai/sdk";
import { createAnthropic } from "@ai-sdk/anthropic";
import { APICallError, generateText, jsonSchema, stepCountIs, streamText, tool } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ServedTwin, serveTwin } from "../../src/twins/kit/index.js";
import { anthropicApiKey, createAnthropicTwin } from "../../src/twins/anthropic/index.js";
import { type PolicyRequest, type ScriptedTurn, setPolicy } from "../../src/twins/llm-policy/index.js";

const twin = createAnthropicTwin({ seed: 5 });
let served: ServedTwin;
let apiKey: string;
const MODEL = "claude-sonnet-4-6";
/** About 1,500 tokens: over the 1,024-token minimum a cache breakpoint needs. */
const LONG_SYSTEM = "You are a careful coding agent working in a repository. ".repeat(110);

beforeAll(async () => {
  served = await serveTwin(twin);
  apiKey = anthropicApiKey(twin.tenant());
});
afterAll(() => served.close());
beforeEach(() => {
  const tenant = twin.tenant();
  tenant.reset();
  tenant.faults = { rules: [] };
});

const client = (key = apiKey) => new Anthropic({ apiKey: key, baseURL: served.baseUrl, maxRetries: 0 });
const provider = (key = apiKey) => createAnthropic({ apiKey: key, baseURL: `${served.baseUrl}/v1` });

/** Calls a tool first, then answers with what the tool returned. */
function toolRoundTrip(request: PolicyRequest): ScriptedTurn {
  const result = request.messages.findLast((message) => message.role === "tool-result");
  if (result && result.role === "tool-result") return { text: `The file says: ${result.output}` };
  return { text: "Reading it.", toolCalls: [{ name: "read_file", arguments: { path: "README.md" } }] };
}

describe("@anthropic-ai/sdk against the Anthropic twin", () => {
  it("messages.create answers the scripted text with Anthropic's ids, stop reason, usage and request id", async () => {
    setPolicy(twin.tenant(), { turns: [{ text: "Paris is the capital of France." }] });
    const response = await client().messages.create({ model: MODEL, max_tokens: 256, messages: [{ role: "user", content: "Capital of France?" }] }).withResponse();
    const message = response.data;
    expect(message.content).toEqual([{ type: "text", text: "Paris is the capital of France." }]);
    expect(message.id).toMatch(/^msg_01[0-9A-Za-z]{22}$/);
    expect(message.model).toBe(MODEL);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBe(8);
    expect(response.request_id).toMatch(/^req_011C/);
  });

  it("messages.stream delivers the text in deltas and a final message equal to the non-streamed one", async () => {
    const text = "One two three four five six seven eight nine ten.";
    setPolicy(twin.tenant(), { turns: [{ text }] });
    const stream = client().messages.stream({ model: MODEL, max_tokens: 256, messages: [{ role: "user", content: "Count to ten." }] });
    const deltas: string[] = [];
    stream.on("text", (delta) => deltas.push(delta));
    const final = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(text);
    expect(final.content).toEqual([{ type: "text", text }]);
    expect(final.stop_reason).toBe("end_turn");
    expect(final.usage.output_tokens).toBeGreaterThan(1);
  });

  it("runs a tool use round trip: tool_use with a toolu_ id, then the tool_result is answered", async () => {
    setPolicy(twin.tenant(), toolRoundTrip);
    const tools = [{ name: "read_file", description: "Read a file", input_schema: { type: "object" as const, properties: { path: { type: "string" } }, required: ["path"] } }];
    const messages: Anthropic.MessageParam[] = [{ role: "user", content: "What does the README say?" }];
    const first = await client().messages.stream({ model: MODEL, max_tokens: 256, tools, messages }).finalMessage();
    expect(first.stop_reason).toBe("tool_use");
    const call = first.content.find((block) => block.type === "tool_use");
    expect(call).toMatchObject({ type: "tool_use", name: "read_file", input: { path: "README.md" } });
    expect(call?.type === "tool_use" && call.id).toMatch(/^toolu_01/);
    messages.push({ role: "assistant", content: first.content }, { role: "user", content: [{ type: "tool_result", tool_use_id: call!.type === "tool_use" ? call!.id : "", content: "Lightsout" }] });
    const second = await client().messages.create({ model: MODEL, max_tokens: 256, tools, messages });
    expect(second.content).toEqual([{ type: "text", text: "The file says: Lightsout" }]);
  });

  it("answers thinking blocks with a signature when thinking is enabled, streamed and not", async () => {
    setPolicy(twin.tenant(), { turns: [{ reasoning: "The user wants a greeting.", text: "Hello!" }] });
    const params = { model: MODEL, max_tokens: 4096, thinking: { type: "enabled" as const, budget_tokens: 2048 }, messages: [{ role: "user" as const, content: "Greet me." }] };
    const created = await client().messages.create(params);
    expect(created.content[0]).toMatchObject({ type: "thinking", thinking: "The user wants a greeting." });
    expect(created.content[0]?.type === "thinking" && created.content[0].signature.length).toBeGreaterThan(20);
    const streamed = await client().messages.stream(params).finalMessage();
    expect(streamed.content.map((block) => block.type)).toEqual(["thinking", "text"]);
    expect(streamed.content[0]?.type === "thinking" && streamed.content[0].signature).toMatch(/^[A-Za-z0-9+/=]+$/);
    const plain = await client().messages.create({ ...params, thinking: { type: "disabled" } });
    expect(plain.content.map((block) => block.type)).toEqual(["text"]);
  });

  it("writes the prompt cache on the first request and reads it on the next; it expires after 5 virtual minutes", async () => {
    setPolicy(twin.tenant(), { turns: [{ text: "ok" }] });
    const params = { model: MODEL, max_tokens: 64, system: [{ type: "text" as const, text: LONG_SYSTEM, cache_control: { type: "ephemeral" as const } }], messages: [{ role: "user" as const, content: "Hi" }] };
    const first = await client().messages.create(params);
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(1024);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    const second = await client().messages.create(params);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(second.usage.input_tokens).toBe(first.usage.input_tokens);
    twin.tenant().advance(6 * 60_000);
    const third = await client().messages.create(params);
    expect(third.usage.cache_creation_input_tokens).toBe(first.usage.cache_creation_input_tokens);
  });

  it("refuses a wrong key with 401 authentication_error", async () => {
    const error = await client("sk-ant-wrong").messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((error as InstanceType<typeof Anthropic.AuthenticationError>).error).toMatchObject({ type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } });
  });

  it("answers 429 rate_limit_error with retry-after and Anthropic's rate-limit headers", async () => {
    twin.tenant().faults = { rules: [{ methods: ["POST /v1/messages"], rateLimit: { limit: 1, windowMs: 60_000 } }] };
    await client().messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "hi" }] });
    const error = (await client().messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught)) as InstanceType<typeof Anthropic.RateLimitError>;
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error.error).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
    expect(Number(error.headers?.get("retry-after"))).toBeGreaterThan(0);
    expect(error.headers?.get("anthropic-ratelimit-requests-limit")).toBe("1");
    expect(error.headers?.get("anthropic-ratelimit-requests-remaining")).toBe("0");
  });

  it("answers a bad request with 400 invalid_request_error in Anthropic's shape", async () => {
    const missing = (await client().messages.create({ model: MODEL, messages: [{ role: "user", content: "hi" }] } as unknown as Anthropic.MessageCreateParamsNonStreaming).catch((caught: unknown) => caught)) as InstanceType<typeof Anthropic.BadRequestError>;
    expect(missing).toBeInstanceOf(Anthropic.BadRequestError);
    expect(missing.error).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: "max_tokens: Field required" } });
    const repeated = (await client().messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: "user", content: "a" }, { role: "user", content: "b" }] }).catch((caught: unknown) => caught)) as InstanceType<typeof Anthropic.BadRequestError>;
    expect(repeated.status).toBe(400);
    expect(repeated.error).toMatchObject({ error: { type: "invalid_request_error", message: 'messages: roles must alternate between "user" and "assistant", but found multiple "user" roles in a row' } });
    const unknown = (await client().messages.create({ model: "claude-nope", max_tokens: 10, messages: [{ role: "user", content: "a" }] }).catch((caught: unknown) => caught)) as InstanceType<typeof Anthropic.NotFoundError>;
    expect(unknown).toBeInstanceOf(Anthropic.NotFoundError);
    expect(unknown.error).toMatchObject({ error: { type: "not_found_error", message: "model: claude-nope" } });
  });

  it("counts tokens and lists models", async () => {
    const counted = await client().messages.countTokens({ model: MODEL, messages: [{ role: "user", content: "x".repeat(400) }] });
    expect(counted.input_tokens).toBe(100);
    const models = await client().models.list();
    expect(models.data.map((model) => model.id)).toContain("claude-sonnet-4-5-20250929");
    const model = await client().models.retrieve("claude-opus-4-6");
    expect(model.display_name).toBe("Claude Opus 4.6");
  });
});

describe("@ai-sdk/anthropic against the Anthropic twin", () => {
  it("generateText and streamText answer the scripted text", async () => {
    setPolicy(twin.tenant(), { turns: [{ text: "Hello from Claude, the twin." }], loop: true });
    const generated = await generateText({ model: provider()(MODEL), prompt: "Say hello", maxRetries: 0 });
    expect(generated.text).toBe("Hello from Claude, the twin.");
    expect(generated.finishReason).toBe("stop");
    expect(generated.usage.outputTokens).toBe(7);
    const streamed = streamText({ model: provider()(MODEL), prompt: "Say hello", maxRetries: 0 });
    const parts: string[] = [];
    for await (const part of streamed.textStream) parts.push(part);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join("")).toBe("Hello from Claude, the twin.");
    expect(await streamed.finishReason).toBe("stop");
  });

  it("runs a tool round trip through generateText and streamText", async () => {
    setPolicy(twin.tenant(), toolRoundTrip);
    const tools = {
      read_file: tool({
        description: "Read a file",
        inputSchema: jsonSchema<{ path: string }>({ type: "object", properties: { path: { type: "string" } }, required: ["path"] }),
        execute: async ({ path }) => `contents of ${path}`,
      }),
    };
    const generated = await generateText({ model: provider()(MODEL), prompt: "Read the README", tools, stopWhen: stepCountIs(3), maxRetries: 0 });
    expect(generated.steps[0]?.toolCalls[0]).toMatchObject({ toolName: "read_file", input: { path: "README.md" } });
    expect(generated.text).toBe("The file says: contents of README.md");
    const streamed = streamText({ model: provider()(MODEL), prompt: "Read the README", tools, stopWhen: stepCountIs(3), maxRetries: 0 });
    expect(await streamed.text).toBe("The file says: contents of README.md");
    expect((await streamed.steps)[0]?.toolCalls[0]?.input).toEqual({ path: "README.md" });
  });

  it("returns reasoning when thinking is enabled, streamed and not", async () => {
    setPolicy(twin.tenant(), { turns: [{ reasoning: "Think first.", text: "Done." }], loop: true });
    const providerOptions = { anthropic: { thinking: { type: "enabled", budgetTokens: 1024 } } };
    const generated = await generateText({ model: provider()(MODEL), prompt: "Go", providerOptions, maxRetries: 0 });
    expect(generated.reasoningText).toBe("Think first.");
    expect(generated.text).toBe("Done.");
    const streamed = streamText({ model: provider()(MODEL), prompt: "Go", providerOptions, maxRetries: 0 });
    expect(await streamed.reasoningText).toBe("Think first.");
    expect(await streamed.text).toBe("Done.");
  });

  it("sends thinking signatures back unchanged through a tool loop with thinking enabled", async () => {
    setPolicy(twin.tenant(), (request) => {
      const done = request.messages.some((message) => message.role === "tool-result");
      return done ? { reasoning: "Now answer.", text: "All read." } : { reasoning: "I should read the file.", toolCalls: [{ name: "read_file", arguments: { path: "a.txt" } }] };
    });
    const tools = { read_file: tool({ inputSchema: jsonSchema<{ path: string }>({ type: "object", properties: { path: { type: "string" } }, required: ["path"] }), execute: async () => "text" }) };
    const providerOptions = { anthropic: { thinking: { type: "enabled", budgetTokens: 1024 } } };
    const result = await generateText({ model: provider()(MODEL), prompt: "Read a.txt", tools, stopWhen: stepCountIs(3), providerOptions, maxRetries: 0 });
    expect(result.text).toBe("All read.");
    expect(result.steps.map((step) => step.reasoningText)).toEqual(["I should read the file.", "Now answer."]);
  });

  it("reports the cache write and then the cache read", async () => {
    setPolicy(twin.tenant(), { turns: [{ text: "ok" }], loop: true });
    const call = () =>
      generateText({
        model: provider()(MODEL),
        messages: [
          { role: "system", content: LONG_SYSTEM, providerOptions: { anthropic: { cacheControl: { type: "ephemeral" } } } },
          { role: "user", content: "Hi" },
        ],
        allowSystemInMessages: true,
        maxRetries: 0,
      });
    const first = await call();
    expect(first.usage.inputTokenDetails.cacheWriteTokens).toBeGreaterThan(1024);
    expect(first.usage.inputTokenDetails.cacheReadTokens).toBe(0);
    const second = await call();
    expect(second.usage.inputTokenDetails.cacheReadTokens).toBe(first.usage.inputTokenDetails.cacheWriteTokens);
    expect(second.usage.inputTokens).toBe(first.usage.inputTokens);
  });

  it("surfaces 401, 429 with retry-after, and 400 as APICallErrors", async () => {
    const unauthorized = await generateText({ model: provider("sk-ant-wrong")(MODEL), prompt: "hi", maxRetries: 0 }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(unauthorized) && unauthorized.statusCode).toBe(401);
    setPolicy(twin.tenant(), { turns: [{ error: { status: 429, retryAfterSeconds: 7 } }] });
    const limited = await generateText({ model: provider()(MODEL), prompt: "hi", maxRetries: 0 }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(limited) && limited.statusCode).toBe(429);
    expect(APICallError.isInstance(limited) && limited.responseHeaders?.["retry-after"]).toBe("7");
    setPolicy(twin.tenant(), { turns: [{ error: { status: 400, message: "prompt is too long: 210000 tokens > 200000 maximum" } }] });
    const invalid = await generateText({ model: provider()(MODEL), prompt: "hi", maxRetries: 0 }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(invalid) && invalid.statusCode).toBe(400);
    expect(APICallError.isInstance(invalid) && JSON.parse(invalid.responseBody ?? "{}")).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: "prompt is too long: 210000 tokens > 200000 maximum" } });
  });
});
