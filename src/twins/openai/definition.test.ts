import { describe, expect, it } from "vitest";
import { setPolicy } from "../llm-policy/index.js";
import { createOpenAITwin, openaiApiKey } from "./index.js";

const post = (twin: ReturnType<typeof createOpenAITwin>, path: string, body: unknown, key = openaiApiKey(twin.tenant())) =>
  twin.fetch(new Request(`http://openai.test${path}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: JSON.stringify(body) }));

describe("the OpenAI twin", () => {
  it("derives a sk-twin- key from the seed and describes how to reach the tenant", async () => {
    const twin = createOpenAITwin({ seed: 9 });
    expect(openaiApiKey(twin.tenant())).toMatch(/^sk-twin-[A-Za-z0-9]{40}$/);
    expect(openaiApiKey(createOpenAITwin({ seed: 9 }).tenant())).toBe(openaiApiKey(twin.tenant()));
    expect(openaiApiKey(createOpenAITwin({ seed: 10 }).tenant())).not.toBe(openaiApiKey(twin.tenant()));
    const described = (await (await twin.fetch(new Request("http://openai.test/_twin/tenants/default/describe"))).json()) as { credentials: { apiKey: string }; baseUrl: string };
    expect(described.credentials.apiKey).toBe(openaiApiKey(twin.tenant()));
    expect(described.baseUrl).toBe("http://openai.test/v1");
  });

  it("retrieves a model by id, and answers an unknown one with 404 model_not_found", async () => {
    const twin = createOpenAITwin();
    const get = (path: string) => twin.fetch(new Request(`http://openai.test${path}`, { headers: { authorization: `Bearer ${openaiApiKey(twin.tenant())}` } }));
    expect(await (await get("/v1/models/gpt-5")).json()).toMatchObject({ id: "gpt-5", object: "model", owned_by: "system" });
    const missing = await get("/v1/models/gpt-0");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: unknown }).error).toMatchObject({ param: "model", code: "model_not_found" });
  });

  it("answers a missing key with OpenAI's 401", async () => {
    const twin = createOpenAITwin();
    const response = await twin.fetch(new Request("http://openai.test/v1/models"));
    expect(response.status).toBe(401);
    expect(response.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({ type: "invalid_request_error", param: null, code: "invalid_api_key" });
  });

  it("gives byte-identical answers for the same seed and requests", async () => {
    const run = async () => {
      const twin = createOpenAITwin({ seed: 4 });
      setPolicy(twin.tenant(), { turns: [{ text: "hi", toolCalls: [{ name: "f", arguments: { a: 1 } }] }] });
      return (await post(twin, "/v1/responses", { model: "gpt-4.1", input: "x", stream: true })).text();
    };
    expect(await run()).toBe(await run());
  });

  it("answers injected server errors and vendor rate limits in OpenAI's shape", async () => {
    const twin = createOpenAITwin();
    twin.tenant().faults = { rules: [{ methods: ["chat.completions.create"], errorRate: 1 }, { methods: ["responses.create"], rateLimit: { limit: 1, windowMs: 60_000 } }] };
    const failed = await post(twin, "/v1/chat/completions", { model: "gpt-4o", messages: [{ role: "user", content: "x" }] });
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as { error: unknown }).error).toMatchObject({ type: "server_error", code: null });
    expect((await post(twin, "/v1/responses", { model: "gpt-4.1", input: "x" })).status).toBe(200);
    const limited = await post(twin, "/v1/responses", { model: "gpt-4.1", input: "x" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("59");
    expect(((await limited.json()) as { error: { message: string } }).error).toMatchObject({ type: "requests", code: "rate_limit_exceeded", message: expect.stringContaining("gpt-4.1") });
    // `rateLimit: true` uses OpenAI's tier-1 requests per minute.
    expect(twin.definition.vendorRateLimit?.("responses.create")).toEqual({ limit: 500, windowMs: 60_000 });
  });

  it("answers a scripted 500 turn, unknown paths, bad JSON, and retrieves stored responses", async () => {
    const twin = createOpenAITwin();
    setPolicy(twin.tenant(), { turns: [{ text: "stored" }, { error: { status: 500, message: "boom" } }] });
    const stored = (await (await post(twin, "/v1/responses", { model: "gpt-4.1", input: "x" })).json()) as { id: string };
    const scripted = await post(twin, "/v1/responses", { model: "gpt-4.1", input: "x" });
    expect(scripted.status).toBe(500);
    expect(((await scripted.json()) as { error: unknown }).error).toMatchObject({ message: "boom", type: "server_error" });
    const headers = { authorization: `Bearer ${openaiApiKey(twin.tenant())}` };
    const retrieved = await twin.fetch(new Request(`http://openai.test/v1/responses/${stored.id}`, { headers }));
    expect(((await retrieved.json()) as { output: { content: { text: string }[] }[] }).output[0]!.content[0]!.text).toBe("stored");
    expect((await twin.fetch(new Request("http://openai.test/v1/nothing", { headers }))).status).toBe(404);
    const badJson = await twin.fetch(new Request("http://openai.test/v1/responses", { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: "{nope" }));
    expect(badJson.status).toBe(400);
  });
});
