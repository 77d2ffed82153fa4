import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLlmClient } from "./client.js";
import { assistantMessage, Message, responseReasoning, responseText, responseToolCalls, type Request, type StreamEvent, toolResultMessage, userMessage } from "./types.js";

interface Sent {
  url: string;
  body: Record<string, unknown>;
}

/** A fetch that answers canned replies in order and records what was sent. */
function cannedFetch(...replies: (() => globalThis.Response)[]): { fetch: typeof globalThis.fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch = (async (url: string | URL | globalThis.Request, init?: RequestInit) => {
    sent.push({ url: String(url), body: JSON.parse(String(init?.body ?? "{}")) as Record<string, unknown> });
    const reply = replies[Math.min(sent.length - 1, replies.length - 1)]!;
    return reply();
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => () =>
  new globalThis.Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const sse = (events: [string | undefined, unknown][]) => () =>
  new globalThis.Response(events.map(([name, data]) => `${name ? `event: ${name}\n` : ""}data: ${JSON.stringify(data)}\n\n`).join(""), {
    status: 200,
    headers: { "content-type": "text/event-stream" },
  });

const ENV = { OPENAI_API_KEY: "sk-test", ANTHROPIC_API_KEY: "ak-test", GEMINI_API_KEY: "gk-test", LOCAL_BASE_URL: "http://local.test/v1" };
const readFile = { name: "read_file", description: "Read a file", parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] } };

const anthropicReply = {
  id: "msg_1",
  type: "message",
  role: "assistant",
  model: "claude-sonnet-4-5-20250929",
  content: [
    { type: "thinking", thinking: "Need the file.", signature: "sig-1" },
    { type: "text", text: "Reading it." },
    { type: "tool_use", id: "toolu_1", name: "read_file", input: { path: "a.txt" } },
  ],
  stop_reason: "tool_use",
  usage: { input_tokens: 100, output_tokens: 20, cache_read_input_tokens: 300, cache_creation_input_tokens: 50 },
};

describe("createLlmClient: Anthropic Messages", () => {
  it("translates text, signed thinking, tool calls, finish reason, cached usage and rate limits", async () => {
    const { fetch } = cannedFetch(json(anthropicReply, 200, { "anthropic-ratelimit-requests-remaining": "49", "anthropic-ratelimit-requests-limit": "50" }));
    const client = createLlmClient({ env: ENV, fetch, retry: { maxRetries: 0 } });
    const response = await client.complete({ model: "anthropic:claude-sonnet-4-5", messages: [userMessage("Read a.txt")], tools: [readFile] });
    expect(response).toMatchObject({ id: "msg_1", model: "claude-sonnet-4-5-20250929", provider: "anthropic", finishReason: { reason: "tool_calls", raw: "tool_use" } });
    expect(responseText(response)).toBe("Reading it.");
    expect(responseReasoning(response)).toBe("Need the file.");
    expect(response.message.content[0]).toEqual({ kind: "thinking", text: "Need the file.", signature: "sig-1" });
    expect(responseToolCalls(response)).toEqual([{ id: "toolu_1", name: "read_file", arguments: { path: "a.txt" }, rawArguments: '{"path":"a.txt"}' }]);
    expect(response.usage).toEqual({ inputTokens: 450, outputTokens: 20, totalTokens: 470, reasoningTokens: 4, cacheReadTokens: 300, cacheWriteTokens: 50 });
    expect(response.rateLimit).toEqual({ requestsRemaining: 49, requestsLimit: 50 });
  });

  it("sends the round trip natively: system with a cache breakpoint, signed thinking, tool_use and tool_result, thinking budget", async () => {
    const { fetch, sent } = cannedFetch(json({ ...anthropicReply, content: [{ type: "text", text: "Done." }], stop_reason: "end_turn" }));
    const client = createLlmClient({ env: ENV, fetch, retry: { maxRetries: 0 } });
    const request: Request = {
      model: "anthropic:claude-sonnet-4-5",
      messages: [
        Message.system("You are terse."),
        userMessage("Read a.txt"),
        assistantMessage([
          { kind: "thinking", text: "Need the file.", signature: "sig-1" },
          { kind: "tool_call", id: "toolu_1", name: "read_file", arguments: { path: "a.txt" } },
        ]),
        toolResultMessage("toolu_1", "hello", false),
      ],
      tools: [readFile],
      reasoningEffort: "medium",
    };
    const response = await client.complete(request);
    expect(response.finishReason).toEqual({ reason: "stop", raw: "end_turn" });
    const body = sent[0]!.body;
    expect(sent[0]!.url).toBe("https://api.anthropic.com/v1/messages");
    expect(body["system"]).toEqual([{ type: "text", text: "You are terse.", cache_control: { type: "ephemeral" } }]);
    expect(body["thinking"]).toEqual({ type: "enabled", budget_tokens: 4096 });
    expect(body["messages"]).toEqual([
      { role: "user", content: [{ type: "text", text: "Read a.txt" }] },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "Need the file.", signature: "sig-1" },
          { type: "tool_use", id: "toolu_1", name: "read_file", input: { path: "a.txt" } },
        ],
      },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "hello", cache_control: { type: "ephemeral" } }] },
    ]);
  });

  it("marks the tool definitions for caching, sends beta headers, and lets autoCache: false turn the marks off", async () => {
    const { fetch, sent } = cannedFetch(json({ ...anthropicReply, content: [{ type: "text", text: "ok" }], stop_reason: "end_turn" }));
    const seenHeaders: Headers[] = [];
    const recording = (async (url: string, init?: RequestInit) => {
      seenHeaders.push(new Headers(init?.headers));
      return fetch(url, init);
    }) as typeof globalThis.fetch;
    const client = createLlmClient({ env: ENV, fetch: recording, retry: { maxRetries: 0 } });
    const base: Request = { model: "claude-haiku-4-5", provider: "anthropic", messages: [Message.developer("Rules."), userMessage("hi")], tools: [readFile] };
    await client.complete({ ...base, providerOptions: { anthropic: { betaHeaders: ["interleaved-thinking-2025-05-14"] } } });
    expect((sent[0]!.body["tools"] as Record<string, unknown>[])[0]).toMatchObject({ name: "read_file", cache_control: { type: "ephemeral" } });
    expect(seenHeaders[0]!.get("anthropic-beta")).toContain("interleaved-thinking-2025-05-14");
    expect(sent[0]!.body).not.toHaveProperty("betaHeaders");
    await client.complete({ ...base, providerOptions: { anthropic: { autoCache: false } } });
    expect(JSON.stringify(sent[1]!.body)).not.toContain("cache_control");
    expect(sent[1]!.body["system"]).toEqual([{ type: "text", text: "Rules." }]);
  });

  it("streams start/delta/end events and finishes with the accumulated response", async () => {
    const { fetch } = cannedFetch(
      sse([
        ["message_start", { type: "message_start", message: { id: "msg_2", type: "message", role: "assistant", model: "claude-sonnet-4-5", content: [], stop_reason: null, usage: { input_tokens: 10, output_tokens: 1, cache_read_input_tokens: 4 } } }],
        ["content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }],
        ["content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hel" } }],
        ["content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "lo" } }],
        ["content_block_stop", { type: "content_block_stop", index: 0 }],
        ["content_block_start", { type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "toolu_9", name: "read_file", input: {} } }],
        ["content_block_delta", { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '{"path":' } }],
        ["content_block_delta", { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '"b.txt"}' } }],
        ["content_block_stop", { type: "content_block_stop", index: 1 }],
        ["message_delta", { type: "message_delta", delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 12 } }],
        ["message_stop", { type: "message_stop" }],
      ]),
    );
    const client = createLlmClient({ env: ENV, fetch, retry: { maxRetries: 0 } });
    const events: StreamEvent[] = [];
    for await (const event of client.stream({ model: "anthropic:claude-sonnet-4-5", messages: [userMessage("hi")], tools: [readFile] })) events.push(event);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe("stream-start");
    expect(types).toContain("text-start");
    expect(events.filter((event) => event.type === "text-delta").map((event) => (event as { delta: string }).delta).join("")).toBe("Hello");
    expect(types.indexOf("tool-call-start")).toBeLessThan(types.indexOf("tool-call-delta"));
    expect(events.find((event) => event.type === "tool-call-end")).toMatchObject({ toolCall: { id: "toolu_9", name: "read_file", arguments: { path: "b.txt" } } });
    const finish = events[events.length - 1]!;
    expect(finish.type).toBe("finish");
    if (finish.type !== "finish") return;
    expect(finish.finishReason.reason).toBe("tool_calls");
    expect(finish.usage).toMatchObject({ inputTokens: 14, outputTokens: 12, cacheReadTokens: 4 });
    expect(responseText(finish.response)).toBe("Hello");
    expect(finish.response.id).toBe("msg_2");
  });
});

