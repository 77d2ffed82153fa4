/**
 * Fixtures (seed data) from files or request bodies, YAML or JSON, with errors that say where:
 * `seed.yaml:4:9: ...` for syntax, and a field path (`users[0].name`) that `locateFixturePath`
 * turns back into a line and column for errors a twin finds in the content. Seeding a tenant is
 * all or nothing: a fixture that fails half way leaves the tenant as it was.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from "yaml";
import type { Tenant } from "./tenant.js";
import type { Twin } from "./contract.js";
import { TwinFixtureError } from "./errors.js";
import { findJsonSyntaxProblem, lineAndColumn } from "./json-syntax.js";

export type FixtureFormat = "json" | "yaml";

/** A syntax error in a fixture: `path` is the file (or `body`), `message` starts `file:line:col:`. */
export class FixtureSyntaxError extends TwinFixtureError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    detail: string,
  ) {
    super(file, detail);
    this.name = "FixtureSyntaxError";
    this.message = `${file}:${line}:${column}: ${detail}`;
  }
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const problem = findJsonSyntaxProblem(text);
    const offset = problem?.offset ?? text.length;
    const { line, column } = lineAndColumn(text, offset);
    const detail = problem?.message ?? (error instanceof Error ? error.message : String(error));
    throw new FixtureSyntaxError(source, line, column, `invalid JSON: ${detail}`);
  }
}

function parseYaml(text: string, source: string): unknown {
  const document = parseDocument(text, { prettyErrors: false });
  const [first] = document.errors;
  if (first) {
    const { line, column } = lineAndColumn(text, first.pos[0]);
    throw new FixtureSyntaxError(source, line, column, `invalid YAML: ${first.message.split("\n")[0]}`);
  }
  return document.toJS({ maxAliasCount: 100 }) as unknown;
}

/**
 * Parses fixture text. Without a format: JSON when it looks like JSON and parses as JSON, else
 * YAML (of which JSON is nearly a subset), so a body can be either without saying which.
 */
export function parseFixtureText(text: string, source: string, format?: FixtureFormat): unknown {
  if (format === "json") return parseJson(text, source);
  if (format === "yaml") return parseYaml(text, source);
  if (/^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Not JSON after all: YAML flow style (`{a: 1}`) starts the same way.
    }
  }
  return parseYaml(text, source);
}

/** The format a file name implies: `.json` is JSON, `.yaml`/`.yml` YAML, anything else guessed. */
export function fixtureFormatOf(path: string): FixtureFormat | undefined {
  const extension = extname(path).toLowerCase();
  if (extension === ".json") return "json";
  if (extension === ".yaml" || extension === ".yml") return "yaml";
  return undefined;
}

export interface FixtureFile {
  path: string;
  text: string;
  value: unknown;
}

/**
 * Reads and parses a fixture file; throws a TwinFixtureError naming the file (and line:col).
 * `displayName` is how messages name the file, e.g. the path as the user typed it.
 */
export function readFixtureFile(path: string, displayName = path): FixtureFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : error instanceof Error ? error.message : String(error);
    throw new TwinFixtureError(displayName, `cannot read fixture file: ${reason}`);
  }
  return { path, text, value: parseFixtureText(text, displayName, fixtureFormatOf(path)) };
}

export function loadFixtureFile(path: string): unknown {
  return readFixtureFile(path).value;
}

/**
 * Applies a fixture with the twin's `seed` and makes the result the state `reset` returns to.
 * On a TwinFixtureError (or any error) the tenant is put back as it was: no half-seeded tenant.
 */
export function seedTenant(twin: Twin, tenant: Tenant, fixture: unknown): void {
  const definition = twin.definition;
  if (!definition.seed) throw new TwinFixtureError("", `the ${twin.name} twin takes no fixtures`);
  const before = tenant.state;
  try {
    definition.seed(tenant, fixture);
  } catch (error) {
    tenant.state = before;
    throw error;
  }
  tenant.markInitial();
}

/** `users[0].name` -> ["users", 0, "name"]. */
export function splitFieldPath(fieldPath: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of fieldPath.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) segments.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return segments;
}

/**
 * The line and column of a field in fixture text, or of its nearest ancestor that exists (a
 * missing field is reported where its object is). JSON is parsed as YAML for this, which it is.
 */
export function locateFixturePath(text: string, fieldPath: string): { line: number; column: number } | undefined {
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0) return undefined;
  let node: unknown = document.contents;
  let offset = (node as YamlNode | null)?.range?.[0];
  for (const segment of splitFieldPath(fieldPath)) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      next = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === "number") {
      next = node.items[segment];
    }
    const range = (next as YamlNode | null | undefined)?.range;
    if (!range) break;
    node = next;
    offset = range[0];
  }
  return offset === undefined ? undefined : lineAndColumn(text, offset);
}
