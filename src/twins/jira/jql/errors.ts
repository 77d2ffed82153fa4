/**
 * The JQL syntax error and the sentences Jira uses for it. Jira prefixes every parse error with
 * `Error in the JQL Query:` (a few operand errors say `Error in JQL Query:`, as Jira Cloud does)
 * and ends it with `(line L, character C)`; errors at the end of the query carry no position in
 * the text, but `line`/`character` still point just past the last character.
 */

const marker = Symbol.for("lightsout.twins.jql-error");

export type JqlErrorCode = "JQL_SYNTAX";

/** Where a token starts: 1-based line and 1-based character within that line, as Jira counts. */
export interface JqlPosition {
  line: number;
  character: number;
}

export class JqlError extends Error {
  readonly [marker] = true;
  readonly code: JqlErrorCode = "JQL_SYNTAX";
  readonly line: number;
  readonly character: number;
  /** The sentence without the `Error in the JQL Query:` prefix and the position suffix. */
  readonly detail: string;

  constructor(message: string, position: JqlPosition, detail: string = message) {
    super(message);
    this.name = "JqlError";
    this.line = position.line;
    this.character = position.character;
    this.detail = detail;
  }

  /** True for a JqlError from any copy of this module (instanceof fails across copies). */
  static isInstance(value: unknown): value is JqlError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}

const PREFIX = "Error in the JQL Query:";
/** Jira Cloud words its operand errors without "the". */
const OPERAND_PREFIX = "Error in JQL Query:";

/** An error at a token: `<prefix> <detail> (line L, character C)`. */
export function errorAt(detail: string, position: JqlPosition, prefix: string = PREFIX): JqlError {
  return new JqlError(`${prefix} ${detail} (line ${position.line}, character ${position.character})`, position, detail);
}

/** An error at the end of the query: no position in the message. */
export function errorAtEnd(detail: string, position: JqlPosition, prefix: string = PREFIX): JqlError {
  return new JqlError(`${prefix} ${detail}`, position, detail);
}

const VALID_OPERATORS = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";
const VALID_ESCAPES = "The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX.";

/** Token text as Jira echoes it: newlines become spaces. */
function shown(text: string): string {
  return text.replace(/[\r\n]/g, " ");
}

