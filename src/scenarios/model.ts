/**
 * The scenario model: what a scenario file means once loaded (camelCase, defaults applied), what
 * one trial records (its trajectory), and what a judge says of it (its verdict). The YAML format
 * (snake_case, see docs/scenarios/format.md) is parsed into these types by `format/`; the runner,
 * the judges and the reports only ever see these.
 *
 * Strings anywhere in steps, fixtures and expectations may hold `${...}` templates, resolved per
 * trial against a `TemplateScope` (see `TemplateScope` below).
 */
import type { FaultRule } from "../twins/kit/index.js";

// ---------------------------------------------------------------------------------------------
// Matching

/**
 * A condition on one value. A plain scalar means "equals". Objects:
 * `{equals}`, `{contains}` (substring of a string, element of an array, or a sub-object of an
 * object), `{matches}` (a regular expression, JavaScript syntax), `{exists}`, `{gt, gte, lt, lte}`
 * (numbers, or ISO dates compared as times), `{oneOf}`, `{not}`, `{length}` (of a string or array).
 */
export type Matcher =
  | string
  | number
  | boolean
  | null
  | { equals: unknown }
  | { contains: unknown }
  | { matches: string; flags?: string }
  | { exists: boolean }
  | { gt?: number | string; gte?: number | string; lt?: number | string; lte?: number | string }
  | { oneOf: unknown[] }
  | { not: Matcher }
  | { length: Matcher };

/** Field path (dots and `[n]`, e.g. `body.blocks[0].text`) to the matcher its value must satisfy. */
export type Where = Record<string, Matcher>;

/** How many items must match: an exact number, or bounds. Default `{min: 1}`. */
export type Count = number | { min?: number; max?: number };

// ---------------------------------------------------------------------------------------------
// Queries: what expectations and waits look at

/** Entries of a twin's request log (`RequestLogEntry`: method, httpMethod, path, query, body, status, response, fault). */
export interface RequestQuery {
  kind: "requests";
  twin: string;
  /** The vendor method, exact or a `*` glob: `chat.postMessage`, `POST /rest/api/3/issue/*`. */
  method?: string;
  where?: Where;
  count?: Count;
}

/**
 * Records of a twin's state. `collection` is exact or a `*` glob (Slack keeps messages per
 * conversation: `messages/*`). Each record is matched with two extra fields: `$collection` and `$id`.
 */
export interface RecordQuery {
  kind: "records";
  twin: string;
  collection: string;
  where?: Where;
  count?: Count;
}

/** Outbound deliveries of a twin (Slack events, Jira webhooks): `{url, headers, body (parsed JSON), status, error}`. */
export interface DeliveryQuery {
  kind: "deliveries";
  twin: string;
  where?: Where;
  count?: Count;
}

/** The app under test's own output so far: `{exitCode, signal, stdout, stderr, running}`. */
export interface AppQuery {
  kind: "app";
  where: Where;
}

/** The recorded outcome of an earlier step, by id: `{status, headers, body, exitCode, stdout, stderr}`. */
export interface StepQuery {
  kind: "step";
  step: string;
  where: Where;
}

export type Query = RequestQuery | RecordQuery | DeliveryQuery | AppQuery | StepQuery;

// ---------------------------------------------------------------------------------------------
// Steps: what drives the app under test

interface StepBase {
  /** Unique within the scenario; names the step in reports and in `${steps.<id>...}`. */
  id?: string;
  /** 1-based line of the step in its file, for messages. */
  line?: number;
  /**
   * Values to keep from the step's outcome for later templates: name -> path into the outcome
   * (`response.body.key`, `stdout`; for a wait: `match.ts`, the first item that matched).
   * Read back as `${captured.<name>}`.
   */
  capture?: Record<string, string>;
}

/** An HTTP request to the app under test; `path` is resolved against `${app.url}`. */
export interface HttpStep extends StepBase {
  kind: "http";
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** JSON body (an object or array), or a string sent as is. */
  body?: unknown;
  /** The step fails (a product failure) unless the status matches. */
  expectStatus?: Matcher;
}

/**
 * A call to a twin's API as one of its users, e.g. a person filing a Jira issue or posting in
 * Slack, so that the twin raises the events and webhooks the app listens to.
 * `call` is the vendor method: `chat.postMessage` (Slack), `POST /rest/api/3/issue` (Jira).
 * `as` names the credential to use (Slack: `user` (default) or `bot`; Jira: `admin` (default) or `app`).
 */
