/**
 * The scenario lint: what the schema cannot see. Ids unique within a scenario and across files,
 * references that resolve (format/lint-references.ts), twins that exist and accept their
 * fixtures and fault rules, regular expressions that compile, timeouts that fit, and, for
 * holdouts, a unique canary in every file. Every rule has a stable id, listed in LINT_RULES and
 * in docs/scenarios/format.md.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { checkFaultProfile, splitFieldPath, TwinFixtureError } from "../../twins/index.js";
import type { Matcher, Query, Scenario, TemplateScope } from "../model.js";
import { collectTemplateReferences, resolveTemplates } from "../templates.js";
import { compareDiagnostics, ScenarioFormatError, type ScenarioDiagnostic } from "./diagnostic.js";
import { didYouMean } from "./did-you-mean.js";
import { listScenarioFiles } from "./discover.js";
import { createLintContext, type LintContext } from "./lint-context.js";
import { lintTemplates, lintTwinUseAndStepReferences } from "./lint-references.js";
import { loadScenarioFile } from "./parse.js";
import type { PathSegment } from "./source-positions.js";
import { fixtureRejection, KNOWN_TWINS, PLACEHOLDER_BASE_URL, twinTemplateValues } from "./twin-probe.js";
import { LightsoutError } from "../../errors.js";

export interface LintOptions {
  /** Holdout scenarios: every file needs a canary, unique across files. */
  holdout?: boolean;
}

/** Every rule: its severity and what it checks (docs/scenarios/format.md has the same table). */
export const LINT_RULES = {
  "yaml-syntax": { severity: "error", checks: "the file is valid YAML" },
  schema: { severity: "error", checks: "keys, types and values are what the format allows (unknown keys included)" },
  "fixture-file": { severity: "error", checks: "a fixture given as a path can be read" },
  "fixture-syntax": { severity: "error", checks: "a fixture file is valid YAML or JSON" },
  "duplicate-scenario-id": { severity: "error", checks: "scenario ids are unique across files" },
  "duplicate-id": { severity: "error", checks: "step, expectation and perturbation ids are unique within a scenario" },
  "unknown-twin": { severity: "error", checks: "twins: names a twin lightsout has" },
  "undeclared-twin": { severity: "error", checks: "every twin a step, query, fault or template uses is declared under twins:" },
  "template-syntax": { severity: "error", checks: "${...} holds a dotted path and is closed" },
  "template-root": { severity: "error", checks: "${...} starts with app, trial, scenario, vars, captured, twins or env, and names a field they have" },
  "undeclared-var": { severity: "error", checks: "${vars.x} names a variable declared under vars:" },
  "capture-before-use": { severity: "error", checks: "${captured.x} names a value captured by an earlier step" },
  "template-twin": { severity: "error", checks: "${twins.<twin>.x} names the twin's baseUrl, apiUrl, tenant or one of its credentials" },
  "unknown-step": { severity: "error", checks: "a step query names a step (for a wait, an earlier one)" },
  "invalid-regex": { severity: "error", checks: "matches: compiles as a JavaScript regular expression with its flags" },
  "timeout-exceeds-scenario": { severity: "error", checks: "no wait or cli timeout is longer than the scenario's timeout" },
  "step-delay": { severity: "error", checks: "a perturbation's step_delay has min <= max" },
  "no-expectations": { severity: "error", checks: "the scenario has at least one expectation" },
  "fixture-rejected": { severity: "error", checks: "the twin accepts the fixture (seeded into a scratch tenant)" },
  "fault-rule": { severity: "error", checks: "the twin kit accepts each fault rule" },
  "missing-canary": { severity: "error", checks: "with --holdout: every file has a canary" },
  "duplicate-canary": { severity: "error", checks: "with --holdout: canaries are unique across files" },
  "short-story": { severity: "warning", checks: "the story says who wants what and why (at least 20 characters)" },
} as const satisfies Record<string, { severity: "error" | "warning"; checks: string }>;

const MIN_STORY_LENGTH = 20;

function readTextOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function lintIds(context: LintContext): void {
  const { scenario } = context;
  const check = (ids: (string | undefined)[], section: string, key: string, what: string): void => {
    const first = new Map<string, number>();
    ids.forEach((id, index) => {
      if (id === undefined) return;
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, index);
      else context.report("duplicate-id", [section, index, key], `the ${what} ${id} is already used by ${section}[${earlier}]`);
    });
  };
  check(scenario.steps.map((step) => step.id), "steps", "id", "step id");
  // Default ids (expect-<n>) count too: `id: expect-1` on the second expectation collides with the first's.
  check(scenario.expectations.map((expectation) => expectation.id), "expect", "id", "expectation id");
  check(scenario.perturbations.map((perturbation) => perturbation.name), "perturbations", "name", "perturbation name");
}

