/**
 * `${...}` templates in scenario values: finding them (for the lint), looking one up, and
 * resolving every one in a value against a trial's `TemplateScope`.
 *
 * An expression is a dotted path with optional `[n]` indices (`twins.slack.botToken`,
 * `captured.items[0].id`): no code and no operators, so a scenario can never run anything
 * through a template. `$${` is a literal `${`.
 */
import { LightsoutError } from "../errors.js";
import type { TemplateScope } from "./model.js";

export type TemplateSegment = string | number;

/** A piece of a template string: literal text, or a reference (`expression` as written, trimmed). */
export type TemplatePart = { text: string } | { expression: string; unterminated?: true };

const IDENTIFIER = /^[A-Za-z_$][\w$-]*/;
const INDEX = /^\[(\d+)\]/;

/** `captured.items[0].id` -> ["captured", "items", 0, "id"]; undefined when not a valid path. */
export function parseTemplateExpression(expression: string): TemplateSegment[] | undefined {
  const segments: TemplateSegment[] = [];
  let rest = expression;
  const first = IDENTIFIER.exec(rest);
  if (!first) return undefined;
  segments.push(first[0]);
  rest = rest.slice(first[0].length);
  while (rest.length > 0) {
    const index = INDEX.exec(rest);
    if (index) {
      segments.push(Number(index[1]));
      rest = rest.slice(index[0].length);
      continue;
    }
    if (!rest.startsWith(".")) return undefined;
    const name = IDENTIFIER.exec(rest.slice(1)) ?? /^\d+/.exec(rest.slice(1));
    if (!name) return undefined;
    segments.push(name[0]);
    rest = rest.slice(1 + name[0].length);
  }
  return segments;
}

/** Splits a string into literal text and `${...}` references; `$${` becomes a literal `${`. */
export function splitTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = "";
  let position = 0;
  while (position < text.length) {
    if (text.startsWith("$${", position)) {
      literal += "${";
      position += 3;
      continue;
    }
    if (text.startsWith("${", position)) {
      const end = text.indexOf("}", position + 2);
      if (literal) parts.push({ text: literal });
      literal = "";
      if (end < 0) {
        parts.push({ expression: text.slice(position + 2).trim(), unterminated: true });
        return parts;
      }
      parts.push({ expression: text.slice(position + 2, end).trim() });
      position = end + 1;
      continue;
    }
    literal += text[position];
    position += 1;
  }
  if (literal) parts.push({ text: literal });
  return parts;
}

/** How a JSON path names a key: `.name` when it is an identifier, else `["odd key"]`. */
export function appendPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

