/**
 * Where two trajectories of the same scenario part ways: the first step that differs, else the
 * first twin request that differs, else the first expectation whose result differs. Used to
 * explain a newly failing scenario: the failing trial against the same seed's trial of the
 * baseline (same seed, same data and perturbations, so the first difference is the app's doing).
 * Timing (startMs, durationMs) and free text that varies run to run (errors, stdout) are ignored.
 */
import type { ExpectationResult, StepRecord, Trajectory } from "../model.js";

export interface Divergence {
  /** `step 3 (announced)`, `twin slack request 2 (chat.postMessage)`, `expectation posted`. */
  at: string;
  a: unknown;
  b: unknown;
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
    const record = inner as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
  }) ?? "undefined";
}

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;
}

/** What of a step is compared: what it was, whether it went well, the status it got, what it kept. */
function comparedStep(step: StepRecord): Record<string, unknown> {
  return {
    kind: step.kind,
    summary: step.summary,
    ok: step.ok,
    status: field(step.outcome, "status"),
    exitCode: field(step.outcome, "exitCode"),
    captured: step.captured,
  };
}

/** The compared fields and, to read, the step's error (not compared: its text may vary). */
function stepView(step: StepRecord | undefined): unknown {
  if (!step) return undefined;
  return { ...comparedStep(step), ...(step.error !== undefined ? { error: step.error } : {}) };
}

function stepDivergence(a: readonly StepRecord[], b: readonly StepRecord[]): Divergence | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const left = a[i];
    const right = b[i];
    if (left && right && same(comparedStep(left), comparedStep(right))) continue;
    const step = (right ?? left)!;
    return { at: `step ${step.index} (${step.id ?? step.summary})`, a: stepView(left), b: stepView(right) };
  }
  return undefined;
}

function requestView(request: unknown): unknown {
  if (request === undefined) return undefined;
  return { method: field(request, "method"), status: field(request, "status"), body: field(request, "body") };
}

function twinDivergence(a: Trajectory["twins"], b: Trajectory["twins"]): Divergence | undefined {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const name of names) {
    const left = a[name]?.requests ?? [];
    const right = b[name]?.requests ?? [];
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      const leftView = requestView(left[i]);
      const rightView = requestView(right[i]);
      if (left[i] !== undefined && right[i] !== undefined && same(leftView, rightView)) continue;
      const method = field(right[i] ?? left[i], "method");
      return { at: `twin ${name} request ${i + 1}${typeof method === "string" ? ` (${method})` : ""}`, a: leftView, b: rightView };
    }
  }
  return undefined;
}

function expectationView(result: ExpectationResult | undefined): unknown {
  return result === undefined ? undefined : { passed: result.passed, detail: result.detail };
}

function expectationDivergence(a: readonly ExpectationResult[], b: readonly ExpectationResult[]): Divergence | undefined {
  const right = new Map(b.map((result) => [result.id, result]));
  const ids = [...new Set([...a.map((result) => result.id), ...b.map((result) => result.id)])];
  const left = new Map(a.map((result) => [result.id, result]));
  for (const id of ids) {
    const x = left.get(id);
    const y = right.get(id);
    if (x && y && x.passed === y.passed) continue;
    return { at: `expectation ${id}`, a: expectationView(x), b: expectationView(y) };
  }
  return undefined;
}

/** The first place `b` parts from `a`, or undefined when they agree on everything compared. */
export function firstDivergence(a: Trajectory, b: Trajectory): Divergence | undefined {
  return stepDivergence(a.steps, b.steps) ?? twinDivergence(a.twins, b.twins) ?? expectationDivergence(a.expectations, b.expectations);
}
