/**
 * The edge condition language (spec 10): `Clause ( && Clause )*`, where a clause is
 * `Key = Literal`, `Key != Literal`, or a bare `Key` (true when its value is non-empty).
 *
 * The parser is stricter than the spec's string-splitting evaluator: it rejects what the
 * evaluator would silently misread (`==`, `||`, `<`, empty clauses, unquoted spaces), so a
 * typo becomes a lint error with a column instead of an edge that never fires
 * (docs/decisions/0021-condition-parser-strictness.md). For every expression it accepts,
 * evaluation gives exactly the spec's result.
 */
import { LightsoutError } from "../errors.js";
import type { Context } from "./context.js";
import type { Outcome } from "./outcome.js";

export type ConditionKey =
  | { kind: "outcome" }
  | { kind: "preferred_label" }
  /** `context.<path>`; `path` is without the prefix. */
  | { kind: "context"; path: string }
  /** An unqualified key, looked up in the context as written (spec 10.4). */
  | { kind: "unqualified"; path: string };

export type ConditionClause =
  | { operator: "=" | "!="; key: ConditionKey; literal: string; column: number }
  | { operator: "truthy"; key: ConditionKey; column: number };

export interface ConditionExpression {
  readonly text: string;
  /** Empty for an empty condition, which always passes. */
  readonly clauses: readonly ConditionClause[];
}

export type ConditionParseResult =
  | { ok: true; expression: ConditionExpression }
  /** `column` is 1-based within the expression text; `message` already names it. */
  | { ok: false; message: string; reason: string; column: number };

/** The parts of an outcome a condition can see. */
export interface ConditionOutcome {
  /** The lowercase status: `success`, `partial_success`, `retry`, `fail` or `skipped`. */
  status: string;
  preferredLabel?: string | undefined;
}