function forEachString(value: unknown, segments: TemplateSegment[], visit: (text: string, segments: TemplateSegment[]) => void): void {
  if (typeof value === "string") visit(value, segments);
  else if (Array.isArray(value)) value.forEach((item, index) => forEachString(item, [...segments, index], visit));
  else if (isPlainObject(value)) for (const [key, item] of Object.entries(value)) forEachString(item, [...segments, key], visit);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** A reference with where it is as keys and indices (`["body", "blocks", 0, "text"]`), for tools that locate it in a file. */
export interface TemplateReference {
  segments: TemplateSegment[];
  expression: string;
  /** An `${` without its `}`: `expression` is the rest of the string. */
  unterminated: boolean;
}

/** Every `${...}` reference inside a value, with its location as segments. */
export function collectTemplateReferences(value: unknown): TemplateReference[] {
  const references: TemplateReference[] = [];
  forEachString(value, [], (text, segments) => {
    for (const part of splitTemplate(text)) if ("expression" in part) references.push({ segments, expression: part.expression, unterminated: part.unterminated === true });
  });
  return references;
}

/** `["body", "blocks", 0, "text"]` -> `body.blocks[0].text`. */
export function formatJsonPath(segments: readonly TemplateSegment[]): string {
  let path = "";
  for (const segment of segments) path = appendPath(path, segment);
  return path;
}

/** Every `${...}` reference inside a value (strings nested in objects/arrays), with the JSON path where it occurs. */
export function findTemplateReferences(value: unknown): { path: string; expression: string }[] {
  return collectTemplateReferences(value).map((reference) => ({ path: formatJsonPath(reference.segments), expression: reference.expression }));
}

function describeKnown(container: unknown): string {
  if (Array.isArray(container)) return `length ${container.length}`;
  if (isPlainObject(container)) {
    const keys = Object.keys(container).filter((key) => container[key] !== undefined);
    return keys.length === 0 ? "none known" : `known: ${keys.join(", ")}`;
  }
  return `it is ${container === null ? "null" : typeof container}`;
}

type Lookup = { found: true; value: unknown } | { found: false; value: undefined; problem: string };

function lookupSegments(segments: TemplateSegment[], scope: unknown): Lookup {
  let current: unknown = scope;
  let walked = "";
  for (const segment of segments) {
    let next: unknown;
    let has = false;
    if (typeof segment === "number" && Array.isArray(current)) {
      has = segment < current.length;
      next = current[segment];
    } else if (isPlainObject(current) || Array.isArray(current)) {
      const key = String(segment);
      has = Object.prototype.hasOwnProperty.call(current, key);
      next = has ? (current as Record<string, unknown>)[key] : undefined;
    }
    if (!has || next === undefined) {
      const name = typeof segment === "number" ? `[${segment}]` : segment;
      const problem = walked ? `${walked} has no ${name} (${describeKnown(current)})` : `no ${name} (${describeKnown(current)})`;
      return { found: false, value: undefined, problem };
    }
    current = next;
    walked = appendPath(walked, segment);
  }
  return { found: true, value: current };
}

/** Looks up one dotted expression (`twins.slack.botToken`, `captured.items[0].id`) in the scope; undefined when absent. */
export function lookupTemplate(expression: string, scope: TemplateScope): { found: boolean; value: unknown } {
  const segments = parseTemplateExpression(expression.trim());
  if (!segments) return { found: false, value: undefined };
  const result = lookupSegments(segments, scope);
  return { found: result.found, value: result.value };
}

function referenceValue(expression: string, unterminated: boolean, scope: TemplateScope, path: string): unknown {
  const at = path ? ` at ${path}` : "";
  if (unterminated) throw new LightsoutError("SCENARIO", `unterminated template \${${expression}${at}: expected a closing }`);
  const segments = parseTemplateExpression(expression);
  if (!segments) {
    throw new LightsoutError("SCENARIO", `invalid template reference \${${expression}}${at}: expected a dotted path such as vars.name or captured.items[0].id`);
  }
  const result = lookupSegments(segments, scope);
  if (!result.found) throw new LightsoutError("SCENARIO", `unknown template reference \${${expression}}${at}: ${result.problem}`);
  return result.value;
}

/** A value as it reads inside a longer string: text as is, objects as JSON. */
export function templateText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value) ?? String(value);
}

function resolveString(text: string, scope: TemplateScope, path: string): unknown {
  if (!text.includes("${")) return text;
  const parts = splitTemplate(text);
  const [only] = parts;
  if (parts.length === 1 && only && "expression" in only) return referenceValue(only.expression, only.unterminated === true, scope, path);
  return parts.map((part) => ("text" in part ? part.text : templateText(referenceValue(part.expression, part.unterminated === true, scope, path)))).join("");
}

function resolveValue(value: unknown, scope: TemplateScope, path: string): unknown {
  if (typeof value === "string") return resolveString(value, scope, path);
  if (Array.isArray(value)) return value.map((item, index) => resolveValue(item, scope, appendPath(path, index)));
  if (isPlainObject(value)) {
    const resolved: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) resolved[key] = resolveValue(item, scope, appendPath(path, key));
    return resolved;
  }
  return value;
}

/**
 * Resolves every `${expr}` in strings of `value` (deep, returns a new value) against the scope.
 * A string that is exactly one `${expr}` keeps the referenced value's type (number, object...);
 * otherwise values are interpolated as text (objects as JSON). Keys are never templated. An
 * unknown reference throws LightsoutError("SCENARIO", "unknown template reference ${vars.x} at
 * steps[2].body.summary: vars has no x (known: a, b)"); `where` is the path of `value` itself.
 */
export function resolveTemplates<T>(value: T, scope: TemplateScope, where = ""): T {
  return resolveValue(value, scope, where) as T;
}
