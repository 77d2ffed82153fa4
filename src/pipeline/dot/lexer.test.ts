import { describe, expect, test } from "vitest";
import { LightsoutError } from "../../errors.js";
import { DotLexer, DotSyntaxError, describeToken } from "./lexer.js";
import type { Token } from "./lexer.js";

function tokensOf(text: string): Array<[string, string, number, number]> {
  const lexer = new DotLexer(text, "test.dot");
  const tokens: Array<[string, string, number, number]> = [];
  for (;;) {
    const token = lexer.next();
    tokens.push([token.kind, token.text, token.line, token.column]);
    if (token.kind === "end") return tokens;
  }
}

/** The value after the first `=` of `text`. */
function valueOf(text: string): string {
  const lexer = new DotLexer(text, undefined);
  while (lexer.next().kind !== "=");
  return lexer.readValue().text;
}

function errorOf(run: () => unknown): DotSyntaxError {
  try {
    run();
  } catch (error) {
    if (error instanceof DotSyntaxError) return error;
    throw error;
  }
  throw new Error("expected a DotSyntaxError");
}

describe("structural tokens", () => {
  test("punctuation, words and arrows carry 1-based line and column", () => {
    expect(tokensOf("digraph G {\n  a -> b [x=1];\n}")).toEqual([
      ["word", "digraph", 1, 1],
      ["word", "G", 1, 9],
      ["{", "{", 1, 11],
      ["word", "a", 2, 3],
      ["arrow", "->", 2, 5],
      ["word", "b", 2, 8],
      ["[", "[", 2, 10],
      ["word", "x", 2, 11],
      ["=", "=", 2, 12],
      ["word", "1", 2, 13],
      ["]", "]", 2, 14],
      [";", ";", 2, 15],
      ["}", "}", 3, 1],
      ["end", "", 3, 2],
    ]);
  });

  test("arrows need no surrounding spaces", () => {
    expect(tokensOf("a->b").map(([kind, text]) => `${kind}:${text}`)).toEqual(["word:a", "arrow:->", "word:b", "end:"]);
  });

  test("-- is its own token so the parser can reject it precisely", () => {
    expect(tokensOf("a--b")[1]).toEqual(["undirected-edge", "--", 1, 2]);
  });

  test("qualified keys and malformed ids are single words", () => {
    expect(tokensOf("tool_hooks.pre 1abc")).toEqual([
      ["word", "tool_hooks.pre", 1, 1],
      ["word", "1abc", 1, 16],
      ["end", "", 1, 20],
    ]);
  });

  test("other characters are single tokens, whole code points", () => {
    expect(tokensOf("+ 😀 <")).toEqual([
      ["other", "+", 1, 1],
      ["other", "😀", 1, 3],
      ["<", "<", 1, 6],
      ["end", "", 1, 7],
    ]);
  });

  test("a byte order mark is skipped and does not shift columns", () => {
    expect(tokensOf("\uFEFFdigraph")[0]).toEqual(["word", "digraph", 1, 1]);
  });

  test("CRLF line endings count one line each", () => {
    expect(tokensOf("a\r\nb\r\n  c").map(([, , line, column]) => [line, column])).toEqual([
      [1, 1],
      [2, 1],
      [3, 3],
      [3, 4],
    ]);
  });
});

describe("comments", () => {
  test("line, block and # comments are skipped and lines still counted", () => {
    const text = "// header\n# preprocessor line\na /* one\ntwo */ b // tail\n  # indented hash line\nc";
    expect(tokensOf(text)).toEqual([
      ["word", "a", 3, 1],
      ["word", "b", 4, 8],
      ["word", "c", 6, 1],
      ["end", "", 6, 2],
    ]);
  });

  test("# after other text on a line is not a comment", () => {
    expect(tokensOf("a # b")[1]).toEqual(["other", "#", 1, 3]);
  });

  test("comment markers inside strings are text", () => {
    expect(tokensOf('"a // b /* c */ # d"')[0]).toEqual(["string", "a // b /* c */ # d", 1, 1]);
  });

  test("an unterminated block comment is reported where it began", () => {
    const error = errorOf(() => tokensOf("a\n  /* never\nclosed"));
    expect(error.message).toBe("test.dot:2:3: unterminated block comment: no closing */ before the end of input");
    expect([error.line, error.column]).toEqual([2, 3]);
  });
});

