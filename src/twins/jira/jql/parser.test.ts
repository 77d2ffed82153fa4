import { describe, expect, it } from "vitest";
import type { JqlClause, JqlOperand, JqlQuery } from "./ast.js";
import { parseJql } from "./parser.js";

function where(text: string): JqlClause {
  const clause = parseJql(text).where;
  if (clause === undefined) throw new Error(`no clause in ${text}`);
  return clause;
}

function operandOf(text: string): JqlOperand {
  const clause = where(text);
  if (clause.kind !== "terminal") throw new Error(`not a terminal clause: ${text}`);
  return clause.operand;
}

const field = (name: string, key = name.toLowerCase()) => ({ name, key });
const value = (text: string): JqlOperand => ({ kind: "value", value: text });
const terminal = (name: string, operator: string, operand: JqlOperand): JqlClause =>
  ({ kind: "terminal", field: field(name), operator, operand }) as JqlClause;

describe("parseJql: clauses", () => {
  it("reads every operator", () => {
    const cases: Array<[string, string]> = [
      ["a = b", "="],
      ["a != b", "!="],
      ["a ~ b", "~"],
      ["a !~ b", "!~"],
      ["a < b", "<"],
      ["a <= b", "<="],
      ["a > b", ">"],
      ["a >= b", ">="],
      ["a in (b)", "in"],
      ["a not in (b)", "not in"],
      ["a is EMPTY", "is"],
      ["a is not EMPTY", "is not"],
      ["a=b", "="],
      ["a!=b", "!="],
      ["a>=b", ">="],
    ];
    for (const [text, operator] of cases) {
      const clause = where(text);
      expect(clause.kind === "terminal" && clause.operator, text).toBe(operator);
    }
  });

  it("reads quoted and unquoted values, with escapes in either quote", () => {
    expect(operandOf("key = PROJ-123")).toEqual(value("PROJ-123"));
    expect(operandOf('status = "In Progress"')).toEqual(value("In Progress"));
    expect(operandOf("status = 'In Progress'")).toEqual(value("In Progress"));
    expect(operandOf(String.raw`summary ~ "say \"hi\" \\ it's"`)).toEqual(value(String.raw`say "hi" \ it's`));
    expect(operandOf(String.raw`summary ~ 'it\'s'`)).toEqual(value("it's"));
    expect(operandOf(String.raw`summary ~ "tab\tline\nreturn\r\u00e9"`)).toEqual(value("tab\tline\nreturn\ré"));
    expect(operandOf(String.raw`summary ~ two\ words`)).toEqual(value("two words"));
    expect(operandOf('summary ~ ""')).toEqual(value(""));
    expect(operandOf("fixVersion = 1.0")).toEqual(value("1.0"));
    expect(operandOf("created > -7d")).toEqual(value("-7d"));
    expect(operandOf('status = "multi\nline"')).toEqual(value("multi\nline"));
  });

  it("reads numbers as numbers only when unquoted", () => {
    expect(operandOf("project = 10000")).toEqual({ kind: "number", value: "10000" });
    expect(operandOf("x = -12")).toEqual({ kind: "number", value: "-12" });
    expect(operandOf('project = "10000"')).toEqual(value("10000"));
  });

  it("reads EMPTY and NULL, in any case, as EMPTY", () => {
    for (const text of ["a is EMPTY", "a is empty", "a IS NULL", "a is not null", "a = EMPTY", "a != null"]) {
      expect(operandOf(text), text).toEqual({ kind: "empty" });
    }
    expect(operandOf('a = "EMPTY"')).toEqual(value("EMPTY"));
  });

  it("reads lists, nested lists and EMPTY inside lists", () => {
    expect(operandOf('status in (Open, "In Progress", 3, EMPTY)')).toEqual({
      kind: "list",
      items: [value("Open"), value("In Progress"), { kind: "number", value: "3" }, { kind: "empty" }],
    });
    expect(operandOf("a in ((b), c)")).toEqual({ kind: "list", items: [{ kind: "list", items: [value("b")] }, value("c")] });
  });

  it("reads functions with and without arguments", () => {
    expect(operandOf("assignee = currentUser()")).toEqual({ kind: "function", name: "currentUser", args: [] });
    expect(operandOf('assignee in membersOf("jira-users")')).toEqual({ kind: "function", name: "membersOf", args: ["jira-users"] });
    expect(operandOf("created >= startOfDay(-1d)")).toEqual({ kind: "function", name: "startOfDay", args: ["-1d"] });
    expect(operandOf('created >= startOfMonth("+1M", -2)')).toEqual({ kind: "function", name: "startOfMonth", args: ["+1M", "-2"] });
    expect(operandOf("status in (Open, currentUser())")).toEqual({
      kind: "list",
      items: [value("Open"), { kind: "function", name: "currentUser", args: [] }],
    });
  });

  it("normalizes field keys: lowercase names, custom field ids, quoted names", () => {
    expect(where("Assignee = x")).toEqual(terminal("Assignee", "=", value("x")));
    expect(where('"Story Points" > 3')).toMatchObject({ field: field("Story Points", "story points") });
    expect(where("'Epic Link' = X")).toMatchObject({ field: field("Epic Link", "epic link") });
    expect(where("cf[10001] = x")).toMatchObject({ field: field("cf[10001]", "cf[10001]") });
    expect(where("CF[010001] = x")).toMatchObject({ field: field("cf[10001]", "cf[10001]") });
    expect(where("10000 = x")).toMatchObject({ field: field("10000") });
  });

  it("reads keywords in any case", () => {
    expect(parseJql("a = b and c = d OR NOT e = f order BY g desc")).toEqual(
      parseJql("a = b AND c = d OR NOT e = f ORDER BY g DESC"),
    );
  });

  it("reads &, &&, |, || and ! as AND, OR and NOT", () => {
    expect(parseJql("a = b && c = d || !e = f")).toEqual(parseJql("a = b AND c = d OR NOT e = f"));
    expect(parseJql("a = b & c = d | e = f")).toEqual(parseJql("a = b AND c = d OR e = f"));
  });

  it("ignores whitespace, including newlines and tabs", () => {
    expect(parseJql("  project\n=\tPROJ\r\nAND  status = Done  ")).toEqual(parseJql("project = PROJ AND status = Done"));
  });
});

