import { describe, expect, test } from "vitest";
import { callToy, createToyTwin, type ToyNote } from "./toy-twin.js";
import type { Twin } from "./twin.js";

const ORIGIN = "http://toy.test";

async function admin(twin: Twin, method: string, path: string, body?: unknown, contentType = "application/json"): Promise<{ status: number; body: Record<string, unknown> }> {
  const init: RequestInit = { method };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  if (body !== undefined) init.headers = { "content-type": contentType };
  const response = await twin.fetch(new Request(`${ORIGIN}/_twin${path}`, init));
  expect(response.headers.get("content-type")).toContain("application/json");
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("admin: tenants", () => {
  test("list, create (with seed and fixture), inspect, delete", async () => {
    const twin = createToyTwin();
    expect(await admin(twin, "GET", "/tenants")).toEqual({ status: 200, body: { twin: "toy", tenants: [{ id: "default", seed: 0, requests: 0 }] } });
    expect(await admin(twin, "POST", "/tenants", { id: "trial-1", seed: 9 })).toEqual({ status: 201, body: { id: "trial-1", seed: 9, baseUrl: `${ORIGIN}/t/trial-1` } });
    expect((await admin(twin, "POST", "/tenants", { id: "trial-2", fixture: { notes: [{ text: "seeded" }] } })).status).toBe(201);
    const listed = await (await callToy(twin, "notes.list", { tenant: "trial-2" })).json();
    expect((listed as { notes: ToyNote[] }).notes.map((note) => note.text)).toEqual(["welcome", "seeded"]);
    expect(await admin(twin, "GET", "/tenants/trial-2")).toEqual({ status: 200, body: { id: "trial-2", seed: 0, now: "2026-01-01T00:00:01.000Z", requests: 1, deliveries: 0 } });
    expect(await admin(twin, "DELETE", "/tenants/trial-1")).toEqual({ status: 200, body: { deleted: true } });
    expect(twin.tenants().map((tenant) => tenant.id)).toEqual(["default", "trial-2"]);
  });

  test("create accepts YAML too", async () => {
    const twin = createToyTwin();
    const created = await admin(twin, "POST", "/tenants", "id: from-yaml\nseed: 3\nfixture:\n  counter: 4\n", "application/yaml");
    expect(created.status).toBe(201);
    expect(await (await callToy(twin, "counter.increment", { tenant: "from-yaml", body: {} })).json()).toEqual({ ok: true, value: 5 });
  });

  test.each([
    [{ seed: 1 }, 400, "invalid_tenant_id", "id: expected a string matching [A-Za-z0-9_.-]{1,64}, got nothing"],
    [{ id: "has space" }, 400, "invalid_tenant_id", 'id: expected a string matching [A-Za-z0-9_.-]{1,64}, got "has space"'],
    [{ id: "x".repeat(65) }, 400, "invalid_tenant_id", `id: expected a string matching [A-Za-z0-9_.-]{1,64}, got "${"x".repeat(65)}"`],
    [{ id: "ok", seed: 1.5 }, 400, "invalid_seed", "seed: expected an integer, got 1.5"],
    [{ id: "ok", seeds: 1 }, 400, "invalid_body", "seeds: unknown field (expected id, seed, fixture)"],
    [[1, 2], 400, "invalid_body", 'expected an object {"id": "...", "seed"?: integer, "fixture"?: {...}}'],
    [{ id: "default" }, 409, "tenant_exists", "tenant default exists already; DELETE it first or pick another id"],
    [{ id: "bad-fixture", fixture: { notes: [{ text: 3 }] } }, 400, "invalid_fixture", "fixture.notes[0].text: expected a string, got a number (3)"],
  ])("create %j: %i %s", async (body, status, error, message) => {
    const twin = createToyTwin();
    expect(await admin(twin, "POST", "/tenants", body)).toEqual({ status, body: { error, message } });
    // A tenant whose fixture failed is not left behind.
    expect(twin.tenants().map((tenant) => tenant.id)).toEqual(["default"]);
  });

  test("malformed bodies name line and column", async () => {
    const twin = createToyTwin();
    expect(await admin(twin, "POST", "/tenants", '{"id": "a",\n  "seed": }')).toEqual({ status: 400, body: { error: "invalid_body", message: 'body:2:11: invalid JSON: expected a value, found "}"' } });
    expect(await admin(twin, "POST", "/tenants", "id: a\n  seed: [1\n", "text/plain")).toMatchObject({ status: 400, body: { error: "invalid_body", message: expect.stringMatching(/^body:\d+:\d+: invalid YAML: /) } });
  });

  test("unknown tenants, endpoints and methods", async () => {
    const twin = createToyTwin();
    expect(await admin(twin, "POST", "/tenants/nobody/reset")).toEqual({ status: 404, body: { error: "tenant_not_found", message: "no tenant nobody" } });
    expect(await admin(twin, "GET", "/tenants/default/nothing")).toEqual({ status: 404, body: { error: "not_found", message: "no admin endpoint GET /_twin/tenants/default/nothing" } });
    expect(await admin(twin, "GET", "/tenants/default/log/extra")).toEqual({ status: 404, body: { error: "not_found", message: "no admin endpoint GET /_twin/tenants/default/log/extra" } });
    expect(await admin(twin, "GET", "")).toEqual({ status: 404, body: { error: "not_found", message: "no admin endpoint GET /_twin" } });
    expect(await admin(twin, "PATCH", "/tenants")).toEqual({ status: 405, body: { error: "method_not_allowed", message: "PATCH /_twin/tenants: expected GET or POST" } });
    expect(await admin(twin, "DELETE", "/tenants/default")).toEqual({ status: 400, body: { error: "cannot_delete_default", message: "the default tenant cannot be deleted; reset it instead" } });
  });
});

describe("admin: state", () => {
  test("snapshot and restore", async () => {
    const twin = createToyTwin();
    const { body } = await admin(twin, "POST", "/tenants/default/snapshot");
    expect(body).toEqual({ snapshot: "snap-1" });
    await callToy(twin, "notes.create", { body: { text: "temporary" } });
    expect(await admin(twin, "POST", "/tenants/default/restore", { snapshot: "snap-1" })).toEqual({ status: 200, body: { ok: true, now: "2026-01-01T00:00:00.000Z" } });
    expect(((await (await callToy(twin, "notes.list")).json()) as { total: number }).total).toBe(1);
    expect(await admin(twin, "POST", "/tenants/default/restore", { snapshot: "snap-9" })).toEqual({ status: 404, body: { error: "snapshot_not_found", message: "no snapshot snap-9 in tenant default" } });
    expect(await admin(twin, "POST", "/tenants/default/restore", {})).toEqual({ status: 400, body: { error: "invalid_body", message: 'expected {"snapshot": "<id from POST .../snapshot>"}' } });
    expect(await admin(twin, "POST", "/tenants/default/restore")).toMatchObject({ status: 400 });
  });

  test("seed (JSON or YAML, all or nothing) and reset back to the seeded state", async () => {
    const twin = createToyTwin();
    expect(await admin(twin, "POST", "/tenants/default/seed", "notes:\n  - text: from yaml\ncounter: 7\n", "application/yaml")).toEqual({ status: 200, body: { ok: true } });
    await callToy(twin, "notes.create", { body: { text: "after seeding" } });
    expect(await admin(twin, "POST", "/tenants/default/reset")).toEqual({ status: 200, body: { ok: true, now: "2026-01-01T00:00:00.000Z" } });
    const state = await admin(twin, "GET", "/tenants/default/state");
    expect(state.body["now"]).toBe("2026-01-01T00:00:00.000Z");
    const collections = state.body["collections"] as { notes: Record<string, ToyNote>; settings: Record<string, unknown> };
    expect(Object.values(collections.notes).map((note) => note.text)).toEqual(["welcome", "from yaml"]);
    expect(collections.settings["counter"]).toBe(7);

    const before = twin.tenant().state;
    const failed = await admin(twin, "POST", "/tenants/default/seed", { notes: [{ text: "fine" }, { text: "" }] });
    expect(failed).toEqual({ status: 400, body: { error: "invalid_fixture", message: "notes[1].text: must not be empty" } });
    expect(twin.tenant().state).toBe(before); // the first note was not kept
    expect(await admin(twin, "POST", "/tenants/default/seed", { note: [] })).toEqual({ status: 400, body: { error: "invalid_fixture", message: "note: unknown field (expected notes, counter)" } });
    expect(await admin(twin, "POST", "/tenants/default/seed")).toEqual({ status: 400, body: { error: "invalid_fixture", message: "the body is empty: expected a fixture (JSON or YAML)" } });
    expect(await admin(twin, "POST", "/tenants/default/seed", "[1,", "application/json")).toEqual({ status: 400, body: { error: "invalid_fixture", message: "body:1:4: invalid JSON: expected a value, found end of input" } });
  });

  test("log and deliveries", async () => {
    const received: string[] = [];
    const twin = createToyTwin({ fetch: async (_url, init) => (received.push(String(init?.body)), new Response(null, { status: 202 })) });
    await admin(twin, "PUT", "/tenants/default/config", { webhookUrl: "http://receiver.test/hook" });
    await callToy(twin, "notes.create", { body: { text: "hello", token: "secret-token" } });
    const log = await admin(twin, "GET", "/tenants/default/log");
    expect(log.body["entries"]).toEqual([expect.objectContaining({ seq: 1, method: "notes.create", status: 200, body: { text: "hello", token: "[redacted]" } })]);
    const deliveries = await admin(twin, "GET", "/tenants/default/deliveries");
    expect(deliveries.body["deliveries"]).toEqual([expect.objectContaining({ seq: 1, url: "http://receiver.test/hook", status: 202 })]);
    expect(received).toHaveLength(1);
  });

  test("clock", async () => {
    const twin = createToyTwin();
    expect(await admin(twin, "POST", "/tenants/default/clock", { advanceMs: 3_600_000 })).toEqual({ status: 200, body: { now: "2026-01-01T01:00:00.000Z" } });
    for (const advanceMs of [-1, "10", null]) {
      expect(await admin(twin, "POST", "/tenants/default/clock", { advanceMs })).toEqual({ status: 400, body: { error: "invalid_body", message: `advanceMs: expected a non-negative number of milliseconds, got ${JSON.stringify(advanceMs)}` } });
    }
    expect(await admin(twin, "POST", "/tenants/default/clock", {})).toEqual({ status: 400, body: { error: "invalid_body", message: "advanceMs: expected a non-negative number of milliseconds, got nothing" } });
  });
});

describe("admin: settings", () => {
  test("faults: put, get, bad input", async () => {
    const twin = createToyTwin();
    const profile = { rules: [{ methods: ["notes.list"], errorRate: 1 }] };
    expect(await admin(twin, "PUT", "/tenants/default/faults", profile)).toEqual({ status: 200, body: { ok: true } });
    expect(await admin(twin, "GET", "/tenants/default/faults")).toEqual({ status: 200, body: profile });
    expect((await callToy(twin, "notes.list")).status).toBe(503);
    expect(await admin(twin, "PUT", "/tenants/default/faults", { rules: [{ errorRate: 1.5 }] })).toEqual({ status: 400, body: { error: "invalid_faults", message: "rules[0].errorRate: expected a number between 0 and 1" } });
    expect(await admin(twin, "PUT", "/tenants/default/faults", "rules:\n  - latencyMs: fast\n", "application/yaml")).toEqual({ status: 400, body: { error: "invalid_faults", message: "rules[0].latencyMs: expected a non-negative number" } });
    expect(await admin(twin, "PUT", "/tenants/default/faults")).toEqual({ status: 400, body: { error: "invalid_faults", message: 'expected an object {"rules": [...]}' } });
    // Clearing the profile
    expect((await admin(twin, "PUT", "/tenants/default/faults", { rules: [] })).status).toBe(200);
    expect((await callToy(twin, "notes.list")).status).toBe(200);
  });

  test("config is merged; bad input is rejected", async () => {
    const twin = createToyTwin();
    expect(await admin(twin, "PUT", "/tenants/default/config", { a: 1 })).toEqual({ status: 200, body: { ok: true, config: { a: 1 } } });
    expect(await admin(twin, "PUT", "/tenants/default/config", { b: 2 })).toEqual({ status: 200, body: { ok: true, config: { a: 1, b: 2 } } });
    expect(await admin(twin, "GET", "/tenants/default/config")).toEqual({ status: 200, body: { a: 1, b: 2 } });
    expect(await admin(twin, "PUT", "/tenants/default/config", [1])).toEqual({ status: 400, body: { error: "invalid_body", message: 'expected an object of settings, e.g. {"eventsUrl": "http://..."}' } });
  });

  test("describe", async () => {
    const twin = createToyTwin();
    await admin(twin, "POST", "/tenants", { id: "other" });
    const token = twin.definition.describe!(twin.tenant("other"), "").credentials["token"];
    expect(await admin(twin, "GET", "/tenants/other/describe")).toEqual({
      status: 200,
      body: {
        name: "toy",
        tenant: "other",
        adminUrl: `${ORIGIN}/_twin/tenants/other`,
        baseUrl: `${ORIGIN}/t/other/api/`,
        credentials: { token },
        sdkOption: `new ToyClient({ baseUrl: "${ORIGIN}/t/other/api/" })`,
      },
    });
    expect(token).toMatch(/^toy-[0-9a-f]{16}$/);
  });
});
