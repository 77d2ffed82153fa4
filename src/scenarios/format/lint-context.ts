/** What every lint rule needs for one scenario: where a YAML path is, and how to say so. */
import type { Scenario } from "../model.js";
import { formatJsonPath } from "../templates.js";
import type { ScenarioDiagnostic } from "./diagnostic.js";
import { locatePath, parseLocatable, type LocatableSource, type PathSegment } from "./source-positions.js";

export interface ReportOptions {
  severity?: "error" | "warning";
  /** Point at the key rather than the value. */
  at?: "value" | "key";
  /** Point at this text inside the string value (a `${...}`), when it is there. */
  needle?: string;
}

export interface LintContext {
  scenario: Scenario;
  /** A diagnostic at a path of the scenario's YAML (`["steps", 2, "http", "path"]`), the path prefixed to the message. */
  report(rule: string, path: PathSegment[], message: string, options?: ReportOptions): void;
  /** The same, in another file (a fixture file) whose text is given. */
  reportIn(file: string, text: string | undefined, rule: string, path: PathSegment[], message: string, options?: ReportOptions): void;
}

const sources = new WeakMap<Scenario, LocatableSource>();

function sourceOf(scenario: Scenario): LocatableSource {
  let source = sources.get(scenario);
  if (!source) {
    source = parseLocatable(scenario.source.text);
    sources.set(scenario, source);
  }
  return source;
}

function prefixed(path: PathSegment[], message: string): string {
  const shown = formatJsonPath(path);
  return shown ? `${shown}: ${message}` : message;
}

/** The scenario's YAML as plain data (what the file says, before the model), when its text parses to a mapping. */
export function yamlOf(scenario: Scenario): Record<string, unknown> | undefined {
  const source = sourceOf(scenario);
  if (source.document.errors.length > 0) return undefined;
  const value = source.document.toJS({ maxAliasCount: 100 }) as unknown;
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function createLintContext(scenario: Scenario, diagnostics: ScenarioDiagnostic[]): LintContext {
  return {
    scenario,
    report(rule, path, message, options = {}) {
      const { line, column } = locatePath(sourceOf(scenario), path, options.at ?? "value", options.needle);
      diagnostics.push({ file: scenario.source.file, line, column, severity: options.severity ?? "error", rule, message: prefixed(path, message) });
    },
    reportIn(file, text, rule, path, message, options = {}) {
      const { line, column } = text === undefined ? { line: 1, column: 1 } : locatePath(parseLocatable(text), path, options.at ?? "value", options.needle);
      diagnostics.push({ file, line, column, severity: options.severity ?? "error", rule, message: prefixed(path, message) });
    },
  };
}
