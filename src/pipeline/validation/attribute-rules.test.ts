import { describe, expect, it } from "vitest";
import { addEdge, addNode, createGraph, type Graph } from "../graph.js";
import {
  attributeTypesRule,
  fidelityValidRule,
  goalGateHasRetryRule,
  promptOnLlmNodesRule,
  retryTargetExistsRule,
  typeKnownRule,
} from "./attribute-rules.js";
import type { Diagnostic, LintRule } from "./diagnostic.js";
import { DEFAULT_KNOWN_HANDLER_TYPES } from "./rules.js";

/** start -> work -> exit, where `work` gets the attributes under test. */
function graphWith(work: Record<string, string>, graphAttributes: Record<string, string> = {}): Graph {
  const graph = createGraph("test", graphAttributes);
  addNode(graph, "start", { shape: "Mdiamond" });
  addNode(graph, "work", { prompt: "Do it", ...work });
  addNode(graph, "exit", { shape: "Msquare" });
  addEdge(graph, "start", "work");
  addEdge(graph, "work", "exit");
  return graph;
}

function run(rule: LintRule, graph: Graph, knownHandlerTypes: readonly string[] = DEFAULT_KNOWN_HANDLER_TYPES): Diagnostic[] {
  return rule.apply(graph, { knownHandlerTypes });
}

describe("type_known", () => {
  it("accepts the nine built-in handler types and nodes without a type", () => {
    expect(DEFAULT_KNOWN_HANDLER_TYPES).toHaveLength(9);
    for (const type of DEFAULT_KNOWN_HANDLER_TYPES) expect(run(typeKnownRule, graphWith({ type }))).toEqual([]);
    expect(run(typeKnownRule, graphWith({}))).toEqual([]);
  });

  it("warns about an unknown type, suggesting a near miss", () => {
    const graph = graphWith({ type: "wait.humen" });
    graph.nodes.get("work")!.attributeLocations = { type: { line: 3, column: 9 } };
    expect(run(typeKnownRule, graph)).toEqual([
      expect.objectContaining({ rule: "type_known", severity: "warning", nodeId: "work", location: { line: 3, column: 9 }, fix: 'did you mean type="wait.human"?' }),
    ]);
  });

  it("accepts types the caller registered", () => {
    expect(run(typeKnownRule, graphWith({ type: "deploy" }), [...DEFAULT_KNOWN_HANDLER_TYPES, "deploy"])).toEqual([]);
    expect(run(typeKnownRule, graphWith({ type: "deploy" }))).toHaveLength(1);
  });
});

describe("fidelity_valid", () => {
  it("accepts every fidelity mode, and empty values as unset", () => {
    for (const fidelity of ["full", "truncate", "compact", "summary:low", "summary:medium", "summary:high"]) {
      expect(run(fidelityValidRule, graphWith({ fidelity }, { default_fidelity: fidelity }))).toEqual([]);
    }
    expect(run(fidelityValidRule, graphWith({}, { default_fidelity: "" }))).toEqual([]);
  });

  it("warns about invalid modes on the graph, nodes and edges", () => {
    const graph = graphWith({ fidelity: "summary" }, { default_fidelity: "everything" });
    graph.edges[0]!.attributes["fidelity"] = "Full";
    const diagnostics = run(fidelityValidRule, graph);
    expect(diagnostics.map((diagnostic) => [diagnostic.severity, diagnostic.nodeId, diagnostic.edge])).toEqual([
      ["warning", undefined, undefined],
      ["warning", "work", undefined],
      ["warning", undefined, { from: "start", to: "work" }],
    ]);
    expect(diagnostics[1]!.message).toBe('node "work": fidelity "summary" is not a fidelity mode');
  });
});

describe("retry_target_exists", () => {
  it("accepts retry targets that name nodes", () => {
    expect(run(retryTargetExistsRule, graphWith({ retry_target: "work", fallback_retry_target: "start" }, { retry_target: "work" }))).toEqual([]);
  });

  it("warns about node and graph retry targets that name no node", () => {
    const diagnostics = run(retryTargetExistsRule, graphWith({ retry_target: "wrok", fallback_retry_target: "nowhere" }, { fallback_retry_target: "gone" }));
    expect(diagnostics).toEqual([
      expect.objectContaining({ rule: "retry_target_exists", severity: "warning", message: 'graph: fallback_retry_target "gone" is not a node of the graph' }),
      expect.objectContaining({ nodeId: "work", message: expect.stringMatching(/^node "work": retry_target "wrok"/), fix: 'did you mean "work"?' }),
      expect.objectContaining({ nodeId: "work", message: expect.stringMatching(/fallback_retry_target "nowhere"/) }),
    ]);
  });
});

