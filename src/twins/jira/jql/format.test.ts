import { describe, expect, it } from "vitest";
import { formatJql } from "./format.js";
import { parseJql } from "./parser.js";

const roundTrip = (text: string) => formatJql(parseJql(text));

describe("formatJql", () => {
  it("prints keywords and operators uppercase and quotes only what needs quotes", () => {
    expect(roundTrip("project = proj and status in (open, 'in progress') or assignee is null order by key desc")).toBe(
      '(project = proj AND status IN (open, "in progress")) OR assignee IS EMPTY ORDER BY key DESC',
    );
  });

  it("quotes reserved words, keywords, digits meant as text, and escapes what it must", () => {
    expect(roundTrip(`a = "select" AND b = "and" AND c = "10" AND d = "say \\"hi\\"" AND e = 'x\\ty' AND f = ""`)).toBe(
      String.raw`a = "select" AND b = "and" AND c = "10" AND d = "say \"hi\"" AND e = "x\ty" AND f = ""`,
    );
  });

  it("keeps numbers, functions, custom fields and quoted field names", () => {
    expect(roundTrip('cf[10016] >= -3 AND "Story Points" < 5 AND created > startOfDay(-1d) AND x in membersOf("a b")')).toBe(
      'cf[10016] >= -3 AND "Story Points" < 5 AND created > startOfDay(-1d) AND x IN membersOf("a b")',
    );
  });

  it("keeps the shape of nested clauses with parentheses", () => {
    expect(roundTrip("NOT (a = x OR b = y) AND (c = z AND d = w)")).toBe("NOT (a = x OR b = y) AND (c = z AND d = w)");
    expect(roundTrip("NOT NOT a = x")).toBe("NOT NOT a = x");
  });

  it("prints an empty query as an empty string and a sort-only query as ORDER BY", () => {
    expect(roundTrip("")).toBe("");
    expect(roundTrip("order by created")).toBe("ORDER BY created");
  });
});
