import { describe, expect, it } from "vitest";
import { compileTextQuery, matchesText, stem } from "./text-search.js";

const matches = (query: string, ...texts: string[]) => matchesText(compileTextQuery(query), texts);

describe("text search (~)", () => {
  const summary = "Customers cannot export the changelog to PDF";

  it("matches whole words, case-insensitively, never part of a word", () => {
    expect(matches("export", summary)).toBe(true);
    expect(matches("EXPORT", summary)).toBe(true);
    expect(matches("chang", summary)).toBe(false);
    expect(matches("log", summary)).toBe(false);
  });

  it("needs every bare word, in any order", () => {
    expect(matches("pdf export", summary)).toBe(true);
    expect(matches("pdf import", summary)).toBe(false);
  });

  it("matches a quoted phrase only with its words in order", () => {
    expect(matches('"export the changelog"', summary)).toBe(true);
    expect(matches('"changelog export"', summary)).toBe(false);
  });

  it("expands * and ? wildcards within one word, and refuses a leading wildcard", () => {
    expect(matches("chang*", summary)).toBe(true);
    expect(matches("c?stomers", summary)).toBe(true);
    expect(matches("ex*t", summary)).toBe(true);
    expect(matches("*log", summary)).toBe(false);
  });

  it("folds simple English endings on both sides", () => {
    expect(matches("customer", summary)).toBe(true);
    expect(matches("exported", summary)).toBe(true);
    expect(matches("customize", "Customizing dashboards")).toBe(true);
    expect(matches("stories", "a story")).toBe(true);
    expect(["issues", "issue", "running", "class"].map(stem)).toEqual(["issu", "issu", "runn", "class"]);
  });

  it("ignores English stop words, and matches nothing when only stop words are left", () => {
    expect(matches("the pdf", summary)).toBe(true);
    expect(matches("the", summary)).toBe(false);
    expect(matches("", summary)).toBe(false);
  });

  it("supports OR, NOT and -exclusions; ignores AND, +, parentheses, fuzzy and boost marks", () => {
    expect(matches("import OR pdf", summary)).toBe(true);
    expect(matches("import || word", summary)).toBe(false);
    expect(matches("pdf -changelog", summary)).toBe(false);
    expect(matches("pdf NOT word", summary)).toBe(true);
    expect(matches("+pdf AND (export)", summary)).toBe(true);
    expect(matches("export~ pdf^2", summary)).toBe(true);
  });

  it("treats punctuation inside a word as a phrase, and lets each word come from any of several texts", () => {
    expect(matches("to-pdf", summary)).toBe(true);
    expect(matches("login crash", "Login page", "It crashes")).toBe(true);
    expect(matches('"page crashes"', "Login page", "It crashes")).toBe(false);
  });
});
