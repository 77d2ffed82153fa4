import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LightsoutError } from "../errors.js";
import { evaluateCondition, parseCondition, tryParseCondition } from "./conditions.js";
import { Context } from "./context.js";
import type { Outcome } from "./outcome.js";

const succeeded: Outcome = { status: "success" };

function syntaxError(text: string): LightsoutError {
  try {
    parseCondition(text);
  } catch (error) {
    if (LightsoutError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe("11.9 condition expressions", () => {
  it("11.9 `=` (equals) operator works for string comparison", () => {
    const context = new Context({ mode: "fast" });
    expect(evaluateCondition("context.mode=fast", succeeded, context)).toBe(true);
    expect(evaluateCondition("context.mode=slow", succeeded, context)).toBe(false);
  });

  it("11.9 `!=` (not equals) operator works", () => {
    const context = new Context({ loop_state: "running" });
    expect(evaluateCondition("context.loop_state!=exhausted", succeeded, context)).toBe(true);
    expect(evaluateCondition("context.loop_state!=running", succeeded, context)).toBe(false);
  });

  it("11.9 `&&` (AND) conjunction works with multiple clauses", () => {
    const context = new Context({ tests_passed: true, coverage: "high" });
    expect(evaluateCondition("outcome=success && context.tests_passed=true && context.coverage=high", succeeded, context)).toBe(true);
    expect(evaluateCondition("outcome=success && context.tests_passed=false", succeeded, context)).toBe(false);
    expect(evaluateCondition("outcome=fail && context.tests_passed=true", succeeded, context)).toBe(false);
  });

  it("11.9 `outcome` variable resolves to the current node's outcome status", () => {
    const context = new Context();
    for (const status of ["success", "fail", "partial_success", "retry"] as const) {
      expect(evaluateCondition(`outcome=${status}`, { status }, context)).toBe(true);
    }
    expect(evaluateCondition("outcome=SUCCESS", succeeded, context)).toBe(false);
  });

  it("11.9 `preferred_label` variable resolves to the outcome's preferred label", () => {
    const context = new Context();
    expect(evaluateCondition("preferred_label=Fix", { status: "success", preferredLabel: "Fix" }, context)).toBe(true);
    expect(evaluateCondition("preferred_label=Fix", { status: "success", preferredLabel: "Ship" }, context)).toBe(false);
    expect(evaluateCondition('preferred_label=""', succeeded, context)).toBe(true);
  });

  it("11.9 `context.*` variables resolve to context values (missing keys = empty string)", () => {
    const context = new Context({ "human.gate.selected": "A", count: 3, flags: { on: true } });
    expect(evaluateCondition("context.human.gate.selected=A", succeeded, context)).toBe(true);
    expect(evaluateCondition("context.count=3", succeeded, context)).toBe(true);
    expect(evaluateCondition('context.flags="{\\"on\\":true}"', succeeded, context)).toBe(true);
    expect(evaluateCondition('context.missing=""', succeeded, context)).toBe(true);
    expect(evaluateCondition("context.missing=anything", succeeded, context)).toBe(false);
    expect(evaluateCondition("context.missing!=anything", succeeded, context)).toBe(true);
  });

  it("11.9 Empty condition always evaluates to true (unconditional edge)", () => {
    expect(evaluateCondition("", { status: "fail" }, new Context())).toBe(true);
    expect(evaluateCondition("   ", { status: "fail" }, new Context())).toBe(true);
    expect(parseCondition("").clauses).toEqual([]);
  });
});

describe("condition semantics (spec 10.3-10.5)", () => {
  it("tries `context.x` as written, then `x` without the prefix", () => {
    expect(evaluateCondition("context.tests_passed=true", succeeded, new Context({ tests_passed: "true" }))).toBe(true);
    const both = new Context({ "context.x": "prefixed", x: "plain" });
    expect(evaluateCondition("context.x=prefixed", succeeded, both)).toBe(true);
  });

  it("looks unqualified keys up in the context directly", () => {
    const context = new Context({ tests_passed: "true" });
    expect(evaluateCondition("tests_passed=true", succeeded, context)).toBe(true);
    expect(evaluateCondition("other=true", succeeded, context)).toBe(false);
  });

  it("treats null context values as missing", () => {
    expect(evaluateCondition('context.value=""', succeeded, new Context({ value: null }))).toBe(true);
  });

  it("unescapes quoted literals and keeps their spaces", () => {
    const context = new Context({ label: 'say "hi"\nnow', choice: "Yes, deploy" });
    expect(evaluateCondition('context.label="say \\"hi\\"\\nnow"', succeeded, context)).toBe(true);
    expect(evaluateCondition('context.choice="Yes, deploy"', succeeded, context)).toBe(true);
  });

  it("treats a bare key as truthy when its value is non-empty (including the text false)", () => {
    expect(evaluateCondition("context.ready", succeeded, new Context({ ready: "yes" }))).toBe(true);
    expect(evaluateCondition("context.ready", succeeded, new Context({ ready: "" }))).toBe(false);
    expect(evaluateCondition("context.ready", succeeded, new Context())).toBe(false);
    expect(evaluateCondition("context.ready", succeeded, new Context({ ready: false }))).toBe(true);
    expect(evaluateCondition("preferred_label", succeeded, new Context())).toBe(false);
  });

  it("compares case-sensitively", () => {
    expect(evaluateCondition("context.mode=Fast", succeeded, new Context({ mode: "fast" }))).toBe(false);
  });

  it("accepts spaces around keys, operators and `&&`, and bare literals with . : -", () => {
    const context = new Context({ model: "gpt-5.2", time: "12:30" });
    expect(evaluateCondition("  context.model = gpt-5.2  &&  context.time=12:30 ", succeeded, context)).toBe(true);
    expect(evaluateCondition("outcome=success&&context.model!=x", succeeded, context)).toBe(true);
  });

  it("evaluates a parsed expression as well as text, and caches parses by text", () => {
    const expression = parseCondition("outcome=success");
    expect(parseCondition("outcome=success")).toBe(expression);
    expect(evaluateCondition(expression, succeeded, new Context())).toBe(true);
    expect(Object.isFrozen(expression)).toBe(true);
  });
});

describe("condition syntax errors", () => {
  const cases: [string, RegExp, number][] = [
    ["outcome=success && && context.x=1", /empty clause between '&&'/, 20],
    ["&& outcome=success", /empty clause/, 1],
    ["outcome=success &&", /expected a clause after '&&'/, 19],
    ["outcome=", /expected a value after '='/, 9],
    ["outcome!= && context.x=1", /expected a value after '!='/, 11],
    ["outcome==success", /'==' is not supported; use '='/, 8],
    ["context.count<3", /comparison '<' is not supported/, 14],
    ["context.count >= 3", /comparison '>=' is not supported/, 15],
    ["outcome=success || outcome=fail", /'\|\|' \(OR\) is not supported/, 17],
    ["outcome=success & context.x=1", /single '&'/, 17],
    ["!context.ready", /negation '!' is not supported/, 1],
    ["context.name contains bob", /'contains' is not supported/, 14],
    ["context.=1", /expected an identifier after 'context\.'/, 9],
    ["9lives=1", /expected a key \(outcome, preferred_label or context\.<path>\)/, 1],
    ["context.my-key=1", /unexpected '-' in key 'context\.my'/, 11],
    ['"outcome"=success', /expected a key, found a quoted string/, 1],
    ["=success", /expected a key before the operator/, 1],
    ['context.x="unterminated', /unterminated string/, 11],
    ["preferred_label=Fix it", /expected '&&' or the end of the condition, found 'it'; quote values/, 21],
    ["outcome success", /expected '=' or '!=' after the key, found 'success'/, 9],
    ["outcome=a=b", /unexpected '='/, 10],
  ];

  for (const [text, pattern, column] of cases) {
    it(`rejects ${JSON.stringify(text)} at column ${column}`, () => {
      const error = syntaxError(text);
      expect(error.code).toBe("CONDITION_SYNTAX");
      expect(error.message).toMatch(pattern);
      expect(error.message).toContain(`at column ${column}`);
      expect(error.message).toContain(`"${text}"`);
      const result = tryParseCondition(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.column).toBe(column);
    });
  }

  it("throws CONDITION_SYNTAX from evaluateCondition for invalid text", () => {
    expect(() => evaluateCondition("outcome==success", succeeded, new Context())).toThrowError(/not supported/);
  });
});

/**
 * The spec's evaluator (10.5) transcribed literally: split on `&&`, then on the first `!=` or
 * `=`. It agrees with the parser on every expression the generator below produces.
 */
function referenceEvaluate(condition: string, outcome: { status: string; preferredLabel?: string }, values: Record<string, string>): boolean {
  const lookup = (key: string): string | undefined => (Object.hasOwn(values, key) ? values[key] : undefined);
  const resolveKey = (key: string): string => {
    if (key === "outcome") return outcome.status;
    if (key === "preferred_label") return outcome.preferredLabel ?? "";
    if (key.startsWith("context.")) return lookup(key) ?? lookup(key.slice("context.".length)) ?? "";
    return lookup(key) ?? "";
  };
  const parseLiteral = (raw: string): string => {
    const value = raw.trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1).replace(/\\(.)/g, "$1");
    return value;
  };
  if (condition.trim() === "") return true;
  for (const rawClause of condition.split("&&")) {
    const clause = rawClause.trim();
    if (clause === "") continue;
    let result: boolean;
    if (clause.includes("!=")) {
      const at = clause.indexOf("!=");
      result = resolveKey(clause.slice(0, at).trim()) !== parseLiteral(clause.slice(at + 2));
    } else if (clause.includes("=")) {
      const at = clause.indexOf("=");
      result = resolveKey(clause.slice(0, at).trim()) === parseLiteral(clause.slice(at + 1));
    } else {
      result = resolveKey(clause) !== "";
    }
    if (!result) return false;
  }
  return true;
}

const VALUES = ["success", "fail", "retry", "partial_success", "Fix", "yes", "true", "a b", 'say "hi"', "back\\slash", ""];
const space = fc.constantFrom("", " ", "  ", "\t");
const key = fc.constantFrom("outcome", "preferred_label", "context.a", "context.b.c", "a", "b.c", "context.missing");
const bareLiteral = fc.constantFrom("success", "fail", "retry", "partial_success", "Fix", "yes", "true", "gpt-5.2", "v1:2");
/** Quoted literals with escapes; no `&`, `=` or `!` inside, which the spec's string splitting would misread. */
const quotedLiteral = fc.constantFrom(...VALUES).map((value) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`);
const clause = fc
  .tuple(space, key, space, fc.constantFrom("=", "!=", ""), space, fc.oneof(bareLiteral, quotedLiteral), space)
  .map(([before, name, beforeOperator, operator, afterOperator, literal, after]) =>
    operator === "" ? `${before}${name}${after}` : `${before}${name}${beforeOperator}${operator}${afterOperator}${literal}${after}`,
  );
const expression = fc.array(clause, { minLength: 0, maxLength: 5 }).map((clauses) => clauses.join("&&"));
const contextValues = fc.dictionary(fc.constantFrom("a", "b.c", "context.a", "missing_not"), fc.constantFrom(...VALUES));
const outcome = fc.record({
  status: fc.constantFrom("success", "fail", "retry", "partial_success"),
  preferredLabel: fc.constantFrom("Fix", "yes", "", "a b"),
});

describe("condition properties", () => {
  it("parses every well-formed expression and agrees with the spec's reference evaluator", () => {
    fc.assert(
      fc.property(expression, outcome, contextValues, (text, currentOutcome, values) => {
        const parsed = tryParseCondition(text);
        expect(parsed.ok).toBe(true);
        const context = new Context(values);
        expect(evaluateCondition(text, currentOutcome, context)).toBe(referenceEvaluate(text, currentOutcome, values));
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws anything but CONDITION_SYNTAX on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const result = tryParseCondition(text);
        if (!result.ok) {
          expect(result.column).toBeGreaterThanOrEqual(1);
          expect(result.column).toBeLessThanOrEqual(text.length + 1);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
