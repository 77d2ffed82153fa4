/**
 * Matchers: a condition on one value (see `Matcher` in ../model.ts). A missing field is
 * `undefined` here, so `{exists: false}` can be asked of it and every other matcher fails on it.
 *
 * A matcher that is itself wrong (an invalid regular expression, an unknown shape, a bound that
 * is neither a number nor a date) is an `error`, not a failed match: it is the scenario's fault,
 * and the judge charges it to the judge, not to the product.
 */
import type { Matcher } from "../model.js";
import { formatValue } from "./format-value.js";

export interface MatchOutcome {
  ok: boolean;
  /** Why the value failed, in words about the value: `"OPS-2" does not contain "OPS-1"`. */
  why?: string;
  /** Set when the matcher itself is invalid. */
  error?: string;
}

type MatcherObject = Exclude<Matcher, string | number | boolean | null>;
type Kind = "scalar" | "equals" | "contains" | "matches" | "exists" | "range" | "oneOf" | "not" | "length";

const RANGE_KEYS = ["gt", "gte", "lt", "lte"] as const;
const SHAPES: Record<Exclude<Kind, "scalar" | "range">, { required: string; optional?: string[] }> = {
  equals: { required: "equals" },
  contains: { required: "contains" },
  matches: { required: "matches", optional: ["flags"] },
  exists: { required: "exists" },
  oneOf: { required: "oneOf" },
  not: { required: "not" },
  length: { required: "length" },
};

function kindOf(matcher: unknown): Kind | undefined {
  if (matcher === null || ["string", "number", "boolean"].includes(typeof matcher)) return "scalar";
  if (typeof matcher !== "object" || Array.isArray(matcher)) return undefined;
  const keys = Object.keys(matcher);
  for (const [kind, shape] of Object.entries(SHAPES)) {
    if (keys.includes(shape.required) && keys.every((key) => key === shape.required || shape.optional?.includes(key))) return kind as Kind;
  }
  if (keys.length > 0 && keys.every((key) => (RANGE_KEYS as readonly string[]).includes(key))) return "range";
  return undefined;
}

const KNOWN = "a value, or one of {equals}, {contains}, {matches, flags?}, {exists}, {gt, gte, lt, lte}, {oneOf}, {not}, {length}";

/** Why `matcher` cannot be used (unknown shape, bad regular expression, bad bound), or undefined. */
export function checkMatcher(matcher: unknown): string | undefined {
  const kind = kindOf(matcher);
  if (kind === undefined) return `unknown matcher ${formatValue(matcher)}: expected ${KNOWN}`;
  const object = matcher as Record<string, unknown>;
  switch (kind) {
    case "matches": {
      if (typeof object["matches"] !== "string") return `{matches} needs a regular expression as a string, got ${formatValue(object["matches"])}`;
      if (object["flags"] !== undefined && typeof object["flags"] !== "string") return `{flags} must be a string, got ${formatValue(object["flags"])}`;
      const compiled = compileRegExp(object["matches"], object["flags"] as string | undefined);
      return "error" in compiled ? compiled.error : undefined;
    }
    case "exists":
      return typeof object["exists"] === "boolean" ? undefined : `{exists} must be true or false, got ${formatValue(object["exists"])}`;
    case "range":
      for (const key of RANGE_KEYS) {
        if (object[key] !== undefined && comparable(object[key]) === undefined) return `{${key}} must be a number or an ISO-8601 date, got ${formatValue(object[key])}`;
      }
      return undefined;
    case "oneOf":
      return Array.isArray(object["oneOf"]) ? undefined : `{oneOf} must be a list, got ${formatValue(object["oneOf"])}`;
    case "not":
    case "length":
      return checkMatcher(object[kind]);
    default:
      return undefined;
  }
}

const regExpCache = new Map<string, RegExp | { error: string }>();

