import { describe, expect, test } from "vitest";
import { checkFaultProfile, matchingRule, ruleMatches, validateFaultProfile } from "./faults.js";
import { callToy, createToyTwin, TOY_NOTES_CREATE_LIMIT } from "./toy-twin.js";
import { DEFAULT_START_TIME, DroppedConnectionError } from "./twin.js";

const create = (twin: ReturnType<typeof createToyTwin>, tenant?: string) => callToy(twin, "notes.create", { body: { text: "x" }, ...(tenant ? { tenant } : {}) });

describe("rate limits", () => {
  test("rateLimit: true applies the vendor's limit, in windows of virtual time, with Retry-After from the virtual clock", async () => {
    const twin = createToyTwin({ sleep: async () => {} });
    twin.tenant().faults = { rules: [{ methods: ["notes.*"], rateLimit: true }] };
    expect(TOY_NOTES_CREATE_LIMIT).toEqual({ limit: 2, windowMs: 60_000 });
    expect((await create(twin)).status).toBe(200); // t = start + 1 s: the window opens
    expect((await create(twin)).status).toBe(200);
    const limited = await create(twin); // t = start + 3 s
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ ok: false, error: "ratelimited" });
    expect(limited.headers.get("retry-after")).toBe("58");
    expect(limited.headers.get("x-ratelimit-limit")).toBe("2");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("x-ratelimit-reset")).toBe(String((DEFAULT_START_TIME + 61_000) / 1000));
    expect(twin.tenant().log.at(-1)).toMatchObject({ fault: "rate_limited", status: 429 });
    // A method without a vendor limit is never limited by `rateLimit: true`.
    for (let index = 0; index < 5; index++) expect((await callToy(twin, "notes.list")).status).toBe(200);
    // Waiting out Retry-After in virtual time costs nothing real.
    twin.tenant().advance(58_000);
    expect((await create(twin)).status).toBe(200);
  });

  test("an explicit limit applies to every matching method, each with its own window", async () => {
    const twin = createToyTwin();
    twin.tenant().faults = { rules: [{ methods: ["counter.*", "notes.list"], rateLimit: { limit: 1, windowMs: 10_000 } }] };
    const responses: Response[] = [];
    for (let index = 0; index < 3; index++) {
      responses.push(await callToy(twin, "counter.increment", { body: {} })); // +1 s, +3 s, +5 s
      responses.push(await callToy(twin, "notes.list")); // +2 s, +4 s, +6 s
    }
    expect(responses.map((response) => response.status)).toEqual([200, 200, 429, 429, 429, 429]);
    // notes.list's window opened at +2 s for 10 s; at +4 s that leaves 8 s.
    expect(responses[3]!.headers.get("retry-after")).toBe("8");
    twin.tenant().advance(5_000); // +11 s, and the request's own tick makes +12 s: a new window
    expect((await callToy(twin, "notes.list")).status).toBe(200);
  });

  test("limits are per tenant", async () => {
    const twin = createToyTwin();
    for (const id of ["a", "b"]) twin.tenant(id).faults = { rules: [{ rateLimit: { limit: 1, windowMs: 60_000 } }] };
    expect((await create(twin, "a")).status).toBe(200);
    expect((await create(twin, "a")).status).toBe(429);
    expect((await create(twin, "b")).status).toBe(200);
  });
});

describe("server errors", () => {
  async function statuses(seed: number): Promise<number[]> {
    const twin = createToyTwin({ seed });
    twin.tenant().faults = { rules: [{ errorRate: 0.3 }] };
    const result: number[] = [];
    for (let index = 0; index < 100; index++) result.push((await callToy(twin, "notes.list")).status);
    return result;
  }

  test("errorRate is reproducible from the seed and close to the rate", async () => {
    const first = await statuses(11);
    expect(await statuses(11)).toEqual(first);
    expect(await statuses(12)).not.toEqual(first);
    const errors = first.filter((status) => status === 503).length;
    expect(errors).toBeGreaterThan(15);
    expect(errors).toBeLessThan(45);
    expect(first.every((status) => status === 200 || status === 503)).toBe(true);
  });

  test("the error is the definition's vendor-shaped answer and is logged as a fault", async () => {
    const twin = createToyTwin();
    twin.tenant().faults = { rules: [{ methods: ["notes.list"], errorRate: 1 }] };
    const response = await callToy(twin, "notes.list");
    expect(await response.json()).toEqual({ ok: false, error: "service_unavailable" });
    expect(twin.tenant().log[0]).toMatchObject({ fault: "server_error", status: 503 });
    expect((await callToy(twin, "counter.increment", { body: {} })).status).toBe(200);
  });
});

