/**
 * Checking a fixture's content with precise paths, for a twin's `seed`: each check returns the
 * value with its type narrowed, or throws a TwinFixtureError naming the field
 * (`users[0].email: expected a string, got a number`). `fixtureObject` wraps an object so a
 * twin reads its fields in one line each and unknown fields (usually typos) are rejected.
 *
 *   const workspace = fixtureObject(fixture, "", ["users", "channels"]);
 *   for (const [index, item] of workspace.optionalArray("users").entries()) {
 *     const user = fixtureObject(item, fieldPath(workspace.path("users"), index), ["name", "email", "admin"]);
 *     addUser(user.string("name"), user.optionalString("email"), user.optionalBoolean("admin") ?? false);
 *   }
 */
import { TwinFixtureError } from "./errors.js";

/** `fieldPath("users", 0)` is `users[0]`; `fieldPath("users[0]", "name")` is `users[0].name`. */
export function fieldPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

/** "a string ("12")", "an array", "null": what a value is, for messages. */
export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "object":
      return "an object";
    case "string":
      return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)})`;
    case "number":
      return Number.isFinite(value) ? `a number (${value})` : String(value);
    case "boolean":
      return `a boolean (${value})`;
    default:
      return typeof value;
  }
}

function mismatch(path: string, expected: string, value: unknown): TwinFixtureError {
  return new TwinFixtureError(path, value === undefined ? `required (${expected})` : `expected ${expected}, got ${describeType(value)}`);
}

export function expectObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw mismatch(path, "an object", value);
  return value as Record<string, unknown>;
}

export function expectArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw mismatch(path, "an array", value);
  return value;
}

/** An array whose items each pass `check`, called with the item's own path. */
export function expectArrayOf<T>(value: unknown, path: string, check: (item: unknown, itemPath: string) => T): T[] {
  return expectArray(value, path).map((item, index) => check(item, fieldPath(path, index)));
}

export interface StringCheck {
  /** Reject "". */
  nonEmpty?: boolean;
  /** The whole string must match; `patternName` says what it is in the message. */
  pattern?: RegExp;
  patternName?: string;
}

export function expectString(value: unknown, path: string, check: StringCheck = {}): string {
  if (typeof value !== "string") throw mismatch(path, "a string", value);
  if (check.nonEmpty && value === "") throw new TwinFixtureError(path, "must not be empty");
  if (check.pattern && !check.pattern.test(value)) throw new TwinFixtureError(path, `expected ${check.patternName ?? `a string matching ${check.pattern}`}, got ${JSON.stringify(value)}`);
  return value;
}

export interface NumberCheck {
  integer?: boolean;
  min?: number;
  max?: number;
}

export function expectNumber(value: unknown, path: string, check: NumberCheck = {}): number {
  const expected = check.integer ? "an integer" : "a number";
  if (typeof value !== "number" || !Number.isFinite(value)) throw mismatch(path, expected, value);
  if (check.integer && !Number.isInteger(value)) throw new TwinFixtureError(path, `expected an integer, got ${value}`);
  if (check.min !== undefined && value < check.min) throw new TwinFixtureError(path, `must be at least ${check.min}, got ${value}`);
  if (check.max !== undefined && value > check.max) throw new TwinFixtureError(path, `must be at most ${check.max}, got ${value}`);
  return value;
}

export function expectInteger(value: unknown, path: string, check: Omit<NumberCheck, "integer"> = {}): number {
  return expectNumber(value, path, { ...check, integer: true });
}

export function expectBoolean(value: unknown, path: string): boolean {
  if (typeof value !== "boolean") throw mismatch(path, "true or false", value);
  return value;
}

export function expectOneOf<T extends string>(value: unknown, path: string, choices: readonly T[]): T {
  const expected = `one of ${choices.map((choice) => JSON.stringify(choice)).join(", ")}`;
  if (typeof value !== "string") throw mismatch(path, expected, value);
  if (!(choices as readonly string[]).includes(value)) throw new TwinFixtureError(path, `expected ${expected}, got ${JSON.stringify(value)}`);
  return value as T;
}

/** `check(value)` unless the value is absent (undefined). */
export function optional<T>(value: unknown, path: string, check: (value: unknown, path: string) => T): T | undefined {
  return value === undefined ? undefined : check(value, path);
}

/** Rejects fields not in `known`: in a fixture an unknown field is almost always a typo. */
export function expectKnownKeys(record: Record<string, unknown>, path: string, known: readonly string[]): void {
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) throw new TwinFixtureError(fieldPath(path, key), `unknown field (expected ${known.join(", ")})`);
  }
}

/** An object's fields, read with checks, each error naming the field's full path. */
export class FixtureObject {
  constructor(
    readonly record: Record<string, unknown>,
    /** The object's own path ("" at the root). */
    readonly at: string,
  ) {}

  path(key: string): string {
    return fieldPath(this.at, key);
  }

  has(key: string): boolean {
    return this.record[key] !== undefined;
  }

  value(key: string): unknown {
    return this.record[key];
  }

  string(key: string, check?: StringCheck): string {
    return expectString(this.record[key], this.path(key), check);
  }

  optionalString(key: string, check?: StringCheck): string | undefined {
    return optional(this.record[key], this.path(key), (value, path) => expectString(value, path, check));
  }

  number(key: string, check?: NumberCheck): number {
    return expectNumber(this.record[key], this.path(key), check);
  }

  optionalNumber(key: string, check?: NumberCheck): number | undefined {
    return optional(this.record[key], this.path(key), (value, path) => expectNumber(value, path, check));
  }

  boolean(key: string): boolean {
    return expectBoolean(this.record[key], this.path(key));
  }

  optionalBoolean(key: string): boolean | undefined {
    return optional(this.record[key], this.path(key), expectBoolean);
  }

  oneOf<T extends string>(key: string, choices: readonly T[]): T {
    return expectOneOf(this.record[key], this.path(key), choices);
  }

  object(key: string, known?: readonly string[]): FixtureObject {
    return fixtureObject(this.record[key], this.path(key), known);
  }

  optionalObject(key: string, known?: readonly string[]): FixtureObject | undefined {
    return optional(this.record[key], this.path(key), (value, path) => fixtureObject(value, path, known));
  }

  /** The items (unchecked) of an array field; absent means empty. Check each with its path. */
  optionalArray(key: string): unknown[] {
    return optional(this.record[key], this.path(key), expectArray) ?? [];
  }

  array(key: string): unknown[] {
    return expectArray(this.record[key], this.path(key));
  }

  /** Each item of an array field checked by `check` with its own path; absent means empty. */
  arrayOf<T>(key: string, check: (item: unknown, itemPath: string) => T): T[] {
    return optional(this.record[key], this.path(key), (value, path) => expectArrayOf(value, path, check)) ?? [];
  }
}

/** Checks that `value` is an object (with only `known` fields, when given) and wraps it. */
export function fixtureObject(value: unknown, path: string, known?: readonly string[]): FixtureObject {
  const record = expectObject(value, path);
  if (known) expectKnownKeys(record, path, known);
  return new FixtureObject(record, path);
}
