import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { findJsonSyntaxProblem, lineAndColumn } from "./json-syntax.js";

describe("findJsonSyntaxProblem", () => {
  test.each([
    ['{"a": 1,}', 8, 'expected a double-quoted property name, found "}"'],
    ['{"a" 1}', 5, 'expected ":" after the property name, found "1"'],
    ["[1, 2", 5, 'expected "," or "]", found end of input'],
    ["", 0, "expected a value, found end of input"],
    ['{"a": tru}', 6, 'expected a value, found "t"'],
    ['"abc', 4, "unterminated string"],
    ['"a\\x"', 2, "invalid escape in string"],
    ['"a\nb"', 2, "control character in string (newlines must be written \\n)"],
    ["1 2", 2, 'expected end of input after the value, found "2"'],
    ["01", 1, 'expected end of input after the value, found "1"'],
  ])("%j: at %i, %s", (text, offset, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxProblem(text)).toEqual({ offset, message });
  });

  test("agrees with JSON.parse on what is valid", () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc.json().map((text) => text.slice(0, Math.max(0, text.length - 1))),
      fc.tuple(fc.json(), fc.nat(), fc.constantFrom(",", "}", "]", ":", '"', "\\", "\n", "x")).map(([text, at, insert]) => text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1))),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonSyntaxProblem(text) === undefined).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });

  test("lineAndColumn is 1-based", () => {
    expect(lineAndColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn("ab\n", 3)).toEqual({ line: 2, column: 1 });
  });
});
