/**
 * The LLM layer end to end: our client over the real AI SDK provider adapters, over HTTP, against
 * the OpenAI, Anthropic and Gemini twins answering from scripted policies. The same behaviours
 * for each provider: text, a tool call round trip, streaming, usage with cached and reasoning
 * tokens, a 429 with Retry-After retried, a 401 not retried, and cancellation.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLlmClient, generate, generateObject, type LlmClient, type LlmClientOptions, type Request, responseReasoning, responseText, responseToolCalls, type StreamEvent, toolResultMessage, userMessage, Message } from "../src/llm/index.js";
import { anthropicApiKey, createAnthropicTwin } from "../src/twins/anthropic/index.js";
import { createGeminiTwin, geminiApiKey } from "../src/twins/gemini/index.js";
import { type ServedTwin, serveTwin, type Tenant, type Twin } from "../src/twins/kit/index.js";
import { type PolicyRequest, type ScriptedTurn, setPolicy } from "../src/twins/llm-policy/index.js";
import { createOpenAITwin, openaiApiKey } from "../src/twins/openai/index.js";

interface ProviderCase {
  name: string;
  model: string;
  twin: Twin;
  env: (served: ServedTwin, key: string) => Record<string, string>;
  apiKey: (tenant: Tenant) => string;
}

const CASES: ProviderCase[] = [
  {
    name: "openai",
    model: "openai:gpt-5",
    twin: createOpenAITwin({ seed: 11 }),
    env: (served, key) => ({ OPENAI_API_KEY: key, OPENAI_BASE_URL: `${served.baseUrl}/v1` }),
    apiKey: openaiApiKey,
  },
  {
    name: "anthropic",
    model: "anthropic:claude-sonnet-4-6",
    twin: createAnthropicTwin({ seed: 12 }),
    env: (served, key) => ({ ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: `${served.baseUrl}/v1` }),
    apiKey: anthropicApiKey,
  },
  {
    name: "gemini",
    model: "google:gemini-2.5-pro",
    twin: createGeminiTwin({ seed: 13 }),
    env: (served, key) => ({ GEMINI_API_KEY: key, GEMINI_BASE_URL: `${served.baseUrl}/v1beta` }),
    apiKey: geminiApiKey,
  },
];

const readFile = { name: "read_file", description: "Read a file of the repository", parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] } };

/** Calls read_file first, then answers with what the tool returned. */
function toolRoundTrip(request: PolicyRequest): ScriptedTurn {
  const result = request.messages.findLast((message) => message.role === "tool-result");
  if (result && result.role === "tool-result") return { text: `The file says: ${result.output}` };
  return { text: "Reading it.", toolCalls: [{ name: "read_file", arguments: { path: "README.md" } }] };
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe.each(CASES)("the LLM layer against the $name twin", (providerCase) => {
  let served: ServedTwin;
  let tenant: Tenant;
  const slept: number[] = [];
  const client = (options: Partial<LlmClientOptions> = {}, key?: string): LlmClient =>
    createLlmClient({ env: providerCase.env(served, key ?? providerCase.apiKey(tenant)), retry: { sleep: async (ms) => void slept.push(ms) }, ...options });
  const ask = (text: string, extra: Partial<Request> = {}): Request => ({ model: providerCase.model, messages: [Message.system("You are terse."), userMessage(text)], maxTokens: 2048, ...extra });

  beforeAll(async () => {
    served = await serveTwin(providerCase.twin);
    tenant = providerCase.twin.tenant();
  });
  afterAll(() => served.close());
  beforeEach(() => {
    tenant.reset();
    tenant.faults = { rules: [] };
    slept.length = 0;
  });

  it("completes a text answer with stop and counted usage", async () => {
    setPolicy(tenant, { turns: [{ text: "Paris." }] });
    const response = await client().complete(ask("Capital of France?"));
    expect(responseText(response)).toBe("Paris.");
    expect(response.finishReason.reason).toBe("stop");
    expect(response.provider).toBe(providerCase.model.startsWith("google") ? "google" : providerCase.name);
    expect(response.usage.inputTokens).toBeGreaterThan(0);
    expect(response.usage.totalTokens).toBe(response.usage.inputTokens + response.usage.outputTokens);
  });

  it("round-trips a tool call: the model asks, we answer, the model uses the result", async () => {
    setPolicy(tenant, toolRoundTrip);
    const llm = client();
    const request = ask("What does README.md say?", { tools: [readFile] });
    const first = await llm.complete(request);
    expect(first.finishReason.reason).toBe("tool_calls");
    const [call] = responseToolCalls(first);
    expect(call).toMatchObject({ name: "read_file", arguments: { path: "README.md" } });
    const second = await llm.complete({ ...request, messages: [...request.messages, first.message, toolResultMessage(call!.id, "hello world")] });
    expect(responseText(second)).toBe("The file says: hello world");
    expect(second.finishReason.reason).toBe("stop");
  });

  it("returns parallel tool calls together and takes all their results in one continuation", async () => {
    setPolicy(tenant, (policyRequest) => {
      const results = policyRequest.messages.filter((message) => message.role === "tool-result");
      if (results.length > 0) return { text: results.map((message) => (message.role === "tool-result" ? message.output : "")).join(" + ") };
      return { toolCalls: [{ name: "read_file", arguments: { path: "a.txt" } }, { name: "read_file", arguments: { path: "b.txt" } }] };
    });
    const llm = client();
    const request = ask("Read both", { tools: [readFile] });
    const first = await llm.complete(request);
    const calls = responseToolCalls(first);
    expect(calls.map((call) => call.arguments["path"])).toEqual(["a.txt", "b.txt"]);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
    const results = calls.map((call) => toolResultMessage(call.id, `contents of ${String(call.arguments["path"])}`));
    const second = await llm.complete({ ...request, messages: [...request.messages, first.message, ...results] });
    expect(responseText(second)).toBe("contents of a.txt + contents of b.txt");
  });

  it("generateObject: the schema reaches the provider as structured output, the answer comes back parsed and validated", async () => {
    setPolicy(tenant, { turns: [{ text: '{"city": "Paris", "population": 2102650}' }] });
    const schema = { type: "object", properties: { city: { type: "string" }, population: { type: "integer" } }, required: ["city", "population"], additionalProperties: false };
    const result = await generateObject<{ city: string; population: number }>({ client: client(), model: providerCase.model, prompt: "Largest city of France, as JSON", schema, schemaName: "city" });
    expect(result.object).toEqual({ city: "Paris", population: 2102650 });
  });

  it("generate: a multi-step tool loop (3 rounds) with an active tool ends in the model's answer", async () => {
    setPolicy(tenant, (policyRequest) => {
      const results = policyRequest.messages.filter((message) => message.role === "tool-result");
      return results.length < 3 ? { toolCalls: [{ name: "read_file", arguments: { path: `part${results.length}.txt` } }] } : { text: `Read ${results.length} parts.` };
    });
    const read = { ...readFile, execute: async (args: Record<string, unknown>) => `contents of ${String(args["path"])}` };
    const result = await generate({ client: client(), model: providerCase.model, prompt: "Read the three parts", tools: [read], maxToolRounds: 5 });
    expect(result.steps).toHaveLength(4);
    expect(result.text).toBe("Read 3 parts.");
  });

  it("streams text and tool calls as start/delta/end events ending in finish", async () => {
    setPolicy(tenant, { turns: [{ text: "Streaming works fine.", toolCalls: [{ name: "read_file", arguments: { path: "a.txt" } }] }] });
    const events = await collect(client().stream(ask("Go", { tools: [readFile] })));
    const deltas = events.flatMap((event) => (event.type === "text-delta" ? [event.delta] : []));
    expect(deltas.join("")).toBe("Streaming works fine.");
    expect(events.some((event) => event.type === "text-start")).toBe(true);
    expect(events.find((event) => event.type === "tool-call-end")).toMatchObject({ toolCall: { name: "read_file", arguments: { path: "a.txt" } } });
    const finish = events[events.length - 1]!;
    expect(finish.type).toBe("finish");
    if (finish.type !== "finish") return;
    expect(finish.finishReason.reason).toBe("tool_calls");
    expect(responseText(finish.response)).toBe("Streaming works fine.");
    expect(responseToolCalls(finish.response)).toHaveLength(1);
  });

  it("reports cached and reasoning tokens, and reasoning text", async () => {
    setPolicy(tenant, { turns: [{ text: "42.", reasoning: "Think it through.", usage: { inputTokens: 2000, cachedInputTokens: 1500, outputTokens: 300, reasoningTokens: 200 } }] });
    const response = await client().complete(ask("The answer?", { reasoningEffort: "low" }));
    expect(responseText(response)).toBe("42.");
    expect(response.usage.cacheReadTokens).toBe(1500);
    expect(response.usage.reasoningTokens).toBeGreaterThan(0);
    if (providerCase.name !== "openai") expect(responseReasoning(response)).toBe("Think it through.");
  });

  it("reads the conversation prefix from the prompt cache on the second turn", async () => {
    setPolicy(tenant, { turns: [{ text: "First." }, { text: "Second." }] });
    const llm = client();
    // About 3,000 tokens: over every provider's minimum cacheable prompt.
    const longSystem = "You are a careful coding agent working in a repository of TypeScript code. ".repeat(160);
    const request: Request = { model: providerCase.model, messages: [Message.system(longSystem), userMessage("Turn one.")], maxTokens: 1024 };
    const first = await llm.complete(request);
    const second = await llm.complete({ ...request, messages: [...request.messages, first.message, userMessage("Turn two.")] });
    expect(responseText(second)).toBe("Second.");
    expect(second.usage.cacheReadTokens ?? 0).toBeGreaterThan(second.usage.inputTokens / 2);
  });

  it("stops a stream mid-way when the signal aborts", async () => {
    setPolicy(tenant, { turns: [{ text: "word ".repeat(400) }] });
    const controller = new AbortController();
    const seen: string[] = [];
    await expect(async () => {
      for await (const event of client().stream(ask("Talk"), { signal: controller.signal })) {
        seen.push(event.type);
        if (event.type === "text-delta") controller.abort();
      }
    }).rejects.toMatchObject({ kind: "aborted" });
    expect(seen).not.toContain("finish");
  });

  it("retries a 429 after its Retry-After and then succeeds", async () => {
    setPolicy(tenant, { turns: [{ error: { status: 429, retryAfterSeconds: 2 } }, { text: "Finally." }] });
    const response = await client().complete(ask("Hi"));
    expect(responseText(response)).toBe("Finally.");
    expect(slept).toEqual([2000]);
  });

  it("reports a bad key as an authentication error without retrying", async () => {
    setPolicy(tenant, { turns: [{ text: "never" }] });
    await expect(client({}, "not-a-valid-key").complete(ask("Hi"))).rejects.toMatchObject({ kind: "authentication", retryable: false });
    expect(slept).toEqual([]);
  });

  it("cancels the in-flight request when the signal aborts", async () => {
    let release: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (release = resolve));
    let started: () => void = () => undefined;
    const requestArrived = new Promise<void>((resolve) => (started = resolve));
    setPolicy(tenant, async () => {
      started();
      await answered;
      return { text: "too late" };
    });
    const controller = new AbortController();
    const pending = client().complete(ask("Slow"), { signal: controller.signal });
    await requestArrived;
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: "aborted", code: "CANCELLED" });
    release();
  });
});

