/** Validation and linting (spec 7): diagnostics, the built-in rules, and `validate`. */
export { formatDiagnostic, type Diagnostic, type LintOptions, type LintRule, type Severity } from "./diagnostic.js";
export {
  BUILT_IN_RULES,
  DEFAULT_KNOWN_HANDLER_TYPES,
  attributeTypesRule,
  conditionSyntaxRule,
  edgeTargetExistsRule,
  exitNoOutgoingRule,
  fidelityValidRule,
  goalGateHasRetryRule,
  promptOnLlmNodesRule,
  reachabilityRule,
  retryTargetExistsRule,
  startNoIncomingRule,
  startNodeRule,
  stylesheetSyntaxRule,
  terminalNodeRule,
  typeKnownRule,
} from "./rules.js";
export { ValidationError, validate, validateOrRaise, type ValidateOptions } from "./validate.js";
