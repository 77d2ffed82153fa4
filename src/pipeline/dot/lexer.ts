/**
 * The lexer of the DOT subset (spec 2.2). It is pulled one token at a time by the parser because
 * DOT is context sensitive: after `=` a value such as `claude-sonnet-4-5`, `summary:high` or `900s`
 * is one token, while elsewhere `-` starts `->` and `.`-free identifiers name nodes. So the parser
 * calls `next()` for structure and `readValue()` right after an `=`.
 */
import { LightsoutError } from "../../errors.js";
import type { SourceLocation } from "../graph.js";

/** A syntax error with its position; the message is one line: `source:line:column: detail`. */
export class DotSyntaxError extends LightsoutError {
  readonly line: number;
  readonly column: number;
  readonly source: string | undefined;
  /** The message without the `source:line:column: ` prefix. */
  readonly detail: string;

  constructor(detail: string, location: SourceLocation, source: string | undefined) {
    super("DOT_SYNTAX", `${source ?? "<input>"}:${location.line}:${location.column}: ${detail}`);
    this.name = "DotSyntaxError";
    this.line = location.line;
    this.column = location.column;
    this.source = source;
    this.detail = detail;
  }
}

export type TokenKind =
  | "word" // a run of [A-Za-z0-9_.]: identifiers, qualified keys, keywords, and malformed ids such as 1abc
  | "string" // a double-quoted string; `text` is the decoded value
  | "arrow" // ->
  | "undirected-edge" // --, recognised only to reject it precisely
  | "{"
  | "}"
  | "["
  | "]"
  | "="
  | ";"
  | ","
  | ":"
  | "<"
  | "other" // any other single character
  | "end";

export interface Token {
  kind: TokenKind;
  text: string;
  line: number;
  column: number;
}

/** An attribute value, already unquoted and unescaped. */
export interface ValueToken {
  text: string;
  quoted: boolean;
  line: number;
  column: number;
}

const CHAR_TAB = 9;
const CHAR_NEWLINE = 10;
const CHAR_VERTICAL_TAB = 11;
const CHAR_FORM_FEED = 12;
const CHAR_CARRIAGE_RETURN = 13;
const CHAR_SPACE = 32;
const CHAR_QUOTE = 34;
const CHAR_HASH = 35;
const CHAR_PLUS = 43;
const CHAR_COMMA = 44;
const CHAR_MINUS = 45;
const CHAR_DOT = 46;
const CHAR_SLASH = 47;
const CHAR_COLON = 58;
const CHAR_SEMICOLON = 59;
const CHAR_LESS_THAN = 60;
const CHAR_GREATER_THAN = 62;
const CHAR_BACKSLASH = 92;
const CHAR_CLOSE_BRACKET = 93;
const CHAR_CLOSE_BRACE = 125;
const CHAR_ASTERISK = 42;
const BYTE_ORDER_MARK = 0xfeff;

const SINGLE_CHARACTER_TOKENS: Record<string, TokenKind> = {
  "{": "{",
  "}": "}",
  "[": "[",
  "]": "]",
  "=": "=",
  ";": ";",
  ",": ",",
  ":": ":",
  "<": "<",
};

/** Unquoted numbers (spec 2.4): integer + unit is a duration; units only follow integers. */
const NUMBER_VALUE = /-?(?:\d+(?:ms|s|m|h|d)|\d+\.\d*|\.\d+|\d+)/y;

function isWhitespace(code: number): boolean {
  return (
    code === CHAR_SPACE ||
    code === CHAR_NEWLINE ||
    code === CHAR_TAB ||
    code === CHAR_CARRIAGE_RETURN ||
    code === CHAR_FORM_FEED ||
    code === CHAR_VERTICAL_TAB
  );
}

