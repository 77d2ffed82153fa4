/**
 * Building blocks for the scenario file schema whose error messages say what was expected:
 * strict mappings that name an unknown key's closest known key, and "keyed" unions (a mapping
 * told apart by which key it has, like a step's `http:` or `cli:`) that say which keys they take.
 * The messages are made here, where the known keys are; format/issues.ts places them.
 */
import { z } from "zod";
import { didYouMean } from "./did-you-mean.js";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `a string ("abc")`, `a number (3)`, `a list`, `a mapping`: what a value is, for messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)})`;
  if (typeof value === "number") return `a number (${value})`;
  if (typeof value === "boolean") return `a boolean (${value})`;
  return typeof value;
}

export function unknownKeysMessage(keys: readonly string[], known: readonly string[]): string {
  const [first] = keys;
  if (keys.length === 1 && first !== undefined) {
    const hint = didYouMean(first, known);
    return hint ? `unknown key "${first}"${hint}` : `unknown key "${first}" (known keys: ${known.join(", ")})`;
  }
  const hints = keys.map((key) => `"${key}"${didYouMean(key, known)}`);
  return `unknown keys ${hints.join(", ")} (known keys: ${known.join(", ")})`;
}

/** A mapping that refuses keys it does not know, naming the closest known one. */
export function strictMapping<Shape extends z.ZodRawShape>(shape: Shape, what: string) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === "unrecognized_keys") return unknownKeysMessage(issue.keys, known);
      if (issue.code === "invalid_type") return `expected ${what}, got ${describeValue(issue.input)}`;
      return undefined;
    },
  });
}

/**
 * The message of a union of a few shapes (`what`, e.g. "a duration (milliseconds, or 30s)"):
 * "required" when absent, else what it got; `keys` are the mapping keys the union takes, for a
 * "did you mean" on an unknown one.
 */
export function unionMessage(what: string, keys: readonly string[] = []) {
  return (issue: { input?: unknown }): string => {
    if (issue.input === undefined) return `required: expected ${what}`;
    const unknown = isRecord(issue.input) ? Object.keys(issue.input).find((key) => !keys.includes(key)) : undefined;
    const hint = unknown === undefined ? "" : `; "${unknown}" is not one of its keys${didYouMean(unknown, keys)}`;
    return `expected ${what}, got ${describeValue(issue.input)}${hint}`;
  };
}

function list(keys: readonly string[]): string {
  return keys.join(", ");
}

/**
 * The message for a keyed union none of whose kinds fits: the input has no kind key, more than
 * one, or is not a mapping at all. (When exactly one kind fits best, format/issues.ts reports that
 * kind's own problems instead.)
 */
export function keyedUnionMessage(what: string, kindKeys: readonly string[], knownKeys: readonly string[]) {
  return (input: unknown): string => {
    if (input === undefined) return `required: expected ${what} with one of ${list(kindKeys)}`;
    if (!isRecord(input)) return `expected ${what} (a mapping with one of ${list(kindKeys)}), got ${describeValue(input)}`;
    const present = kindKeys.filter((key) => key in input);
    if (present.length > 1) return `expected ${what} with exactly one of ${list(kindKeys)}, found ${present.join(" and ")}`;
    const unknown = Object.keys(input).filter((key) => !knownKeys.includes(key));
    const hint = unknown.map((key) => didYouMean(key, kindKeys)).find((text) => text !== "") ?? "";
    const found = unknown.length > 0 ? `; found ${unknown.map((key) => `"${key}"`).join(", ")}${hint}` : "";
    return `expected ${what} with one of ${list(kindKeys)}${found}`;
  };
}

/**
 * A union of mappings told apart by their kind key (`http`, `cli`, ...). `branches` maps each kind
 * key to its mapping schema; `sharedKeys` are keys every branch also takes (`id`, `capture`).
 */
export function keyedUnion<Options extends readonly [z.ZodType, ...z.ZodType[]]>(what: string, kindKeys: readonly string[], sharedKeys: readonly string[], options: Options) {
  const message = keyedUnionMessage(what, kindKeys, [...kindKeys, ...sharedKeys]);
  return z.union(options, { error: (issue) => message(issue.input) });
}
