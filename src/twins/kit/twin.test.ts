import { describe, expect, test } from "vitest";
import { listRecords } from "./state.js";
import { callToy, createToyTwin, type ToyNote } from "./toy-twin.js";
import { createTwin, DEFAULT_START_TIME, type TwinDefinition } from "./twin.js";
import { jsonResponse } from "./request-body.js";

async function json(response: Response | Promise<Response>): Promise<Record<string, unknown>> {
  return (await (await response).json()) as Record<string, unknown>;
}

describe("tenants", () => {
  test("many tenants in one process do not see each other's records", async () => {
    const twin = createToyTwin();
    const tenants = Array.from({ length: 50 }, (_, index) => `trial-${index}`);
    await Promise.all(tenants.map((tenant, index) => callToy(twin, "notes.create", { tenant, body: { text: `note of ${index}` } })));
    for (const [index, tenant] of tenants.entries()) {
      const listed = await json(callToy(twin, "notes.list", { tenant }));
      expect((listed["notes"] as ToyNote[]).map((note) => note.text)).toEqual(["welcome", `note of ${index}`]);
    }
    const fallback = await json(callToy(twin, "notes.list"));
    expect((fallback["notes"] as ToyNote[]).map((note) => note.text)).toEqual(["welcome"]);
    expect(twin.tenants()).toHaveLength(51);
  });

  test("the first request to /t/{id} creates the tenant; other paths go to the default tenant", async () => {
    const twin = createToyTwin();
    await callToy(twin, "counter.increment", { tenant: "fresh", body: { by: 5 } });
    expect(twin.tenants().map((tenant) => tenant.id)).toEqual(["default", "fresh"]);
    expect(twin.tenant("fresh").log[0]).toMatchObject({ method: "counter.increment", path: "/api/counter.increment" });
    expect(twin.tenant().log).toEqual([]);
  });

  test("the base URL a handler sees includes the tenant prefix", async () => {
    const twin = createToyTwin();
    const describeFresh = twin.definition.describe!(twin.tenant("x"), "http://h/t/x");
    expect(describeFresh.baseUrl).toBe("http://h/t/x/api/");
    const seen: string[] = [];
    const probe = createTwin({ ...minimalDefinition(), handle: (context) => (seen.push(context.baseUrl), jsonResponse({})) });
    await probe.fetch(new Request("http://h:1/t/abc/api/x"));
    await probe.fetch(new Request("http://h:1/api/x"));
    expect(seen).toEqual(["http://h:1/t/abc", "http://h:1"]);
  });
});

function minimalDefinition(): TwinDefinition {
  return {
    name: "minimal",
    methodOf: (_request, path) => path,
    handle: () => jsonResponse({ ok: true }),
    rateLimited: () => jsonResponse({ error: "limited" }, 429),
    serverError: () => jsonResponse({ error: "server" }, 503),
    internalError: (_context, error) => jsonResponse({ error: "internal", message: error instanceof Error ? error.message : String(error) }, 500),
  };
}

async function conversation(seed: number): Promise<string[]> {
  const twin = createToyTwin({ seed });
  const texts: string[] = [];
  for (const text of ["a", "b", "c"]) texts.push(await (await callToy(twin, "notes.create", { body: { text } })).text());
  texts.push(await (await callToy(twin, "notes.list", { query: { limit: "2" } })).text());
  texts.push(await (await callToy(twin, "notes.get", { query: { id: "N3" } })).text());
  texts.push(await (await callToy(twin, "notes.get", { query: { id: "N99" } })).text());
  return texts;
}

describe("determinism", () => {
  test("the same seed and the same requests give byte-identical responses", async () => {
    const first = await conversation(42);
    const second = await conversation(42);
    expect(second).toEqual(first);
    expect(first[0]).toContain('"created":"2026-01-01T00:00:01.000Z"');
  });

  test("another seed gives other tokens and tags, the same ids and times", async () => {
    const [first, other] = [await conversation(1), await conversation(2)];
    expect(other).not.toEqual(first);
    const strip = (text: string) => text.replace(/"tag":"[0-9a-f]+"/g, "");
    expect(other.map(strip)).toEqual(first.map(strip));
  });

  test("the virtual clock ticks once per request, from the start time", async () => {
    const twin = createToyTwin({ tickMs: 250, startTime: Date.UTC(2030, 0, 1) });
    await callToy(twin, "counter.increment", { body: {} });
    await callToy(twin, "counter.increment", { body: {} });
    expect(twin.tenant().now()).toBe(Date.UTC(2030, 0, 1) + 500);
    expect(createToyTwin().tenant().now()).toBe(DEFAULT_START_TIME);
  });
});

