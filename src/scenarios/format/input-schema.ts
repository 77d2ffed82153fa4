/**
 * The scenario file format as written (snake_case YAML), as one zod schema. It is the single
 * source of the format: files are validated with it (format/parse.ts), the committed JSON Schema
 * for editors is generated from it (scripts/generate-scenario-schema.ts), and format/to-model.ts
 * turns what it accepts into the model (src/scenarios/model.ts). Reference: docs/scenarios/format.md.
 */
import { z } from "zod";
import { DURATION_PATTERN } from "./duration.js";
import { describeValue, keyedUnion, strictMapping, unionMessage } from "./schema-helpers.js";

/** A name, not an address: the schema is the committed file schemas/scenario.schema.json. */
export const SCENARIO_SCHEMA_ID = "urn:lightsout:schemas:scenario";

export const SCENARIO_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
export const CANARY_PATTERN = /^lightsout-canary-[0-9a-f]{16,}$/;
/** Names read back in templates (`${vars.name}`, `${captured.name}`): identifiers. */
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Step and expectation ids: letters, digits, `_` and `-`. */
export const STEP_ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
export const TWIN_NAME_PATTERN = /^[a-z][a-z0-9-]*$/;

const text = z.string().min(1, { error: "expected a non-empty string" });

const duration = z
  .union([z.number().nonnegative(), z.string().regex(DURATION_PATTERN, { error: "expected a duration: milliseconds, or a number with ms, s, m or h (250ms, 30s, 2m)" })], {
    error: unionMessage("a duration (milliseconds, or 250ms, 30s, 2m)"),
  })
  .meta({ description: "Milliseconds, or a number with a unit: 250ms, 30s, 2m, 1h." });

const twinName = z
  .string()
  .regex(TWIN_NAME_PATTERN, { error: "expected a twin name (lowercase, e.g. slack, jira)" })
  .meta({ description: "A twin by name: slack, jira." });
const stepId = z.string().regex(STEP_ID_PATTERN, { error: "expected an id: letters, digits, _ and -" });
const name = z.string().regex(NAME_PATTERN, { error: "expected a name: letters, digits and _, not starting with a digit" });
const scalarText = z.union([z.string(), z.number(), z.boolean()], { error: unionMessage("a string (numbers and booleans are turned into text)") });

// ---------------------------------------------------------------------------------------------
// Matchers, counts, queries

export type MatcherInput =
  | string
  | number
  | boolean
  | null
  | { equals: unknown }
  | { contains: unknown }
  | { matches: string; flags?: string | undefined }
  | { exists: boolean }
  | { gt?: number | string | undefined; gte?: number | string | undefined; lt?: number | string | undefined; lte?: number | string | undefined }
  | { one_of: unknown[] }
  | { not: MatcherInput }
  | { length: MatcherInput };

const MATCHER_KEYS = ["equals", "contains", "matches", "flags", "exists", "gt", "gte", "lt", "lte", "one_of", "not", "length"];
const bound = z.union([z.number(), z.string()], { error: "expected a number or an ISO date" });

