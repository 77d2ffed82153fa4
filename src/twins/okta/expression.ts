/**
 * Okta's `search` and `filter` expressions (SCIM-style): `profile.department eq "Engineering" and
 * (created lt "2014-01-01T00:00:00.000Z" or status eq "ACTIVE")`. Operators `eq`, `ne`, `sw`,
 * `co`, `ew`, `pr`, `gt`, `ge`, `lt`, `le`; `and`, `or`, `not`-free parentheses. Property names
 * are case sensitive, operators and string values are not (as Okta documents). A bad expression
 * is data: `{ error }` with the position, which the caller turns into Okta's 400.
 */

export type Lookup = (attribute: string) => unknown;
export type Predicate = (lookup: Lookup) => boolean;

const OPERATORS = ["eq", "ne", "sw", "co", "ew", "pr", "gt", "ge", "lt", "le"] as const;
type Operator = (typeof OPERATORS)[number];

interface Token {
  kind: "word" | "string" | "open" | "close";
  text: string;
  at: number;
}

function tokenize(source: string): Token[] | { error: string } {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index]!;
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === "(" || char === ")") {
      tokens.push({ kind: char === "(" ? "open" : "close", text: char, at: index });
      index += 1;
    } else if (char === '"') {
      let text = "";
      let cursor = index + 1;
      while (cursor < source.length && source[cursor] !== '"') {
        if (source[cursor] === "\\" && cursor + 1 < source.length) cursor += 1;
        text += source[cursor];
        cursor += 1;
      }
      if (cursor >= source.length) return { error: `unterminated string at ${index + 1}` };
      tokens.push({ kind: "string", text, at: index });
      index = cursor + 1;
    } else {
      const match = /^[^\s()"]+/.exec(source.slice(index))!;
      tokens.push({ kind: "word", text: match[0], at: index });
      index += match[0].length;
    }
  }
  return tokens;
}

function compare(actual: unknown, operator: Operator, expected: unknown): boolean {
  if (operator === "pr") return actual !== undefined && actual !== null && actual !== "";
  if (Array.isArray(actual)) return actual.some((item) => compare(item, operator, expected));
  if (actual === undefined || actual === null) return operator === "ne" ? expected !== null : expected === null && operator === "eq";
  const left = typeof actual === "string" ? actual.toLowerCase() : actual;
  const right = typeof expected === "string" ? expected.toLowerCase() : expected;
  switch (operator) {
    case "eq":
      return left === right;
    case "ne":
      return left !== right;
    case "sw":
      return typeof left === "string" && typeof right === "string" && left.startsWith(right);
    case "co":
      return typeof left === "string" && typeof right === "string" && left.includes(right);
    case "ew":
      return typeof left === "string" && typeof right === "string" && left.endsWith(right);
    default: {
      if (typeof left !== typeof right || (typeof left !== "string" && typeof left !== "number")) return false;
      const order = (left as string | number) < (right as string | number) ? -1 : left === right ? 0 : 1;
      return operator === "gt" ? order > 0 : operator === "ge" ? order >= 0 : operator === "lt" ? order < 0 : order <= 0;
    }
  }
}

/** Parses an expression into a predicate; `attributes`, when given, are the only ones allowed. */
export function parseExpression(source: string, attributes?: (name: string) => boolean): { predicate: Predicate } | { error: string } {
  const tokens = tokenize(source);
  if (!Array.isArray(tokens)) return tokens;
  let position = 0;
  const peek = () => tokens[position];
  const fail = (what: string): { error: string } => {
    const token = peek();
    return { error: token ? `expected ${what} at ${token.at + 1}, found ${JSON.stringify(token.text)}` : `expected ${what} at the end` };
  };

  function comparison(): Predicate | { error: string } {
    const attribute = peek();
    if (attribute?.kind !== "word") return fail("a property name");
    if (attributes && !attributes(attribute.text)) return { error: `${attribute.text} cannot be used in this expression` };
    position += 1;
    const operatorToken = peek();
    const operator = operatorToken?.text.toLowerCase() as Operator | undefined;
    if (operatorToken?.kind !== "word" || !operator || !OPERATORS.includes(operator)) return fail(`an operator (${OPERATORS.join(", ")})`);
    position += 1;
    if (operator === "pr") return (lookup) => compare(lookup(attribute.text), "pr", undefined);
    const valueToken = peek();
    let value: unknown;
    if (valueToken?.kind === "string") value = valueToken.text;
    else if (valueToken?.kind === "word" && /^(true|false|null)$/i.test(valueToken.text)) value = JSON.parse(valueToken.text.toLowerCase()) as unknown;
    else if (valueToken?.kind === "word" && /^-?\d+(\.\d+)?$/.test(valueToken.text)) value = Number(valueToken.text);
    else return fail('a value ("text", a number, true, false or null)');
    position += 1;
    return (lookup) => compare(lookup(attribute.text), operator, value);
  }

  function factor(): Predicate | { error: string } {
    if (peek()?.kind === "open") {
      position += 1;
      const inner = expression();
      if ("error" in inner) return inner;
      if (peek()?.kind !== "close") return fail('")"');
      position += 1;
      return inner;
    }
    return comparison();
  }

  function chain(next: () => Predicate | { error: string }, keyword: string, join: (a: Predicate, b: Predicate) => Predicate): Predicate | { error: string } {
    let left = next();
    if ("error" in left) return left;
    while (peek()?.kind === "word" && peek()!.text.toLowerCase() === keyword) {
      position += 1;
      const right = next();
      if ("error" in right) return right;
      left = join(left, right);
    }
    return left;
  }

  const term = () => chain(factor, "and", (a, b) => (lookup) => a(lookup) && b(lookup));
  const expression = (): Predicate | { error: string } => chain(term, "or", (a, b) => (lookup) => a(lookup) || b(lookup));

  if (tokens.length === 0) return { error: "the expression is empty" };
  const predicate = expression();
  if ("error" in predicate) return predicate;
  if (position < tokens.length) return fail('"and", "or" or the end');
  return { predicate };
}