/** Compiles once per pattern; `g` and `y` are dropped (they make `test` stateful). */
function compileRegExp(pattern: string, flags = ""): RegExp | { error: string } {
  const key = `${flags}/${pattern}`;
  const cached = regExpCache.get(key);
  if (cached) return cached;
  let compiled: RegExp | { error: string };
  try {
    compiled = new RegExp(pattern, flags.replace(/[gy]/g, ""));
  } catch (error) {
    compiled = { error: `invalid regular expression /${pattern}/${flags}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (regExpCache.size > 1000) regExpCache.clear();
  regExpCache.set(key, compiled);
  return compiled;
}

/** Structural equality of JSON-like values; object keys in any order. */
export function deepEqual(left: unknown, right: unknown): boolean {
  if (Object.is(left, right)) return true;
  if (typeof left !== "object" || typeof right !== "object" || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  if (Array.isArray(left) && Array.isArray(right)) return left.length === right.length && left.every((item, index) => deepEqual(item, right[index]));
  const leftKeys = Object.keys(left);
  const rightRecord = right as Record<string, unknown>;
  if (leftKeys.length !== Object.keys(right).length) return false;
  return leftKeys.every((key) => Object.hasOwn(right, key) && deepEqual((left as Record<string, unknown>)[key], rightRecord[key]));
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Deep partial match: every field of `expected` is in `actual` and matches (objects recursively);
 * every element of an expected array matches some element of the actual one; scalars are equal.
 */
export function partialMatch(expected: unknown, actual: unknown): boolean {
  if (isPlainObject(expected)) {
    return isPlainObject(actual) && Object.entries(expected).every(([key, value]) => Object.hasOwn(actual, key) && partialMatch(value, actual[key]));
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.every((item) => actual.some((candidate) => partialMatch(item, candidate)));
  }
  return deepEqual(expected, actual);
}

type Comparable = { kind: "number" | "time" | "slack-ts"; value: number };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
/** Slack message timestamps: seconds since the epoch with six decimals, as a string. */
const SLACK_TS = /^\d{9,10}\.\d{6}$/;

/** Numbers, numeric strings, Slack `ts` strings (seconds) and ISO-8601 dates (milliseconds). */
function comparable(value: unknown): Comparable | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "number", value } : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (SLACK_TS.test(text)) return { kind: "slack-ts", value: Number(text) };
  if (/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(text)) return { kind: "number", value: Number(text) };
  if (ISO_DATE.test(text)) {
    const time = Date.parse(text);
    return Number.isNaN(time) ? undefined : { kind: "time", value: time };
  }
  return undefined;
}

/** Both sides on one scale: a Slack `ts` (seconds) next to a date or a plain number of milliseconds becomes milliseconds. */
function onOneScale(left: Comparable, right: Comparable): [number, number] {
  const scale = (side: Comparable, other: Comparable): number => (side.kind === "slack-ts" && other.kind === "time" ? side.value * 1000 : side.value);
  return [scale(left, right), scale(right, left)];
}

const RANGE_WORDS: Record<(typeof RANGE_KEYS)[number], { symbol: string; holds: (actual: number, bound: number) => boolean }> = {
  gt: { symbol: ">", holds: (actual, bound) => actual > bound },
  gte: { symbol: ">=", holds: (actual, bound) => actual >= bound },
  lt: { symbol: "<", holds: (actual, bound) => actual < bound },
  lte: { symbol: "<=", holds: (actual, bound) => actual <= bound },
};

/** Checks `actual` (undefined: the field is missing) against `matcher`. Never throws. */
export function matchValue(matcher: Matcher, actual: unknown): MatchOutcome {
  const problem = checkMatcher(matcher);
  if (problem !== undefined) return { ok: false, why: problem, error: problem };
  return matchChecked(matcher, actual);
}

function missing(): MatchOutcome {
  return { ok: false, why: "it is missing" };
}

function matchChecked(matcher: Matcher, actual: unknown): MatchOutcome {
  const kind = kindOf(matcher)!;
  if (kind === "scalar") return matchEquals(matcher, actual);
  const object = matcher as MatcherObject & Record<string, unknown>;
  switch (kind) {
    case "equals":
      return matchEquals(object["equals"], actual);
    case "contains":
      return matchContains(object["contains"], actual);
    case "matches": {
      if (actual === undefined) return missing();
      if (typeof actual !== "string" && typeof actual !== "number") return { ok: false, why: `${formatValue(actual)} is not text` };
      const pattern = compileRegExp(object["matches"] as string, object["flags"] as string | undefined) as RegExp;
      return pattern.test(String(actual)) ? { ok: true } : { ok: false, why: `${formatValue(actual)} does not match ${pattern}` };
    }
    case "exists": {
      const present = actual !== undefined;
      if (present === object["exists"]) return { ok: true };
      return present ? { ok: false, why: `it exists: ${formatValue(actual)}` } : missing();
    }
    case "range":
      return matchRange(object as Record<string, unknown>, actual);
    case "oneOf": {
      if (actual === undefined) return missing();
      const options = object["oneOf"] as unknown[];
      return options.some((option) => deepEqual(option, actual)) ? { ok: true } : { ok: false, why: `${formatValue(actual)} is none of ${formatValue(options)}` };
    }
    case "not": {
      const inner = matchChecked(object["not"] as Matcher, actual);
      return inner.ok ? { ok: false, why: `${actual === undefined ? "the missing value" : formatValue(actual)} ${describeMatcher(object["not"] as Matcher)}` } : { ok: true };
    }
    case "length": {
      if (actual === undefined) return missing();
      if (typeof actual !== "string" && !Array.isArray(actual)) return { ok: false, why: `${formatValue(actual)} has no length (not text or a list)` };
      const inner = matchChecked(object["length"] as Matcher, actual.length);
      return inner.ok ? { ok: true } : { ok: false, why: `its length is ${actual.length}` };
    }
  }
}

function matchEquals(expected: unknown, actual: unknown): MatchOutcome {
  if (actual === undefined) return missing();
  if (deepEqual(expected, actual)) return { ok: true };
  const sameType = typeof expected === typeof actual;
  return { ok: false, why: sameType ? `${formatValue(actual)} is not ${formatValue(expected)}` : `${formatValue(actual)} (${typeName(actual)}) is not ${formatValue(expected)} (${typeName(expected)})` };
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  return typeof value === "object" ? "object" : typeof value;
}

function matchContains(expected: unknown, actual: unknown): MatchOutcome {
  if (actual === undefined) return missing();
  const fail = (): MatchOutcome => ({ ok: false, why: `${formatValue(actual)} does not contain ${formatValue(expected)}` });
  if (typeof actual === "string") {
    if (typeof expected === "string" || typeof expected === "number" || typeof expected === "boolean") return actual.includes(String(expected)) ? { ok: true } : fail();
    return { ok: false, why: `${formatValue(actual)} is text, and ${formatValue(expected)} is not` };
  }
  if (Array.isArray(actual)) return actual.some((item) => partialMatch(expected, item)) ? { ok: true } : fail();
  if (isPlainObject(actual)) {
    if (!isPlainObject(expected)) return { ok: false, why: `${formatValue(actual)} is an object: {contains} on it needs an object` };
    return partialMatch(expected, actual) ? { ok: true } : fail();
  }
  return { ok: false, why: `${formatValue(actual)} is not text, a list or an object` };
}

function matchRange(bounds: Record<string, unknown>, actual: unknown): MatchOutcome {
  if (actual === undefined) return missing();
  const value = comparable(actual);
  if (!value) return { ok: false, why: `${formatValue(actual)} is not a number or a date` };
  for (const key of RANGE_KEYS) {
    if (bounds[key] === undefined) continue;
    const bound = comparable(bounds[key])!;
    const [left, right] = onOneScale(value, bound);
    if (!RANGE_WORDS[key].holds(left, right)) return { ok: false, why: `${formatValue(actual)} is not ${RANGE_WORDS[key].symbol} ${formatValue(bounds[key])}` };
  }
  return { ok: true };
}

/** The matcher in words, after a field name: `contains "OPS-1"`, `>= 2 and < 5`, `exists`. */
export function describeMatcher(matcher: Matcher): string {
  const kind = kindOf(matcher);
  if (kind === undefined) return `?${formatValue(matcher)}`;
  if (kind === "scalar") return `= ${formatValue(matcher)}`;
  const object = matcher as Record<string, unknown>;
  switch (kind) {
    case "equals":
      return `= ${formatValue(object["equals"])}`;
    case "contains":
      return `contains ${formatValue(object["contains"])}`;
    case "matches":
      return `matches /${String(object["matches"])}/${typeof object["flags"] === "string" ? object["flags"] : ""}`;
    case "exists":
      return object["exists"] === true ? "exists" : "does not exist";
    case "range":
      return RANGE_KEYS.filter((key) => object[key] !== undefined)
        .map((key) => `${RANGE_WORDS[key].symbol} ${formatValue(object[key])}`)
        .join(" and ");
    case "oneOf":
      return `is one of ${formatValue(object["oneOf"])}`;
    case "not":
      return `not (${describeMatcher(object["not"] as Matcher)})`;
    case "length":
      return `has length ${describeMatcher(object["length"] as Matcher)}`;
  }
}
