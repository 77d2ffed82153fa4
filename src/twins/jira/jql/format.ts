/**
 * Print a parsed query back to JQL: `parseJql(formatJql(query))` equals `query`. Keywords and
 * operators come out uppercase, values are quoted only when they must be (spaces, reserved
 * characters or words, keywords, digits that would read as a number), with `"` quotes.
 */
import type { JqlClause, JqlField, JqlOperand, JqlQuery, JqlSort } from "./ast.js";
import { isJqlControl } from "./errors.js";
import { isPlainWord } from "./lexer.js";

export function formatJql(query: JqlQuery): string {
  const parts: string[] = [];
  if (query.where !== undefined) parts.push(formatClause(query.where));
  if (query.orderBy.length > 0) parts.push(`ORDER BY ${query.orderBy.map(formatSort).join(", ")}`);
  return parts.join(" ");
}

export function formatClause(clause: JqlClause): string {
  switch (clause.kind) {
    case "terminal":
      return `${formatField(clause.field)} ${clause.operator.toUpperCase()} ${formatOperand(clause.operand)}`;
    case "not":
      return `NOT ${nested(clause.clause)}`;
    case "and":
      return clause.clauses.map(nested).join(" AND ");
    case "or":
      return clause.clauses.map(nested).join(" OR ");
  }
}

/** A clause inside AND, OR or NOT: compound clauses get parentheses, so the shape survives. */
function nested(clause: JqlClause): string {
  return clause.kind === "and" || clause.kind === "or" ? `(${formatClause(clause)})` : formatClause(clause);
}

function formatSort(sort: JqlSort): string {
  const field = formatField(sort.field);
  return sort.direction === undefined ? field : `${field} ${sort.direction.toUpperCase()}`;
}

function formatField(field: JqlField): string {
  const customField = /^cf\[(\d+)\]$/.exec(field.name);
  if (customField !== null && field.key === field.name && BigInt(customField[1] ?? "").toString() === customField[1]) return field.name;
  return /^\d+$/.test(field.name) && isLong(field.name) ? field.name : formatString(field.name);
}

/** True for digits (optionally after `-`) that fit the 64-bit range Jira's lexer accepts unquoted. */
function isLong(text: string): boolean {
  return /^-?\d+$/.test(text) && BigInt(text) === BigInt.asIntN(64, BigInt(text));
}

export function formatOperand(operand: JqlOperand): string {
  switch (operand.kind) {
    case "empty":
      return "EMPTY";
    case "value":
      return formatString(operand.value);
    case "number":
      return operand.value;
    case "function": {
      const name = isLong(operand.name) ? operand.name : formatString(operand.name);
      return `${name}(${operand.args.map(formatArgument).join(", ")})`;
    }
    case "list":
      return `(${operand.items.map(formatOperand).join(", ")})`;
  }
}

/** Function arguments are strings; a digits-only argument may stay unquoted (it reads back the same). */
function formatArgument(argument: string): string {
  return isLong(argument) ? argument : formatString(argument);
}

/** A string unquoted when it reads back as the same plain string, else double-quoted and escaped. */
export function formatString(text: string): string {
  if (isPlainWord(text)) return text;
  let quoted = '"';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (character === '"' || character === "\\") quoted += `\\${character}`;
    else if (character === "\n") quoted += "\\n";
    else if (character === "\r") quoted += "\\r";
    else if (character === "\t") quoted += "\\t";
    else if (code <= 0xffff && isJqlControl(code)) quoted += `\\u${code.toString(16).padStart(4, "0")}`;
    else quoted += character;
  }
  return `${quoted}"`;
}
