/**
 * Where a JSON text first goes wrong, as an offset and a message. `JSON.parse` says what is
 * wrong but, for many errors, not where ("Unexpected token '}' ... is not valid JSON"), and a
 * fixture error without a line and column sends the user hunting. Only called after
 * `JSON.parse` has failed, so it may be simple rather than fast.
 */
export interface JsonSyntaxProblem {
  offset: number;
  message: string;
}

class Problem extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

function describeAt(text: string, offset: number): string {
  return offset >= text.length ? "end of input" : JSON.stringify(text[offset]);
}

export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  let offset = 0;
  const skipWhitespace = (): void => {
    while (offset < text.length && WHITESPACE.has(text[offset]!)) offset++;
  };
  const fail = (expected: string): never => {
    throw new Problem(offset, `expected ${expected}, found ${describeAt(text, offset)}`);
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, offset)) offset += word.length;
    else fail("a value");
  };
  const string = (): void => {
    offset++; // the opening quote
    while (offset < text.length) {
      const character = text[offset]!;
      if (character === '"') {
        offset++;
        return;
      }
      if (character === "\\") {
        const escaped = text[offset + 1];
        if (escaped === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(offset + 2, offset + 6))) throw new Problem(offset, "invalid \\u escape in string");
          offset += 6;
        } else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) {
          offset += 2;
        } else {
          throw new Problem(offset, "invalid escape in string");
        }
        continue;
      }
      if (character < " ") throw new Problem(offset, "control character in string (newlines must be written \\n)");
      offset++;
    }
    throw new Problem(offset, "unterminated string");
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(offset));
    if (!match) fail("a value");
    offset += match![0].length;
  };
  const value = (): void => {
    skipWhitespace();
    const character = text[offset];
    if (character === "{") return object();
    if (character === "[") return array();
    if (character === '"') return string();
    if (character === "t") return literal("true");
    if (character === "f") return literal("false");
    if (character === "n") return literal("null");
    if (character === "-" || (character !== undefined && character >= "0" && character <= "9")) return number();
    fail("a value");
  };
  const object = (): void => {
    offset++;
    skipWhitespace();
    if (text[offset] === "}") {
      offset++;
      return;
    }
    for (;;) {
      skipWhitespace();
      if (text[offset] !== '"') fail('a double-quoted property name');
      string();
      skipWhitespace();
      if (text[offset] !== ":") fail('":" after the property name');
      offset++;
      value();
      skipWhitespace();
      if (text[offset] === ",") {
        offset++;
        continue;
      }
      if (text[offset] === "}") {
        offset++;
        return;
      }
      fail('"," or "}"');
    }
  };
  const array = (): void => {
    offset++;
    skipWhitespace();
    if (text[offset] === "]") {
      offset++;
      return;
    }
    for (;;) {
      value();
      skipWhitespace();
      if (text[offset] === ",") {
        offset++;
        continue;
      }
      if (text[offset] === "]") {
        offset++;
        return;
      }
      fail('"," or "]"');
    }
  };
  try {
    value();
    skipWhitespace();
    if (offset < text.length) fail("end of input after the value");
    return undefined;
  } catch (error) {
    if (error instanceof Problem) return { offset: error.offset, message: error.message };
    // A RangeError from nesting deeper than the stack: no location rather than a crash.
    return undefined;
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text[index] === "\n") {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