describe("errors", () => {
  test("an exception in handle becomes the definition's internal error, not a stack trace", async () => {
    const twin = createToyTwin();
    const response = await callToy(twin, "crash", { body: {} });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ ok: false, error: "internal_error" });
    expect(twin.tenant().log.at(-1)).toMatchObject({ method: "crash", status: 500, response: { ok: false, error: "internal_error" } });
  });

  test("a handler that returns no Response, or error hooks that throw, still get an answer", async () => {
    const broken = createTwin({ ...minimalDefinition(), handle: () => undefined as unknown as Response });
    const answer = await broken.fetch(new Request("http://h/x"));
    expect(answer.status).toBe(500);
    expect(await answer.json()).toEqual({ error: "internal", message: "minimal handled /x without returning a Response" });
    const worse = createTwin({
      ...minimalDefinition(),
      handle: () => {
        throw new Error("boom");
      },
      internalError: () => {
        throw new Error("worse");
      },
    });
    const last = await worse.fetch(new Request("http://h/x"));
    expect(last.status).toBe(500);
    expect(await last.json()).toEqual({ error: "twin_failure", message: "the twin failed to produce an answer" });
  });

  test("methodOf throwing falls back to HTTP method and path", async () => {
    const twin = createTwin({
      ...minimalDefinition(),
      methodOf: () => {
        throw new Error("no");
      },
    });
    await twin.fetch(new Request("http://h/some/path", { method: "DELETE" }));
    expect(twin.tenant().log[0]!.method).toBe("DELETE /some/path");
  });
});

describe("request log", () => {
  test("records method, path, query, body, status and response, with credentials redacted", async () => {
    const twin = createToyTwin();
    await twin.fetch(
      new Request("http://toy.test/api/notes.create?token=xoxb-secret&x=1", {
        method: "POST",
        headers: { authorization: `Bearer ${twin.definition.describe!(twin.tenant(), "").credentials["token"]}`, "content-type": "application/x-www-form-urlencoded" },
        body: "text=hello&token=xoxb-secret&client_secret=shh&password=pw",
      }),
    );
    const [entry] = twin.tenant().log;
    expect(entry).toEqual({
      seq: 1,
      time: DEFAULT_START_TIME + 1000,
      method: "notes.create",
      httpMethod: "POST",
      path: "/api/notes.create",
      query: { token: "[redacted]", x: "1" },
      body: { text: "hello", token: "[redacted]", client_secret: "[redacted]", password: "[redacted]" },
      status: 200,
      response: { ok: true, note: expect.objectContaining({ id: "N2", text: "hello" }) },
    });
    const logged = JSON.stringify(twin.tenant().log);
    for (const secret of ["xoxb-secret", "shh", '"pw"']) expect(logged).not.toContain(secret);
  });

  test("redacts credentials nested at any depth in bodies and in responses, and leaves the rest alone", async () => {
    const twin = createToyTwin();
    const token = twin.definition.describe!(twin.tenant(), "").credentials["token"]!;
    await twin.fetch(
      new Request("http://toy.test/api/notes.create", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ text: "hello", profile: { login: "ada" }, credentials: { password: { value: "Hunter2!" }, recovery: [{ code_verifier: "v3rifier" }] } }),
      }),
    );
    const [entry] = twin.tenant().log;
    expect(entry!.body).toEqual({ text: "hello", profile: { login: "ada" }, credentials: { password: { value: "[redacted]" }, recovery: [{ code_verifier: "[redacted]" }] } });
    const logged = JSON.stringify(twin.tenant().log);
    for (const secret of ["Hunter2!", "v3rifier"]) expect(logged).not.toContain(secret);
  });

  test("responses not made with jsonResponse are parsed for the log; non-JSON is left out", async () => {
    const twin = createTwin({
      ...minimalDefinition(),
      handle: (context) => (context.path === "/json" ? new Response('{"a":1}', { headers: { "content-type": "application/json" } }) : new Response("plain")),
    });
    await (await twin.fetch(new Request("http://h/json"))).text();
    await (await twin.fetch(new Request("http://h/text"))).text();
    expect(twin.tenant().log.map((entry) => entry.response)).toEqual([{ a: 1 }, undefined]);
  });

  test("keeps at most logLimit entries, dropping the oldest, with sequence numbers going on", async () => {
    const twin = createToyTwin({ logLimit: 10 });
    for (let index = 0; index < 30; index++) await callToy(twin, "counter.increment", { body: {} });
    const log = twin.tenant().log;
    expect(log.length).toBeGreaterThanOrEqual(10);
    expect(log.length).toBeLessThanOrEqual(11);
    expect(log.at(-1)!.seq).toBe(30);
    expect(log.map((entry) => entry.seq)).toEqual(log.map((_, index) => 31 - log.length + index));
  });

  test("state is reached through the tenant too", async () => {
    const twin = createToyTwin();
    await callToy(twin, "notes.create", { body: { text: "x" } });
    expect(listRecords<ToyNote>(twin.tenant().state, "notes").map((note) => note.text)).toEqual(["welcome", "x"]);
  });
});
