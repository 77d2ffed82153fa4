/**
 * Rules about attribute values (spec 7.2 plus `attribute_types`): handler types, fidelity modes,
 * retry targets, goal gates, prompts, and values of the wrong type. Empty values mean "unset"
 * (spec 2.5 says so for `default_fidelity`) and are not reported.
 */
import {
  EDGE_ATTRIBUTE_TYPES,
  FIDELITY_MODES,
  GRAPH_ATTRIBUTE_TYPES,
  NODE_ATTRIBUTE_TYPES,
  handlerTypeOf,
  isValid,
  parseBoolean,
  type AttributeType,
} from "../attributes.js";
import { describeEdge, findExitNodes, findStartNodes, type Attributes, type Graph } from "../graph.js";
import type { Diagnostic, LintRule } from "./diagnostic.js";
import { edgeDiagnostic, graphDiagnostic, nodeDiagnostic, quote, type DiagnosticFields } from "./locate.js";
import { editDistance } from "../../edit-distance.js";

/** The closest candidate within two edits, for "did you mean" hints. */
function closest(text: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    // Lengths further apart than the threshold cannot be within it; skipping them keeps big graphs fast.
    if (Math.abs(candidate.length - text.length) >= bestDistance) continue;
    const distance = editDistance(text, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      // One edit is the best possible for a text that is not itself a candidate.
      if (distance <= 1) break;
    }
  }
  return best;
}


function isSet(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== "";
}

export const typeKnownRule: LintRule = {
  name: "type_known",
  apply(graph, options) {
    const diagnostics: Diagnostic[] = [];
    for (const node of graph.nodes.values()) {
      const type = node.attributes["type"];
      if (!isSet(type) || options.knownHandlerTypes.includes(type)) continue;
      const suggestion = closest(type, options.knownHandlerTypes);
      diagnostics.push(
        nodeDiagnostic(graph, node, {
          rule: "type_known",
          severity: "warning",
          attribute: "type",
          message: `node ${quote(node.id)} has type ${quote(type)}, which no registered handler provides`,
          fix: suggestion ? `did you mean type=${quote(suggestion)}?` : `use one of ${options.knownHandlerTypes.join(", ")}, or register a handler for ${quote(type)}`,
        }),
      );
    }
    return diagnostics;
  },
};

const FIDELITY_FIX = `use one of ${FIDELITY_MODES.join(", ")}`;

function isFidelity(value: string): boolean {
  return (FIDELITY_MODES as readonly string[]).includes(value);
}

export const fidelityValidRule: LintRule = {
  name: "fidelity_valid",
  apply(graph) {
    const diagnostics: Diagnostic[] = [];
    const fields = (owner: string, attribute: string, value: string): DiagnosticFields => ({
      rule: "fidelity_valid",
      severity: "warning",
      attribute,
      message: `${owner}: ${attribute} ${quote(value)} is not a fidelity mode`,
      fix: FIDELITY_FIX,
    });
    const graphFidelity = graph.attributes["default_fidelity"];
    if (isSet(graphFidelity) && !isFidelity(graphFidelity)) {
      diagnostics.push(graphDiagnostic(graph, fields("graph", "default_fidelity", graphFidelity)));
    }
    for (const node of graph.nodes.values()) {
      const value = node.attributes["fidelity"];
      if (isSet(value) && !isFidelity(value)) diagnostics.push(nodeDiagnostic(graph, node, fields(`node ${quote(node.id)}`, "fidelity", value)));
    }
    for (const edge of graph.edges) {
      const value = edge.attributes["fidelity"];
      if (isSet(value) && !isFidelity(value)) diagnostics.push(edgeDiagnostic(graph, edge, fields(`edge ${describeEdge(edge)}`, "fidelity", value)));
    }
    return diagnostics;
  },
};

const RETRY_TARGET_ATTRIBUTES = ["retry_target", "fallback_retry_target"] as const;

export const retryTargetExistsRule: LintRule = {
  name: "retry_target_exists",
  apply(graph) {
    const diagnostics: Diagnostic[] = [];
    const fields = (owner: string, attribute: string, target: string): DiagnosticFields => ({
      rule: "retry_target_exists",
      severity: "warning",
      attribute,
      message: `${owner}: ${attribute} ${quote(target)} is not a node of the graph`,
      fix: closestNodeHint(graph, target),
    });
    for (const attribute of RETRY_TARGET_ATTRIBUTES) {
      const target = graph.attributes[attribute];
      if (isSet(target) && !graph.nodes.has(target)) diagnostics.push(graphDiagnostic(graph, fields("graph", attribute, target)));
    }
    for (const node of graph.nodes.values()) {
      for (const attribute of RETRY_TARGET_ATTRIBUTES) {
        const target = node.attributes[attribute];
        if (isSet(target) && !graph.nodes.has(target)) diagnostics.push(nodeDiagnostic(graph, node, fields(`node ${quote(node.id)}`, attribute, target)));
      }
    }
    return diagnostics;
  },
};

