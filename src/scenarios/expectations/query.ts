/**
 * Evaluating one query (what an expectation or a wait step asks) against a trial: the twins'
 * request logs, state and deliveries, the app's output, and earlier steps' outcomes.
 *
 * The answer is data, never an exception. A failed query says what it looked for, what it found
 * and, when nothing matched, the closest candidate (the one failing the fewest clauses) and the
 * clause it failed, so a reader of a failed trial sees the near miss at once. A query that
 * cannot be answered at all (unknown twin or step, invalid matcher or path) sets `error`: that
 * is a fault of the scenario, which the judge charges to the judge, not to the product.
 */
import { errorMessage } from "../../errors.js";
import type { Count, Query, Where } from "../model.js";
import { formatValue } from "./format-value.js";
import { globTest } from "./glob.js";
import { checkMatcher, describeMatcher, matchValue } from "./matchers.js";
import { getPath, parseJsonText, parsePath } from "./path.js";

/** What a query can look at during or after a trial; the runner implements it over live tenants. */
export interface TrialView {
  /** The tenant's request log entries (`RequestLogEntry`). */
  requests(twin: string): readonly unknown[];
  /** Current tenant state. */
  records(twin: string): Iterable<{ collection: string; id: string; record: unknown }>;
  /** `Delivery` entries; `body` is a JSON string, parsed here for matching when it is JSON. */
  deliveries(twin: string): readonly unknown[];
  app(): { exitCode: number | null; signal: string | null; stdout: string; stderr: string; running: boolean } | undefined;
  /** The recorded outcome of a step. */
  step(id: string): unknown | undefined;
  twinNames(): string[];
  /**
   * Optional: the ids of every step of the scenario. With it, a query on a step that exists but
   * has not run (an earlier step failed) is a plain failure, not an unknown step (an error).
   */
  stepIds?(): string[];
}

export interface QueryResult {
  passed: boolean;
  detail: string;
  /** What matched: log entries, records (with `$collection` and `$id`), deliveries (body parsed), the app or step outcome. */
  matches: unknown[];
  /** Set when the query itself could not be evaluated. */
  error?: string;
}

interface Candidate {
  label: string;
  item: unknown;
}

interface ClauseFailure {
  path: string;
  found: boolean;
  value: unknown;
}

/** The query in words: `slack requests chat.postMessage where body.text contains "OPS-1"`. */
export function describeQuery(query: Query): string {
  const where = describeWhere(query.where);
  switch (query.kind) {
    case "requests":
      return `${query.twin} requests${query.method ? ` ${query.method}` : ""}${where}`;
    case "records":
      return `${query.twin} records ${query.collection}${where}`;
    case "deliveries":
      return `${query.twin} deliveries${where}`;
    case "app":
      return `app${where}`;
    case "step":
      return `step ${query.step}${where}`;
  }
}

function describeWhere(where: Where | undefined): string {
  const clauses = Object.entries(where ?? {}).map(([path, matcher]) => `${path} ${describeMatcher(matcher)}`);
  return clauses.length > 0 ? ` where ${clauses.join(" and ")}` : "";
}

export function describeCount(count: Count | undefined): string {
  const { min, max } = countBounds(count);
  if (min === max) return max === 0 ? "expected none" : `expected exactly ${min}`;
  if (max === Infinity) return `expected at least ${min}`;
  if (min === 0) return `expected at most ${max}`;
  return `expected between ${min} and ${max}`;
}

/** Absent: at least one. A number: exactly that. An object: its bounds, `min` 0 and `max` unbounded by default. */
export function countBounds(count: Count | undefined): { min: number; max: number } {
  if (count === undefined) return { min: 1, max: Infinity };
  if (typeof count === "number") return { min: count, max: count };
  return { min: count.min ?? 0, max: count.max ?? Infinity };
}

