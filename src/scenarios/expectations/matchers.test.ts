import { describe, expect, it } from "vitest";
import type { Matcher } from "../model.js";
import { checkMatcher, describeMatcher, matchValue } from "./matchers.js";

const ok = (matcher: Matcher, actual: unknown): boolean => {
  const outcome = matchValue(matcher, actual);
  expect(outcome.error).toBeUndefined();
  return outcome.ok;
};

describe("matchValue", () => {
  it("a plain scalar means equals, strictly typed", () => {
    expect(ok("C1", "C1")).toBe(true);
    expect(ok(200, 200)).toBe(true);
    expect(ok(null, null)).toBe(true);
    expect(ok(10, "10")).toBe(false);
    expect(matchValue(10, "10").why).toBe('"10" (string) is not 10 (number)');
    expect(ok(true, undefined)).toBe(false);
  });

  it("equals compares deeply, keys in any order", () => {
    expect(ok({ equals: { a: [1, { b: 2 }], c: null } }, { c: null, a: [1, { b: 2 }] })).toBe(true);
    expect(ok({ equals: { a: 1 } }, { a: 1, b: 2 })).toBe(false);
  });

  it("contains: a substring, an element of a list, or a deep sub-object", () => {
    expect(ok({ contains: "OPS-1" }, "[OPS-1] Checkout 502")).toBe(true);
    expect(matchValue({ contains: "OPS-1" }, "OPS-2 Checkout 502").why).toBe('"OPS-2 Checkout 502" does not contain "OPS-1"');
    expect(ok({ contains: "bug" }, ["bug", "p1"])).toBe(true);
    expect(ok({ contains: { name: "bug" } }, [{ id: 1, name: "bug" }])).toBe(true);
    expect(ok({ contains: { fields: { labels: ["p1"], priority: { name: "High" } } } }, { key: "OPS-1", fields: { labels: ["bug", "p1"], priority: { id: "2", name: "High" } } })).toBe(true);
    expect(ok({ contains: { fields: { priority: { name: "Low" } } } }, { fields: { priority: { name: "High" } } })).toBe(false);
    expect(ok({ contains: "x" }, { x: 1 })).toBe(false);
    expect(ok({ contains: 1 }, 1)).toBe(false);
  });

  it("matches a regular expression, with flags", () => {
    expect(ok({ matches: "^OPS-\\d+$" }, "OPS-12")).toBe(true);
    expect(ok({ matches: "^ops", flags: "i" }, "OPS-12")).toBe(true);
    expect(ok({ matches: "^\\d+$" }, 42)).toBe(true);
    // Twice: a kept `g` flag would make the second test start after the first match and fail.
    expect(ok({ matches: "x", flags: "g" }, "x")).toBe(true);
    expect(ok({ matches: "x", flags: "g" }, "x")).toBe(true);
    expect(ok({ matches: "x" }, { x: 1 })).toBe(false);
  });

  it("exists tells a missing field from a present one, null included", () => {
    expect(ok({ exists: true }, null)).toBe(true);
    expect(ok({ exists: true }, undefined)).toBe(false);
    expect(ok({ exists: false }, undefined)).toBe(true);
    expect(ok({ not: { exists: true } }, undefined)).toBe(true);
  });

  it("bounds compare numbers, numeric text, ISO dates and Slack ts strings", () => {
    expect(ok({ gte: 2, lt: 5 }, 2)).toBe(true);
    expect(ok({ gte: 2, lt: 5 }, 5)).toBe(false);
    expect(ok({ gt: 400 }, "503")).toBe(true);
    expect(ok({ gt: "2026-01-01T00:00:00Z" }, "2026-01-02T09:00:00.000+0000")).toBe(true);
    expect(ok({ lt: "2026-01-01" }, "2026-01-02T00:00:00Z")).toBe(false);
    expect(ok({ gt: "1767225600.000100" }, "1767225601.000200")).toBe(true);
    // A Slack ts (seconds) against a date, and a log time (milliseconds) against a date.
    expect(ok({ gte: "2026-01-01T00:00:00Z" }, "1767225601.000200")).toBe(true);
    expect(ok({ lt: "2026-01-01T00:00:00Z" }, "1767225601.000200")).toBe(false);
    expect(ok({ gte: "2026-01-01T00:00:00Z" }, Date.parse("2026-01-01T00:00:01Z"))).toBe(true);
    expect(matchValue({ gt: 1 }, "soon").why).toBe('"soon" is not a number or a date');
  });

  it("oneOf, not and length", () => {
    expect(ok({ oneOf: ["open", "in progress"] }, "open")).toBe(true);
    expect(ok({ oneOf: [{ a: 1 }] }, { a: 1 })).toBe(true);
    expect(ok({ oneOf: ["open"] }, "done")).toBe(false);
    expect(ok({ not: { contains: "error" } }, "all good")).toBe(true);
    expect(matchValue({ not: { contains: "error" } }, "an error").why).toBe('"an error" contains "error"');
    expect(ok({ length: 2 }, [1, 2])).toBe(true);
    expect(ok({ length: { gte: 3 } }, "ab")).toBe(false);
    expect(matchValue({ length: { gte: 3 } }, "ab").why).toBe("its length is 2");
    expect(ok({ length: 0 }, 5)).toBe(false);
  });

  it("an invalid matcher is an error, not a failed match, and never throws", () => {
    expect(matchValue({ matches: "(" }, "x").error).toMatch(/^invalid regular expression \/\(\/: /);
    expect(matchValue({ matches: "a", flags: "q" }, "x").error).toMatch(/invalid regular expression/);
    expect(matchValue({ gt: "tomorrow" }, 1).error).toBe('{gt} must be a number or an ISO-8601 date, got "tomorrow"');
    expect(matchValue({ bogus: 1 } as unknown as Matcher, 1).error).toMatch(/^unknown matcher \{"bogus":1\}: expected a value, or one of/);
    expect(matchValue({} as Matcher, 1).error).toMatch(/unknown matcher/);
    expect(checkMatcher({ not: { length: { matches: "[" } } })).toMatch(/invalid regular expression/);
    expect(checkMatcher({ oneOf: "a" })).toMatch(/must be a list/);
  });
});

describe("describeMatcher", () => {
  it("reads as a clause after a field name", () => {
    expect(describeMatcher("OPS-1")).toBe('= "OPS-1"');
    expect(describeMatcher({ contains: "OPS-1" })).toBe('contains "OPS-1"');
    expect(describeMatcher({ gte: 2, lt: 5 })).toBe(">= 2 and < 5");
    expect(describeMatcher({ matches: "^a", flags: "i" })).toBe("matches /^a/i");
    expect(describeMatcher({ exists: false })).toBe("does not exist");
    expect(describeMatcher({ not: { oneOf: [1, 2] } })).toBe("not (is one of [1,2])");
    expect(describeMatcher({ length: 3 })).toBe("has length = 3");
  });
});