describe("parseJql: precedence", () => {
  const a = terminal("a", "=", value("x"));
  const b = terminal("b", "=", value("y"));
  const c = terminal("c", "=", value("z"));

  it("binds AND tighter than OR", () => {
    expect(where("a = x OR b = y AND c = z")).toEqual({ kind: "or", clauses: [a, { kind: "and", clauses: [b, c] }] });
    expect(where("a = x AND b = y OR c = z")).toEqual({ kind: "or", clauses: [{ kind: "and", clauses: [a, b] }, c] });
  });

  it("binds NOT tighter than AND", () => {
    expect(where("NOT a = x AND b = y")).toEqual({ kind: "and", clauses: [{ kind: "not", clause: a }, b] });
    expect(where("NOT NOT a = x")).toEqual({ kind: "not", clause: { kind: "not", clause: a } });
  });

  it("lets parentheses override precedence and drops redundant ones", () => {
    expect(where("(a = x OR b = y) AND c = z")).toEqual({ kind: "and", clauses: [{ kind: "or", clauses: [a, b] }, c] });
    expect(where("NOT (a = x AND b = y)")).toEqual({ kind: "not", clause: { kind: "and", clauses: [a, b] } });
    expect(where("((a = x))")).toEqual(a);
  });

  it("flattens chains of the same operator", () => {
    expect(where("a = x AND b = y AND c = z")).toEqual({ kind: "and", clauses: [a, b, c] });
    expect(where("a = x OR b = y OR c = z")).toEqual({ kind: "or", clauses: [a, b, c] });
  });
});

describe("parseJql: ORDER BY", () => {
  it("reads several sort keys with and without a direction", () => {
    const query: JqlQuery = parseJql('project = X ORDER BY priority DESC, "Story Points", cf[10001] asc, key');
    expect(query.orderBy).toEqual([
      { field: field("priority"), direction: "desc" },
      { field: field("Story Points", "story points"), direction: undefined },
      { field: field("cf[10001]"), direction: "asc" },
      { field: field("key"), direction: undefined },
    ]);
  });

  it("allows a query that is only ORDER BY, and an empty query", () => {
    expect(parseJql("ORDER BY created DESC")).toEqual({ where: undefined, orderBy: [{ field: field("created"), direction: "desc" }] });
    expect(parseJql("")).toEqual({ where: undefined, orderBy: [] });
    expect(parseJql("   \n ")).toEqual({ where: undefined, orderBy: [] });
  });
});