const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_]/;
/** Characters that end a bare literal: whitespace, quotes and operator characters. */
const BARE_LITERAL_STOP = /[\s"&|=!<>]/;

class ConditionSyntaxProblem {
  constructor(
    readonly reason: string,
    readonly column: number,
  ) {}
}

/** Recursive-descent parser over one expression; `position` is a 0-based index into `text`. */
class ConditionParser {
  private position = 0;

  constructor(private readonly text: string) {}

  parse(): ConditionClause[] {
    this.skipWhitespace();
    if (this.atEnd()) return [];
    const clauses = [this.parseClause()];
    for (;;) {
      this.skipWhitespace();
      if (this.atEnd()) return clauses;
      if (this.text.startsWith("&&", this.position)) {
        this.position += 2;
        this.skipWhitespace();
        if (this.atEnd()) this.fail("expected a clause after '&&'");
        if (this.text.startsWith("&&", this.position)) this.fail("empty clause between '&&' operators");
        clauses.push(this.parseClause());
        continue;
      }
      this.failUnexpectedAfter("clause");
    }
  }

  private parseClause(): ConditionClause {
    const column = this.column();
    const key = this.parseKey();
    this.skipWhitespace();
    if (this.atEnd() || this.text.startsWith("&&", this.position)) return { operator: "truthy", key, column };
    const operator = this.parseOperator();
    this.skipWhitespace();
    const literal = this.parseLiteral(operator);
    return { operator, key, literal, column };
  }

  private parseKey(): ConditionKey {
    const start = this.position;
    const character = this.peek();
    if (character === "&") this.fail("empty clause: expected a key before '&&'");
    if (character === "!" && this.text[this.position + 1] !== "=") this.fail("negation '!' is not supported; use '!=' to compare");
    if (character === "=" || character === "!") this.fail("expected a key before the operator");
    if (character === '"') this.fail("expected a key, found a quoted string; keys are outcome, preferred_label or context.<path>");
    const segments = [this.parseIdentifier("a key (outcome, preferred_label or context.<path>)")];
    while (this.peek() === ".") {
      this.position += 1;
      segments.push(this.parseIdentifier(`an identifier after '${this.text.slice(start, this.position)}'`));
    }
    const path = segments.join(".");
    const next = this.peek();
    if (next !== undefined && !/[\s=!&|<>]/.test(next)) {
      this.fail(`unexpected '${next}' in key '${path}'; keys are letters, digits and '_', separated by '.'`);
    }
    if (path === "outcome") return { kind: "outcome" };
    if (path === "preferred_label") return { kind: "preferred_label" };
    if (segments[0] === "context" && segments.length > 1) return { kind: "context", path: segments.slice(1).join(".") };
    return { kind: "unqualified", path };
  }

  private parseIdentifier(expected: string): string {
    const character = this.peek();
    if (character === undefined || !IDENTIFIER_START.test(character)) {
      this.fail(`expected ${expected}, found ${this.describeHere()}`);
    }
    const start = this.position;
    while (!this.atEnd() && IDENTIFIER_PART.test(this.text[this.position]!)) this.position += 1;
    return this.text.slice(start, this.position);
  }

  private parseOperator(): "=" | "!=" {
    const rest = this.text.slice(this.position);
    if (rest.startsWith("==")) this.fail("'==' is not supported; use '=' for equality");
    if (rest.startsWith("!=")) {
      this.position += 2;
      return "!=";
    }
    if (rest.startsWith("=")) {
      this.position += 1;
      return "=";
    }
    this.failUnexpectedAfter("key");
  }

  private parseLiteral(operator: string): string {
    const character = this.peek();
    if (character === undefined || this.text.startsWith("&&", this.position)) {
      this.fail(`expected a value after '${operator}' (write "" to compare with the empty string)`);
    }
    if (character === '"') return this.parseQuotedLiteral();
    if (character === "=" || character === "!" || character === "<" || character === ">") {
      this.fail(`unexpected '${character}' after '${operator}'; quote the value if it contains '${character}'`);
    }
    if (character === "|") this.failUnexpectedAfter("operator");
    const start = this.position;
    while (!this.atEnd() && !BARE_LITERAL_STOP.test(this.text[this.position]!)) this.position += 1;
    if (this.position === start) this.fail(`expected a value after '${operator}', found ${this.describeHere()}`);
    return this.text.slice(start, this.position);
  }

  private parseQuotedLiteral(): string {
    const openingColumn = this.column();
    this.position += 1;
    let value = "";
    while (!this.atEnd()) {
      const character = this.text[this.position]!;
      if (character === '"') {
        this.position += 1;
        return value;
      }
      if (character === "\\" && this.position + 1 < this.text.length) {
        value += unescapeCharacter(this.text[this.position + 1]!);
        this.position += 2;
        continue;
      }
      value += character;
      this.position += 1;
    }
    throw new ConditionSyntaxProblem("unterminated string: missing closing '\"'", openingColumn);
  }

  /** Explains what stands where a `&&`, an operator or the end was expected. */
  private failUnexpectedAfter(what: "clause" | "key" | "operator"): never {
    const rest = this.text.slice(this.position);
    if (rest.startsWith("||") || rest.startsWith("|")) this.fail("'||' (OR) is not supported; only '&&' is; use one edge per alternative");
    if (rest.startsWith("&")) this.fail("expected '&&', found a single '&'");
    if (/^[<>]=?/.test(rest)) {
      this.fail(`comparison '${/^[<>]=?/.exec(rest)![0]}' is not supported; only '=' and '!=' are`);
    }
    if (rest.startsWith("!")) this.fail("negation '!' is not supported; use '!=' to compare");
    if (rest.startsWith("==")) this.fail("'==' is not supported; use '=' for equality");
    if (rest.startsWith("=")) this.fail("unexpected '='; quote the value if it contains '='");
    const word = /^[A-Za-z_]+/.exec(rest)?.[0];
    if (word !== undefined && ["contains", "matches", "in", "or", "and", "not", "OR", "AND", "NOT"].includes(word)) {
      this.fail(`'${word}' is not supported; only '=', '!=' and '&&' are`);
    }
    if (what === "clause") this.fail(`expected '&&' or the end of the condition, found ${this.describeHere()}; quote values that contain spaces`);
    this.fail(`expected '=' or '!=' after the key, found ${this.describeHere()}`);
  }

  private describeHere(): string {
    if (this.atEnd()) return "the end of the condition";
    const token = /^("[^"]*"?|[^\s"&|=!<>]+|\S)/.exec(this.text.slice(this.position))?.[0] ?? "";
    return `'${token}'`;
  }

  private fail(reason: string): never {
    throw new ConditionSyntaxProblem(reason, this.column());
  }

  private skipWhitespace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.position]!)) this.position += 1;
  }

  private peek(): string | undefined {
    return this.text[this.position];
  }

  private atEnd(): boolean {
    return this.position >= this.text.length;
  }

  private column(): number {
    return this.position + 1;
  }
}