describe("goal_gate_has_retry", () => {
  it("accepts goal gates with a node or graph retry target, and nodes that are not gates", () => {
    expect(run(goalGateHasRetryRule, graphWith({ goal_gate: "true", retry_target: "work" }))).toEqual([]);
    expect(run(goalGateHasRetryRule, graphWith({ goal_gate: "true", fallback_retry_target: "work" }))).toEqual([]);
    expect(run(goalGateHasRetryRule, graphWith({ goal_gate: "true" }, { retry_target: "work" }))).toEqual([]);
    expect(run(goalGateHasRetryRule, graphWith({ goal_gate: "false" }))).toEqual([]);
  });

  it("warns about a goal gate without any retry target", () => {
    expect(run(goalGateHasRetryRule, graphWith({ goal_gate: "true" }))).toEqual([
      expect.objectContaining({ rule: "goal_gate_has_retry", severity: "warning", nodeId: "work", fix: expect.stringMatching(/retry_target=/) }),
    ]);
  });
});

describe("prompt_on_llm_nodes", () => {
  it("accepts codergen nodes with a prompt or a label, and non-LLM nodes without either", () => {
    expect(run(promptOnLlmNodesRule, graphWith({}))).toEqual([]);
    expect(run(promptOnLlmNodesRule, graphWith({ prompt: "", label: "Write the code" }))).toEqual([]);
    expect(run(promptOnLlmNodesRule, graphWith({ prompt: "", shape: "hexagon" }))).toEqual([]);
    expect(run(promptOnLlmNodesRule, graphWith({ prompt: "", type: "tool" }))).toEqual([]);
  });

  it("does not count start and exit nodes found by id as LLM nodes", () => {
    const graph = createGraph();
    addNode(graph, "start");
    addNode(graph, "exit");
    addEdge(graph, "start", "exit");
    expect(run(promptOnLlmNodesRule, graph)).toEqual([]);
  });

  it("warns about a codergen node with neither prompt nor label", () => {
    expect(run(promptOnLlmNodesRule, graphWith({ prompt: "  " }))).toEqual([
      expect.objectContaining({ rule: "prompt_on_llm_nodes", severity: "warning", nodeId: "work" }),
    ]);
    expect(run(promptOnLlmNodesRule, graphWith({ prompt: "", shape: "box", type: "codergen" }))).toHaveLength(1);
  });
});

describe("attribute_types", () => {
  it("accepts well-typed values and ignores unknown attributes and empty values", () => {
    const graph = graphWith(
      { max_retries: "2", timeout: "900s", goal_gate: "true", reasoning_effort: "low", join_policy: "wait_all", custom_thing: "anything", allow_partial: "" },
      { default_max_retries: "1" },
    );
    graph.edges[0]!.attributes["weight"] = "-3";
    expect(run(attributeTypesRule, graph)).toEqual([]);
  });

  it("reports values of the wrong type, naming the attribute, the type and the value", () => {
    const graph = graphWith({ max_retries: "abc", timeout: "soon", goal_gate: "yes", reasoning_effort: "max" }, { default_max_retries: "many" });
    graph.source = "typed.dot";
    graph.graphAttributeLocations = { default_max_retries: { line: 2, column: 3 } };
    graph.nodes.get("work")!.attributeLocations = { timeout: { line: 5, column: 30 } };
    const edge = graph.edges[1]!;
    edge.attributes["weight"] = "x";
    edge.location = { line: 9, column: 1 };
    const diagnostics = run(attributeTypesRule, graph);
    expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'graph: default_max_retries must be an integer, got "many"',
      'node "work": max_retries must be an integer, got "abc"',
      'node "work": timeout must be a duration (an integer with ms, s, m, h or d), got "soon"',
      'node "work": goal_gate must be true or false, got "yes"',
      'node "work": reasoning_effort must be low, medium or high, got "max"',
      'edge work -> exit: weight must be an integer, got "x"',
    ]);
    expect(diagnostics.every((diagnostic) => diagnostic.severity === "error" && diagnostic.rule === "attribute_types" && diagnostic.fix)).toBe(true);
    expect(diagnostics[0]!.location).toEqual({ line: 2, column: 3 });
    expect(diagnostics[2]).toMatchObject({ nodeId: "work", location: { line: 5, column: 30 }, source: "typed.dot" });
    expect(diagnostics[5]).toMatchObject({ edge: { from: "work", to: "exit" }, location: { line: 9, column: 1 } });
  });

  it("leaves fidelity values to fidelity_valid, so a problem is reported once", () => {
    const graph = graphWith({ fidelity: "bogus" }, { default_fidelity: "bogus" });
    expect(run(attributeTypesRule, graph)).toEqual([]);
    expect(run(fidelityValidRule, graph)).toHaveLength(2);
  });
});
