/**
 * The spec lint: what parsing cannot see. Every rule has a stable id and a severity, listed in
 * SPEC_RULES and in docs/spec/README.md; errors mean the spec is not fit to build from, warnings
 * that it will be hard to check. `lintSpecText` runs the structural checks of `readSpec` first,
 * so one call reports everything.
 */
import { LightsoutError } from "../errors.js";
import { closestName } from "../scenarios/format/did-you-mean.js";
import { KNOWN_TWINS } from "../scenarios/format/twin-probe.js";
import { listScenarioFiles, loadScenarioFile, type Scenario } from "../scenarios/index.js";
import { compareSpecIssues, type SpecIssue } from "./issues.js";
import { lintUndefinedTerms } from "./lint-terms.js";
import { lintDuplicateIds, lintLimits, lintMeasurable, lintObligations, type Report } from "./lint-requirements.js";
import type { SpecDocument } from "./model.js";
import { readSpec, readSpecText } from "./parse.js";
import { KNOWN_SECTIONS, knownSection, SECTION_TITLES, type KnownSection } from "./sections.js";
import { locateText } from "./source-lines.js";

export interface LintSpecOptions {
  /** Scenarios to check coverage against: a scenario covers R3 when its tags include R3. */
  scenarios?: readonly Scenario[];
  /** Service names the spec may list; default: the twins lightsout has. */
  knownServices?: readonly string[];
}

/** Every rule: its severity and what it checks (docs/spec/README.md has the same table). */
export const SPEC_RULES = {
  read: { severity: "error", checks: "the spec file can be read" },
  "front-matter": { severity: "error", checks: "the front matter is closed, valid YAML, and has only known fields of the right types" },
  "missing-title": { severity: "error", checks: "the body has a # Title (and a kebab-case name can be made from it)" },
  "missing-section": { severity: "error", checks: "Goal, Requirements and Definition of done are there" },
  "duplicate-section": { severity: "error", checks: "no known section appears twice" },
  "empty-section": { severity: "error / warning", checks: "no section is empty (an error for a required one)" },
  "requirements-list": { severity: "error / warning", checks: "Requirements is a numbered list (a stray bullet is a warning)" },
  "done-checklist": { severity: "error / warning", checks: "Definition of done is a - [ ] checklist (a plain bullet is a warning)" },
  "glossary-entry": { severity: "warning", checks: "each glossary item names a term: - **term**: definition" },
  "unknown-section": { severity: "warning", checks: "an unknown section is not a misspelt known one" },
  "unmeasurable-requirement": { severity: "warning", checks: "a requirement with a vague word (fast, robust, intuitive...) also has a measure" },
  "duplicate-requirement-id": { severity: "error", checks: "requirement ids are unique" },
  "undefined-term": { severity: "warning", checks: "terms the requirements use are in the glossary, Interfaces or Context" },
  contradiction: { severity: "error", checks: 'no phrase is both "must X" and "must not X"' },
  "conflicting-limits": { severity: "error", checks: "numeric limits on the same quantity can all hold" },
  "unknown-service": { severity: "error", checks: "services names twins lightsout has" },
  "model-format": { severity: "error", checks: "model is written provider:model" },
  "missing-app": { severity: "warning", checks: "the front matter says how to start the app (app.command), which a factory run needs to evaluate it" },
  "uncovered-requirement": { severity: "warning", checks: "with scenarios: every requirement is covered by a scenario tagged with its id (or one of its [tags: ...])" },
  "unknown-requirement-tag": { severity: "warning", checks: "with scenarios: a tag like R9 names a requirement of the spec" },
} as const satisfies Record<string, { severity: string; checks: string }>;

const MODEL = /^[a-z][a-z0-9-]*:[^\s:][^\s]*$/;
const REQUIREMENT_TAG = /^R\d+$/i;

function lintSections(spec: SpecDocument, report: Report): void {
  for (const section of spec.sections) {
    if (knownSection(section.name)) continue;
    const suggestion = closestName(section.name.replace(/:\s*$/, "").trim(), KNOWN_SECTIONS) as KnownSection | undefined;
    if (suggestion === undefined) continue;
    report("unknown-section", "warning", { line: section.line, column: 1 }, `## ${section.name} is not a section the spec knows; it is kept as written`, `did you mean ## ${SECTION_TITLES[suggestion]}?`);
  }
}

function lintFrontMatter(spec: SpecDocument, report: Report, knownServices: readonly string[]): void {
  spec.services.forEach((service, index) => {
    if (knownServices.includes(service)) return;
    const line = spec.serviceLines[index] ?? spec.frontMatterLines.services ?? 1;
    const suggestion = closestName(service, knownServices);
    report(
      "unknown-service",
      "error",
      locateText(spec, service, line, { line, column: 1 }, { span: 1 }),
      `unknown service "${service}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`,
      `services are twins lightsout has: ${knownServices.join(", ")}`,
    );
  });
  if (spec.app === undefined) {
    report("missing-app", "warning", { line: spec.titleLine, column: 1 }, "the spec does not say how to start the app, so a factory run cannot evaluate it", "add app: { command: node app.mjs } to the front matter");
  }
  if (spec.model !== undefined && !MODEL.test(spec.model)) {
    const line = spec.frontMatterLines.model ?? 1;
    report("model-format", "error", { line, column: 1 }, `model "${spec.model}" is not of the form provider:model`, "write it as provider:model, such as openai:gpt-5.1 or anthropic:claude-sonnet-4-5");
  }
}

