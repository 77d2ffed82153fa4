/**
 * The JQL lexer, after Jira's own grammar (Jql.g): the whole query is tokenized before parsing,
 * so a bad character or string anywhere is reported before any grammar error, as Jira does.
 *
 * An unquoted string is a run of characters other than whitespace, quotes, `= ! < > ( ) ~ , [ ] | &`
 * and the reserved characters `{ } * / % + ^ $ # @ ? ;`, so `PROJ-123`, `1.0` and `-7d` need no
 * quotes while `user@example.com` does. A run that spells a keyword is the keyword; a run of digits
 * (optionally after `-`) is a number; any other run that is a reserved word is an error.
 */
import { isJqlControl, messages, type JqlPosition } from "./errors.js";

export type Keyword =
  | "and"
  | "or"
  | "not"
  | "in"
  | "is"
  | "empty"
  | "order"
  | "by"
  | "asc"
  | "desc"
  | "cf"
  | "was"
  | "changed"
  | "before"
  | "after"
  | "from"
  | "to"
  | "on"
  | "during";

export type ComparisonOperator = "=" | "!=" | "~" | "!~" | "<" | "<=" | ">" | ">=";

export type Token =
  | { kind: "string"; text: string; raw: string; position: JqlPosition }
  | { kind: "quoted"; text: string; raw: string; position: JqlPosition }
  | { kind: "number"; text: string; raw: string; position: JqlPosition }
  | { kind: "keyword"; keyword: Keyword; text: string; raw: string; position: JqlPosition }
  | { kind: "operator"; operator: ComparisonOperator; text: string; raw: string; position: JqlPosition }
  | { kind: "(" | ")" | "," | "[" | "]" | "!" | "end"; text: string; raw: string; position: JqlPosition };

const KEYWORDS: Record<string, Keyword> = {
  and: "and",
  or: "or",
  not: "not",
  in: "in",
  is: "is",
  empty: "empty",
  null: "empty",
  order: "order",
  by: "by",
  asc: "asc",
  desc: "desc",
  cf: "cf",
  was: "was",
  changed: "changed",
  before: "before",
  after: "after",
  from: "from",
  to: "to",
  on: "on",
  during: "during",
};

/** Words a query may use only quoted (Jira's JqlStringSupportImpl.RESERVED_WORDS). */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    "abort access add after alias all alter and any as asc audit avg before begin between boolean break by byte " +
    "catch cf changed char character check checkpoint collate collation column commit connect continue count create " +
    "current date decimal declare decrement default defaults define delete delimiter desc difference distinct divide " +
    "do double drop else empty encoding end equals escape exclusive exec execute exists explain false fetch file field " +
    "first float for from function go goto grant greater group having identified if immediate in increment index " +
    "initial inner inout input insert int integer intersect intersection into is isempty isnull join last left less " +
    "like limit lock long max min minus mode modify modulo more multiply next noaudit not notin nowait null number " +
    "object of on option or order outer output power previous prior privileges public raise raw remainder rename " +
    "resource return returns revoke right row rowid rownum rows select session set share size sqrt start strict " +
    "string subtract sum synonym table then to trans transaction trigger true uid union unique update user validate " +
    "values view was when whenever where while with"
  ).split(" "),
);

/** Characters Jira reserves: an error anywhere outside a quoted string. */
export const RESERVED_CHARACTERS = "{}*/%+^$#@?;";
/** Characters that end an unquoted string (besides whitespace and control characters). */
const STRING_STOP = `"'=!<>()~,[]|&${RESERVED_CHARACTERS}`;
const ESCAPES: Record<string, string> = { t: "\t", n: "\n", r: "\r", '"': '"', "'": "'", "\\": "\\", " ": " " };
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function isWhitespace(character: string): boolean {
  return character === " " || character === "\t" || character === "\n" || character === "\r";
}

/** True when `text` would lex, unquoted, as one plain string token (not a keyword, number or reserved word). */
export function isPlainWord(text: string): boolean {
  if (text === "") return false;
  for (const character of text) {
    if (isWhitespace(character) || STRING_STOP.includes(character) || character === "\\") return false;
    if (isJqlControl(character.codePointAt(0) ?? 0)) return false;
  }
  const lower = text.toLowerCase();
  return !(lower in KEYWORDS) && !/^-?\d+$/.test(text) && !RESERVED_WORDS.has(lower);
}