describe("createLlmClient: images", () => {
  it("sends URL, inline and local-file images in each provider's own shape", async () => {
    const directory = mkdtempSync(join(tmpdir(), "llm-image-"));
    const file = join(directory, "shot.jpg");
    writeFileSync(file, Buffer.from([1, 2, 3]));
    const message = {
      role: "user" as const,
      content: [
        { kind: "text" as const, text: "What is in these?" },
        { kind: "image" as const, url: "https://example.test/cat.png", mediaType: "image/png" },
        { kind: "image" as const, data: new Uint8Array([4, 5, 6]) },
        { kind: "image" as const, url: file },
      ],
    };
    const { fetch, sent } = cannedFetch(json({ ...anthropicReply, content: [{ type: "text", text: "cats" }], stop_reason: "end_turn" }));
    await createLlmClient({ env: ENV, fetch, retry: { maxRetries: 0 } }).complete({ model: "anthropic:claude-haiku-4-5", messages: [message], providerOptions: { anthropic: { autoCache: false } } });
    const content = (sent[0]!.body["messages"] as { content: unknown[] }[])[0]!.content;
    expect(content.slice(1)).toEqual([
      { type: "image", source: { type: "url", url: "https://example.test/cat.png" } },
      { type: "image", source: { type: "base64", media_type: "image/png", data: Buffer.from([4, 5, 6]).toString("base64") } },
      { type: "image", source: { type: "base64", media_type: "image/jpeg", data: Buffer.from([1, 2, 3]).toString("base64") } },
    ]);
  });
});