function unescapeCharacter(character: string): string {
  switch (character) {
    case "n":
      return "\n";
    case "t":
      return "\t";
    case "r":
      return "\r";
    default:
      // `\"`, `\\` and any other escaped character stand for themselves.
      return character;
  }
}

/**
 * Parsed expressions by text. Conditions come from graph files, so the set is small; the cap
 * only keeps a long-running server from growing without bound on generated conditions.
 */
const parsedByText = new Map<string, ConditionExpression>();
const CACHE_LIMIT = 10_000;

/** Parses without throwing: the lint rule wants the column and reason as data. */
export function tryParseCondition(text: string): ConditionParseResult {
  const cached = parsedByText.get(text);
  if (cached) return { ok: true, expression: cached };
  try {
    const clauses = new ConditionParser(text).parse();
    const expression: ConditionExpression = Object.freeze({ text, clauses: Object.freeze(clauses.map((clause) => Object.freeze(clause))) });
    if (parsedByText.size >= CACHE_LIMIT) parsedByText.clear();
    parsedByText.set(text, expression);
    return { ok: true, expression };
  } catch (error) {
    if (!(error instanceof ConditionSyntaxProblem)) throw error;
    return {
      ok: false,
      reason: error.reason,
      column: error.column,
      message: `invalid condition "${text}" at column ${error.column}: ${error.reason}`,
    };
  }
}

/** Parses (and caches) a condition; throws LightsoutError `CONDITION_SYNTAX` with the column. */
export function parseCondition(text: string): ConditionExpression {
  const result = tryParseCondition(text);
  if (!result.ok) throw new LightsoutError("CONDITION_SYNTAX", result.message);
  return result.expression;
}

/** A context value as a string (spec 10.4): missing and null are absent, objects as JSON. */
function contextValue(context: Context, key: string): string | undefined {
  const value = context.get(key);
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** The value a key stands for (spec 10.4); missing context keys are the empty string. */
export function resolveConditionKey(key: ConditionKey, outcome: ConditionOutcome, context: Context): string {
  switch (key.kind) {
    case "outcome":
      return outcome.status;
    case "preferred_label":
      return outcome.preferredLabel ?? "";
    case "context":
      // `context.x` is tried as written first, then as `x` (docs/decisions/0022-condition-key-resolution.md).
      return contextValue(context, `context.${key.path}`) ?? contextValue(context, key.path) ?? "";
    case "unqualified":
      return contextValue(context, key.path) ?? "";
  }
}

function evaluateClause(clause: ConditionClause, outcome: ConditionOutcome, context: Context): boolean {
  const value = resolveConditionKey(clause.key, outcome, context);
  switch (clause.operator) {
    case "=":
      return value === clause.literal;
    case "!=":
      return value !== clause.literal;
    case "truthy":
      // The spec's `bool(string)`: any non-empty value, including "false", is true.
      return value !== "";
  }
}

/**
 * Whether a condition holds for an outcome and context (spec 10.5). Takes parsed expressions
 * or text (parsed through the cache); invalid text throws `CONDITION_SYNTAX`, which validation
 * reports before a run starts.
 */
export function evaluateCondition(condition: ConditionExpression | string, outcome: Outcome | ConditionOutcome, context: Context): boolean {
  const expression = typeof condition === "string" ? parseCondition(condition) : condition;
  for (const clause of expression.clauses) {
    if (!evaluateClause(clause, outcome, context)) return false;
  }
  return true;
}

/** The text of a key as written in a condition, for messages. */
export function describeConditionKey(key: ConditionKey): string {
  switch (key.kind) {
    case "outcome":
    case "preferred_label":
      return key.kind;
    case "context":
      return `context.${key.path}`;
    case "unqualified":
      return key.path;
  }
}