/** Evaluates `query` against the trial as it is now. Never throws. */
export function evaluateQuery(query: Query, view: TrialView): QueryResult {
  let description = "query";
  try {
    description = describeQuery(query);
    const problem = checkQuery(query, view);
    if (problem !== undefined) return unanswerable(description, problem);
    switch (query.kind) {
      case "requests":
        return evaluateRequests(query, view, description);
      case "records":
        return evaluateRecords(query, view, description);
      case "deliveries": {
        const items = view.deliveries(query.twin).map((delivery, index) => ({ label: `#${sequenceOf(delivery, index)}`, item: withParsedBody(delivery) }));
        return countMatches(description, items, query.where, query.count, () => "no deliveries were sent", "deliveries");
      }
      case "app": {
        const app = view.app();
        if (app === undefined) return unanswerable(description, "the trial has no app to look at");
        return holdsFor(description, app, query.where);
      }
      case "step":
        return evaluateStep(query.step, query.where, view, description);
    }
  } catch (error) {
    return unanswerable(description, `the query failed: ${errorMessage(error)}`);
  }
}

function unanswerable(description: string, error: string): QueryResult {
  return { passed: false, detail: `${description}: ${error}`, matches: [], error };
}

function checkQuery(query: Query, view: TrialView): string | undefined {
  for (const [path, matcher] of Object.entries(query.where ?? {})) {
    const parsed = parsePath(path);
    if ("error" in parsed) return parsed.error;
    const problem = checkMatcher(matcher);
    if (problem !== undefined) return `${path}: ${problem}`;
  }
  if (query.kind === "requests" || query.kind === "records" || query.kind === "deliveries") {
    const names = view.twinNames();
    if (!names.includes(query.twin)) return `unknown twin "${query.twin}" (this trial has ${names.length > 0 ? names.join(", ") : "no twins"})`;
  }
  if ("count" in query && query.count !== undefined && !validCount(query.count)) return `invalid count ${formatValue(query.count)}: expected a number or {min, max} of whole numbers >= 0`;
  return undefined;
}

function validCount(count: Count): boolean {
  const whole = (value: unknown): boolean => value === undefined || (typeof value === "number" && Number.isInteger(value) && value >= 0);
  if (typeof count === "number") return whole(count);
  return typeof count === "object" && count !== null && whole(count.min) && whole(count.max) && (count.min ?? 0) <= (count.max ?? Infinity);
}

function sequenceOf(entry: unknown, index: number): number {
  const seq = (entry as { seq?: unknown } | null)?.seq;
  return typeof seq === "number" ? seq : index + 1;
}

function fieldOf(entry: unknown, field: string): unknown {
  return typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>)[field] : undefined;
}

function withParsedBody(delivery: unknown): unknown {
  if (typeof delivery !== "object" || delivery === null) return delivery;
  const body = fieldOf(delivery, "body");
  return { ...delivery, body: parseJsonText(body) };
}

function evaluateRequests(query: Extract<Query, { kind: "requests" }>, view: TrialView, description: string): QueryResult {
  const entries = view.requests(query.twin);
  const wanted = query.method === undefined ? () => true : globTest(query.method);
  const items: Candidate[] = [];
  entries.forEach((entry, index) => {
    if (wanted(String(fieldOf(entry, "method")))) items.push({ label: `#${sequenceOf(entry, index)}`, item: entry });
  });
  const nothing = (): string => {
    if (entries.length === 0) return "no requests reached the twin";
    return `no ${query.method} requests; seen: ${tally(entries.map((entry) => String(fieldOf(entry, "method"))))}`;
  };
  return countMatches(description, items, query.where, query.count, nothing, "requests");
}