describe("createLlmClient: OpenAI Responses API", () => {
  it("calls /responses with reasoning effort and reads reasoning, tool calls and cached/reasoning tokens", async () => {
    const { fetch, sent } = cannedFetch(
      json({
        id: "resp_1",
        object: "response",
        created_at: 1,
        model: "gpt-5-2025-08-07",
        status: "completed",
        output: [
          { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "Look at the file." }] },
          { type: "message", id: "msg_1", role: "assistant", status: "completed", content: [{ type: "output_text", text: "Sure.", annotations: [] }] },
          { type: "function_call", id: "fc_1", call_id: "call_1", name: "read_file", arguments: '{"path":"a.txt"}', status: "completed" },
        ],
        usage: { input_tokens: 100, input_tokens_details: { cached_tokens: 40 }, output_tokens: 30, output_tokens_details: { reasoning_tokens: 20 } },
        incomplete_details: null,
      }),
    );
    const seen: string[] = [];
    const client = createLlmClient({ env: ENV, fetch, retry: { maxRetries: 0 }, onCall: (record) => seen.push(record.modelId) });
    const response = await client.complete({ model: "openai:gpt-5", messages: [Message.system("Be brief."), userMessage("Read a.txt")], tools: [readFile], reasoningEffort: "high" });
    expect(sent[0]!.url).toBe("https://api.openai.com/v1/responses");
    expect(sent[0]!.body).toMatchObject({ model: "gpt-5", reasoning: { effort: "high" } });
    expect(responseText(response)).toBe("Sure.");
    expect(responseReasoning(response)).toBe("Look at the file.");
    expect(responseToolCalls(response)).toEqual([{ id: "call_1", name: "read_file", arguments: { path: "a.txt" }, rawArguments: '{"path":"a.txt"}' }]);
    expect(response.finishReason.reason).toBe("tool_calls");
    expect(response.usage).toEqual({ inputTokens: 100, outputTokens: 30, totalTokens: 130, reasoningTokens: 20, cacheReadTokens: 40 });
    expect(seen).toEqual(["openai:gpt-5"]);
  });
});

describe("createLlmClient: Gemini", () => {
  it("infers tool_calls, synthesizes nothing it need not, and round-trips the thought signature", async () => {
    const { fetch, sent } = cannedFetch(
      json({
        candidates: [{ content: { role: "model", parts: [{ text: "Thinking...", thought: true }, { functionCall: { name: "read_file", args: { path: "a.txt" } }, thoughtSignature: "ts-1" }] }, finishReason: "STOP" }],
        usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 10, thoughtsTokenCount: 5, cachedContentTokenCount: 60, totalTokenCount: 115 },
        modelVersion: "gemini-2.5-pro",
        responseId: "g-1",
      }),
    );
    const client = createLlmClient({ env: ENV, fetch, retry: { maxRetries: 0 } });
    const first = await client.complete({ model: "google:gemini-2.5-pro", messages: [userMessage("Read a.txt")], tools: [readFile], reasoningEffort: "low" });
    expect(sent[0]!.url).toContain("/models/gemini-2.5-pro:generateContent");
    expect(sent[0]!.body["generationConfig"]).toMatchObject({ thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } });
    expect(first.finishReason).toEqual({ reason: "tool_calls", raw: "STOP" });
    expect(first.usage).toEqual({ inputTokens: 100, outputTokens: 15, totalTokens: 115, reasoningTokens: 5, cacheReadTokens: 60 });
    const call = responseToolCalls(first)[0]!;
    expect(call).toMatchObject({ name: "read_file", arguments: { path: "a.txt" } });
    expect(call.id).not.toBe("");

    await client.complete({ model: "google:gemini-2.5-pro", messages: [userMessage("Read a.txt"), first.message, toolResultMessage(call.id, "hello")], tools: [readFile] });
    const contents = sent[1]!.body["contents"] as { role: string; parts: Record<string, unknown>[] }[];
    expect(contents[1]!.parts.find((part) => "functionCall" in part)).toMatchObject({ functionCall: { name: "read_file", args: { path: "a.txt" } }, thoughtSignature: "ts-1" });
    expect(contents[2]!.parts[0]).toMatchObject({ functionResponse: { name: "read_file" } });
  });
});