/** One builder per Jira message key (`jql.parse.*`), so the wording lives in one place. */
export const messages = {
  reservedWord: (word: string, at: JqlPosition) =>
    errorAt(`'${shown(word)}' is a reserved JQL word. You must surround it in quotation marks to use it in a query.`, at),
  reservedCharacter: (character: string, at: JqlPosition) =>
    errorAt(
      `The character '${character}' is a reserved JQL character. You must enclose it in a string or use the escape '${unicodeEscape(character)}' instead.`,
      at,
    ),
  illegalCharacter: (character: string, at: JqlPosition) =>
    errorAt(`The character '${printable(character)}' must be escaped. Use the escape '${unicodeEscape(character)}' instead.`, at),
  illegalEscape: (sequence: string, at: JqlPosition) =>
    errorAt(`'${shown(sequence)}' is an illegal JQL escape sequence. ${VALID_ESCAPES}`, at),
  unfinishedEscape: (at: JqlPosition) => errorAt(`The escape sequence has not been completed. ${VALID_ESCAPES}`, at),
  unfinishedString: (text: string, at: JqlPosition) =>
    text.trim() === ""
      ? errorAt("The quoted string has not been completed.", at)
      : errorAt(`The quoted string '${shown(text)}' has not been completed.`, at),
  illegalNumber: (text: string, at: JqlPosition) =>
    errorAt(`The number '${text}' is not valid. Numbers must be between -9223372036854775808 and 9223372036854775807.`, at),
  emptyFieldName: (at: JqlPosition) => errorAt("The field name can not be empty.", at),
  emptyFunctionName: (at: JqlPosition) => errorAt("The function name can not be empty.", at),
  noField: (got: string, at: JqlPosition) =>
    errorAt(`Expecting a field name but got '${shown(got)}'. You must surround '${shown(got)}' in quotation marks to use it as a field name.`, at),
  noFieldAtEnd: (at: JqlPosition) => errorAtEnd("Expecting a field name at the end of the query.", at),
  noCustomFieldPrefix: (at: JqlPosition) => errorAt("Expecting a field name but got '['. Did you mean 'cf['?", at),
  badCustomFieldId: (got: string, at: JqlPosition) =>
    errorAt(`Expecting a custom field id enclosed by '[ ]' after 'cf' but got '${shown(got)}'. Example: 'cf[10021]'.`, at),
  badCustomFieldIdAtEnd: (at: JqlPosition) =>
    errorAtEnd("Expecting a custom field id enclosed by '[ ]' after 'cf' before the end of the query. Example: 'cf[10021]'.", at),
  noOperator: (got: string, at: JqlPosition) => errorAt(`Expecting operator but got '${shown(got)}'. ${VALID_OPERATORS}`, at),
  noOperatorAtEnd: (at: JqlPosition) => errorAtEnd(`Expecting operator before the end of the query. ${VALID_OPERATORS}`, at),
  unsupportedOperator: (operator: string, at: JqlPosition) =>
    errorAt(`The operator '${operator}' searches the issue history, which this twin does not keep. ${VALID_OPERATORS}`, at),
  badOperand: (got: string, at: JqlPosition) =>
    errorAt(
      `Expecting either a value, list or function but got '${shown(got)}'. You must surround '${shown(got)}' in quotation marks to use it as a value.`,
      at,
      OPERAND_PREFIX,
    ),
  badOperandAtEnd: (at: JqlPosition) =>
    errorAtEnd("Expecting either a value, list or function before the end of the query.", at, OPERAND_PREFIX),
  needLogicalOperator: (got: string, at: JqlPosition) => errorAt(`Expecting either 'OR' or 'AND' but got '${shown(got)}'.`, at),
  expected: (expected: string, got: string, at: JqlPosition) => errorAt(`Expecting '${expected}' but got '${shown(got)}'.`, at),
  expectedAtEnd: (expected: string, at: JqlPosition) => errorAtEnd(`Expecting '${expected}' before the end of the query.`, at),
  expectedEither: (first: string, second: string, got: string, at: JqlPosition) =>
    errorAt(`Expecting '${first}' or '${second}' but got '${shown(got)}'.`, at),
  expectedEitherAtEnd: (first: string, second: string, at: JqlPosition) =>
    errorAtEnd(`Expecting '${first}' or '${second}' before the end of the query.`, at),
  badSortOrder: (got: string, at: JqlPosition) => errorAt(`Expecting either 'ASC' or 'DESC' but got '${shown(got)}'.`, at),
  badFunctionArgument: (got: string, at: JqlPosition) =>
    errorAt(
      `Expecting a function argument but got '${shown(got)}'. You must surround '${shown(got)}' in quotation marks to use it as a value.`,
      at,
    ),
  badFunctionArgumentAtEnd: (at: JqlPosition) => errorAtEnd("Expecting a function argument before the end of the query.", at),
  tooDeep: (limit: number, at: JqlPosition) =>
    errorAt(`The query nests parentheses, NOT and lists more than ${limit} levels deep, more than this twin reads.`, at),
  emptyFunctionArgument: (at: JqlPosition) => errorAt("The function argument can not be empty.", at),
};

/** `\u002f`: the escape Jira suggests for a character (lowercase hex, four digits). */
export function unicodeEscape(character: string): string {
  return `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`;
}

/** A character as Jira prints it in an error: TAB, U+XXXX for control and odd characters. */
function printable(character: string): string {
  if (character === "\t") return "TAB";
  const code = character.codePointAt(0) ?? 0;
  if (isJqlControl(code) || /\s/.test(character)) return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return character;
}

/** JQL's control characters (its grammar's CONTROLCHARS): never allowed unescaped, even quoted. */
export function isJqlControl(code: number): boolean {
  return (
    (code <= 0x1f && code !== 0x0a && code !== 0x0d) ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0xfdd0 && code <= 0xfdef) ||
    code === 0xfffe ||
    code === 0xffff
  );
}
