import { describe, expect, it } from "vitest";
import { createGeminiTwin, geminiApiKey } from "./index.js";
import { setPolicy } from "../llm-policy/index.js";
import type { Twin } from "../kit/index.js";

const ORIGIN = "http://gemini.test";

interface Call {
  body?: unknown;
  raw?: string;
  key?: string | null;
  query?: string;
  method?: string;
  headers?: Record<string, string>;
}

function call(twin: Twin, path: string, { body, raw, key, query = "", method, headers = {} }: Call = {}): Promise<Response> {
  const apiKey = key === undefined ? geminiApiKey(twin.tenant()) : key;
  const allHeaders: Record<string, string> = { "content-type": "application/json", ...headers, ...(apiKey !== null ? { "x-goog-api-key": apiKey } : {}) };
  const text = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  return twin.fetch(new Request(`${ORIGIN}${path}${query}`, { method: method ?? (text === undefined ? "GET" : "POST"), headers: allHeaders, ...(text !== undefined ? { body: text } : {}) }));
}

const generate = (twin: Twin, body: unknown, extra: Call = {}) => call(twin, "/v1beta/models/gemini-2.5-flash:generateContent", { body, ...extra });
const hello = { contents: [{ role: "user", parts: [{ text: "Hello" }] }] };

async function errorOf(response: Response): Promise<{ code: number; message: string; status: string; details?: Record<string, unknown>[] }> {
  return ((await response.json()) as { error: { code: number; message: string; status: string } }).error;
}

describe("the Gemini twin's authentication", () => {
  it("accepts the key in the header or in ?key=, and gives each seed its own AIza key", async () => {
    const twin = createGeminiTwin({ seed: 1 });
    const key = geminiApiKey(twin.tenant());
    expect(key).toMatch(/^AIzaSy[A-Za-z0-9_-]{33}$/);
    expect(geminiApiKey(createGeminiTwin({ seed: 1 }).tenant())).toBe(key);
    expect(geminiApiKey(createGeminiTwin({ seed: 2 }).tenant())).not.toBe(key);
    expect((await generate(twin, hello)).status).toBe(200);
    expect((await generate(twin, hello, { key: null, query: `?key=${key}` })).status).toBe(200);
  });

  it("answers no key with 403 PERMISSION_DENIED and a bearer token with 401 UNAUTHENTICATED", async () => {
    const twin = createGeminiTwin();
    const missing = await generate(twin, hello, { key: null });
    expect(missing.status).toBe(403);
    expect(await errorOf(missing)).toMatchObject({ code: 403, status: "PERMISSION_DENIED" });
    const bearer = await generate(twin, hello, { key: null, headers: { authorization: "Bearer ya29.token" } });
    expect(bearer.status).toBe(401);
    expect((await errorOf(bearer)).status).toBe("UNAUTHENTICATED");
  });

  it("describes the tenant's key and base URL, and a fixture can set the key", async () => {
    const twin = createGeminiTwin();
    const described = await (await twin.fetch(new Request(`${ORIGIN}/_twin/tenants/default/describe`))).json() as { credentials: { apiKey: string }; baseUrl: string };
    expect(described.credentials.apiKey).toBe(geminiApiKey(twin.tenant()));
    expect(described.baseUrl).toBe(`${ORIGIN}/v1beta`);
    const seeded = await twin.fetch(new Request(`${ORIGIN}/_twin/tenants/default/seed`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ apiKey: "AIzaSyFixtureKey" }) }));
    expect(seeded.status).toBe(200);
    expect(geminiApiKey(twin.tenant())).toBe("AIzaSyFixtureKey");
  });
});

