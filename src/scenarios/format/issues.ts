/**
 * Zod issues -> what a person reads: one problem per place, at the JSON path where it is, with
 * what was expected. A union that failed (a step, a query, a matcher) is reported as the one kind
 * the value was clearly meant to be when there is one (a step with `http:` gets the http step's
 * own errors), and as the union's own message ("expected a step with one of http, ...") when not.
 */
import type { z } from "zod";
import { formatJsonPath } from "../templates.js";
import type { PathSegment } from "./source-positions.js";
import { describeValue, isRecord } from "./schema-helpers.js";

export interface SchemaProblem {
  path: PathSegment[];
  message: string;
  /** Point at the key rather than the value (an unknown key, a bad record key). */
  at: "value" | "key";
}

type Issue = z.core.$ZodIssue;

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === "number") current = current[segment];
    else if (isRecord(current)) current = Object.prototype.hasOwnProperty.call(current, String(segment)) ? current[String(segment)] : undefined;
    else return undefined;
  }
  return current;
}


const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "a boolean",
  object: "a mapping",
  record: "a mapping",
  array: "a list",
  null: "null",
  nonoptional: "a value",
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

function sizeMessage(issue: Issue & { code: "too_small" | "too_big" }): string {
  const small = issue.code === "too_small";
  const limit = String(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  const comparison = small ? (inclusive ? ">=" : ">") : inclusive ? "<=" : "<";
  if (issue.origin === "string") return small && limit === "1" ? "expected a non-empty string" : `expected a string of length ${comparison} ${limit}`;
  if (issue.origin === "array") return small && limit === "1" ? "expected a non-empty list" : `expected a list of ${comparison} ${limit} items`;
  return `expected a number ${comparison} ${limit}`;
}

function hasDefaultMessage(issue: Issue): boolean {
  return /^(Invalid input|Invalid option|Too small|Too big|Invalid string|Invalid number|Invalid key)/.test(issue.message);
}

/** How badly a union branch fits a value: a wrong type at the top is worst, then missing or unknown keys. */
function branchFit(issues: readonly Issue[], input: unknown): { score: number; recognizesAKey: boolean } {
  let score = 0;
  const unknownKeys = new Set<string>();
  for (const issue of issues) {
    if (issue.path.length === 0 && issue.code === "invalid_type") score += 100;
    else if (issue.path.length === 1 && issue.code === "invalid_type" && valueAt(input, issue.path as PathSegment[]) === undefined) score += 10;
    else if (issue.path.length === 0 && issue.code === "unrecognized_keys") {
      score += 10 * issue.keys.length;
      for (const key of issue.keys) unknownKeys.add(key);
    } else score += 1;
  }
  const keys = isRecord(input) ? Object.keys(input) : [];
  return { score, recognizesAKey: !isRecord(input) || keys.some((key) => !unknownKeys.has(key)) };
}

/** The branch the value was clearly meant to be, or undefined when none stands out. */
function chooseBranch(branches: readonly (readonly Issue[])[], input: unknown): readonly Issue[] | undefined {
  let best: readonly Issue[] | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  let tied = false;
  for (const issues of branches) {
    const fit = branchFit(issues, input);
    if (!fit.recognizesAKey || fit.score >= 100) continue;
    if (fit.score < bestScore) {
      best = issues;
      bestScore = fit.score;
      tied = false;
    } else if (fit.score === bestScore) tied = true;
  }
  return tied ? undefined : best;
}

function collect(issue: Issue, root: unknown, prefix: readonly PathSegment[], problems: SchemaProblem[]): void {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const value = valueAt(root, path);
  switch (issue.code) {
    case "invalid_union": {
      const chosen = chooseBranch(issue.errors, value);
      if (chosen) for (const inner of chosen) collect(inner, root, path, problems);
      else problems.push({ path, message: issue.message, at: "value" });
      return;
    }
    case "unrecognized_keys":
      problems.push({ path: [...path, issue.keys[0]!], message: issue.message, at: "key" });
      return;
    case "invalid_key": {
      const inner = issue.issues[0];
      const detail = inner && !hasDefaultMessage(inner) ? inner.message : "not allowed here";
      problems.push({ path, message: `invalid key "${String(path[path.length - 1])}": ${detail}`, at: "key" });
      return;
    }
    case "invalid_type": {
      const expected = typeName(issue.expected);
      const message = value === undefined ? `required (${expected})` : hasDefaultMessage(issue) ? `expected ${expected}, got ${describeValue(value)}` : issue.message;
      problems.push({ path, message, at: "value" });
      return;
    }
    case "too_small":
    case "too_big":
      problems.push({ path, message: hasDefaultMessage(issue) ? sizeMessage(issue) : issue.message, at: "value" });
      return;
    case "invalid_value":
      problems.push({ path, message: `expected ${issue.values.map((item) => JSON.stringify(item)).join(" or ")}, got ${describeValue(value)}`, at: "value" });
      return;
    default:
      problems.push({ path, message: issue.message, at: "value" });
  }
}

/** Every problem zod found in `root`, in document order of their paths' first appearance. */
export function schemaProblems(error: z.ZodError, root: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const issue of error.issues) collect(issue, root, [], problems);
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${formatJsonPath(problem.path)}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
