/**
 * Compile a parsed query into a predicate and an ORDER BY comparator over the caller's issues.
 * The engine knows nothing of issue shapes: `resolveField(issue, key)` returns a field's value(s).
 *
 * Semantics (see docs/twins/jql.md):
 * - a field is a list of values; null, undefined, "" and [] are EMPTY;
 * - `=` / `IN` hold when any value equals any operand value; `!=` / `NOT IN` hold when the field is
 *   not EMPTY and no value equals one (Jira's rule: `assignee != bob` skips unassigned issues);
 * - text equality is case-insensitive; numbers compare as numbers; a date operand compares with
 *   epoch-ms values, a date without a time matching its whole (UTC) day for `=` / `!=` / `IN`;
 * - `NOT` is pushed into the clauses below it (`NOT a = b` is `a != b`), as Jira does;
 * - ORDER BY puts EMPTY last when ascending and first when descending.
 */
import type { JqlClause, JqlOperand, JqlOperator, JqlQuery } from "./ast.js";
import { dateFunction, instantOf, isDateFunction, parseDateValue, type JqlDate } from "./dates.js";
import { compileTextQuery, matchesText, type TextQuery } from "./text-search.js";

export type JqlFieldValue = string | number | null | undefined | Array<string | number>;

export interface CompileOptions {
  /** The caller's accountId, for `currentUser()`; undefined for an anonymous search. */
  currentUser: string | undefined;
  /** Epoch ms from the virtual clock; dates are UTC. */
  now: number;
  /** A field's value(s). `field` is lowercase (`assignee`, `story points`) or `cf[10001]`. */
  resolveField: (issue: unknown, field: string) => JqlFieldValue;
  /** Account ids in a group, for `membersOf("group")`; without it the function matches nobody. */
  membersOf?: (group: string) => string[];
  /** Values of other functions (`openSprints()`, ...); undefined leaves the name to the built-ins. */
  resolveFunction?: (name: string, args: string[]) => Array<string | number> | undefined;
}

export interface CompiledJql {
  matches(issue: unknown): boolean;
  /** ORDER BY as a comparator; 0 for ties and when the query has no ORDER BY. */
  compare(a: unknown, b: unknown): number;
}

/** One value an operand stands for, pre-parsed as a number and as a date where it reads as one. */
interface Candidate {
  text: string;
  number: number | undefined;
  date: JqlDate | undefined;
  textQuery?: TextQuery;
}

interface Resolved {
  /** The operand is or contains EMPTY. */
  empty: boolean;
  candidates: Candidate[];
}

type Scalar = string | number;
type Predicate = (issue: unknown) => boolean;

/** Fields whose ORDER BY defaults to descending (newest first) when no direction is given. */
const DESCENDING_BY_DEFAULT: ReadonlySet<string> = new Set([
  "created",
  "createddate",
  "updated",
  "updateddate",
  "resolved",
  "resolutiondate",
  "lastviewed",
]);

const NEGATED: Record<JqlOperator, JqlOperator> = {
  "=": "!=",
  "!=": "=",
  in: "not in",
  "not in": "in",
  "~": "!~",
  "!~": "~",
  is: "is not",
  "is not": "is",
  "<": ">=",
  ">=": "<",
  ">": "<=",
  "<=": ">",
};

export function compileJql(query: JqlQuery, options: CompileOptions): CompiledJql {
  const predicate = query.where === undefined ? () => true : compileClause(query.where, false, options);
  const sorts = query.orderBy.map((sort) => ({
    key: sort.field.key,
    ascending: (sort.direction ?? (DESCENDING_BY_DEFAULT.has(sort.field.key) ? "desc" : "asc")) === "asc",
  }));
  return {
    matches: (issue) => predicate(issue),
    compare: (a, b) => {
      for (const sort of sorts) {
        const left = valuesOf(options.resolveField(a, sort.key))[0];
        const right = valuesOf(options.resolveField(b, sort.key))[0];
        if (left === undefined && right === undefined) continue;
        if (left === undefined) return sort.ascending ? 1 : -1;
        if (right === undefined) return sort.ascending ? -1 : 1;
        const order = compareScalars(left, right);
        if (order !== 0) return sort.ascending ? order : -order;
      }
      return 0;
    },
  };
}