describe("OpenAI reasoning items go back on the next turn (Responses API)", () => {
  const twin = createOpenAITwin({ seed: 21 });
  let served: ServedTwin;
  let tenant: Tenant;
  const seen: PolicyRequest[] = [];
  const llm = (): LlmClient => createLlmClient({ env: { OPENAI_API_KEY: openaiApiKey(tenant), OPENAI_BASE_URL: `${served.baseUrl}/v1` } });
  const request = (extra: Partial<Request> = {}): Request => ({
    model: "openai:gpt-5",
    messages: [userMessage("What does README.md say?")],
    tools: [readFile],
    reasoningEffort: "medium",
    ...extra,
  });

  beforeAll(async () => {
    served = await serveTwin(twin);
    tenant = twin.tenant();
  });
  afterAll(() => served.close());
  beforeEach(() => {
    tenant.reset();
    seen.length = 0;
    setPolicy(tenant, (policyRequest) => {
      seen.push(policyRequest);
      const result = policyRequest.messages.findLast((message) => message.role === "tool-result");
      if (result) return { text: "Done.", reasoning: "Now I can answer." };
      return { reasoning: "The user wants the README; read it first.", toolCalls: [{ name: "read_file", arguments: { path: "README.md" } }] };
    });
  });

  async function twoTurns(first: Request, streaming: boolean): Promise<void> {
    const client = llm();
    const response = streaming ? await finishOf(client.stream(first)) : await client.complete(first);
    const thinking = response.message.content.find((part) => part.kind === "thinking");
    expect(thinking).toMatchObject({ kind: "thinking", providerData: { openai: { itemId: expect.stringMatching(/^rs_/) } } });
    const [call] = responseToolCalls(response);
    await client.complete({ ...first, messages: [...first.messages, response.message, toolResultMessage(call!.id, "hello")] });
    expect(seen).toHaveLength(2);
    expect(seen[0]!.priorReasoning).toBeUndefined();
    expect(seen[1]!.priorReasoning).toEqual(["The user wants the README; read it first."]);
  }

  async function finishOf(stream: AsyncIterable<StreamEvent>) {
    const events = await collect(stream);
    const finish = events.at(-1);
    if (finish?.type !== "finish") throw new Error("no finish event");
    return finish.response;
  }

  it("by reference to the stored item (store: true, the default)", async () => {
    await twoTurns(request(), false);
  });

  it("by reference when streamed too", async () => {
    await twoTurns(request(), true);
  });

  it("with its encrypted content when nothing is stored (store: false)", async () => {
    const first = request({ providerOptions: { openai: { store: false } } });
    const client = llm();
    const response = await client.complete(first);
    const thinking = response.message.content.find((part) => part.kind === "thinking");
    expect(thinking).toMatchObject({ providerData: { openai: { reasoningEncryptedContent: expect.stringMatching(/^gAAAAA/) } } });
    seen.length = 0;
    await twoTurns(first, false);
  });

  it("the twin refuses encrypted reasoning it did not issue, as OpenAI does", async () => {
    const forged = { role: "assistant" as const, content: [{ kind: "thinking" as const, text: "", providerData: { openai: { itemId: "rs_forged", reasoningEncryptedContent: "gAAAAAnot-the-twins" } } }] };
    const attempt = llm().complete(request({ providerOptions: { openai: { store: false } }, messages: [userMessage("Hi"), forged, userMessage("Again")] }));
    await expect(attempt).rejects.toMatchObject({ kind: "invalid_request", message: expect.stringMatching(/encrypted content for item rs_forged could not be verified/) });
  });
});