function lintTwinNames(context: LintContext): void {
  for (const name of Object.keys(context.scenario.twins)) {
    if (!KNOWN_TWINS.includes(name)) context.report("unknown-twin", ["twins", name], `unknown twin ${name}${didYouMean(name, KNOWN_TWINS)} (known: ${KNOWN_TWINS.join(", ")})`, { at: "key" });
  }
}

function forEachMatcher(matcher: Matcher, path: PathSegment[], visit: (matcher: Matcher, path: PathSegment[]) => void): void {
  visit(matcher, path);
  if (matcher !== null && typeof matcher === "object") {
    if ("not" in matcher) forEachMatcher(matcher.not, [...path, "not"], visit);
    if ("length" in matcher) forEachMatcher(matcher.length, [...path, "length"], visit);
  }
}

/** A query's matchers with their YAML paths (`requests.where.<field>`, `where.<field>` for a step query). */
function queryMatchers(query: Query, path: PathSegment[]): { matcher: Matcher; path: PathSegment[] }[] {
  const wherePath = query.kind === "step" ? [...path, "where"] : [...path, query.kind, "where"];
  return Object.entries(query.where ?? {}).map(([field, matcher]) => ({ matcher, path: [...wherePath, field] }));
}

function lintRegularExpressions(context: LintContext): void {
  const { scenario } = context;
  const matchers: { matcher: Matcher; path: PathSegment[] }[] = [];
  scenario.steps.forEach((step, index) => {
    if (step.kind === "wait") matchers.push(...queryMatchers(step.until, ["steps", index, "wait", "until"]));
    if (step.kind === "http" && step.expectStatus !== undefined) matchers.push({ matcher: step.expectStatus, path: ["steps", index, "http", "expect_status"] });
    if (step.kind === "twin" && step.expectStatus !== undefined) matchers.push({ matcher: step.expectStatus, path: ["steps", index, "expect_status"] });
    if (step.kind === "cli" && step.expectExit !== undefined) matchers.push({ matcher: step.expectExit, path: ["steps", index, "cli", "expect_exit"] });
  });
  scenario.expectations.forEach((expectation, index) => matchers.push(...queryMatchers(expectation.query, ["expect", index])));
  for (const { matcher, path } of matchers) {
    forEachMatcher(matcher, path, (inner, innerPath) => {
      if (inner === null || typeof inner !== "object" || !("matches" in inner)) return;
      // A templated pattern is only known per trial.
      if (inner.matches.includes("${")) return;
      try {
        new RegExp(inner.matches, inner.flags);
      } catch (error) {
        context.report("invalid-regex", [...innerPath, "matches"], `invalid regular expression: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }
}

function lintTimeouts(context: LintContext): void {
  const { scenario } = context;
  scenario.steps.forEach((step, index) => {
    if ((step.kind === "wait" || step.kind === "cli") && step.timeoutMs > scenario.timeoutMs) {
      context.report("timeout-exceeds-scenario", ["steps", index, step.kind, "timeout"], `the ${step.kind} timeout (${step.timeoutMs} ms) is longer than the scenario's timeout (${scenario.timeoutMs} ms); raise timeout: at the top`);
    }
  });
  scenario.perturbations.forEach((perturbation, index) => {
    const delay = perturbation.stepDelayMs;
    if (delay && delay.min > delay.max) context.report("step-delay", ["perturbations", index, "step_delay"], `min (${delay.min} ms) is more than max (${delay.max} ms)`);
  });
}

function lintContent(context: LintContext): void {
  const { scenario } = context;
  if (scenario.expectations.length === 0) context.report("no-expectations", ["expect"], "the scenario has no expectations: add at least one under expect:, or nothing can fail");
  if (scenario.story.trim().length < MIN_STORY_LENGTH) {
    context.report("short-story", ["story"], `the story is ${scenario.story.trim().length === 0 ? "missing" : "very short"}: say who wants what, and why (at least ${MIN_STORY_LENGTH} characters)`, { severity: "warning" });
  }
}

/** The scope a fixture is resolved against for the lint: placeholders where a trial would have real values. */
function placeholderScope(scenario: Scenario, fixture: unknown): TemplateScope {
  const vars: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(scenario.vars)) {
    vars[name] = spec.kind === "literal" ? spec.value : spec.kind === "one-of" ? spec.values[0] : spec.kind === "integer" ? spec.min : (spec.alphabet[0] ?? "x").repeat(spec.length);
  }
  const twins: Record<string, Record<string, string>> = {};
  for (const name of Object.keys(scenario.twins)) twins[name] = twinTemplateValues(name) ?? {};
  const env: Record<string, string> = {};
  for (const reference of collectTemplateReferences(fixture)) {
    const match = /^env\.([A-Za-z_][\w]*)/.exec(reference.expression);
    if (match) env[match[1]!] = `placeholder-${match[1]!}`;
  }
  return { app: { url: PLACEHOLDER_BASE_URL, port: 9, command: "app" }, trial: { seed: 0, index: 0 }, scenario: { id: scenario.id }, vars, captured: {}, twins, env };
}

function lintFixtures(context: LintContext): void {
  const { scenario } = context;
  for (const [name, setup] of Object.entries(scenario.twins)) {
    if (setup.fixture === undefined || !KNOWN_TWINS.includes(name)) continue;
    let fixture: unknown;
    try {
      fixture = resolveTemplates(setup.fixture, placeholderScope(scenario, setup.fixture));
    } catch {
      continue; // an unresolvable reference is reported by the template rules
    }
    const rejection = fixtureRejection(name, fixture);
    if (!rejection) continue;
    const fieldPath = rejection.path === "" ? [] : splitFieldPath(rejection.path);
    const message = `the ${name} twin rejects the fixture: ${rejection.detail}`;
    if (setup.fixtureFile !== undefined) context.reportIn(setup.fixtureFile, readTextOrUndefined(setup.fixtureFile), "fixture-rejected", fieldPath, message);
    else context.report("fixture-rejected", ["twins", name, "fixture", ...fieldPath], message);
  }
}

function lintFaultRules(context: LintContext): void {
  context.scenario.perturbations.forEach((perturbation, index) => {
    for (const [twin, rules] of Object.entries(perturbation.faults ?? {})) {
      try {
        checkFaultProfile({ rules });
      } catch (error) {
        if (!(error instanceof TwinFixtureError)) throw error;
        const [, ...rest] = splitFieldPath(error.path);
        context.report("fault-rule", ["perturbations", index, "faults", twin, ...rest], `the twin kit rejects the fault rule: ${error.detail}`);
      }
    }
  });
}

function suggestedCanary(scenario: Scenario): string {
  return `lightsout-canary-${createHash("sha256").update(`${scenario.source.file}\n${scenario.id}`).digest("hex").slice(0, 24)}`;
}

function lintAcrossFiles(scenarios: Scenario[], contexts: LintContext[], options: LintOptions): void {
  const ids = new Map<string, Scenario>();
  const canaries = new Map<string, Scenario>();
  scenarios.forEach((scenario, index) => {
    const context = contexts[index]!;
    const sameId = ids.get(scenario.id);
    if (sameId) context.report("duplicate-scenario-id", ["id"], `the scenario id ${scenario.id} is also used by ${sameId.source.file}`);
    else ids.set(scenario.id, scenario);
    if (!options.holdout) return;
    if (scenario.canary === undefined) {
      context.report("missing-canary", [], `holdout scenarios need a canary, unique to the file, for the leak check: add canary: ${suggestedCanary(scenario)}`);
      return;
    }
    const sameCanary = canaries.get(scenario.canary);
    if (sameCanary && sameCanary.source.file !== scenario.source.file) context.report("duplicate-canary", ["canary"], `the canary is also used by ${sameCanary.source.file}; every holdout file needs its own`);
    else canaries.set(scenario.canary, scenario);
  });
}

/** Lints loaded scenarios: every rule of LINT_RULES but syntax and schema (which loading checks). */
export function lintScenarios(scenarios: Scenario[], options: LintOptions = {}): ScenarioDiagnostic[] {
  const diagnostics: ScenarioDiagnostic[] = [];
  const contexts = scenarios.map((scenario) => createLintContext(scenario, diagnostics));
  lintAcrossFiles(scenarios, contexts, options);
  for (const context of contexts) {
    lintIds(context);
    lintTwinNames(context);
    lintTwinUseAndStepReferences(context);
    lintTemplates(context, readTextOrUndefined);
    lintRegularExpressions(context);
    lintTimeouts(context);
    lintContent(context);
    lintFixtures(context);
    lintFaultRules(context);
  }
  return diagnostics.sort(compareDiagnostics);
}

/**
 * Loads every scenario file under `paths` (files or directories) and lints them. A file that
 * cannot be loaded becomes diagnostics and the others still load. Throws SCENARIO when a path
 * does not exist or no scenario file is found.
 */
export function lintScenarioPaths(paths: string[], options: LintOptions = {}): { scenarios: Scenario[]; diagnostics: ScenarioDiagnostic[] } {
  const files = [...new Set(paths.flatMap((path) => listScenarioFiles(path)))];
  if (files.length === 0) throw new LightsoutError("SCENARIO", `no scenario files (*.yaml, *.yml) in ${paths.join(", ")}`);
  const scenarios: Scenario[] = [];
  const diagnostics: ScenarioDiagnostic[] = [];
  for (const file of files) {
    try {
      scenarios.push(loadScenarioFile(file));
    } catch (error) {
      if (!(error instanceof ScenarioFormatError)) throw error;
      diagnostics.push(...error.diagnostics);
    }
  }
  diagnostics.push(...lintScenarios(scenarios, options));
  return { scenarios, diagnostics: diagnostics.sort(compareDiagnostics) };
}
