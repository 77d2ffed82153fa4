import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JqlClause, JqlField, JqlOperand, JqlOperator, JqlQuery, JqlSort } from "./ast.js";
import { JqlError } from "./errors.js";
import { compileJql, type JqlFieldValue } from "./evaluator.js";
import { formatJql } from "./format.js";
import { parseJql } from "./parser.js";

const OPERATORS: JqlOperator[] = ["=", "!=", "~", "!~", "<", "<=", ">", ">=", "in", "not in", "is", "is not"];
const FIELD_NAMES = ["project", "Status", "assignee", "labels", "created", "duedate", "Story Points", "summary", "text", "field", "order", "10000"];
const WORDS = ["PROJ", "PROJ-12", "In Progress", "-7d", "2026-01-31", "2026/01/31 14:00", "chang*", '"a phrase"', "select", "and", "", "12", "é"];
const FUNCTIONS = ["currentUser", "membersOf", "now", "startOfDay", "endOfMonth", "startOfWeek", "openSprints", "weird name"];

/** Any string, including quotes, backslashes, control characters and unpaired surrogates. */
const anyText = fc.oneof(fc.constantFrom(...WORDS), fc.string(), fc.string({ unit: "binary" }));
const nonBlank = anyText.filter((text) => text.trim() !== "");
const long = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String);

const field: fc.Arbitrary<JqlField> = fc.oneof(
  fc.nat().map((id) => ({ name: `cf[${id}]`, key: `cf[${id}]` })),
  fc.oneof(fc.constantFrom(...FIELD_NAMES), nonBlank).map((name) => ({ name, key: /^-?\d+$/.test(name) ? name : name.toLowerCase() })),
);

const operand: fc.Arbitrary<JqlOperand> = fc.letrec<{ operand: JqlOperand }>((tie) => ({
  operand: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant<JqlOperand>({ kind: "empty" }),
    anyText.map((value): JqlOperand => ({ kind: "value", value })),
    long.map((value): JqlOperand => ({ kind: "number", value })),
    fc
      .record({ name: fc.oneof(fc.constantFrom(...FUNCTIONS), nonBlank), args: fc.array(anyText, { maxLength: 3 }) })
      .map(({ name, args }): JqlOperand => ({ kind: "function", name, args })),
    fc.array(tie("operand"), { minLength: 1, maxLength: 3 }).map((items): JqlOperand => ({ kind: "list", items })),
  ),
})).operand;

const clause: fc.Arbitrary<JqlClause> = fc.letrec<{ clause: JqlClause }>((tie) => ({
  clause: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ field, operator: fc.constantFrom(...OPERATORS), operand }).map((terminal): JqlClause => ({ kind: "terminal", ...terminal })),
    fc.array(tie("clause"), { minLength: 2, maxLength: 3 }).map((clauses): JqlClause => ({ kind: "and", clauses })),
    fc.array(tie("clause"), { minLength: 2, maxLength: 3 }).map((clauses): JqlClause => ({ kind: "or", clauses })),
    tie("clause").map((inner): JqlClause => ({ kind: "not", clause: inner })),
  ),
})).clause;

const sort: fc.Arbitrary<JqlSort> = fc.record({ field, direction: fc.constantFrom<JqlSort["direction"]>("asc", "desc", undefined) });
const query: fc.Arbitrary<JqlQuery> = fc.record({
  where: fc.option(clause, { nil: undefined }),
  orderBy: fc.array(sort, { maxLength: 3 }),
});

const scalar = fc.oneof(anyText, fc.double(), fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }));
const fieldValue: fc.Arbitrary<JqlFieldValue> = fc.oneof(
  fc.constantFrom(null, undefined),
  scalar,
  fc.array(scalar, { maxLength: 3 }),
);
const issue = fc.dictionary(fc.constantFrom(...FIELD_NAMES.map((name) => name.toLowerCase()), "cf[1]", "cf[0]"), fieldValue);

/** Fragments of JQL, so that random strings are often nearly valid. */
const jqlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "project", "=", "!=", "~", "!~", "<", ">=", " ", "\n", "(", ")", ",", "[", "]", '"', "'", "\\", "AND", "OR", "NOT", "!",
        "IN", "IS", "EMPTY", "NULL", "ORDER", "BY", "ASC", "DESC", "cf", "10001", "-7d", "startOfDay(", "currentUser()",
        "&&", "||", "*", "/", "@", "select", "WAS", "\u0001", "\\u00e9", "\\x", "\t",
      ),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 16 },
  )
  .map((parts) => parts.join(" "));

describe("JQL properties", () => {
  it("prints any well-formed query so that it parses back to the same query", () => {
    fc.assert(
      fc.property(query, (original) => {
        const text = formatJql(original);
        expect(parseJql(text)).toEqual(original);
        expect(formatJql(parseJql(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it("evaluates and orders any well-formed query over any issues without throwing", () => {
    fc.assert(
      fc.property(query, fc.array(issue, { maxLength: 4 }), fc.option(fc.string(), { nil: undefined }), (original, issues, user) => {
        const compiled = compileJql(original, {
          currentUser: user,
          now: Date.UTC(2026, 2, 4, 10, 30),
          resolveField: (item, key) => (item as Record<string, JqlFieldValue>)[key],
          membersOf: (group) => [group],
        });
        for (const item of issues) expect(typeof compiled.matches(item)).toBe("boolean");
        for (const left of issues) {
          for (const right of issues) expect(Number.isFinite(compiled.compare(left, right))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("throws nothing but JqlError for any string, and reprints what it parses faithfully", () => {
    fc.assert(
      fc.property(fc.oneof(jqlish, fc.string(), fc.string({ unit: "binary" })), (text) => {
        let parsed: JqlQuery;
        try {
          parsed = parseJql(text);
        } catch (error) {
          expect(JqlError.isInstance(error), String(error)).toBe(true);
          const { line, character } = error as JqlError;
          expect(line).toBeGreaterThanOrEqual(1);
          expect(character).toBeGreaterThanOrEqual(1);
          return;
        }
        expect(parseJql(formatJql(parsed))).toEqual(parsed);
      }),
      { numRuns: 2000 },
    );
  });
});