export const matcherSchema: z.ZodType<MatcherInput> = z
  .union(
    [
      z.string(),
      z.number(),
      z.boolean(),
      z.null(),
      strictMapping({ equals: z.unknown() }, "a matcher"),
      strictMapping({ contains: z.unknown().meta({ description: "Substring of a string, element of a list, or sub-mapping of a mapping." }) }, "a matcher"),
      strictMapping(
        {
          matches: text.meta({ description: "A regular expression, JavaScript syntax." }),
          flags: z.string().regex(/^[dgimsuvy]*$/, { error: "expected regular expression flags (d, g, i, m, s, u, v, y)" }).optional(),
        },
        "a matcher",
      ),
      strictMapping({ exists: z.boolean() }, "a matcher"),
      strictMapping({ gt: bound.optional(), gte: bound.optional(), lt: bound.optional(), lte: bound.optional() }, "a matcher").refine(
        (value) => Object.keys(value).length > 0,
        // Aborting, so a mapping of unknown keys (`{channel: C1}`) is not taken for a comparison with typos.
        { error: "expected at least one of gt, gte, lt, lte", abort: true },
      ),
      strictMapping({ one_of: z.array(z.unknown()).min(1, { error: "expected a non-empty list" }) }, "a matcher"),
      strictMapping({ not: z.lazy(() => matcherSchema) }, "a matcher"),
      strictMapping({ length: z.lazy(() => matcherSchema) }, "a matcher"),
    ],
    {
      error: (issue) => {
        const base = "expected a matcher: a plain value (equals), or one of {equals}, {contains}, {matches, flags}, {exists}, {gt, gte, lt, lte}, {one_of}, {not}, {length}";
        if (issue.input === undefined) return `required: ${base}`;
        const keys = typeof issue.input === "object" && issue.input !== null && !Array.isArray(issue.input) ? Object.keys(issue.input) : [];
        const unknown = keys.find((key) => !MATCHER_KEYS.includes(key));
        return unknown === undefined ? `${base}, got ${describeValue(issue.input)}` : `${base}; "${unknown}" is not a matcher key (to compare a whole mapping use {equals: ...})`;
      },
    },
  )
  .meta({ id: "Matcher", description: "A condition on one value. A plain value means equals." });

const where = z
  .record(z.string().min(1, { error: "expected a field path" }), matcherSchema)
  .meta({ description: "Field path (dots and [n], e.g. body.blocks[0].text) to the matcher its value must satisfy." });

const count = z
  .union(
    [
      z.int().nonnegative(),
      strictMapping({ min: z.int().nonnegative().optional(), max: z.int().nonnegative().optional() }, "a count").refine((value) => value.min === undefined || value.max === undefined || value.min <= value.max, {
        error: "expected min <= max",
      }),
    ],
    { error: unionMessage("a count: a whole number, or {min, max}", ["min", "max"]) },
  )
  .meta({ description: "How many items must match: exactly n, or {min, max}. Default {min: 1}." });

const QUERY_KINDS = ["requests", "records", "deliveries", "app", "step"];

/** The query kinds, each with `extra` keys (an expectation's `id` and `description`). */
function queryBranches<Extra extends z.ZodRawShape>(extra: Extra, what: string) {
  return [
    strictMapping(
      { twin: twinName, requests: strictMapping({ method: text.meta({ description: "The vendor method, exact or a * glob." }).optional(), where: where.optional(), count: count.optional() }, "a requests query"), ...extra },
      what,
    ),
    strictMapping({ twin: twinName, records: strictMapping({ collection: text.meta({ description: "A collection, exact or a * glob (messages/*)." }), where: where.optional(), count: count.optional() }, "a records query"), ...extra }, what),
    strictMapping({ twin: twinName, deliveries: strictMapping({ where: where.optional(), count: count.optional() }, "a deliveries query"), ...extra }, what),
    strictMapping({ app: strictMapping({ where }, "an app query"), ...extra }, what),
    strictMapping({ step: stepId.meta({ description: "The id of an earlier step." }), where, ...extra }, what),
  ] as const;
}

export const querySchema = keyedUnion("a query", QUERY_KINDS, ["twin", "where"], queryBranches({}, "a query")).meta({
  id: "Query",
  description: "What a wait or an expectation looks at: a twin's requests, records or deliveries, the app's output, or an earlier step's outcome.",
});

const expectationExtra = {
  id: stepId.optional().meta({ description: "Unique within the scenario; default expect-<n>." }),
  description: z.string().optional(),
};
const expectationSchema = keyedUnion("an expectation", QUERY_KINDS, ["twin", "where", "id", "description"], queryBranches(expectationExtra, "an expectation")).meta({
  id: "Expectation",
  description: "A query that must hold at the end of the trial.",
});

// ---------------------------------------------------------------------------------------------
// Steps