function isLetterOrUnderscore(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Characters of a structural word: identifiers, qualified keys (`a.b`) and malformed ids (`1abc`). */
function isWordCharacter(code: number): boolean {
  return isLetterOrUnderscore(code) || isDigit(code) || code === CHAR_DOT;
}

/** Characters of an unquoted value after its first letter (spec 2.2 BareValue). */
function isBareValueCharacter(code: number): boolean {
  return isWordCharacter(code) || code === CHAR_COLON || code === CHAR_MINUS;
}

/** A short, one-line, quoted rendering of a token for messages: `"foo"`, `end of input`. */
export function describeToken(token: Token): string {
  if (token.kind === "end") return "end of input";
  const shown = token.text.length > 40 ? `${token.text.slice(0, 40)}...` : token.text;
  const quoted = JSON.stringify(shown);
  return token.kind === "string" ? `string ${quoted}` : quoted;
}

export class DotLexer {
  private offset = 0;
  private line = 1;
  /** Offset of the first character of the current line, so column = offset - lineStart + 1. */
  private lineStart = 0;

  constructor(
    private readonly text: string,
    private readonly source: string | undefined,
  ) {
    if (text.charCodeAt(0) === BYTE_ORDER_MARK) {
      this.offset = 1;
      this.lineStart = 1;
    }
  }

  location(): SourceLocation {
    return { line: this.line, column: this.offset - this.lineStart + 1 };
  }

  fail(detail: string, location: SourceLocation): never {
    throw new DotSyntaxError(detail, location, this.source);
  }

  /** The next structural token. */
  next(): Token {
    this.skipTrivia();
    const text = this.text;
    const line = this.line;
    const column = this.offset - this.lineStart + 1;
    if (this.offset >= text.length) return { kind: "end", text: "", line, column };
    const code = text.charCodeAt(this.offset);
    if (isWordCharacter(code)) {
      const begin = this.offset;
      let end = begin + 1;
      while (end < text.length && isWordCharacter(text.charCodeAt(end))) end++;
      this.offset = end;
      return { kind: "word", text: text.slice(begin, end), line, column };
    }
    if (code === CHAR_QUOTE) return { kind: "string", text: this.readString(), line, column };
    if (code === CHAR_MINUS) {
      const following = text.charCodeAt(this.offset + 1);
      if (following === CHAR_GREATER_THAN) {
        this.offset += 2;
        return { kind: "arrow", text: "->", line, column };
      }
      if (following === CHAR_MINUS) {
        this.offset += 2;
        return { kind: "undirected-edge", text: "--", line, column };
      }
    }
    if (code < 128) {
      const character = text[this.offset]!;
      this.offset++;
      return { kind: SINGLE_CHARACTER_TOKENS[character] ?? "other", text: character, line, column };
    }
    // Whole code points, so an emoji is reported as itself rather than half a surrogate pair.
    const character = String.fromCodePoint(text.codePointAt(this.offset) ?? code);
    this.offset += character.length;
    return { kind: "other", text: character, line, column };
  }

  /**
   * The value after an `=`: a quoted string (with `+` concatenation), a number or duration, or a
   * bare word. Anything else is an error here, where the value was expected.
   */
  readValue(): ValueToken {
    this.skipTrivia();
    const start = this.location();
    const code = this.text.charCodeAt(this.offset);
    if (code === CHAR_QUOTE) return { text: this.readConcatenatedStrings(), quoted: true, ...start };
    if (isDigit(code) || code === CHAR_MINUS || code === CHAR_DOT) {
      NUMBER_VALUE.lastIndex = this.offset;
      const match = NUMBER_VALUE.exec(this.text);
      if (match) return this.finishUnquotedValue(this.offset + match[0].length, start, true);
    }
    if (isLetterOrUnderscore(code)) {
      let end = this.offset + 1;
      while (end < this.text.length && isBareValueCharacter(this.text.charCodeAt(end)) && !this.isArrowAt(end)) end++;
      return this.finishUnquotedValue(end, start, false);
    }
    if (code === CHAR_LESS_THAN) {
      this.fail('HTML-like values <...> are not supported; use a double-quoted string instead', start);
    }
    const found = this.next();
    this.fail(
      `expected a value (a "quoted string", number, duration, true/false or bare word) after "=", found ${describeToken(found)}`,
      start,
    );
  }

  private isArrowAt(index: number): boolean {
    return this.text.charCodeAt(index) === CHAR_MINUS && this.text.charCodeAt(index + 1) === CHAR_GREATER_THAN;
  }

  /** Unquoted values must end at a delimiter, so `foo/bar` or `1.5h` get a hint to quote them. */
  private finishUnquotedValue(end: number, start: SourceLocation, numeric: boolean): ValueToken {
    const begin = this.offset;
    if (!this.isValueTerminator(end)) {
      let runEnd = end;
      while (runEnd < this.text.length && runEnd - begin < 40 && !this.isValueTerminator(runEnd)) runEnd++;
      const run = JSON.stringify(this.text.slice(begin, runEnd));
      const offending = JSON.stringify(String.fromCodePoint(this.text.codePointAt(end) ?? 0));
      this.fail(
        numeric
          ? `invalid number ${run}: unquoted numbers are integers, decimals or integer durations ` +
              "(900s, 15m, 250ms, 2h, 1d); quote other text"
          : `unquoted value ${run} cannot contain ${offending}; put the value in double quotes`,
        start,
      );
    }
    this.offset = end;
    return { text: this.text.slice(begin, end), quoted: false, ...start };
  }

  private isValueTerminator(index: number): boolean {
    if (index >= this.text.length) return true;
    const code = this.text.charCodeAt(index);
    if (isWhitespace(code)) return true;
    if (code === CHAR_COMMA || code === CHAR_SEMICOLON || code === CHAR_CLOSE_BRACKET || code === CHAR_CLOSE_BRACE) {
      return true;
    }
    if (code === CHAR_SLASH) {
      const following = this.text.charCodeAt(index + 1);
      return following === CHAR_SLASH || following === CHAR_ASTERISK;
    }
    return this.isArrowAt(index);
  }

  /** `"a" + "b"` is one value, as in Graphviz. */
  private readConcatenatedStrings(): string {
    let value = this.readString();
    for (;;) {
      const savedOffset = this.offset;
      const savedLine = this.line;
      const savedLineStart = this.lineStart;
      this.skipTrivia();
      if (this.text.charCodeAt(this.offset) !== CHAR_PLUS) {
        this.offset = savedOffset;
        this.line = savedLine;
        this.lineStart = savedLineStart;
        return value;
      }
      this.offset++;
      this.skipTrivia();
      if (this.text.charCodeAt(this.offset) !== CHAR_QUOTE) {
        const at = this.location();
        this.fail(`expected a double-quoted string after "+", found ${describeToken(this.next())}`, at);
      }
      value += this.readString();
    }
  }

  /** Reads a string starting at the opening quote; escapes per spec 2.2, others kept verbatim. */
  private readString(): string {
    const start = this.location();
    const text = this.text;
    let index = this.offset + 1;
    let chunkStart = index;
    let value = "";
    for (;;) {
      if (index >= text.length) this.fail('unterminated string: no closing " before the end of input', start);
      const code = text.charCodeAt(index);
      if (code === CHAR_QUOTE) break;
      if (code === CHAR_NEWLINE) {
        this.line++;
        this.lineStart = index + 1;
        index++;
        continue;
      }
      if (code !== CHAR_BACKSLASH) {
        index++;
        continue;
      }
      const escaped = text.charCodeAt(index + 1);
      const replacement = this.escapeReplacement(escaped, index);
      if (replacement === undefined) {
        // Unknown escapes such as \l or \r are Graphviz label directives: keep them as written.
        index++;
        continue;
      }
      value += text.slice(chunkStart, index) + replacement.text;
      index += 1 + replacement.length;
      chunkStart = index;
    }
    value += text.slice(chunkStart, index);
    this.offset = index + 1;
    return value;
  }

  /** What `\x` at `index` stands for and how many characters after the backslash it spans. */
  private escapeReplacement(escaped: number, index: number): { text: string; length: number } | undefined {
    switch (escaped) {
      case CHAR_QUOTE:
        return { text: '"', length: 1 };
      case CHAR_BACKSLASH:
        return { text: "\\", length: 1 };
      case 110: // n
        return { text: "\n", length: 1 };
      case 116: // t
        return { text: "\t", length: 1 };
      case CHAR_NEWLINE: // a backslash-newline continues the line, as in Graphviz
        this.line++;
        this.lineStart = index + 2;
        return { text: "", length: 1 };
      case CHAR_CARRIAGE_RETURN:
        if (this.text.charCodeAt(index + 2) !== CHAR_NEWLINE) return undefined;
        this.line++;
        this.lineStart = index + 3;
        return { text: "", length: 2 };
      default:
        return undefined;
    }
  }

  /** Skips whitespace and comments: `// ...`, `/* ... *\/` and `#` lines (Graphviz preprocessor output). */
  private skipTrivia(): void {
    const text = this.text;
    while (this.offset < text.length) {
      const code = text.charCodeAt(this.offset);
      if (code === CHAR_NEWLINE) {
        this.offset++;
        this.line++;
        this.lineStart = this.offset;
      } else if (isWhitespace(code)) {
        this.offset++;
      } else if (code === CHAR_SLASH && text.charCodeAt(this.offset + 1) === CHAR_SLASH) {
        this.skipToEndOfLine();
      } else if (code === CHAR_SLASH && text.charCodeAt(this.offset + 1) === CHAR_ASTERISK) {
        this.skipBlockComment();
      } else if (code === CHAR_HASH && this.atLineStart()) {
        this.skipToEndOfLine();
      } else {
        return;
      }
    }
  }

  private skipToEndOfLine(): void {
    const newline = this.text.indexOf("\n", this.offset);
    this.offset = newline === -1 ? this.text.length : newline;
  }

  private skipBlockComment(): void {
    const start = this.location();
    const close = this.text.indexOf("*/", this.offset + 2);
    if (close === -1) this.fail("unterminated block comment: no closing */ before the end of input", start);
    for (let index = this.offset; index < close; index++) {
      if (this.text.charCodeAt(index) === CHAR_NEWLINE) {
        this.line++;
        this.lineStart = index + 1;
      }
    }
    this.offset = close + 2;
  }

  /** True when only whitespace precedes the current position on its line. */
  private atLineStart(): boolean {
    for (let index = this.lineStart; index < this.offset; index++) {
      if (!isWhitespace(this.text.charCodeAt(index))) return false;
    }
    return true;
  }
}
