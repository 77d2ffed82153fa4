import { describe, expect, it } from "vitest";
import { findHeadings, listItems, paragraphs, type SourceLine } from "./markdown.js";
import { clauses, normalizePhrase } from "./statements.js";

function lines(text: string): SourceLine[] {
  return text.split("\n").map((line, index) => ({ text: line, line: index + 1 }));
}

describe("listItems", () => {
  it("joins indented and lazy continuation lines and nested items into their item", () => {
    const items = listItems(lines("1. First\n   continues\nlazily too\n   - nested\n     more\n2) Second"));
    expect(items.map((item) => [item.kind, item.number, item.text, item.line, item.column])).toEqual([
      ["ordered", 1, "First continues lazily too - nested more", 1, 4],
      ["ordered", 2, "Second", 6, 4],
    ]);
  });

  it("ends an item at a blank line followed by unindented prose, but not by an indented paragraph", () => {
    const items = listItems(lines("- one\n\n  still one\n\nProse after.\n* two"));
    expect(items.map((item) => item.text)).toEqual(["one still one", "two"]);
  });

  it("does not take a thematic break for a bullet", () => {
    expect(listItems(lines("---\n- item\n***"))).toHaveLength(1);
  });
});

describe("findHeadings", () => {
  it("finds ATX headings, strips closing hashes, and skips fenced code of either fence", () => {
    const text = ["# Title #", "```", "## not a heading", "```", "~~~~", "# nor this", "```", "~~~~", "##   Spaced  ", "#NotAHeading"];
    expect(findHeadings(text, 0).map((heading) => [heading.level, heading.text, heading.line])).toEqual([
      [1, "Title", 1],
      [2, "Spaced", 9],
    ]);
  });
});

describe("paragraphs", () => {
  it("joins runs of lines and keeps the first line of each", () => {
    expect(paragraphs(lines("a\nb\n\n\nc"))).toEqual([
      { text: "a b", line: 1 },
      { text: "c", line: 5 },
    ]);
  });
});

describe("clauses and normalizePhrase", () => {
  it("splits at clause punctuation but not inside inline code or numbers", () => {
    expect(clauses("Post `a.b; c, d: e` now; wait 1.5 s, then stop: done.")).toEqual(["Post `a.b; c, d: e` now", "wait 1.5 s", "then stop", "done"]);
  });

  it("drops markup, articles and case", () => {
    expect(normalizePhrase("The **Bridge** posts `the` Issues!")).toBe("bridge posts issues");
  });
});