describe("the Gemini twin's request validation", () => {
  const cases: { name: string; body?: unknown; raw?: string; message: string }[] = [
    { name: "no contents", body: {}, message: "* GenerateContentRequest.contents: contents is not specified\n" },
    { name: "empty parts", body: { contents: [{ role: "user", parts: [] }] }, message: "* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n" },
    { name: "a bad role", body: { contents: [{ role: "assistant", parts: [{ text: "hi" }] }] }, message: "Please use a valid role: user, model." },
    { name: "a part without data", body: { contents: [{ role: "user", parts: [{}] }] }, message: "* GenerateContentRequest.contents[0].parts[0].data: required oneof field 'data' must have one initialized field\n" },
    { name: "invalid JSON", raw: "{not json", message: "Invalid JSON payload received. Unexpected token." },
    {
      name: "fewer function responses than calls",
      body: {
        contents: [
          { role: "user", parts: [{ text: "Read both" }] },
          { role: "model", parts: [{ functionCall: { name: "read", args: { path: "a" } } }, { functionCall: { name: "read", args: { path: "b" } } }] },
          { role: "user", parts: [{ functionResponse: { name: "read", response: { content: "A" } } }] },
        ],
      },
      message: "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.",
    },
    { name: "a temperature out of range", body: { ...hello, generationConfig: { temperature: 3 } }, message: "* GenerateContentRequest.generation_config.temperature: must be in the range [0.0, 2.0]\n" },
  ];
  for (const example of cases) {
    it(`answers ${example.name} with 400 INVALID_ARGUMENT`, async () => {
      const twin = createGeminiTwin();
      const response = await generate(twin, example.body, example.raw !== undefined ? { raw: example.raw } : {});
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toEqual({ code: 400, message: example.message, status: "INVALID_ARGUMENT" });
    });
  }

  it("names unknown fields with a BadRequest field violation, as Google's proto parser does", async () => {
    const response = await generate(createGeminiTwin(), { ...hello, stream: true });
    const error = await errorOf(response);
    expect(error.message).toBe('Invalid JSON payload received. Unknown name "stream": Cannot find field.');
    expect(error.details?.[0]).toEqual({ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ description: error.message }] });
  });

  it("accepts snake_case fields as well as camelCase", async () => {
    const twin = createGeminiTwin();
    setPolicy(twin.tenant(), (request) => ({ text: `${request.system}|${request.tools.join(",")}` }));
    const response = await generate(twin, { ...hello, system_instruction: { parts: [{ text: "Be brief." }] }, tools: [{ function_declarations: [{ name: "ls" }] }] });
    const body = (await response.json()) as { candidates: { content: { parts: { text: string }[] } }[] };
    expect(body.candidates[0]!.content.parts[0]!.text).toBe("Be brief.|ls");
  });

  it("refuses a thinking budget of 0 for a model that only thinks, and honors it for Flash", async () => {
    const twin = createGeminiTwin();
    setPolicy(twin.tenant(), { turns: [{ reasoning: "hmm", text: "ok" }], loop: true });
    const config = { ...hello, generationConfig: { thinkingConfig: { thinkingBudget: 0, includeThoughts: true } } };
    const pro = await call(twin, "/v1beta/models/gemini-2.5-pro:generateContent", { body: config });
    expect(await errorOf(pro)).toMatchObject({ code: 400, message: "Budget 0 is invalid. This model only works in thinking mode." });
    const flash = (await (await generate(twin, config)).json()) as { candidates: { content: { parts: unknown[] } }[]; usageMetadata: Record<string, number> };
    expect(flash.candidates[0]!.content.parts).toEqual([{ text: "ok" }]);
    expect(flash.usageMetadata["thoughtsTokenCount"]).toBeUndefined();
  });

  it("answers unknown paths and wrong methods with 404 NOT_FOUND", async () => {
    const twin = createGeminiTwin();
    expect((await call(twin, "/v1beta/models/gemini-2.5-flash:embedContent", { body: hello })).status).toBe(404);
    expect((await call(twin, "/v1beta/models/gemini-2.5-flash:generateContent", { method: "GET" })).status).toBe(404);
    expect((await errorOf(await call(twin, "/v1beta/models/nope"))).message).toContain("models/nope is not found for API version v1beta");
  });
});