describe("strings", () => {
  test.each([
    ['"plain"', "plain"],
    ['"say \\"hi\\""', 'say "hi"'],
    ['"line1\\nline2"', "line1\nline2"],
    ['"a\\tb"', "a\tb"],
    ['"back\\\\slash"', "back\\slash"],
    ['"left\\l right\\r"', "left\\l right\\r"],
    ['"unknown \\x escape"', "unknown \\x escape"],
    ['"two\nlines"', "two\nlines"],
    ['"contin\\\nued"', "continued"],
    ['"contin\\\r\nued"', "continued"],
    ['""', ""],
  ])("%s decodes to %j", (literal, decoded) => {
    expect(tokensOf(literal)[0]?.[1]).toBe(decoded);
  });

  test("lines inside a multi-line string are counted", () => {
    expect(tokensOf('"a\nb\\\nc" d').at(1)).toEqual(["word", "d", 3, 4]);
  });

  test("an unterminated string is reported at its opening quote", () => {
    const error = errorOf(() => tokensOf('x\n  y "abc\n\n'));
    expect(error.message).toBe('test.dot:2:5: unterminated string: no closing " before the end of input');
  });

  test("a trailing backslash does not close the string", () => {
    expect(errorOf(() => tokensOf('"abc\\"')).column).toBe(1);
  });
});

describe("values after =", () => {
  test.each([
    ["x=42", "42"],
    ["x=-1", "-1"],
    ["x=0.5", "0.5"],
    ["x=-3.14", "-3.14"],
    ["x=.5", ".5"],
    ["x=900s", "900s"],
    ["x=15m", "15m"],
    ["x=250ms", "250ms"],
    ["x=2h", "2h"],
    ["x=1d", "1d"],
    ["x=true", "true"],
    ["x=LR", "LR"],
    ["x=claude-sonnet-4-5", "claude-sonnet-4-5"],
    ["x=summary:high", "summary:high"],
    ["x=gpt-5.2", "gpt-5.2"],
    ["x=wait.human", "wait.human"],
    ["x=a,", "a"],
    ["x=a]", "a"],
    ["x=a;", "a"],
    ["x=a}", "a"],
    ["x=a//comment", "a"],
    ["x=a->b", "a"],
    ["x = \n  value", "value"],
    ['x="a" + "b"', "ab"],
    ['x="a" /* c */ +\n "b" + "c"', "abc"],
  ])("%j reads %j", (text, value) => {
    expect(valueOf(text)).toBe(value);
  });

  test("a string not followed by + leaves the next token in place", () => {
    const lexer = new DotLexer('x="a" // c\n b', undefined);
    lexer.next();
    lexer.next();
    expect(lexer.readValue()).toEqual({ text: "a", quoted: true, line: 1, column: 3 });
    expect(lexer.next()).toEqual({ kind: "word", text: "b", line: 2, column: 2 });
  });

  test.each([
    ["x=1.5h", 1, 3, 'invalid number "1.5h": unquoted numbers are integers, decimals or integer durations (900s, 15m, 250ms, 2h, 1d); quote other text'],
    ["x=15min", 1, 3, 'invalid number "15min": unquoted numbers are integers, decimals or integer durations (900s, 15m, 250ms, 2h, 1d); quote other text'],
    ["x=1.2.3", 1, 3, 'invalid number "1.2.3": unquoted numbers are integers, decimals or integer durations (900s, 15m, 250ms, 2h, 1d); quote other text'],
    ["x=foo/bar", 1, 3, 'unquoted value "foo/bar" cannot contain "/"; put the value in double quotes'],
    ["x=\n  a@b", 2, 3, 'unquoted value "a@b" cannot contain "@"; put the value in double quotes'],
    ["x=]", 1, 3, 'expected a value (a "quoted string", number, duration, true/false or bare word) after "=", found "]"'],
    ["x=", 1, 3, 'expected a value (a "quoted string", number, duration, true/false or bare word) after "=", found end of input'],
    ["x=-foo", 1, 3, 'expected a value (a "quoted string", number, duration, true/false or bare word) after "=", found "-"'],
    ["x=<b>bold</b>", 1, 3, "HTML-like values <...> are not supported; use a double-quoted string instead"],
    ['x="a" + b', 1, 9, 'expected a double-quoted string after "+", found "b"'],
  ])("%j is rejected at %i:%i", (text, line, column, detail) => {
    const error = errorOf(() => valueOf(text));
    expect(error.detail).toBe(detail);
    expect([error.line, error.column]).toEqual([line, column]);
  });
});

describe("DotSyntaxError", () => {
  test("is a LightsoutError with code DOT_SYNTAX and a one-line located message", () => {
    const error = new DotSyntaxError("boom", { line: 3, column: 7 }, undefined);
    expect(error).toBeInstanceOf(LightsoutError);
    expect(LightsoutError.isInstance(error)).toBe(true);
    expect(error.code).toBe("DOT_SYNTAX");
    expect(error.name).toBe("DotSyntaxError");
    expect(error.message).toBe("<input>:3:7: boom");
    expect(error.source).toBeUndefined();
  });

  test("describeToken quotes, truncates and stays on one line", () => {
    const long: Token = { kind: "string", text: `${"x".repeat(50)}\nmore`, line: 1, column: 1 };
    expect(describeToken(long)).toBe(`string "${"x".repeat(40)}..."`);
    expect(describeToken({ kind: "end", text: "", line: 1, column: 1 })).toBe("end of input");
    expect(describeToken({ kind: "string", text: "a\nb", line: 1, column: 1 })).toBe('string "a\\nb"');
  });
});