export interface TwinCallStep extends StepBase {
  kind: "twin";
  twin: string;
  call: string;
  as?: string;
  /** Slack: the method's arguments; Jira: the JSON body. */
  body?: unknown;
  /** Default: the call must succeed (Slack `ok: true`, HTTP 2xx); a failure is infrastructure. */
  expectStatus?: Matcher;
}

/** A command run with the trial's environment (twin URLs and credentials, `APP_URL`). */
export interface CliStep extends StepBase {
  kind: "cli";
  run: string;
  stdin?: string;
  env?: Record<string, string>;
  /** The step fails (a product failure) unless the exit code matches. Default: any. */
  expectExit?: Matcher;
  timeoutMs: number;
}

/** Polls a condition until it holds; times out as a product failure. */
export interface WaitStep extends StepBase {
  kind: "wait";
  until: Query;
  timeoutMs: number;
  intervalMs: number;
}

/** Real time passes (a pause between user actions). */
export interface SleepStep extends StepBase {
  kind: "sleep";
  ms: number;
}

/** A twin tenant's virtual clock moves on (a day passes, a scheduled message falls due). */
export interface AdvanceClockStep extends StepBase {
  kind: "advance-clock";
  twin: string;
  ms: number;
}

export type Step = HttpStep | TwinCallStep | CliStep | WaitStep | SleepStep | AdvanceClockStep;

// ---------------------------------------------------------------------------------------------
// Expectations, perturbations, the scenario

export interface Expectation {
  /** Unique within the scenario; defaults to `expect-<n>` (1-based). */
  id: string;
  description?: string;
  query: Query;
  line?: number;
}

/**
 * Seeded data variation: a variable's value for a trial, drawn from the trial's seed.
 * Read as `${vars.<name>}`.
 */
export type VariableSpec =
  | { kind: "literal"; value: unknown }
  | { kind: "one-of"; values: unknown[] }
  | { kind: "integer"; min: number; max: number }
  | { kind: "text"; length: number; alphabet: string };

/** A perturbation applies to a trial with its probability (drawn from the trial's seed). */
export interface Perturbation {
  name: string;
  /** In [0, 1]; default 1 (every trial). */
  probability: number;
  /** Fault rules per twin (the twin kit's fault profile format). */
  faults?: Record<string, FaultRule[]>;
  /** A random real pause before each step, drawn per step from the trial's seed. */
  stepDelayMs?: { min: number; max: number };
}

export interface TwinSetup {
  /** Seed data in the twin's fixture format (inline, after `file` is read), templated. */
  fixture?: unknown;
  /** Where the fixture came from, when it was a file (for messages). */
  fixtureFile?: string;
  /** Tenant settings (`PUT /_twin/tenants/{id}/config`), templated; applied once the app is ready. */
  config?: Record<string, unknown>;
  /** Slack: the app's Events API path; the runner sets `eventsRequestUrl` to `${app.url}<path>`. */
  events?: string;
}

export interface LlmJudgeSpec {
  /** What a satisfied user would see, for the LLM judge (off by default). */
  rubric: string;
}

export interface Scenario {
  id: string;
  title: string;
  /** The user story, in prose. */
  story: string;
  /** Raw weight (> 0), normalized across the suite; default 1. */
  weight: number;
  mustPass: boolean;
  tags: string[];
  /** Holdout files carry a unique canary (`lightsout-canary-<hex>`), for the leak check. */
  canary?: string;
  twins: Record<string, TwinSetup>;
  vars: Record<string, VariableSpec>;
  perturbations: Perturbation[];
  steps: Step[];
  expectations: Expectation[];
  judge?: LlmJudgeSpec;
  /** The trial's deadline, from start to cleanup; default 60,000. */
  timeoutMs: number;
  /** The file it was loaded from, and its text (the leak check looks for verbatim text). */
  source: { file: string; text: string };
}

// ---------------------------------------------------------------------------------------------
// Templates