describe("the Gemini twin's answers", () => {
  it("streams a JSON array without alt=sse, and server-sent events with it", async () => {
    const twin = createGeminiTwin();
    setPolicy(twin.tenant(), { turns: [{ text: "one two three four five six seven eight nine ten eleven twelve thirteen" }], loop: true });
    const array = await call(twin, "/v1beta/models/gemini-2.5-flash:streamGenerateContent", { body: hello });
    expect(array.headers.get("content-type")).toContain("application/json");
    const chunks = (await array.json()) as { candidates: { content: { parts: { text: string }[] }; finishReason?: string }[] }[];
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.at(-1)!.candidates[0]!.finishReason).toBe("STOP");
    const sse = await call(twin, "/v1beta/models/gemini-2.5-flash:streamGenerateContent", { body: hello, query: "?alt=sse" });
    expect(sse.headers.get("content-type")).toBe("text/event-stream");
    const events = (await sse.text()).split("\r\n\r\n").filter(Boolean);
    expect(events.length).toBe(chunks.length);
    expect(events.every((event) => event.startsWith("data: {"))).toBe(true);
  });

  it("cuts the text at maxOutputTokens with MAX_TOKENS, and maps content_filter to SAFETY", async () => {
    const twin = createGeminiTwin();
    setPolicy(twin.tenant(), { turns: [{ text: "x".repeat(100) }, { finish: "content_filter" }] });
    const cut = (await (await generate(twin, { ...hello, generationConfig: { maxOutputTokens: 5 } })).json()) as { candidates: { content: { parts: { text: string }[] }; finishReason: string }[]; usageMetadata: Record<string, number> };
    expect(cut.candidates[0]!.content.parts[0]!.text).toBe("x".repeat(20));
    expect(cut.candidates[0]!.finishReason).toBe("MAX_TOKENS");
    expect(cut.usageMetadata["candidatesTokenCount"]).toBe(5);
    const blocked = (await (await generate(twin, hello)).json()) as { candidates: { content: unknown; finishReason: string }[] };
    expect(blocked.candidates[0]).toEqual({ content: { role: "model" }, finishReason: "SAFETY", index: 0 });
  });

  it("takes the policy from the admin plane's config and answers scripted errors in Google's shape", async () => {
    const twin = createGeminiTwin();
    const configured = await twin.fetch(new Request(`${ORIGIN}/_twin/tenants/default/config`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ policy: { turns: [{ error: { status: 503 } }, { text: "back" }] } }) }));
    expect(configured.status).toBe(200);
    const unavailable = await generate(twin, hello);
    expect(unavailable.status).toBe(503);
    expect(await errorOf(unavailable)).toEqual({ code: 503, message: "The model is overloaded. Please try again later.", status: "UNAVAILABLE" });
    expect(((await (await generate(twin, hello)).json()) as { candidates: { content: { parts: { text: string }[] } }[] }).candidates[0]!.content.parts[0]!.text).toBe("back");
  });

  it("answers injected server errors with 503 UNAVAILABLE and logs the method", async () => {
    const twin = createGeminiTwin();
    twin.tenant().faults = { rules: [{ methods: ["models.*"], errorRate: 1 }] };
    const response = await generate(twin, hello);
    expect(response.status).toBe(503);
    expect((await errorOf(response)).status).toBe("UNAVAILABLE");
    expect(twin.tenant().log.at(-1)).toMatchObject({ method: "models.generateContent", fault: "server_error", status: 503 });
  });

  it("gives the same seed and requests byte-identical answers, and a restore replays them", async () => {
    const run = async (twin: Twin) => (await generate(twin, hello)).text();
    const first = createGeminiTwin({ seed: 9 });
    const second = createGeminiTwin({ seed: 9 });
    const snapshot = first.tenant().snapshot();
    const answer = await run(first);
    expect(await run(second)).toBe(answer);
    first.tenant().restore(snapshot);
    expect(await run(first)).toBe(answer);
    expect(await run(first)).not.toBe(answer);
  });

  it("a thinking model signs its first function call", async () => {
    const twin = createGeminiTwin();
    setPolicy(twin.tenant(), { turns: [{ toolCalls: [{ name: "a", arguments: {} }, { name: "b", arguments: { x: 1 } }] }] });
    const body = (await (await generate(twin, hello)).json()) as { candidates: { content: { parts: Record<string, unknown>[] }; finishReason: string }[] };
    const [first, second] = body.candidates[0]!.content.parts;
    expect(first).toMatchObject({ functionCall: { name: "a", args: {} }, thoughtSignature: expect.stringMatching(/==$/) as unknown });
    expect(second).toEqual({ functionCall: { name: "b", args: { x: 1 } } });
    expect(body.candidates[0]!.finishReason).toBe("STOP");
  });
});