function tagLine(scenario: Scenario, tag: string): { line: number; column: number } {
  const lines = scenario.source.text.split(/\r?\n/);
  const index = lines.findIndex((line) => /^\s*tags\s*:/.test(line) && line.includes(tag));
  if (index === -1) return { line: 1, column: 1 };
  return { line: index + 1, column: lines[index]!.indexOf(tag) + 1 };
}

function lintCoverage(spec: SpecDocument, scenarios: readonly Scenario[], report: Report, issues: SpecIssue[]): void {
  const tagged = new Map<string, Scenario[]>();
  for (const scenario of scenarios) {
    for (const tag of scenario.tags) tagged.set(tag.toLowerCase(), [...(tagged.get(tag.toLowerCase()) ?? []), scenario]);
  }
  for (const requirement of spec.requirements) {
    const keys = [requirement.id, ...requirement.tags].map((tag) => tag.toLowerCase());
    if (keys.some((tag) => tagged.has(tag))) continue;
    const tags = requirement.tags.length > 0 ? ` or ${requirement.tags.join(", ")}` : "";
    report("uncovered-requirement", "warning", requirement, `no scenario covers ${requirement.id}: none is tagged ${requirement.id}${tags}`, `add ${requirement.id} to the tags of a scenario that checks it`);
  }
  const ids = new Set(spec.requirements.map((requirement) => requirement.id.toLowerCase()));
  for (const scenario of scenarios) {
    for (const tag of scenario.tags) {
      if (!REQUIREMENT_TAG.test(tag) || ids.has(tag.toLowerCase())) continue;
      issues.push({
        file: scenario.source.file,
        ...tagLine(scenario, tag),
        severity: "warning",
        rule: "unknown-requirement-tag",
        message: `scenario ${scenario.id} is tagged ${tag}, but ${spec.file} has no requirement ${tag.toUpperCase()}`,
        hint: "correct the tag, or add the requirement to the spec",
      });
    }
  }
}

/** Lints a parsed spec: every rule of SPEC_RULES but the structural ones (readSpec's). */
export function lintSpec(spec: SpecDocument, options: LintSpecOptions = {}): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const report: Report = (rule, severity, at, message, hint) => issues.push({ file: spec.file, line: at.line, column: at.column, severity, rule, message, hint });
  lintSections(spec, report);
  lintFrontMatter(spec, report, options.knownServices ?? KNOWN_TWINS);
  lintDuplicateIds(spec, report);
  lintMeasurable(spec, report);
  lintUndefinedTerms(spec, report);
  lintObligations(spec, report);
  lintLimits(spec, report);
  if (options.scenarios) lintCoverage(spec, options.scenarios, report, issues);
  return issues.sort(compareSpecIssues);
}

export interface SpecLintResult {
  /** Undefined when the spec could not be read far enough to lint its content. */
  spec?: SpecDocument;
  issues: SpecIssue[];
}

/** The structural problems of `readSpec` and, when the spec could be read, those of `lintSpec`. */
export function lintSpecText(text: string, file: string, options: LintSpecOptions = {}): SpecLintResult {
  const read = readSpec(text, file);
  if (!read.spec) return { issues: read.issues };
  return { spec: read.spec, issues: [...read.issues, ...lintSpec(read.spec, options)].sort(compareSpecIssues) };
}

/**
 * Loads the scenarios under `paths` (files, or directories searched for *.yaml / *.yml) for the
 * coverage rules. A path that does not exist or a scenario that cannot be loaded throws a
 * LightsoutError "SCENARIO": coverage against a partly read suite would mislead.
 */
export function loadCoverageScenarios(paths: readonly string[]): Scenario[] {
  const files = [...new Set(paths.flatMap((path) => listScenarioFiles(path)))];
  if (files.length === 0) throw new LightsoutError("SCENARIO", `no scenario files (*.yaml, *.yml) in ${paths.join(", ")}`);
  return files.map((file) => loadScenarioFile(file));
}

/** Reads, parses and lints a spec file; `scenarioPaths` turns the coverage rules on. */
export function lintSpecFile(path: string, options: { scenarioPaths?: readonly string[]; knownServices?: readonly string[] } = {}): SpecLintResult {
  const text = readSpecText(path);
  const scenarios = options.scenarioPaths && options.scenarioPaths.length > 0 ? loadCoverageScenarios(options.scenarioPaths) : undefined;
  return lintSpecText(text, path, { ...(scenarios ? { scenarios } : {}), ...(options.knownServices ? { knownServices: options.knownServices } : {}) });
}
