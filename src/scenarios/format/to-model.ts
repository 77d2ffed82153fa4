/**
 * What the schema accepted (snake_case, durations as written) -> the model the runner, judges and
 * reports share (camelCase, milliseconds, defaults applied, kinds named). Pure: the fixture files
 * are read by the caller and handed in.
 */
import type { Count, Expectation, Matcher, Perturbation, Query, Scenario, Step, TwinSetup, VariableSpec, Where } from "../model.js";
import { durationMs } from "./duration.js";
import type { ExpectationInput, MatcherInput, QueryInput, ScenarioFile, StepInput, VariableInput } from "./input-schema.js";
import type { PathSegment } from "./source-positions.js";

export const DEFAULT_TEXT_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

export interface ModelContext {
  file: string;
  text: string;
  /** The 1-based line of a path in the file. */
  lineOf: (path: PathSegment[]) => number;
  /** Fixtures given as file paths, already read: twin name -> {value, file}. */
  fixtureFiles: Record<string, { value: unknown; file: string }>;
}

/** Drops undefined properties, so a model value has only the keys that mean something. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

function ms(value: number | string): number {
  const result = durationMs(value);
  // The schema only accepts what durationMs reads; this is a bug guard, not an input check.
  if (result === undefined) throw new Error(`not a duration: ${String(value)}`);
  return result;
}

export function toMatcher(input: MatcherInput): Matcher {
  if (input === null || typeof input !== "object") return input;
  if ("one_of" in input) return { oneOf: input.one_of };
  if ("not" in input) return { not: toMatcher(input.not) };
  if ("length" in input) return { length: toMatcher(input.length) };
  return defined({ ...input }) as Matcher;
}

function toWhere(input: Record<string, MatcherInput> | undefined): Where | undefined {
  if (input === undefined) return undefined;
  return Object.fromEntries(Object.entries(input).map(([field, matcher]) => [field, toMatcher(matcher)]));
}

function toCount(input: number | { min?: number | undefined; max?: number | undefined } | undefined): Count | undefined {
  if (input === undefined || typeof input === "number") return input;
  return defined({ min: input.min, max: input.max });
}

export function toQuery(input: QueryInput | ExpectationInput): Query {
  if ("requests" in input) return defined({ kind: "requests", twin: input.twin, method: input.requests.method, where: toWhere(input.requests.where), count: toCount(input.requests.count) });
  if ("records" in input) return defined({ kind: "records", twin: input.twin, collection: input.records.collection, where: toWhere(input.records.where), count: toCount(input.records.count) });
  if ("deliveries" in input) return defined({ kind: "deliveries", twin: input.twin, where: toWhere(input.deliveries.where), count: toCount(input.deliveries.count) });
  if ("app" in input) return { kind: "app", where: toWhere(input.app.where) ?? {} };
  return { kind: "step", step: input.step, where: toWhere(input.where) ?? {} };
}

function textRecord(input: Record<string, string | number | boolean> | undefined): Record<string, string> | undefined {
  if (input === undefined) return undefined;
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, String(value)]));
}

function toStep(input: StepInput, line: number): Step {
  const base = defined({ id: input.id, line, capture: input.capture });
  if ("http" in input) {
    const http = input.http;
    return defined({ ...base, kind: "http", method: http.method.toUpperCase(), path: http.path, headers: textRecord(http.headers), body: http.body, expectStatus: http.expect_status === undefined ? undefined : toMatcher(http.expect_status) });
  }
  if ("call" in input) {
    return defined({ ...base, kind: "twin", twin: input.twin, call: input.call, as: input.as, body: input.body, expectStatus: input.expect_status === undefined ? undefined : toMatcher(input.expect_status) });
  }
  if ("cli" in input) {
    const cli = input.cli;
    return defined({ ...base, kind: "cli", run: cli.run, stdin: cli.stdin, env: textRecord(cli.env), expectExit: cli.expect_exit === undefined ? undefined : toMatcher(cli.expect_exit), timeoutMs: ms(cli.timeout) });
  }
  if ("wait" in input) return { ...base, kind: "wait", until: toQuery(input.wait.until), timeoutMs: ms(input.wait.timeout), intervalMs: ms(input.wait.interval) };
  if ("sleep" in input) return { ...base, kind: "sleep", ms: ms(input.sleep) };
  return { ...base, kind: "advance-clock", twin: input.advance_clock.twin, ms: ms(input.advance_clock.by) };
}

export function toVariable(input: VariableInput): VariableSpec {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return { kind: "literal", value: input };
  if ("literal" in input) return { kind: "literal", value: input.literal };
  if ("one_of" in input) return { kind: "one-of", values: input.one_of };
  if ("integer" in input) return { kind: "integer", min: input.integer.min, max: input.integer.max };
  return { kind: "text", length: input.text.length, alphabet: input.text.alphabet ?? DEFAULT_TEXT_ALPHABET };
}

function toPerturbation(input: ScenarioFile["perturbations"][number]): Perturbation {
  return defined({
    name: input.name,
    probability: input.probability,
    faults: input.faults,
    stepDelayMs: input.step_delay === undefined ? undefined : { min: ms(input.step_delay.min), max: ms(input.step_delay.max) },
  }) as Perturbation;
}

function toTwins(input: ScenarioFile["twins"], context: ModelContext): Record<string, TwinSetup> {
  const twins: Record<string, TwinSetup> = {};
  for (const [name, setup] of Object.entries(input)) {
    const fromFile = context.fixtureFiles[name];
    twins[name] = defined({
      fixture: fromFile ? fromFile.value : setup.fixture,
      fixtureFile: fromFile?.file,
      config: setup.config,
      events: setup.events,
    });
  }
  return twins;
}

function toExpectation(input: ExpectationInput, index: number, line: number): Expectation {
  return defined({ id: input.id ?? `expect-${index + 1}`, description: input.description, query: toQuery(input), line });
}

export function toScenario(input: ScenarioFile, context: ModelContext): Scenario {
  return defined({
    id: input.id,
    title: input.title,
    story: input.story,
    weight: input.weight,
    mustPass: input.must_pass,
    tags: input.tags,
    canary: input.canary,
    twins: toTwins(input.twins, context),
    vars: Object.fromEntries(Object.entries(input.vars).map(([name, spec]) => [name, toVariable(spec)])),
    perturbations: input.perturbations.map(toPerturbation),
    steps: input.steps.map((step, index) => toStep(step, context.lineOf(["steps", index]))),
    expectations: input.expect.map((expectation, index) => toExpectation(expectation, index, context.lineOf(["expect", index]))),
    judge: input.judge,
    timeoutMs: ms(input.timeout),
    source: { file: context.file, text: context.text },
  });
}