const stepShared = {
  id: stepId.optional().meta({ description: "Unique within the scenario; names the step in reports and step queries." }),
  capture: z
    .record(name, text)
    .optional()
    .meta({ description: "Values to keep for later templates: name -> path into the outcome (response.body.key, stdout). Read as ${captured.name}." }),
};

const STEP_KINDS = ["http", "twin", "cli", "wait", "sleep", "advance_clock"];

const httpStep = strictMapping(
  {
    ...stepShared,
    http: strictMapping(
      {
        method: z.string().regex(/^[A-Za-z]+$/, { error: "expected an HTTP method (GET, POST, ...)" }).default("GET"),
        path: text.meta({ description: "Resolved against ${app.url}." }),
        headers: z.record(z.string(), scalarText).optional(),
        body: z.unknown().optional().meta({ description: "JSON body (a mapping or list), or a string sent as is." }),
        expect_status: matcherSchema.optional(),
      },
      "an http step",
    ),
  },
  "a step",
);

const twinStep = strictMapping(
  {
    ...stepShared,
    twin: twinName,
    call: text.meta({ description: "The vendor method: chat.postMessage (Slack), POST /rest/api/3/issue (Jira)." }),
    as: text.optional().meta({ description: "The credential: Slack user (default) or bot; Jira admin (default) or app." }),
    body: z.unknown().optional().meta({ description: "Slack: the method's arguments; Jira: the JSON body." }),
    expect_status: matcherSchema.optional(),
  },
  "a step",
);

const cliStep = strictMapping(
  {
    ...stepShared,
    cli: strictMapping(
      {
        run: text.meta({ description: "A shell command, run with the trial's environment." }),
        stdin: z.string().optional(),
        env: z.record(z.string(), scalarText).optional(),
        expect_exit: matcherSchema.optional(),
        timeout: duration.default("30s"),
      },
      "a cli step",
    ),
  },
  "a step",
);

const waitStep = strictMapping(
  {
    ...stepShared,
    wait: strictMapping({ until: querySchema, timeout: duration.default("10s"), interval: duration.default("50ms") }, "a wait step"),
  },
  "a step",
);

const sleepStep = strictMapping({ ...stepShared, sleep: duration }, "a step");

const advanceClockStep = strictMapping({ ...stepShared, advance_clock: strictMapping({ twin: twinName, by: duration }, "an advance_clock step") }, "a step");

export const stepSchema = keyedUnion("a step", STEP_KINDS, ["id", "capture", "call", "as", "body", "expect_status"], [httpStep, twinStep, cliStep, waitStep, sleepStep, advanceClockStep]).meta({
  id: "Step",
  description: "One action: an http request to the app, a twin call as a user, a cli command, a wait, a sleep or a virtual clock advance.",
});

// ---------------------------------------------------------------------------------------------
// Twins, variables, perturbations