function compileClause(clause: JqlClause, negated: boolean, options: CompileOptions): Predicate {
  switch (clause.kind) {
    case "not":
      return compileClause(clause.clause, !negated, options);
    case "and":
    case "or": {
      const parts = clause.clauses.map((part) => compileClause(part, negated, options));
      const every = (clause.kind === "and") !== negated;
      return every ? (issue) => parts.every((part) => part(issue)) : (issue) => parts.some((part) => part(issue));
    }
    case "terminal": {
      const operator = negated ? NEGATED[clause.operator] : clause.operator;
      const test = compileTest(operator, resolveOperand(clause.operand, options));
      const key = clause.field.key;
      return (issue) => test(valuesOf(options.resolveField(issue, key)));
    }
  }
}

/** The test one operator makes of a field's values. */
function compileTest(operator: JqlOperator, operand: Resolved): (values: Scalar[]) => boolean {
  const { empty, candidates } = operand;
  const onlyEmpty = empty && candidates.length === 0;
  const anyEqual = (values: Scalar[]) => values.some((value) => candidates.some((candidate) => equals(value, candidate)));
  const anyText = (values: Scalar[]) => {
    const texts = values.map(String);
    return candidates.some((candidate) => matchesText((candidate.textQuery ??= compileTextQuery(candidate.text)), texts));
  };
  const anyOrder = (values: Scalar[], holds: (order: number) => boolean) =>
    values.some((value) =>
      candidates.some((candidate) => {
        const order = compareToCandidate(value, candidate);
        return order !== undefined && holds(order);
      }),
    );
  switch (operator) {
    case "=":
    case "in":
      return (values) => (empty && values.length === 0) || anyEqual(values);
    case "!=":
    case "not in":
      return (values) => values.length > 0 && !anyEqual(values);
    case "is":
      return (values) => onlyEmpty && values.length === 0;
    case "is not":
      return (values) => onlyEmpty && values.length > 0;
    case "~":
      return (values) => (onlyEmpty ? values.length === 0 : values.length > 0 && anyText(values));
    case "!~":
      return (values) => values.length > 0 && (onlyEmpty || !anyText(values));
    case "<":
      return (values) => anyOrder(values, (order) => order < 0);
    case "<=":
      return (values) => anyOrder(values, (order) => order <= 0);
    case ">":
      return (values) => anyOrder(values, (order) => order > 0);
    case ">=":
      return (values) => anyOrder(values, (order) => order >= 0);
  }
}

function resolveOperand(operand: JqlOperand, options: CompileOptions): Resolved {
  switch (operand.kind) {
    case "empty":
      return { empty: true, candidates: [] };
    case "value":
      return { empty: false, candidates: [valueCandidate(operand.value, options.now)] };
    case "number":
      return { empty: false, candidates: [{ text: operand.value, number: Number(operand.value), date: undefined }] };
    case "function":
      return { empty: false, candidates: functionCandidates(operand.name, operand.args, options) };
    case "list": {
      const items = operand.items.map((item) => resolveOperand(item, options));
      return { empty: items.some((item) => item.empty), candidates: items.flatMap((item) => item.candidates) };
    }
  }
}

function valueCandidate(text: string, now: number): Candidate {
  return { text, number: numberOf(text), date: parseDateValue(text, now) };
}

function functionCandidates(name: string, args: string[], options: CompileOptions): Candidate[] {
  const custom = options.resolveFunction?.(name, args);
  if (custom !== undefined) {
    return custom.map((value) =>
      typeof value === "number" ? { text: String(value), number: value, date: undefined } : valueCandidate(value, options.now),
    );
  }
  const lower = name.toLowerCase();
  if (lower === "currentuser") {
    return options.currentUser === undefined ? [] : [{ text: options.currentUser, number: undefined, date: undefined }];
  }
  if (lower === "membersof") {
    const group = args[0];
    const members = group === undefined ? [] : (options.membersOf?.(group) ?? []);
    return members.map((member) => ({ text: member, number: undefined, date: undefined }));
  }
  if (isDateFunction(lower)) {
    const time = dateFunction(lower, args, options.now);
    return time === undefined ? [] : [{ text: String(time), number: undefined, date: { start: time } }];
  }
  return [];
}