describe("dropped connections and latency", () => {
  test("dropRate rejects in-process with DroppedConnectionError, a TypeError like fetch's", async () => {
    const twin = createToyTwin();
    twin.tenant().faults = { rules: [{ dropRate: 1 }] };
    const outcome = callToy(twin, "notes.list");
    await expect(outcome).rejects.toBeInstanceOf(DroppedConnectionError);
    await expect(outcome).rejects.toBeInstanceOf(TypeError);
    expect(twin.tenant().log[0]).toMatchObject({ fault: "dropped", status: 0, response: undefined });
  });

  test("latency advances virtual time and really waits through the injected sleep", async () => {
    const slept: number[] = [];
    const twin = createToyTwin({ sleep: async (ms) => void slept.push(ms) });
    twin.tenant().faults = { rules: [{ methods: ["notes.get"], latencyMs: 1_500 }] };
    await callToy(twin, "notes.get", { query: { id: "N1" } });
    expect(slept).toEqual([1_500]);
    expect(twin.tenant().now()).toBe(DEFAULT_START_TIME + 1_000 + 1_500);
    expect(twin.tenant().log[0]).toMatchObject({ fault: "latency", status: 200 });
  });
});

describe("rule matching", () => {
  test("exact names, globs, and no methods for all; the first matching rule wins", () => {
    expect(ruleMatches({}, "anything")).toBe(true);
    expect(ruleMatches({ methods: [] }, "anything")).toBe(true);
    expect(ruleMatches({ methods: ["chat.*"] }, "chat.postMessage")).toBe(true);
    expect(ruleMatches({ methods: ["chat.*"] }, "chatter")).toBe(false);
    expect(ruleMatches({ methods: ["GET /rest/api/3/*"] }, "GET /rest/api/3/issue/{issueIdOrKey}")).toBe(true);
    expect(ruleMatches({ methods: ["GET /rest/api/3/*"] }, "POST /rest/api/3/issue")).toBe(false);
    expect(ruleMatches({ methods: ["a.b"] }, "aXb")).toBe(false);
    const profile = { rules: [{ methods: ["chat.postMessage"], errorRate: 1 }, { latencyMs: 5 }] };
    expect(matchingRule(profile, "chat.postMessage")).toBe(profile.rules[0]);
    expect(matchingRule(profile, "users.list")).toBe(profile.rules[1]);
    expect(matchingRule({ rules: [] }, "x")).toBeUndefined();
  });
});

describe("fault profile validation", () => {
  test.each([
    [[], 'expected an object {"rules": [...]}'],
    [{}, "rules: required (an array of fault rules)"],
    [{ rules: {} }, "rules: expected an array of fault rules"],
    [{ rules: [], extra: 1 }, "extra: unknown field (expected rules)"],
    [{ rules: [3] }, "rules[0]: expected an object (a fault rule)"],
    [{ rules: [{ errorrate: 0.1 }] }, "rules[0].errorrate: unknown field (expected methods, rateLimit, errorRate, dropRate, latencyMs)"],
    [{ rules: [{}, { errorRate: 2 }] }, "rules[1].errorRate: expected a number between 0 and 1"],
    [{ rules: [{ dropRate: "0.5" }] }, "rules[0].dropRate: expected a number between 0 and 1"],
    [{ rules: [{ latencyMs: -1 }] }, "rules[0].latencyMs: expected a non-negative number"],
    [{ rules: [{ methods: "chat.*" }] }, "rules[0].methods: expected an array of method names or globs"],
    [{ rules: [{ rateLimit: false }] }, 'rules[0].rateLimit: expected true (the vendor\'s limit) or {"limit": integer >= 0, "windowMs": positive number}'],
    [{ rules: [{ rateLimit: { limit: 1.5, windowMs: 10 } }] }, 'rules[0].rateLimit: expected true (the vendor\'s limit) or {"limit": integer >= 0, "windowMs": positive number}'],
    [{ rules: [{ rateLimit: { limit: 1, windowMs: 10, burst: 2 } }] }, "rules[0].rateLimit.burst: unknown field (expected limit, windowMs)"],
  ])("%j is rejected: %s", (profile, message) => {
    expect(validateFaultProfile(profile)).toEqual({ error: message });
    expect(() => checkFaultProfile(profile)).toThrow(message);
  });

  test("a valid profile comes back as given", () => {
    const profile = { rules: [{ methods: ["chat.*"], rateLimit: true as const, errorRate: 0.1, dropRate: 0.01, latencyMs: 20 }, { rateLimit: { limit: 5, windowMs: 1000 } }] };
    expect(validateFaultProfile(profile)).toEqual({ profile });
  });
});
