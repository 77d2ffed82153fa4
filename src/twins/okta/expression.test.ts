import { describe, expect, it } from "vitest";
import { parseExpression } from "./expression.js";

const record: Record<string, unknown> = { status: "ACTIVE", "profile.department": "Engineering", "profile.level": 3, "profile.tags": ["red", "Blue"], created: "2026-01-01T00:00:05.000Z" };
const matches = (source: string) => {
  const parsed = parseExpression(source);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.predicate((attribute) => record[attribute]);
};

describe("parseExpression", () => {
  it("compares with Okta's operators, values case-insensitively", () => {
    expect(matches('status eq "active"')).toBe(true);
    expect(matches('status ne "ACTIVE"')).toBe(false);
    expect(matches('profile.department sw "eng"')).toBe(true);
    expect(matches('profile.department co "NEER"')).toBe(true);
    expect(matches('profile.department ew "ing"')).toBe(true);
    expect(matches("profile.level gt 2")).toBe(true);
    expect(matches("profile.level le 2")).toBe(false);
    expect(matches('created lt "2026-01-02T00:00:00.000Z"')).toBe(true);
    expect(matches("profile.missing pr")).toBe(false);
    expect(matches("profile.department pr")).toBe(true);
    expect(matches('profile.tags eq "blue"')).toBe(true);
  });

  it("combines with and, or and parentheses, and binds and tighter than or", () => {
    expect(matches('status eq "STAGED" or status eq "ACTIVE" and profile.level eq 3')).toBe(true);
    expect(matches('(status eq "STAGED" or status eq "ACTIVE") and profile.level eq 4')).toBe(false);
    expect(matches('status eq "STAGED" or (profile.department eq "Engineering" and profile.level ge 3)')).toBe(true);
  });

  it("says where a bad expression goes wrong", () => {
    expect(parseExpression('status eq "ACTIVE')).toEqual({ error: "unterminated string at 11" });
    expect(parseExpression('status is "ACTIVE"')).toEqual({ error: 'expected an operator (eq, ne, sw, co, ew, pr, gt, ge, lt, le) at 8, found "is"' });
    expect(parseExpression('status eq "A" status eq "B"')).toEqual({ error: 'expected "and", "or" or the end at 15, found "status"' });
    expect(parseExpression('(status eq "A"')).toEqual({ error: 'expected ")" at the end' });
    expect(parseExpression("")).toEqual({ error: "the expression is empty" });
    expect(parseExpression('profile.city eq "x"', (name) => name === "status")).toEqual({ error: "profile.city cannot be used in this expression" });
  });
});
