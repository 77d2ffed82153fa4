/**
 * Drive's search query language (the `q` of files.list), the subset integrations use:
 * `name = 'x'`, `name contains 'x'`, `fullText contains 'x'`, `mimeType = / != 'x'`,
 * `'ID' in parents`, `'email' in owners / writers / readers`, `trashed = true`, `starred = false`,
 * `sharedWithMe`, `modifiedTime > '2026-01-01T00:00:00'` (and createdTime, with = != < <= > >=),
 * `properties has { key='k' and value='v' }` (and appProperties), joined by `and`, `or`, `not` and
 * parentheses. `and` binds tighter than `or`, as Drive does. Anything else is a syntax error,
 * which Drive answers with 400 `invalid` "Invalid Value" and nothing more precise; the parser's
 * own message (with the offset) is kept for the twin's docs and tests.
 */

export type Comparison = "=" | "!=" | "<" | "<=" | ">" | ">=";

export type QueryValue = { kind: "string"; value: string } | { kind: "boolean"; value: boolean };

export type QueryNode =
  | { kind: "and" | "or"; left: QueryNode; right: QueryNode }
  | { kind: "not"; operand: QueryNode }
  | { kind: "compare"; field: string; operator: Comparison; value: QueryValue }
  | { kind: "contains"; field: string; value: string }
  | { kind: "in"; value: string; field: string }
  | { kind: "has"; field: "properties" | "appProperties"; key: string; value: string };

export type QueryParse = { query: QueryNode } | { error: string };

type Token =
  | { kind: "string"; value: string; at: number }
  | { kind: "word"; value: string; at: number }
  | { kind: "operator"; value: string; at: number }
  | { kind: "punct"; value: "(" | ")" | "{" | "}"; at: number };

const FIELD_TYPES: Readonly<Record<string, "string" | "boolean" | "time" | "collection" | "text" | "map">> = {
  name: "string",
  fullText: "text",
  mimeType: "string",
  modifiedTime: "time",
  createdTime: "time",
  viewedByMeTime: "time",
  trashed: "boolean",
  starred: "boolean",
  sharedWithMe: "boolean",
  parents: "collection",
  owners: "collection",
  writers: "collection",
  readers: "collection",
  properties: "map",
  appProperties: "map",
};

const KEYWORDS = new Set(["and", "or", "not", "contains", "in", "has", "true", "false"]);

class QuerySyntaxError extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < text.length) {
    const character = text[position]!;
    if (/\s/.test(character)) {
      position += 1;
    } else if (character === "'" || character === '"') {
      const start = position;
      let value = "";
      position += 1;
      while (position < text.length && text[position] !== character) {
        if (text[position] === "\\" && position + 1 < text.length) position += 1;
        value += text[position];
        position += 1;
      }
      if (position >= text.length) throw new QuerySyntaxError(`unterminated string at ${start}`);
      position += 1;
      tokens.push({ kind: "string", value, at: start });
    } else if ("(){}".includes(character)) {
      tokens.push({ kind: "punct", value: character as "(" | ")" | "{" | "}", at: position });
      position += 1;
    } else if ("=!<>".includes(character)) {
      const match = /^(!=|<=|>=|=|<|>)/.exec(text.slice(position));
      if (!match) throw new QuerySyntaxError(`unexpected "${character}" at ${position}`);
      tokens.push({ kind: "operator", value: match[1]!, at: position });
      position += match[1]!.length;
    } else {
      const match = /^[A-Za-z0-9_]+/.exec(text.slice(position));
      if (!match) throw new QuerySyntaxError(`unexpected "${character}" at ${position}`);
      tokens.push({ kind: "word", value: match[0], at: position });
      position += match[0].length;
    }
  }
  return tokens;
}