function evaluateRecords(query: Extract<Query, { kind: "records" }>, view: TrialView, description: string): QueryResult {
  const wanted = globTest(query.collection);
  const collections: string[] = [];
  const items: Candidate[] = [];
  for (const { collection, id, record } of view.records(query.twin)) {
    collections.push(collection);
    if (!wanted(collection)) continue;
    const item = typeof record === "object" && record !== null && !Array.isArray(record) ? { ...record, $collection: collection, $id: id } : { $collection: collection, $id: id, $value: record };
    items.push({ label: `${collection}:${id}`, item });
  }
  const nothing = (): string => (collections.length === 0 ? "the twin holds no records" : `no records in ${query.collection}; collections: ${tally(collections)}`);
  return countMatches(description, items, query.where, query.count, nothing, "records");
}

function evaluateStep(stepId: string, where: Where, view: TrialView, description: string): QueryResult {
  const outcome = view.step(stepId);
  if (outcome !== undefined) return holdsFor(description, outcome, where);
  const known = view.stepIds?.();
  if (known?.includes(stepId)) return { passed: false, detail: `${description}: the step did not run`, matches: [] };
  return unanswerable(description, `unknown step "${stepId}"${known ? ` (steps with ids: ${known.join(", ") || "none"})` : ""}`);
}

/** `a ×3, b ×1`, most frequent first, at most six names. */
function tally(names: string[]): string {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  const sorted = [...counts.entries()].sort((left, right) => right[1] - left[1]);
  const shown = sorted.slice(0, 6).map(([name, count]) => `${name} ×${count}`);
  return sorted.length > 6 ? `${shown.join(", ")}, and ${sorted.length - 6} more` : shown.join(", ");
}

function failedClauses(item: unknown, where: Where | undefined): ClauseFailure[] {
  const failures: ClauseFailure[] = [];
  for (const [path, matcher] of Object.entries(where ?? {})) {
    const { found, value } = getPath(item, path);
    if (!matchValue(matcher, found ? value : undefined).ok) failures.push({ path, found, value });
  }
  return failures;
}

function explainFailure(failure: ClauseFailure): string {
  return failure.found ? `${failure.path} = ${formatValue(failure.value)}` : `${failure.path} is missing`;
}

function listLabels(candidates: Candidate[]): string {
  const shown = candidates.slice(0, 5).map((candidate) => candidate.label);
  return candidates.length > 5 ? `${shown.join(", ")}, and ${candidates.length - 5} more` : shown.join(", ");
}

function countMatches(description: string, candidates: Candidate[], where: Where | undefined, count: Count | undefined, nothing: () => string, noun: string): QueryResult {
  const matched: Candidate[] = [];
  let closest: { candidate: Candidate; failures: ClauseFailure[] } | undefined;
  for (const candidate of candidates) {
    const failures = failedClauses(candidate.item, where);
    if (failures.length === 0) matched.push(candidate);
    // Ties go to the later candidate: the app's latest attempt is usually the one it meant.
    else if (!closest || failures.length <= closest.failures.length) closest = { candidate, failures };
  }
  const { min, max } = countBounds(count);
  const passed = matched.length >= min && matched.length <= max;
  let note = "";
  if (matched.length > max) note = ` (matched ${listLabels(matched)})`;
  else if (matched.length < min) {
    if (candidates.length === 0) note = ` (${nothing()})`;
    else if (closest) {
      const [first, ...rest] = closest.failures;
      const more = rest.length > 0 ? `, and ${rest.length} more clause${rest.length > 1 ? "s" : ""} failed` : "";
      note = ` (closest: ${closest.candidate.label} ${explainFailure(first!)}${more})`;
    } else note = ` (only ${candidates.length} ${noun} in all)`;
  } else if (matched.length > 0) note = ` (${listLabels(matched)})`;
  return { passed, detail: `${description}: ${matched.length} match, ${describeCount(count)}${note}`, matches: matched.map((candidate) => candidate.item) };
}

function holdsFor(description: string, item: unknown, where: Where): QueryResult {
  const failures = failedClauses(item, where);
  if (failures.length === 0) return { passed: true, detail: `${description}: holds`, matches: [item] };
  return { passed: false, detail: `${description}: does not hold (${failures.map(explainFailure).join("; ")})`, matches: [] };
}
