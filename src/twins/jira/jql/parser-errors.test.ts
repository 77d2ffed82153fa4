import { describe, expect, it } from "vitest";
import { JqlError } from "./errors.js";
import { MAX_NESTING, parseJql } from "./parser.js";

function errorOf(text: string): JqlError {
  try {
    parseJql(text);
  } catch (error) {
    if (JqlError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

const OPERATORS = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";
const ESCAPES = String.raw`The valid escape sequences are \', \", \t, \n, \r, \\, '\ ' and \uXXXX.`;

/** [query, message, line, character]: the first six are sentences recorded from a Jira Cloud site. */
const CASES: Array<[string, string, number, number]> = [
  ["project = LAUNCH AND", "Error in the JQL Query: Expecting a field name at the end of the query.", 1, 21],
  ["project =", "Error in JQL Query: Expecting either a value, list or function before the end of the query.", 1, 10],
  [
    "project = LAUNCH AND status = = Done",
    "Error in JQL Query: Expecting either a value, list or function but got '='. You must surround '=' in quotation marks to use it as a value. (line 1, character 31)",
    1,
    31,
  ],
  ["project = LAUNCH status", "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'status'. (line 1, character 18)", 1, 18],
  ["project = LAUNCH AND (status = Done", "Error in the JQL Query: Expecting ')' before the end of the query.", 1, 36],
  ['summary ~ "unclosed', "Error in the JQL Query: The quoted string 'unclosed' has not been completed. (line 1, character 11)", 1, 11],
  [
    "reporter=a/user/with/slash",
    String.raw`Error in the JQL Query: The character '/' is a reserved JQL character. You must enclose it in a string or use the escape '\u002f' instead. (line 1, character 11)`,
    1,
    11,
  ],
  [
    "status in (Open, Closed Done)",
    "Error in the JQL Query: Expecting ',' or ')' but got 'Done'. (line 1, character 25)",
    1,
    25,
  ],
  ["status in (Open, Done AND x = y)", "Error in the JQL Query: Expecting ')' but got 'AND'. (line 1, character 23)", 1, 23],
  ["status in (Open, Done", "Error in the JQL Query: Expecting ')' before the end of the query.", 1, 22],
  [
    "project = X AND status Done",
    `Error in the JQL Query: Expecting operator but got 'Done'. ${OPERATORS} (line 1, character 24)`,
    1,
    24,
  ],
  ["project = X AND status", `Error in the JQL Query: Expecting operator before the end of the query. ${OPERATORS}`, 1, 23],
  [
    "field = open",
    "Error in the JQL Query: 'field' is a reserved JQL word. You must surround it in quotation marks to use it in a query. (line 1, character 1)",
    1,
    1,
  ],
  [
    "and = x",
    "Error in the JQL Query: Expecting a field name but got 'and'. You must surround 'and' in quotation marks to use it as a field name. (line 1, character 1)",
    1,
    1,
  ],
  ["a = b order bad", "Error in the JQL Query: Expecting 'BY' but got 'bad'. (line 1, character 13)", 1, 13],
  ["a = b order", "Error in the JQL Query: Expecting 'BY' before the end of the query.", 1, 12],
  ["order BY abc s", "Error in the JQL Query: Expecting either 'ASC' or 'DESC' but got 's'. (line 1, character 14)", 1, 14],
  ["order BY era desc extra", "Error in the JQL Query: Expecting ',' but got 'extra'. (line 1, character 19)", 1, 19],
  ["a = b ORDER BY key,", "Error in the JQL Query: Expecting a field name at the end of the query.", 1, 20],
  ["pri not is empty", "Error in the JQL Query: Expecting 'IN' but got 'is'. (line 1, character 9)", 1, 9],
  ["cf[1234 = x", "Error in the JQL Query: Expecting ']' but got '='. (line 1, character 9)", 1, 9],
  ["cf = x", "Error in the JQL Query: Expecting '[' but got '='. (line 1, character 4)", 1, 4],
  ["q = func(good, jack!, x)", "Error in the JQL Query: Expecting ')' or ',' but got '!'. (line 1, character 20)", 1, 20],
  ["q = func(,)", "Error in the JQL Query: Expecting ')' but got ','. (line 1, character 10)", 1, 10],
  ["q = func(", "Error in the JQL Query: Expecting ')' before the end of the query.", 1, 10],
  [
    "status = 'it\\k'",
    `Error in the JQL Query: '\\k' is an illegal JQL escape sequence. ${ESCAPES} (line 1, character 13)`,
    1,
    13,
  ],
  ['priority = """', "Error in the JQL Query: The quoted string has not been completed. (line 1, character 14)", 1, 14],
  [
    "project = PROJ\nAND status = = Done",
    "Error in JQL Query: Expecting either a value, list or function but got '='. You must surround '=' in quotation marks to use it as a value. (line 2, character 14)",
    2,
    14,
  ],
  [
    "project = PROJ AND\n  (status = Open\n   OR status = Done",
    "Error in the JQL Query: Expecting ')' before the end of the query.",
    3,
    20,
  ],
  [
    "status = Done ORDER BY created DESC key",
    "Error in the JQL Query: Expecting ',' but got 'key'. (line 1, character 37)",
    1,
    37,
  ],
  [
    "x = 99999999999999999999",
    "Error in the JQL Query: The number '99999999999999999999' is not valid. Numbers must be between -9223372036854775808 and 9223372036854775807. (line 1, character 5)",
    1,
    5,
  ],
  [
    "status = a\u0001b",
    String.raw`Error in the JQL Query: The character 'U+0001' must be escaped. Use the escape '\u0001' instead. (line 1, character 11)`,
    1,
    11,
  ],
];

describe("parseJql errors", () => {
  it.each(CASES)("%j", (query, message, line, character) => {
    const error = errorOf(query);
    expect(error.message).toBe(message);
    expect({ line: error.line, character: error.character }).toEqual({ line, character });
    expect(error).toBeInstanceOf(JqlError);
    expect(error.code).toBe("JQL_SYNTAX");
  });

  it("reports a bad character before any grammar error, as Jira lexes the whole query first", () => {
    expect(errorOf("status = = Done AND x = a#b").message).toContain("The character '#' is a reserved JQL character");
  });

  it("rejects history operators the twin cannot answer, at the operator", () => {
    const error = errorOf("status WAS Open");
    expect(error.message).toMatch(/^Error in the JQL Query: The operator 'WAS' searches the issue history/);
    expect([error.line, error.character]).toEqual([1, 8]);
    expect(errorOf("status changed").message).toContain("'CHANGED'");
  });

  it("stops at a nesting limit instead of exhausting the stack", () => {
    expect(() => parseJql(`${"(".repeat(MAX_NESTING)}a = b${")".repeat(MAX_NESTING)}`)).not.toThrow();
    expect(() => parseJql(`${"NOT ".repeat(MAX_NESTING)}a = b`)).not.toThrow();
    const error = errorOf(`${"(".repeat(100_000)}a = b`);
    expect(error.message).toMatch(/more than 200 levels deep/);
    expect([error.line, error.character]).toEqual([1, MAX_NESTING + 1]);
    expect(errorOf(`a in ${"(".repeat(MAX_NESTING + 1)}`).message).toMatch(/levels deep/);
  });

  it("keeps the sentence without prefix and position in `detail`", () => {
    expect(errorOf("project = LAUNCH status").detail).toBe("Expecting either 'OR' or 'AND' but got 'status'.");
  });

  it("recognizes JqlErrors from other copies of the module by their marker", () => {
    expect(JqlError.isInstance(errorOf("a ="))).toBe(true);
    expect(JqlError.isInstance(new Error("x"))).toBe(false);
    expect(JqlError.isInstance(null)).toBe(false);
  });
});
