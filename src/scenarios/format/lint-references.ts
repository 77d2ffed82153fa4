/**
 * Lint rules about what a scenario refers to: `${...}` templates (declared vars, values captured by
 * an earlier step, declared twins and their credentials), step queries to earlier steps, and the
 * twins steps, queries and faults use. Templates are found in the YAML as written, so a problem is
 * reported where it is in the file.
 */
import type { Query, Scenario } from "../model.js";
import { collectTemplateReferences, parseTemplateExpression, type TemplateSegment } from "../templates.js";
import { didYouMean } from "./did-you-mean.js";
import { yamlOf, type LintContext } from "./lint-context.js";
import { isRecord } from "./schema-helpers.js";
import type { PathSegment } from "./source-positions.js";
import { twinCredentialNames } from "./twin-probe.js";

export const TEMPLATE_ROOTS = ["app", "trial", "scenario", "vars", "captured", "twins", "env"] as const;
const ROOT_FIELDS: Record<string, readonly string[]> = { app: ["url", "port", "command"], trial: ["seed", "index"], scenario: ["id"] };

/** What a template may name at one place in the scenario. */
interface Stage {
  /** Capture names available here. */
  captured: ReadonlySet<string>;
  /** Why a known capture is not available here, by name. */
  unavailable: ReadonlyMap<string, string>;
}

interface TemplateSite {
  path: PathSegment[];
  value: unknown;
  stage: Stage;
  /** Set when the value comes from a fixture file: report there. */
  fixtureFile?: { file: string; text: string | undefined };
}

function capturedBy(scenario: Scenario): { name: string; index: number }[] {
  return scenario.steps.flatMap((step, index) => Object.keys(step.capture ?? {}).map((name) => ({ name, index })));
}

function stageBefore(scenario: Scenario, stepIndex: number): Stage {
  const captured = new Set<string>();
  const unavailable = new Map<string, string>();
  for (const { name, index } of capturedBy(scenario)) {
    if (index < stepIndex) captured.add(name);
    else if (!unavailable.has(name) && !captured.has(name)) {
      unavailable.set(name, index === stepIndex ? "it is captured by this same step, after it runs" : `it is captured by a later step (steps[${index}])`);
    }
  }
  return { captured, unavailable };
}

function setupStage(scenario: Scenario): Stage {
  const unavailable = new Map<string, string>();
  for (const { name } of capturedBy(scenario)) unavailable.set(name, "twins are set up before the first step, so nothing is captured yet");
  return { captured: new Set(), unavailable };
}

