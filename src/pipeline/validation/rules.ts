/**
 * The built-in lint rules, in the order of spec 7.2, then `attribute_types`. Rules are split by
 * concern: structure-rules.ts, syntax-rules.ts and attribute-rules.ts.
 */
import { SHAPE_TO_TYPE } from "../attributes.js";
import type { LintRule } from "./diagnostic.js";
import {
  attributeTypesRule,
  fidelityValidRule,
  goalGateHasRetryRule,
  promptOnLlmNodesRule,
  retryTargetExistsRule,
  typeKnownRule,
} from "./attribute-rules.js";
import {
  edgeTargetExistsRule,
  exitNoOutgoingRule,
  reachabilityRule,
  startNoIncomingRule,
  startNodeRule,
  terminalNodeRule,
} from "./structure-rules.js";
import { conditionSyntaxRule, stylesheetSyntaxRule } from "./syntax-rules.js";

export {
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
};

/** The handler types of the built-in shapes (spec 2.8), the default for `type_known`. */
export const DEFAULT_KNOWN_HANDLER_TYPES: readonly string[] = [...new Set(Object.values(SHAPE_TO_TYPE))];

export const BUILT_IN_RULES: readonly LintRule[] = [
  startNodeRule,
  terminalNodeRule,
  reachabilityRule,
  edgeTargetExistsRule,
  startNoIncomingRule,
  exitNoOutgoingRule,
  conditionSyntaxRule,
  stylesheetSyntaxRule,
  typeKnownRule,
  fidelityValidRule,
  retryTargetExistsRule,
  goalGateHasRetryRule,
  promptOnLlmNodesRule,
  attributeTypesRule,
];
