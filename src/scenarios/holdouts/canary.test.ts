import { expect, it } from "vitest";
import { CANARY_PATTERN, createCanary, findCanaries } from "./canary.js";

it("creates canaries of 32 hex digits, unique by default and reproducible from a seeded random", () => {
  const canary = createCanary();
  expect(canary).toMatch(/^lightsout-canary-[0-9a-f]{32}$/);
  expect(CANARY_PATTERN.test(canary)).toBe(true);
  expect(new Set(Array.from({ length: 100 }, () => createCanary())).size).toBe(100);
  const counter = (): (() => number) => {
    let state = 0;
    return () => ((state = (state + 0.37) % 1), state);
  };
  expect(createCanary(counter())).toBe(createCanary(counter()));
});

it("finds every canary in a text, whatever the case, and nothing else", () => {
  const a = createCanary();
  const b = createCanary();
  expect(findCanaries(`# ${a}\nsome text ${b.toUpperCase()} and ${a}`)).toEqual([a, b, a]);
  expect(findCanaries("lightsout-canary-1234 is too short, lightsout-canary-" + "g".repeat(32) + " is not hex")).toEqual([]);
  expect(findCanaries("")).toEqual([]);
});