/**
 * What `${...}` may name in a trial: `app.url`, `app.port`, `app.command`, `trial.seed`,
 * `trial.index`, `scenario.id`, `vars.<name>`, `captured.<name>`, `twins.<twin>.baseUrl`,
 * `twins.<twin>.tenant`, `twins.<twin>.<credential>` (e.g. `twins.slack.botToken`,
 * `twins.jira.apiToken`), `env.<NAME>` (the trial's app environment). A string that is exactly
 * one `${...}` keeps the value's type; otherwise values are interpolated as text.
 */
export interface TemplateScope {
  app: { url: string; port: number; command: string };
  trial: { seed: number; index: number };
  scenario: { id: string };
  vars: Record<string, unknown>;
  captured: Record<string, unknown>;
  twins: Record<string, Record<string, string>>;
  env: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Trials: trajectory and verdict

/** Who a failure is charged to. Only `product` failures count against satisfaction. */
export type Attribution = "product" | "twin" | "judge" | "infrastructure";

export interface Verdict {
  satisfied: boolean;
  /** Why not (or notes when satisfied): one line each, most important first. */
  reasons: string[];
  /** Undefined when satisfied. */
  attribution?: Attribution;
}

export interface StepRecord {
  index: number;
  id?: string;
  kind: Step["kind"];
  /** One line: `POST /jira/webhook`, `twin jira POST /rest/api/3/issue`, `wait slack records messages/*`. */
  summary: string;
  /** Milliseconds since the trial started. */
  startMs: number;
  durationMs: number;
  ok: boolean;
  /** Set when `ok` is false: what went wrong, and who is to blame. */
  error?: string;
  attribution?: Attribution;
  /** What the step sent and got (bodies parsed when JSON; long text truncated). */
  request?: unknown;
  outcome?: unknown;
  captured?: Record<string, unknown>;
}

export interface ExpectationResult {
  id: string;
  description?: string;
  passed: boolean;
  /** `3 matching requests, expected exactly 1`; or what the query failed on. */
  detail: string;
  /** Set when the query itself could not be evaluated (a judge failure, not a product one). */
  error?: string;
}

export interface StateChange {
  collection: string;
  id: string;
  change: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

export interface TwinTrace {
  tenant: string;
  requests: unknown[];
  deliveries: unknown[];
  /** Records added, removed or changed between the seeded state and the end of the trial. */
  stateDiff: StateChange[];
}

export interface AppTrace {
  command: string;
  /** Milliseconds from spawn until the app was ready (undefined if it never was). */
  readyMs?: number;
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

export interface Trajectory {
  v: 1;
  scenarioId: string;
  trialIndex: number;
  seed: number;
  /** Real start time, ISO 8601. */
  startedAt: string;
  durationMs: number;
  vars: Record<string, unknown>;
  /** Names of the perturbations applied to this trial. */
  perturbations: string[];
  steps: StepRecord[];
  twins: Record<string, TwinTrace>;
  app?: AppTrace;
  expectations: ExpectationResult[];
  /**
   * Set when the trial could not be carried out to its end by the runner: the app could not
   * start, a setup step failed, the deadline passed. The judge charges it as `attribution`.
   */
  aborted?: { attribution: Attribution; reason: string };
  /** The LLM judge's reading, when it ran. */
  judge?: { satisfied: boolean; reasons: string[] };
  verdict: Verdict;
}

/** One judge: reads a scenario and a trajectory (with its expectation results) and gives a verdict. */
export interface Judge {
  readonly name: string;
  judge(scenario: Scenario, trajectory: Omit<Trajectory, "verdict">): Promise<Verdict>;
}

// ---------------------------------------------------------------------------------------------
// A suite run: what the runner returns and the reports are built from

export interface TrialSummary {
  index: number;
  seed: number;
  satisfied: boolean;
  attribution?: Attribution;
  reasons: string[];
  durationMs: number;
  perturbations: string[];
  /** Path of the trial's trajectory file, relative to the run directory. */
  trajectoryFile?: string;
}

export interface ScenarioResult {
  id: string;
  title: string;
  weight: number;
  mustPass: boolean;
  tags: string[];
  /** Where the scenario file lives (reports show it; holdout feedback never does). */
  file: string;
  trials: TrialSummary[];
}

export interface SuiteRun {
  v: 1;
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  app: { command: string; kind: "service" | "command" };
  /** The suite seed every trial seed derives from (`trialSeed(seed, scenarioId, index)`). */
  seed: number;
  trialsPerScenario: number;
  concurrency: number;
  scenarios: ScenarioResult[];
}