export function parseQuery(text: string): QueryParse {
  try {
    const tokens = tokenize(text);
    let index = 0;
    const peek = (): Token | undefined => tokens[index];
    const describe = (token: Token | undefined): string => (token ? `"${token.value}" at ${token.at}` : "the end");
    const isWord = (token: Token | undefined, word: string): boolean => token?.kind === "word" && token.value.toLowerCase() === word;
    const expectString = (): string => {
      const token = tokens[index];
      if (token?.kind !== "string") throw new QuerySyntaxError(`expected a quoted string, found ${describe(token)}`);
      index += 1;
      return token.value;
    };
    const expectWord = (word: string): void => {
      if (!isWord(peek(), word)) throw new QuerySyntaxError(`expected ${word}, found ${describe(peek())}`);
      index += 1;
    };
    const expectPunct = (value: string): void => {
      const token = peek();
      if (token?.kind !== "punct" || token.value !== value) throw new QuerySyntaxError(`expected "${value}", found ${describe(token)}`);
      index += 1;
    };

    const parseHas = (field: "properties" | "appProperties"): QueryNode => {
      expectPunct("{");
      expectWord("key");
      if (peek()?.value !== "=") throw new QuerySyntaxError(`expected "=", found ${describe(peek())}`);
      index += 1;
      const key = expectString();
      expectWord("and");
      expectWord("value");
      if (peek()?.value !== "=") throw new QuerySyntaxError(`expected "=", found ${describe(peek())}`);
      index += 1;
      const value = expectString();
      expectPunct("}");
      return { kind: "has", field, key, value };
    };

    const parseTerm = (): QueryNode => {
      const token = peek();
      if (token?.kind === "punct" && token.value === "(") {
        index += 1;
        const inner = parseOr();
        expectPunct(")");
        return inner;
      }
      if (isWord(token, "not")) {
        index += 1;
        return { kind: "not", operand: parseTerm() };
      }
      if (token?.kind === "string") {
        index += 1;
        expectWord("in");
        const field = peek();
        if (field?.kind !== "word" || FIELD_TYPES[field.value] !== "collection") throw new QuerySyntaxError(`expected parents, owners, writers or readers, found ${describe(field)}`);
        index += 1;
        return { kind: "in", value: token.value, field: field.value };
      }
      if (token?.kind !== "word" || KEYWORDS.has(token.value.toLowerCase()) || FIELD_TYPES[token.value] === undefined) {
        throw new QuerySyntaxError(`expected a search term, found ${describe(token)}`);
      }
      index += 1;
      const field = token.value;
      const type = FIELD_TYPES[field]!;
      const operator = peek();
      if (type === "map") {
        expectWord("has");
        return parseHas(field as "properties" | "appProperties");
      }
      if (isWord(operator, "contains")) {
        if (type !== "string" && type !== "text") throw new QuerySyntaxError(`${field} does not take contains`);
        index += 1;
        return { kind: "contains", field, value: expectString() };
      }
      if (operator?.kind !== "operator") throw new QuerySyntaxError(`expected an operator after ${field}, found ${describe(operator)}`);
      index += 1;
      const comparison = operator.value as Comparison;
      if (type === "boolean") {
        if (comparison !== "=" && comparison !== "!=") throw new QuerySyntaxError(`${field} takes = or !=`);
        const value = peek();
        if (!isWord(value, "true") && !isWord(value, "false")) throw new QuerySyntaxError(`expected true or false, found ${describe(value)}`);
        index += 1;
        return { kind: "compare", field, operator: comparison, value: { kind: "boolean", value: value!.value.toLowerCase() === "true" } };
      }
      if (type === "string" && comparison !== "=" && comparison !== "!=") throw new QuerySyntaxError(`${field} takes =, != or contains`);
      if (type === "text" || type === "collection") throw new QuerySyntaxError(`${field} does not take ${comparison}`);
      const value = expectString();
      if (type === "time" && Number.isNaN(Date.parse(value))) throw new QuerySyntaxError(`${field} needs an RFC 3339 time, got '${value}'`);
      return { kind: "compare", field, operator: comparison, value: { kind: "string", value } };
    };

    const parseAnd = (): QueryNode => {
      let left = parseTerm();
      while (isWord(peek(), "and")) {
        index += 1;
        left = { kind: "and", left, right: parseTerm() };
      }
      return left;
    };

    const parseOr = (): QueryNode => {
      let left = parseAnd();
      while (isWord(peek(), "or")) {
        index += 1;
        left = { kind: "or", left, right: parseAnd() };
      }
      return left;
    };

    if (tokens.length === 0) throw new QuerySyntaxError("empty query");
    const query = parseOr();
    if (index < tokens.length) throw new QuerySyntaxError(`unexpected ${describe(peek())}`);
    return { query };
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { error: error.message };
    throw error;
  }
}