function closestNodeHint(graph: Graph, target: string): string {
  // Only look for a near miss in modest graphs: the scan compares the target with every node id.
  const suggestion = graph.nodes.size <= 2000 ? closest(target, [...graph.nodes.keys()]) : undefined;
  return suggestion ? `did you mean ${quote(suggestion)}?` : "name an existing node id";
}

function hasRetryTarget(attributes: Attributes): boolean {
  return RETRY_TARGET_ATTRIBUTES.some((attribute) => isSet(attributes[attribute]));
}

export const goalGateHasRetryRule: LintRule = {
  name: "goal_gate_has_retry",
  apply(graph) {
    // The engine also falls back to the graph's retry targets (spec 3.4), so those count.
    if (hasRetryTarget(graph.attributes)) return [];
    const diagnostics: Diagnostic[] = [];
    for (const node of graph.nodes.values()) {
      if (parseBoolean(node.attributes["goal_gate"] ?? "") !== true || hasRetryTarget(node.attributes)) continue;
      diagnostics.push(
        nodeDiagnostic(graph, node, {
          rule: "goal_gate_has_retry",
          severity: "warning",
          attribute: "goal_gate",
          message: `goal gate ${quote(node.id)} has no retry_target or fallback_retry_target, so an unsatisfied gate fails the run at exit`,
          fix: `add retry_target=<node to retry from> to ${quote(node.id)} or to the graph`,
        }),
      );
    }
    return diagnostics;
  },
};

export const promptOnLlmNodesRule: LintRule = {
  name: "prompt_on_llm_nodes",
  apply(graph) {
    // A `start` or `exit` id without a shape resolves to codergen by shape, but runs as start/exit.
    const startAndExit = new Set([...findStartNodes(graph), ...findExitNodes(graph)].map((node) => node.id));
    const diagnostics: Diagnostic[] = [];
    for (const node of graph.nodes.values()) {
      if (startAndExit.has(node.id) || handlerTypeOf(node.attributes) !== "codergen") continue;
      if (isSet(node.attributes["prompt"]) || isSet(node.attributes["label"])) continue;
      diagnostics.push(
        nodeDiagnostic(graph, node, {
          rule: "prompt_on_llm_nodes",
          severity: "warning",
          message: `LLM node ${quote(node.id)} has no prompt or label, so the model gets no instruction`,
          fix: `add prompt="..." to ${quote(node.id)}`,
        }),
      );
    }
    return diagnostics;
  },
};

/** How to describe each checked type; a type added to attributes.ts later gets a generic message. */
const EXPECTED: Partial<Record<AttributeType, { description: string; example: string }>> = {
  integer: { description: "an integer", example: "3" },
  float: { description: "a number", example: "0.5" },
  boolean: { description: "true or false", example: "true" },
  duration: { description: "a duration (an integer with ms, s, m, h or d)", example: "900s" },
  effort: { description: "low, medium or high", example: "high" },
  join_policy: { description: "wait_all or first_success", example: "wait_all" },
};

/** Problems with an attribute table's typed values; `fidelity` is left to `fidelity_valid`. */
function typeProblems(attributes: Attributes, types: Record<string, AttributeType>, owner: string): DiagnosticFields[] {
  const problems: DiagnosticFields[] = [];
  for (const [attribute, value] of Object.entries(attributes)) {
    const type = Object.hasOwn(types, attribute) ? types[attribute] : undefined;
    if (type === undefined || type === "string" || type === "fidelity" || !isSet(value) || isValid(type, value)) continue;
    const expected = EXPECTED[type];
    problems.push({
      rule: "attribute_types",
      severity: "error",
      attribute,
      message: `${owner}: ${attribute} must be ${expected?.description ?? `a valid ${type} value`}, got ${quote(value)}`,
      fix: expected ? `write ${attribute}=${expected.example}` : `see the attribute reference for the values of ${attribute}`,
    });
  }
  return problems;
}

export const attributeTypesRule: LintRule = {
  name: "attribute_types",
  apply(graph) {
    const diagnostics = typeProblems(graph.attributes, GRAPH_ATTRIBUTE_TYPES, "graph").map((fields) => graphDiagnostic(graph, fields));
    for (const node of graph.nodes.values()) {
      for (const fields of typeProblems(node.attributes, NODE_ATTRIBUTE_TYPES, `node ${quote(node.id)}`)) diagnostics.push(nodeDiagnostic(graph, node, fields));
    }
    for (const edge of graph.edges) {
      for (const fields of typeProblems(edge.attributes, EDGE_ATTRIBUTE_TYPES, `edge ${describeEdge(edge)}`)) diagnostics.push(edgeDiagnostic(graph, edge, fields));
    }
    return diagnostics;
  },
};