/** Tokenize a whole query; throws JqlError. The last token is always `end`. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let line = 1;
  let column = 1;

  const here = (): JqlPosition => ({ line, character: column });
  const advance = (): string => {
    const character = source[index] ?? "";
    index += 1;
    if (character === "\n") {
      line += 1;
      column = 1;
    } else {
      column += 1;
    }
    return character;
  };
  const push = (kind: "(" | ")" | "," | "[" | "]" | "!", position: JqlPosition, raw: string) =>
    tokens.push({ kind, text: raw, raw, position });

  /** Read an escape at a backslash; returns the decoded character. */
  const readEscape = (): string => {
    const position = here();
    const start = index;
    advance();
    if (index >= source.length) throw messages.unfinishedEscape(position);
    const next = source[index] ?? "";
    if (next in ESCAPES) {
      advance();
      return ESCAPES[next] ?? next;
    }
    if (next === "u" && /^[0-9a-fA-F]{4}$/.test(source.slice(index + 1, index + 5))) {
      const hex = source.slice(index + 1, index + 5);
      for (let step = 0; step < 5; step += 1) advance();
      return String.fromCharCode(parseInt(hex, 16));
    }
    let end = index + 1;
    while (end < source.length && !isWhitespace(source[end] ?? "") && !STRING_STOP.includes(source[end] ?? "") && source[end] !== "\\") {
      end += 1;
    }
    throw messages.illegalEscape(source.slice(start, end), position);
  };

  while (index < source.length) {
    const character = source[index] ?? "";
    const position = here();
    if (isWhitespace(character)) {
      advance();
      continue;
    }
    if (character === '"' || character === "'") {
      advance();
      const start = index;
      let text = "";
      for (;;) {
        if (index >= source.length) throw messages.unfinishedString(source.slice(start), position);
        const inner = source[index] ?? "";
        if (inner === character) break;
        if (inner === "\\") {
          text += readEscape();
          continue;
        }
        if (isJqlControl(inner.charCodeAt(0))) throw messages.illegalCharacter(inner, here());
        text += advance();
      }
      advance();
      tokens.push({ kind: "quoted", text, raw: source.slice(start - 1, index), position });
      continue;
    }
    if (character === "(" || character === ")" || character === "," || character === "[" || character === "]") {
      advance();
      push(character, position, character);
      continue;
    }
    const two = source.slice(index, index + 2);
    if (two === "!=" || two === "!~" || two === "<=" || two === ">=") {
      advance();
      advance();
      tokens.push({ kind: "operator", operator: two, text: two, raw: two, position });
      continue;
    }
    if (character === "=" || character === "~" || character === "<" || character === ">") {
      advance();
      tokens.push({ kind: "operator", operator: character, text: character, raw: character, position });
      continue;
    }
    if (character === "!") {
      advance();
      push("!", position, "!");
      continue;
    }
    if (character === "&" || character === "|") {
      const raw = source[index + 1] === character ? two : character;
      for (let step = 0; step < raw.length; step += 1) advance();
      tokens.push({ kind: "keyword", keyword: character === "&" ? "and" : "or", text: raw, raw, position });
      continue;
    }
    if (RESERVED_CHARACTERS.includes(character)) throw messages.reservedCharacter(character, position);
    if (isJqlControl(character.charCodeAt(0))) throw messages.illegalCharacter(character, position);

    const start = index;
    let text = "";
    while (index < source.length) {
      const inner = source[index] ?? "";
      if (isWhitespace(inner) || STRING_STOP.includes(inner)) break;
      if (inner === "\\") {
        text += readEscape();
        continue;
      }
      if (isJqlControl(inner.charCodeAt(0))) throw messages.illegalCharacter(inner, here());
      text += advance();
    }
    const raw = source.slice(start, index);
    const keyword = KEYWORDS[raw.toLowerCase()];
    if (keyword !== undefined && raw === text) {
      tokens.push({ kind: "keyword", keyword, text: raw, raw, position });
    } else if (/^-?\d+$/.test(raw)) {
      const value = BigInt(raw);
      if (value < LONG_MIN || value > LONG_MAX) throw messages.illegalNumber(raw, position);
      tokens.push({ kind: "number", text: raw, raw, position });
    } else if (RESERVED_WORDS.has(text.toLowerCase())) {
      throw messages.reservedWord(text, position);
    } else {
      tokens.push({ kind: "string", text, raw, position });
    }
  }
  tokens.push({ kind: "end", text: "", raw: "", position: here() });
  return tokens;
}
