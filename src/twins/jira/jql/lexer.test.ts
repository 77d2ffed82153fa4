import { describe, expect, it } from "vitest";
import { isPlainWord, tokenize } from "./lexer.js";

const kinds = (text: string) => tokenize(text).map((token) => (token.kind === "keyword" ? `kw:${token.keyword}` : token.kind));

describe("tokenize", () => {
  it("splits operators, punctuation, strings and keywords, ending with `end`", () => {
    expect(kinds('a != "b" AND c in (1, -2) ORDER BY d')).toEqual([
      "string",
      "operator",
      "quoted",
      "kw:and",
      "string",
      "kw:in",
      "(",
      "number",
      ",",
      "number",
      ")",
      "kw:order",
      "kw:by",
      "string",
      "end",
    ]);
  });

  it("takes the longest run, so words that start with a keyword stay words", () => {
    expect(kinds("andy orders inside isa nothing")).toEqual(["string", "string", "string", "string", "string", "end"]);
    expect(kinds("NULL null Empty")).toEqual(["kw:empty", "kw:empty", "kw:empty", "end"]);
  });

  it("reads issue keys, versions, relative dates and numbers like Jira", () => {
    expect(tokenize("PROJ-123 1.0 -7d 42 -3 -").map((token) => [token.kind, token.text])).toEqual([
      ["string", "PROJ-123"],
      ["string", "1.0"],
      ["string", "-7d"],
      ["number", "42"],
      ["number", "-3"],
      ["string", "-"],
      ["end", ""],
    ]);
  });

  it("reads &, &&, |, || as AND and OR and a lone ! as its own token", () => {
    expect(kinds("& && | || ! != !~")).toEqual(["kw:and", "kw:and", "kw:or", "kw:or", "!", "operator", "operator", "end"]);
  });

  it("counts lines and characters as Jira does (1-based, per line)", () => {
    const positions = tokenize("a\n  b = 'c'\r\nd").map((token) => token.position);
    expect(positions).toEqual([
      { line: 1, character: 1 },
      { line: 2, character: 3 },
      { line: 2, character: 5 },
      { line: 2, character: 7 },
      { line: 3, character: 1 },
      { line: 3, character: 2 },
    ]);
  });

  it("rejects reserved words unless quoted", () => {
    expect(() => tokenize("select")).toThrow("'select' is a reserved JQL word");
    expect(() => tokenize("SELECT")).toThrow("'SELECT' is a reserved JQL word");
    expect(tokenize('"select"')[0]).toMatchObject({ kind: "quoted", text: "select" });
  });

  it("accepts escapes in unquoted strings and reports an unfinished one", () => {
    expect(tokenize(String.raw`a\ b\u0041`)[0]).toMatchObject({ kind: "string", text: "a bA" });
    expect(() => tokenize("a\\")).toThrow("The escape sequence has not been completed.");
    expect(() => tokenize(String.raw`case\u27zz`)).toThrow(String.raw`'\u27zz' is an illegal JQL escape sequence.`);
  });

  it("rejects control characters even inside quotes, but allows newlines there", () => {
    expect(() => tokenize('"a\tb"')).toThrow("The character 'TAB' must be escaped.");
    expect(tokenize('"a\nb"')[0]).toMatchObject({ kind: "quoted", text: "a\nb" });
  });
});

describe("isPlainWord", () => {
  it("is true only for text that reads back unquoted as the same string", () => {
    expect(["PROJ", "PROJ-123", "1.0", "-7d", "In", "é"].map(isPlainWord)).toEqual([true, true, true, true, false, true]);
    expect(["", "a b", "in", "null", "12", "-3", "select", "a=b", "x@y", "a\\b", "'q'"].some(isPlainWord)).toBe(false);
  });
});
