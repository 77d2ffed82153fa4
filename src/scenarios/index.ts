/**
 * `lightsout/scenarios`: scenarios end to end. The model (types shared by everything below), the
 * YAML format and its lint, templates, expectation queries and matchers, judges, holdout
 * protection (canaries, leak check, feedback), the runner (trials on fresh twin tenants), the
 * statistics (pure) and the reports; `evaluateScenarios` runs them all as one call.
 * Guides: docs/scenarios/.
 */
export type * from "./model.js";
export * from "./format/index.js";
export * from "./templates.js";
export * from "./expectations/index.js";
export * from "./judges/index.js";
export * from "./holdouts/index.js";
export * from "./runner/index.js";
export * from "./stats/index.js";
export * from "./report/index.js";
export { evaluateScenarios, loadLintedScenarios, type EvaluateOptions, type EvaluateResult } from "./evaluate.js";