const twinSetup = strictMapping(
  {
    fixture: z
      .union([z.record(z.string(), z.unknown()), text], { error: unionMessage("a fixture: a mapping, or the path of a YAML or JSON file") })
      .optional()
      .meta({ description: "Seed data in the twin's fixture format: inline, or a file path relative to the scenario file. Templated." }),
    config: z.record(z.string(), z.unknown()).optional().meta({ description: "Tenant settings (PUT /_twin/tenants/{id}/config), templated." }),
    events: z.string().regex(/^\//, { error: "expected a path starting with /" }).optional().meta({ description: "Slack: the app's Events API path, e.g. /slack/events." }),
  },
  "a twin setup",
);

const variable = z
  .union(
    [
      z.string(),
      z.number(),
      z.boolean(),
      z.null(),
      z.array(z.unknown()),
      strictMapping({ literal: z.unknown() }, "a variable"),
      strictMapping({ one_of: z.array(z.unknown()).min(1, { error: "expected a non-empty list" }) }, "a variable"),
      strictMapping(
        { integer: strictMapping({ min: z.int(), max: z.int() }, "an integer range").refine((range) => range.min <= range.max, { error: "expected min <= max" }) },
        "a variable",
      ),
      strictMapping({ text: strictMapping({ length: z.int().positive(), alphabet: text.optional() }, "a text variable") }, "a variable"),
    ],
    { error: unionMessage("a variable: a plain value, or one of {literal}, {one_of}, {integer: {min, max}}, {text: {length, alphabet}}", ["literal", "one_of", "integer", "text"]) },
  )
  .meta({ id: "Variable", description: "A value drawn per trial from its seed: a literal, {one_of}, {integer: {min, max}} or {text: {length, alphabet}}." });

const rateLimit = z.union([z.literal(true), strictMapping({ limit: z.int().nonnegative(), windowMs: z.number().positive() }, "a rate limit")], {
  error: unionMessage("true (the vendor's limit) or {limit, windowMs}", ["limit", "windowMs"]),
});
const probability = z.number().min(0, { error: "expected a number between 0 and 1" }).max(1, { error: "expected a number between 0 and 1" });

const faultRule = strictMapping(
  {
    methods: z.array(text).optional().meta({ description: "Method names or * globs; absent = every method." }),
    rateLimit: rateLimit.optional(),
    errorRate: probability.optional(),
    dropRate: probability.optional(),
    latencyMs: z.number().nonnegative().optional(),
  },
  "a fault rule",
).meta({ id: "FaultRule", description: "A twin kit fault rule (docs/twins/kit.md#fault-profiles); keys are camelCase as in the kit." });

const perturbation = strictMapping(
  {
    name: z.string().regex(STEP_ID_PATTERN, { error: "expected a name: letters, digits, _ and -" }),
    probability: probability.default(1).meta({ description: "The share of trials it applies to, drawn from the trial's seed." }),
    faults: z.record(twinName, z.array(faultRule)).optional().meta({ description: "Fault rules per twin." }),
    step_delay: strictMapping({ min: duration, max: duration }, "a step delay").optional().meta({ description: "A random real pause before each step." }),
  },
  "a perturbation",
);

// ---------------------------------------------------------------------------------------------
// The scenario

export const scenarioFileSchema = strictMapping(
  {
    id: z
      .string()
      .regex(SCENARIO_ID_PATTERN, { error: "expected a scenario id: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit" })
      .meta({ description: "Unique across the suite." }),
    title: text,
    story: z.string().default("").meta({ description: "The user story, in prose: who wants what, and why." }),
    weight: z.number().positive({ error: "expected a number > 0" }).default(1).meta({ description: "Raw weight, normalized across the suite." }),
    must_pass: z.boolean().default(false).meta({ description: "The gate fails if this scenario fails any trial." }),
    tags: z.array(text).default([]),
    canary: z
      .string()
      .regex(CANARY_PATTERN, { error: "expected lightsout-canary- and at least 16 lowercase hex digits" })
      .optional()
      .meta({ description: "Holdout files carry a unique canary, for the leak check." }),
    timeout: duration.default("60s").meta({ description: "The trial's deadline, from start to cleanup." }),
    twins: z.record(twinName, twinSetup).default({}).meta({ description: "The twins the scenario uses, by name, with their setup." }),
    vars: z.record(name, variable).default({}),
    perturbations: z.array(perturbation).default([]),
    steps: z.array(stepSchema).default([]),
    expect: z.array(expectationSchema).default([]).meta({ description: "What must hold at the end of the trial." }),
    judge: strictMapping({ rubric: text.meta({ description: "What a satisfied user would see, for the LLM judge." }) }, "a judge").optional(),
  },
  "a scenario (a mapping)",
).meta({ title: "Lightsout scenario", description: "An end-to-end scenario: a user story, twin setup, steps and expectations. Reference: docs/scenarios/format.md." });

export type ScenarioFileInput = z.input<typeof scenarioFileSchema>;
export type ScenarioFile = z.output<typeof scenarioFileSchema>;
export type StepInput = z.output<typeof stepSchema>;
export type QueryInput = z.output<typeof querySchema>;
export type ExpectationInput = z.output<typeof expectationSchema>;
export type VariableInput = z.output<typeof variable>;