function without(value: unknown, keys: readonly string[]): unknown {
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

/** Every place templates are resolved: steps, expectations, twin fixtures and configs. */
function templateSites(scenario: Scenario, yaml: Record<string, unknown> | undefined, readText: (file: string) => string | undefined): TemplateSite[] {
  const sites: TemplateSite[] = [];
  const rawSteps = Array.isArray(yaml?.["steps"]) ? (yaml["steps"] as unknown[]) : undefined;
  scenario.steps.forEach((step, index) => {
    const value = rawSteps?.[index] ?? step;
    sites.push({ path: ["steps", index], value: without(value, ["id", "capture", "kind", "line"]), stage: stageBefore(scenario, index) });
  });
  const rawExpect = Array.isArray(yaml?.["expect"]) ? (yaml["expect"] as unknown[]) : undefined;
  const afterAll = stageBefore(scenario, scenario.steps.length);
  scenario.expectations.forEach((expectation, index) => {
    sites.push({ path: ["expect", index], value: without(rawExpect?.[index] ?? expectation.query, ["id", "description"]), stage: afterAll });
  });
  const setup = setupStage(scenario);
  for (const [name, twin] of Object.entries(scenario.twins)) {
    if (twin.config !== undefined) sites.push({ path: ["twins", name, "config"], value: twin.config, stage: setup });
    if (twin.fixture === undefined) continue;
    const fixtureFile = twin.fixtureFile === undefined ? undefined : { file: twin.fixtureFile, text: readText(twin.fixtureFile) };
    sites.push({ path: fixtureFile ? [] : ["twins", name, "fixture"], value: twin.fixture, stage: setup, ...(fixtureFile ? { fixtureFile } : {}) });
  }
  return sites;
}

/** What is wrong with one reference, as [rule, message], or undefined when it is fine. */
function checkReference(expression: string, unterminated: boolean, stage: Stage, scenario: Scenario): [string, string] | undefined {
  const shown = `\${${expression}${unterminated ? "" : "}"}`;
  if (unterminated) return ["template-syntax", `unterminated template ${shown}: expected a closing }`];
  const segments = parseTemplateExpression(expression);
  if (!segments) return ["template-syntax", `invalid template ${shown}: expected a dotted path such as vars.name or captured.items[0].id (no code, no operators)`];
  const [root, first, second] = segments as [string, TemplateSegment | undefined, TemplateSegment | undefined];
  if (!(TEMPLATE_ROOTS as readonly string[]).includes(root)) {
    const hint = root === "steps" ? " (keep a step's value with capture: and use ${captured.<name>})" : didYouMean(root, TEMPLATE_ROOTS);
    return ["template-root", `unknown template root "${root}" in ${shown}${hint}; known roots: ${TEMPLATE_ROOTS.join(", ")}`];
  }
  if (first === undefined) return undefined;
  const name = String(first);
  const fields = ROOT_FIELDS[root];
  if (fields && !fields.includes(name)) return ["template-root", `${shown}: ${root} has no ${name}${didYouMean(name, fields)} (known: ${fields.join(", ")})`];
  if (root === "vars" && !(name in scenario.vars)) {
    const declared = Object.keys(scenario.vars);
    return ["undeclared-var", `${shown}: no variable ${name} is declared under vars${didYouMean(name, declared)}${declared.length > 0 ? ` (declared: ${declared.join(", ")})` : ""}`];
  }
  if (root === "captured" && !stage.captured.has(name)) {
    const reason = stage.unavailable.get(name);
    if (reason) return ["capture-before-use", `${shown}: ${name} is not captured yet here: ${reason}`];
    return ["capture-before-use", `${shown}: no step captures ${name}${didYouMean(name, [...stage.captured])}`];
  }
  if (root === "twins") {
    const declared = Object.keys(scenario.twins);
    if (!declared.includes(name)) return ["undeclared-twin", `${shown}: the twin ${name} is not declared under twins${didYouMean(name, declared)}`];
    const credentials = twinCredentialNames(name);
    if (second !== undefined && credentials && !credentials.includes(String(second))) {
      return ["template-twin", `${shown}: the ${name} twin has no ${String(second)}${didYouMean(String(second), credentials)} (known: ${credentials.join(", ")})`];
    }
  }
  return undefined;
}

export function lintTemplates(context: LintContext, readText: (file: string) => string | undefined): void {
  const { scenario } = context;
  for (const site of templateSites(scenario, yamlOf(scenario), readText)) {
    for (const reference of collectTemplateReferences(site.value)) {
      const problem = checkReference(reference.expression, reference.unterminated, site.stage, scenario);
      if (!problem) continue;
      const path = [...site.path, ...reference.segments];
      const needle = `\${${reference.expression}`;
      if (site.fixtureFile) context.reportIn(site.fixtureFile.file, site.fixtureFile.text, problem[0], path, problem[1], { needle });
      else context.report(problem[0], path, problem[1], { needle });
    }
  }
}

/** The YAML path of a query's `twin:` (steps' `wait.until`, expectations). */
function queryTwin(query: Query): string | undefined {
  return query.kind === "requests" || query.kind === "records" || query.kind === "deliveries" ? query.twin : undefined;
}

/** Twins used by steps, queries and faults must be declared under `twins:`; step queries name earlier steps. */
export function lintTwinUseAndStepReferences(context: LintContext): void {
  const { scenario } = context;
  const declared = Object.keys(scenario.twins);
  const checkTwin = (name: string, path: PathSegment[]): void => {
    if (!declared.includes(name)) context.report("undeclared-twin", path, `the twin ${name} is not declared under twins${didYouMean(name, declared)}`);
  };
  const earlierIds: string[] = [];
  const allIds = scenario.steps.flatMap((step) => (step.id === undefined ? [] : [step.id]));
  const checkStepQuery = (query: Query, path: PathSegment[], known: string[], laterHint: boolean): void => {
    if (query.kind !== "step" || known.includes(query.step)) return;
    if (laterHint && allIds.includes(query.step)) {
      context.report("unknown-step", [...path, "step"], `${query.step} is a later step: a wait can only look at steps that ran before it`);
      return;
    }
    context.report("unknown-step", [...path, "step"], `no ${laterHint ? "earlier " : ""}step has the id ${query.step}${didYouMean(query.step, known)}`);
  };

  scenario.steps.forEach((step, index) => {
    if (step.kind === "twin") checkTwin(step.twin, ["steps", index, "twin"]);
    if (step.kind === "advance-clock") checkTwin(step.twin, ["steps", index, "advance_clock", "twin"]);
    if (step.kind === "wait") {
      const twin = queryTwin(step.until);
      if (twin !== undefined) checkTwin(twin, ["steps", index, "wait", "until", "twin"]);
      checkStepQuery(step.until, ["steps", index, "wait", "until"], earlierIds, true);
    }
    if (step.id !== undefined) earlierIds.push(step.id);
  });
  scenario.expectations.forEach((expectation, index) => {
    const twin = queryTwin(expectation.query);
    if (twin !== undefined) checkTwin(twin, ["expect", index, "twin"]);
    checkStepQuery(expectation.query, ["expect", index], allIds, false);
  });
  scenario.perturbations.forEach((perturbation, index) => {
    for (const twin of Object.keys(perturbation.faults ?? {})) checkTwin(twin, ["perturbations", index, "faults", twin]);
  });
}
