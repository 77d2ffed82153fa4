import { describe, expect, test } from "vitest";
import type { Perturbation, VariableSpec } from "../model.js";
import { createStepDelays, drawTrialChoices, faultRulesFor } from "./variables.js";

const vars: Record<string, VariableSpec> = {
  greeting: { kind: "one-of", values: ["hello", "hi", "hey", "yo"] },
  count: { kind: "integer", min: 1, max: 1000 },
  code: { kind: "text", length: 8, alphabet: "abcdef0123456789" },
  fixed: { kind: "literal", value: { a: 1 } },
};
const perturbations: Perturbation[] = [
  { name: "slow", probability: 0.5, stepDelayMs: { min: 10, max: 20 } },
  { name: "flaky-slack", probability: 0.5, faults: { slack: [{ methods: ["chat.*"], errorRate: 0.2 }] } },
  { name: "always", probability: 1, faults: { slack: [{ latencyMs: 5 }], jira: [{ dropRate: 0.1 }] } },
  { name: "never", probability: 0 },
];

describe("drawTrialChoices", () => {
  test("the same seed gives the same vars and perturbations, every time", () => {
    const first = drawTrialChoices({ vars, perturbations }, 12345);
    const second = drawTrialChoices({ vars, perturbations }, 12345);
    expect(second).toEqual(first);
    expect(first.vars["fixed"]).toEqual({ a: 1 });
    expect(["hello", "hi", "hey", "yo"]).toContain(first.vars["greeting"]);
    expect(first.vars["code"]).toMatch(/^[a-f0-9]{8}$/);
    const count = first.vars["count"] as number;
    expect(Number.isInteger(count) && count >= 1 && count <= 1000).toBe(true);
  });

  test("other seeds draw other values, and probabilities 1 and 0 always and never apply", () => {
    const draws = Array.from({ length: 50 }, (_, seed) => drawTrialChoices({ vars, perturbations }, seed));
    expect(new Set(draws.map((draw) => draw.vars["count"])).size).toBeGreaterThan(30);
    const names = draws.map((draw) => draw.perturbations.map((perturbation) => perturbation.name));
    expect(names.every((applied) => applied.includes("always") && !applied.includes("never"))).toBe(true);
    expect(names.some((applied) => applied.includes("slow"))).toBe(true);
    expect(names.some((applied) => !applied.includes("slow"))).toBe(true);
  });

  test("a variable's value does not depend on the other variables: adding one changes nothing else", () => {
    const before = drawTrialChoices({ vars, perturbations: [] }, 99);
    const after = drawTrialChoices({ vars: { added: { kind: "integer", min: 0, max: 9 }, ...vars }, perturbations: [] }, 99);
    for (const name of Object.keys(vars)) expect(after.vars[name]).toEqual(before.vars[name]);
  });
});

describe("createStepDelays and faultRulesFor", () => {
  test("step delays replay from the seed and stay within the summed ranges", () => {
    const applied = [perturbations[0]!, { name: "more", probability: 1, stepDelayMs: { min: 100, max: 100 } }];
    const first = createStepDelays(applied, 5);
    const second = createStepDelays(applied, 5);
    const delays = Array.from({ length: 10 }, () => first());
    expect(Array.from({ length: 10 }, () => second())).toEqual(delays);
    for (const delay of delays) expect(delay >= 110 && delay <= 120).toBe(true);
    expect(createStepDelays([], 5)()).toBe(0);
  });

  test("fault rules of the applied perturbations, per twin, in perturbation order", () => {
    expect(faultRulesFor(perturbations, "slack")).toEqual([{ methods: ["chat.*"], errorRate: 0.2 }, { latencyMs: 5 }]);
    expect(faultRulesFor(perturbations, "jira")).toEqual([{ dropRate: 0.1 }]);
    expect(faultRulesFor(perturbations, "okta")).toEqual([]);
  });
});
