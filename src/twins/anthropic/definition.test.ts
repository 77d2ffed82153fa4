import { describe, expect, it } from "vitest";
import { type ScriptedTurn, setPolicy } from "../llm-policy/index.js";
import { anthropicApiKey, createAnthropicTwin } from "./index.js";

const BASE = "http://anthropic.test";

function call(twin: ReturnType<typeof createAnthropicTwin>, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const key = anthropicApiKey(twin.tenant());
  return twin.fetch(
    new Request(`${BASE}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
}

const ask = (extra: Record<string, unknown> = {}) => ({ model: "claude-sonnet-4-6", max_tokens: 100, messages: [{ role: "user", content: "hi" }], ...extra });

function scripted(turns: ScriptedTurn[]) {
  const twin = createAnthropicTwin({ seed: 9 });
  setPolicy(twin.tenant(), { turns, loop: true });
  return twin;
}

describe("the Anthropic twin in-process", () => {
  it("has a deterministic sk-ant-twin key per seed, shown by describe", async () => {
    const twin = createAnthropicTwin({ seed: 9 });
    expect(anthropicApiKey(twin.tenant())).toMatch(/^sk-ant-twin-[0-9A-Za-z]{40}$/);
    expect(anthropicApiKey(createAnthropicTwin({ seed: 9 }).tenant())).toBe(anthropicApiKey(twin.tenant()));
    expect(anthropicApiKey(createAnthropicTwin({ seed: 10 }).tenant())).not.toBe(anthropicApiKey(twin.tenant()));
    const described = (await (await twin.fetch(new Request(`${BASE}/_twin/tenants/default/describe`))).json()) as { credentials: { apiKey: string } };
    expect(described.credentials.apiKey).toBe(anthropicApiKey(twin.tenant()));
  });

  it("wants x-api-key and anthropic-version, answered as Anthropic does", async () => {
    const twin = createAnthropicTwin();
    const noKey = await call(twin, "/v1/messages", ask(), { "x-api-key": "" });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ type: "error", error: { type: "authentication_error", message: "x-api-key header is required" } });
    const noVersion = await call(twin, "/v1/messages", ask(), { "anthropic-version": "" });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({ error: { type: "invalid_request_error", message: "anthropic-version: header is required" } });
    expect(noVersion.headers.get("request-id")).toMatch(/^req_011C/);
    const bearer = await call(twin, "/v1/messages", ask(), { "x-api-key": "", authorization: `Bearer ${anthropicApiKey(twin.tenant())}` });
    expect(bearer.status).toBe(200);
  });

  it("gives byte-identical answers for the same seed and requests", async () => {
    const texts = await Promise.all([1, 2].map(async () => {
      const twin = scripted([{ text: "same", toolCalls: [{ name: "read", arguments: {} }] }]);
      return (await call(twin, "/v1/messages", ask({ tools: [{ name: "read", input_schema: { type: "object" } }] }))).text();
    }));
    expect(texts[0]).toBe(texts[1]);
    expect(JSON.parse(texts[0]!)).toMatchObject({ stop_reason: "tool_use", content: [{ type: "text" }, { type: "tool_use", id: expect.stringMatching(/^toolu_01/) }] });
  });

  it("stops at a stop sequence, at max_tokens, and calls no tool with tool_choice none", async () => {
    const twin = scripted([{ text: "alpha STOP beta", toolCalls: [{ name: "read", arguments: {} }] }]);
    const tools = [{ name: "read", input_schema: { type: "object" } }];
    const stopped = (await (await call(twin, "/v1/messages", ask({ tools, stop_sequences: ["STOP"] }))).json()) as Record<string, unknown>;
    expect(stopped).toMatchObject({ content: [{ type: "text", text: "alpha " }], stop_reason: "stop_sequence", stop_sequence: "STOP" });
    const cut = (await (await call(twin, "/v1/messages", ask({ tools, max_tokens: 2 }))).json()) as Record<string, unknown>;
    expect(cut).toMatchObject({ content: [{ type: "text", text: "alpha ST" }], stop_reason: "max_tokens" });
    const none = (await (await call(twin, "/v1/messages", ask({ tools, tool_choice: { type: "none" } }))).json()) as Record<string, unknown>;
    expect(none).toMatchObject({ content: [{ type: "text", text: "alpha STOP beta" }], stop_reason: "end_turn" });
  });

  it("answers a scripted error in Anthropic's shape: 529 overloaded_error, 429 with retry-after", async () => {
    const overloaded = await call(scripted([{ error: { status: 529 } }]), "/v1/messages", ask());
    expect(overloaded.status).toBe(529);
    expect(await overloaded.json()).toMatchObject({ type: "error", error: { type: "overloaded_error", message: "Overloaded" }, request_id: expect.stringMatching(/^req_/) });
    const limited = await call(scripted([{ error: { status: 429, retryAfterSeconds: 30 } }]), "/v1/messages", ask());
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("30");
  });

  it("injects server errors as 529 overloaded_error, or 500 api_error when configured", async () => {
    const twin = createAnthropicTwin();
    twin.tenant().faults = { rules: [{ errorRate: 1 }] };
    expect((await call(twin, "/v1/messages", ask())).status).toBe(529);
    twin.tenant().config = { serverErrorStatus: 500 };
    const failed = await call(twin, "/v1/messages", ask());
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ error: { type: "api_error" } });
  });

  it("applies the vendor rate limit for `rateLimit: true`, with the reset in RFC 3339", async () => {
    const twin = createAnthropicTwin({ tickMs: 10 });
    twin.tenant().faults = { rules: [{ rateLimit: true }] };
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let index = 0; index < 51; index += 1) {
      last = await call(twin, "/v1/messages", ask());
      statuses.push(last.status);
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(50);
    expect(last?.status).toBe(429);
    expect(last?.headers.get("anthropic-ratelimit-requests-limit")).toBe("50");
    expect(last?.headers.get("anthropic-ratelimit-requests-reset")).toBe("2026-01-01T00:01:01Z");
  });

  it("takes the policy from the admin config, and streams it as server-sent events", async () => {
    const twin = createAnthropicTwin();
    await twin.fetch(new Request(`${BASE}/_twin/tenants/default/config`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ policy: { turns: [{ text: "from config" }] } }) }));
    const streamed = await call(twin, "/v1/messages", ask({ stream: true }));
    expect(streamed.headers.get("content-type")).toContain("text/event-stream");
    const text = await streamed.text();
    expect(text.startsWith("event: message_start\ndata: ")).toBe(true);
    expect(text).toContain('"delta":{"type":"text_delta","text":"from config"}');
    expect(text.endsWith('event: message_stop\ndata: {"type":"message_stop"}\n\n')).toBe(true);
  });

  it("counts tokens, lists and gets models, and answers unknown paths with not_found_error", async () => {
    const twin = createAnthropicTwin();
    expect(await (await call(twin, "/v1/messages/count_tokens", { model: "claude-sonnet-4-6", messages: [{ role: "user", content: "x".repeat(40) }] })).json()).toEqual({ input_tokens: 10 });
    const page = (await (await call(twin, "/v1/models?limit=2")).json()) as { data: { id: string }[]; has_more: boolean; last_id: string };
    expect(page.data).toHaveLength(2);
    expect(page.has_more).toBe(true);
    const next = (await (await call(twin, `/v1/models?limit=2&after_id=${page.last_id}`)).json()) as { data: { id: string }[] };
    expect(next.data[0]?.id).not.toBe(page.data[1]?.id);
    expect(await (await call(twin, "/v1/models/claude-haiku-4-5")).json()).toMatchObject({ type: "model", id: "claude-haiku-4-5-20251001" });
    const missing = await call(twin, "/v1/nothing");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { type: "not_found_error" } });
    expect((await call(twin, "/v1/messages")).status).toBe(405);
  });

  it("seeds a fixture's apiKey and refuses unknown fields", async () => {
    const twin = createAnthropicTwin();
    const seeded = await twin.fetch(new Request(`${BASE}/_twin/tenants/default/seed`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ apiKey: "sk-ant-mine" }) }));
    expect(seeded.status).toBe(200);
    expect(anthropicApiKey(twin.tenant())).toBe("sk-ant-mine");
    const refused = await twin.fetch(new Request(`${BASE}/_twin/tenants/default/seed`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: "x" }) }));
    expect(refused.status).toBe(400);
  });

  it("accepts its own thinking blocks sent back unchanged and refuses edited ones", async () => {
    const twin = scripted([{ reasoning: "Let me look.", toolCalls: [{ name: "read", arguments: {} }] }, { text: "Done." }]);
    const tools = [{ name: "read", input_schema: { type: "object" } }];
    const thinking = { type: "enabled", budget_tokens: 1024 };
    const first = (await (await call(twin, "/v1/messages", ask({ tools, thinking, max_tokens: 2048 }))).json()) as { content: Record<string, unknown>[] };
    expect(first.content.map((block) => block.type)).toEqual(["thinking", "tool_use"]);
    const followUp = (content: Record<string, unknown>[]) =>
      ask({ tools, thinking, max_tokens: 2048, messages: [{ role: "user", content: "hi" }, { role: "assistant", content }, { role: "user", content: [{ type: "tool_result", tool_use_id: first.content[1]!["id"], content: "ok" }] }] });
    expect((await call(twin, "/v1/messages", followUp(first.content))).status).toBe(200);
    const edited = [{ ...first.content[0], thinking: "Something else." }, first.content[1]!];
    const refused = await call(twin, "/v1/messages", followUp(edited));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { type: "invalid_request_error", message: "messages.1.content.0: Invalid `signature` in `thinking` block" } });
  });
});