/** A field's values as a list of non-empty scalars. */
function valuesOf(raw: unknown): Scalar[] {
  if (raw === null || raw === undefined) return [];
  const items: unknown[] = Array.isArray(raw) ? raw : [raw];
  const values: Scalar[] = [];
  for (const item of items) {
    if (typeof item === "string" && item !== "") values.push(item);
    else if (typeof item === "number" && !Number.isNaN(item)) values.push(item);
    else if (typeof item === "boolean") values.push(String(item));
  }
  return values;
}

function numberOf(value: Scalar): number | undefined {
  if (typeof value === "number") return value;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value.trim())) return undefined;
  return Number(value);
}

function fold(text: string): string {
  return text.toLowerCase();
}

function equals(value: Scalar, candidate: Candidate): boolean {
  if (candidate.date !== undefined) {
    const instant = instantOf(value);
    if (instant !== undefined) {
      const { start, dayEnd } = candidate.date;
      return dayEnd === undefined ? instant === start : instant >= start && instant < dayEnd;
    }
  }
  if (candidate.number !== undefined) {
    const number = numberOf(value);
    if (number !== undefined) return number === candidate.number;
  }
  return fold(String(value)) === fold(candidate.text);
}

/**
 * Sign of value - candidate, or undefined when they do not compare (text against a date, issue
 * keys of different projects: `key > PROJ-5` finds later issues of PROJ only, as in Jira).
 */
function compareToCandidate(value: Scalar, candidate: Candidate): number | undefined {
  if (candidate.date !== undefined) {
    const instant = instantOf(value);
    if (instant !== undefined) return signOrUndefined(instant - candidate.date.start);
  }
  if (candidate.number !== undefined) {
    const number = numberOf(value);
    return number === undefined ? undefined : signOrUndefined(number - candidate.number);
  }
  if (candidate.date !== undefined || typeof value === "number") return undefined;
  const valueKey = ISSUE_KEY.exec(value);
  const candidateKey = ISSUE_KEY.exec(candidate.text);
  if (valueKey !== null && candidateKey !== null) {
    if (fold(valueKey[1] ?? "") !== fold(candidateKey[1] ?? "")) return undefined;
    return signOrUndefined(Number(valueKey[2]) - Number(candidateKey[2]));
  }
  return compareText(value, candidate.text);
}

/** -1, 0 or 1; undefined for NaN (Infinity - Infinity), which compares with nothing. */
function signOrUndefined(difference: number): number | undefined {
  return Number.isNaN(difference) ? undefined : Math.sign(difference);
}

function compareText(left: string, right: string): number {
  const a = fold(left);
  const b = fold(right);
  if (a !== b) return a < b ? -1 : 1;
  return left === right ? 0 : left < right ? -1 : 1;
}

const ISSUE_KEY = /^([A-Za-z][A-Za-z0-9_]*)-(\d+)$/;

/** Order of two field values: numbers numerically, issue keys by project then number, text case-insensitively. */
export function compareScalars(left: Scalar, right: Scalar): number {
  const leftNumber = numberOf(left);
  const rightNumber = numberOf(right);
  if (leftNumber !== undefined && rightNumber !== undefined) return signOrUndefined(leftNumber - rightNumber) ?? 0;
  if (leftNumber !== undefined) return -1;
  if (rightNumber !== undefined) return 1;
  const leftKey = ISSUE_KEY.exec(String(left));
  const rightKey = ISSUE_KEY.exec(String(right));
  if (leftKey !== null && rightKey !== null) {
    const project = compareText(leftKey[1] ?? "", rightKey[1] ?? "");
    if (project !== 0) return project;
    return signOrUndefined(Number(leftKey[2]) - Number(rightKey[2])) ?? 0;
  }
  return compareText(String(left), String(right));
}
