import { performance } from "node:perf_hooks";
import { describe, expect, test } from "vitest";
import { seedTenant } from "./fixtures.js";
import { countRecords, putRecord } from "./state.js";
import { Tenant } from "./tenant.js";
import { callToy, createToyTwin } from "./toy-twin.js";

function tenant(seed = 1): Tenant {
  return new Tenant({ id: "t", seed, startTime: 1_000, tickMs: 10 });
}

describe("Tenant", () => {
  test("counters start at 1 per prefix; the clock only moves forward", () => {
    const subject = tenant();
    expect([subject.nextCounter("C"), subject.nextCounter("C"), subject.nextCounter("U")]).toEqual([1, 2, 1]);
    subject.advance(500);
    subject.advance(-100);
    subject.advance(0);
    expect(subject.now()).toBe(1_500);
  });

  test("random() is uniform in [0, 1) and repeats for the same seed", () => {
    const draws = (seed: number) => Array.from({ length: 1000 }, ((subject) => () => subject.random())(tenant(seed)));
    const first = draws(7);
    expect(draws(7)).toEqual(first);
    expect(draws(8)).not.toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = first.reduce((sum, value) => sum + value, 0) / first.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  test("restore brings back records, ids, clock and random state exactly", async () => {
    const twin = createToyTwin({ seed: 3 });
    await callToy(twin, "notes.create", { body: { text: "before" } });
    const subject = twin.tenant();
    const snapshot = subject.snapshot();
    const replay = async () => [await (await callToy(twin, "notes.create", { body: { text: "after" } })).text(), await (await callToy(twin, "notes.list")).text()];
    const first = await replay();
    expect(first[0]).toContain('"id":"N3"');
    expect(subject.restore(snapshot)).toBe(true);
    // Same id, same timestamp, same random tag: the snapshot holds the counters, clock and generator.
    expect(await replay()).toEqual(first);
    expect(subject.restore("snap-404")).toBe(false);
  });

  test("snapshot and restore are O(1): as fast with 100,000 records as with 1", () => {
    const timeOf = (records: number): number => {
      const subject = tenant();
      subject.update((state) => {
        let next = state;
        for (let index = 0; index < records; index++) next = putRecord(next, "items", `I${index}`, { index });
        return next;
      });
      const started = performance.now();
      for (let round = 0; round < 2_000; round++) subject.restore(subject.snapshot());
      return performance.now() - started;
    };
    timeOf(1); // warm-up
    const small = timeOf(1);
    const large = timeOf(100_000);
    // A copy of 100,000 records 2,000 times would take minutes; sharing takes microseconds.
    expect(large).toBeLessThan(Math.max(50, small * 20));
  });

  test("reset returns to the seeded state and clears the log and deliveries, keeping faults and config", async () => {
    const twin = createToyTwin({ seed: 5, fetch: async () => new Response(null, { status: 204 }) });
    const subject = twin.tenant();
    seedTenant(twin, subject, { notes: [{ text: "seeded" }], counter: 10 });
    const seededState = subject.state;
    subject.faults = { rules: [{ methods: ["nothing"], errorRate: 1 }] };
    subject.config = { webhookUrl: "http://127.0.0.1:9/unreachable" };
    await callToy(twin, "notes.create", { body: { text: "later" } });
    await callToy(twin, "counter.increment", { body: { by: 2 } });
    expect(subject.log).toHaveLength(2);
    expect(subject.deliveries).toHaveLength(1);
    subject.reset();
    expect(subject.state).toBe(seededState);
    expect(countRecords(subject.state, "notes")).toBe(2);
    expect(subject.log).toEqual([]);
    expect(subject.deliveries).toEqual([]);
    expect(subject.faults.rules).toHaveLength(1);
    expect(subject.config).toEqual({ webhookUrl: "http://127.0.0.1:9/unreachable" });
    // After a reset the same requests give the same answers as the first time.
    const again = await (await callToy(twin, "counter.increment", { body: { by: 2 } })).json();
    expect(again).toEqual({ ok: true, value: 12 });
  });
});
