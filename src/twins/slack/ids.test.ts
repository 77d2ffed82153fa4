import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Tenant } from "../kit/index.js";
import { microsToTs, newId, nextTs, parseTsArgument, permalinkTs, TS_PATTERN, tsToMicros } from "./ids.js";

const tenant = (seed = 1) => new Tenant({ id: "t", seed, startTime: Date.UTC(2026, 0, 1), tickMs: 1000 });

describe("ids", () => {
  it("object ids are a type letter and 10 uppercase letters or digits, the same for the same seed", () => {
    const first = tenant(5);
    const ids = Array.from({ length: 50 }, () => newId(first, "C"));
    for (const id of ids) expect(id).toMatch(/^C[A-Z0-9]{10}$/);
    expect(new Set(ids).size).toBe(50);
    const second = tenant(5);
    expect(Array.from({ length: 50 }, () => newId(second, "C"))).toEqual(ids);
    expect(newId(tenant(6), "C")).not.toBe(ids[0]);
  });

  it("newId never returns a taken id", () => {
    const subject = tenant(9);
    const taken = new Set([newId(tenant(9), "U")]);
    expect(taken.has(newId(subject, "U", (id) => taken.has(id)))).toBe(false);
  });

  it("a ts is seconds and six digits of the virtual time", () => {
    expect(nextTs(Date.UTC(2026, 0, 1, 0, 0, 1), 0).ts).toBe("1767225601.000100");
    expect(microsToTs(1767225601000100)).toBe("1767225601.000100");
    expect(tsToMicros("1767225601.000100")).toBe(1767225601000100);
    expect(permalinkTs("1767225601.000100")).toBe("p1767225601000100");
  });

  it("ts strictly increase in a conversation, whatever the clock does", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 60 }), (steps) => {
        let now = Date.UTC(2026, 0, 1);
        let last = 0;
        for (const step of steps) {
          now += step - 2500;
          const { ts, micros } = nextTs(now, last);
          expect(ts).toMatch(TS_PATTERN);
          expect(micros).toBeGreaterThan(last);
          expect(tsToMicros(ts)).toBe(micros);
          last = micros;
        }
      }),
    );
  });

  it("ts arguments parse leniently, and junk is NaN", () => {
    expect(parseTsArgument("1767225601")).toBe(1767225601000000);
    expect(parseTsArgument("1767225601.5")).toBe(1767225601500000);
    expect(parseTsArgument("yesterday")).toBeNaN();
  });
});
