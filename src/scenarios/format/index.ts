/**
 * The scenario file format: YAML text -> `Scenario` (src/scenarios/model.ts) with precise errors,
 * and the lint that checks what the schema cannot (references, twins, fixtures, holdout canaries).
 * Reference: docs/scenarios/format.md.
 */
import { LightsoutError } from "../../errors.js";
import type { Scenario } from "../model.js";
import { ScenarioFormatError, type ScenarioDiagnostic } from "./diagnostic.js";
import { listScenarioFiles } from "./discover.js";
import { loadScenarioFile } from "./parse.js";

export { parseScenarioText, loadScenarioFile, type ParseOptions } from "./parse.js";
export { ScenarioFormatError, formatDiagnostic, compareDiagnostics, type ScenarioDiagnostic } from "./diagnostic.js";
export { listScenarioFiles } from "./discover.js";
export { lintScenarios, lintScenarioPaths, LINT_RULES, type LintOptions } from "./lint.js";
export { scenarioFileSchema, SCENARIO_SCHEMA_ID, type ScenarioFileInput } from "./input-schema.js";
export { scenarioJsonSchema } from "./json-schema.js";
export { durationMs } from "./duration.js";

/**
 * Every *.yaml / *.yml under dir (recursively, sorted, skipping directories named `fixtures` and
 * dot-directories). A path to a single file is accepted too. Throws SCENARIO if none found, and
 * with every problem of every file when any file is invalid.
 */
export function loadScenarioDir(pathOrDir: string): Scenario[] {
  const files = listScenarioFiles(pathOrDir);
  if (files.length === 0) throw new LightsoutError("SCENARIO", `${pathOrDir}: no scenario files (*.yaml, *.yml)`);
  const scenarios: Scenario[] = [];
  const problems: ScenarioDiagnostic[] = [];
  for (const file of files) {
    try {
      scenarios.push(loadScenarioFile(file));
    } catch (error) {
      if (!(error instanceof ScenarioFormatError)) throw error;
      problems.push(...error.diagnostics);
    }
  }
  if (problems.length > 0) throw new ScenarioFormatError(problems);
  return scenarios;
}