describe("createLlmClient: OpenAI-compatible", () => {
  it("calls <NAME>_BASE_URL/chat/completions", async () => {
    const { fetch, sent } = cannedFetch(
      json({ id: "c1", object: "chat.completion", created: 1, model: "llama3.1", choices: [{ index: 0, message: { role: "assistant", content: "Hi" }, finish_reason: "stop" }], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } }),
    );
    const response = await createLlmClient({ env: ENV, fetch, retry: { maxRetries: 0 } }).complete({ model: "openai-compatible:local/llama3.1", messages: [userMessage("hi")] });
    expect(sent[0]!.url).toBe("http://local.test/v1/chat/completions");
    expect(response).toMatchObject({ provider: "openai-compatible", usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 }, finishReason: { reason: "stop" } });
    expect(responseText(response)).toBe("Hi");
  });
});

describe("createLlmClient: errors, retries and cancellation", () => {
  const okText = json({ ...anthropicReply, content: [{ type: "text", text: "ok" }], stop_reason: "end_turn" });
  const request: Request = { model: "anthropic:claude-haiku-4-5", messages: [userMessage("hi")] };

  it("retries a 429 after its Retry-After and succeeds", async () => {
    const { fetch, sent } = cannedFetch(json({ type: "error", error: { type: "rate_limit_error", message: "slow down" } }, 429, { "retry-after": "7" }), okText);
    const slept: number[] = [];
    const client = createLlmClient({ env: ENV, fetch, retry: { sleep: async (ms) => void slept.push(ms) } });
    expect(responseText(await client.complete(request))).toBe("ok");
    expect(sent).toHaveLength(2);
    expect(slept).toEqual([7000]);
  });

  it("does not retry a 401 and reports an authentication error", async () => {
    const { fetch, sent } = cannedFetch(json({ type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } }, 401));
    const client = createLlmClient({ env: ENV, fetch, retry: { sleep: async () => undefined } });
    await expect(client.complete(request)).rejects.toMatchObject({ kind: "authentication", statusCode: 401, retryable: false, code: "LLM_PROVIDER" });
    expect(sent).toHaveLength(1);
  });

  it("stops a stream mid-way when the signal aborts, with a CANCELLED error", async () => {
    const encoder = new TextEncoder();
    const openStream = (async (_url: string, init?: RequestInit) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          const event = (name: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`));
          event("message_start", { type: "message_start", message: { id: "msg_3", type: "message", role: "assistant", model: "claude-haiku-4-5", content: [], stop_reason: null, usage: { input_tokens: 1, output_tokens: 1 } } });
          event("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } });
          event("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "partial" } });
          init?.signal?.addEventListener("abort", () => controller.error(Object.assign(new Error("aborted"), { name: "AbortError" })));
        },
      });
      return new globalThis.Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
    }) as typeof globalThis.fetch;
    const controller = new AbortController();
    const seen: string[] = [];
    await expect(async () => {
      for await (const event of createLlmClient({ env: ENV, fetch: openStream }).stream(request, { signal: controller.signal })) {
        seen.push(event.type);
        if (event.type === "text-delta") controller.abort();
      }
    }).rejects.toMatchObject({ kind: "aborted", code: "CANCELLED" });
    expect(seen).toContain("text-delta");
    expect(seen).not.toContain("finish");
  });

  it("reports a missing key before any request, naming the variable", async () => {
    const { fetch, sent } = cannedFetch(okText);
    await expect(createLlmClient({ env: {}, fetch }).complete(request)).rejects.toMatchObject({ code: "LLM_CONFIG", message: expect.stringContaining("ANTHROPIC_API_KEY") });
    expect(sent).toHaveLength(0);
  });

  it("cancels the in-flight request when the signal aborts", async () => {
    let fetchSawAbort = false;
    const hanging = ((_url: string, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => {
          fetchSawAbort = true;
          reject(Object.assign(new Error("aborted"), { name: "AbortError" }));
        });
      })) as unknown as typeof globalThis.fetch;
    const controller = new AbortController();
    const pending = createLlmClient({ env: ENV, fetch: hanging }).complete(request, { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toMatchObject({ kind: "aborted", code: "CANCELLED" });
    expect(fetchSawAbort).toBe(true);
  });
});
