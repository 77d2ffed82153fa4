import { describe, expect, it } from "vitest";
import { LightsoutError } from "../../errors.js";
import { addEdge, addNode, createGraph, type Graph } from "../graph.js";
import type { LintRule } from "./diagnostic.js";
import { BUILT_IN_RULES, ValidationError, formatDiagnostic, validate, validateOrRaise } from "./index.js";

/** start -> plan -> exit, valid under every rule. */
function validGraph(): Graph {
  const graph = createGraph("test", { goal: "Ship it" });
  addNode(graph, "start", { shape: "Mdiamond" });
  addNode(graph, "plan", { prompt: "Plan: $goal" });
  addNode(graph, "exit", { shape: "Msquare" });
  addEdge(graph, "start", "plan");
  addEdge(graph, "plan", "exit");
  return graph;
}

function rulesOf(graph: Graph): string[] {
  return validate(graph).map((diagnostic) => `${diagnostic.severity}:${diagnostic.rule}`);
}

describe("11.2 validation and linting", () => {
  it("11.2 Exactly one start node (shape=Mdiamond or id matching `start`/`Start`) is required", () => {
    const missing = validGraph();
    missing.nodes.delete("start");
    missing.edges.shift();
    expect(rulesOf(missing)).toContain("error:start_node");
    const two = validGraph();
    addNode(two, "Start", { shape: "Mdiamond" });
    addEdge(two, "Start", "plan");
    expect(rulesOf(two)).toContain("error:start_node");
    expect(rulesOf(validGraph())).toEqual([]);
  });

  it("11.2 Exactly one exit node (shape=Msquare or id matching `exit`/`end`) is required", () => {
    const missing = validGraph();
    missing.nodes.delete("exit");
    missing.edges.pop();
    expect(rulesOf(missing)).toEqual(["error:terminal_node"]);
    const two = validGraph();
    addNode(two, "end", { shape: "Msquare" });
    addEdge(two, "plan", "end");
    expect(rulesOf(two)).toEqual(["error:terminal_node"]);
  });

  it("11.2 Start node has no incoming edges", () => {
    const graph = validGraph();
    addEdge(graph, "plan", "start");
    expect(rulesOf(graph)).toEqual(["error:start_no_incoming"]);
  });

  it("11.2 Exit node has no outgoing edges", () => {
    const graph = validGraph();
    addEdge(graph, "exit", "plan");
    expect(rulesOf(graph)).toEqual(["error:exit_no_outgoing"]);
  });

  it("11.2 All nodes are reachable from start (no orphans)", () => {
    const graph = validGraph();
    addNode(graph, "orphan", { prompt: "lost" });
    addEdge(graph, "orphan", "exit");
    expect(validate(graph)).toEqual([expect.objectContaining({ rule: "reachability", severity: "error", nodeId: "orphan" })]);
  });

  it("11.2 All edges reference valid node IDs", () => {
    const graph = validGraph();
    addEdge(graph, "plan", "nowhere");
    expect(validate(graph)).toEqual([expect.objectContaining({ rule: "edge_target_exists", severity: "error", edge: { from: "plan", to: "nowhere" } })]);
  });

  it("11.2 Codergen nodes (shape=box) have non-empty `prompt` attribute (warning if missing)", () => {
    const graph = validGraph();
    graph.nodes.get("plan")!.attributes = { shape: "box" };
    expect(rulesOf(graph)).toEqual(["warning:prompt_on_llm_nodes"]);
  });

  it("11.2 Condition expressions on edges parse without errors", () => {
    const graph = validGraph();
    graph.edges[1]!.attributes["condition"] = "outcome=success && context.ready=true";
    expect(rulesOf(graph)).toEqual([]);
    graph.edges[1]!.attributes["condition"] = "outcome=success || outcome=fail";
    expect(rulesOf(graph)).toEqual(["error:condition_syntax"]);
  });

  it("11.2 `validate_or_raise()` throws on error-severity violations", () => {
    const graph = validGraph();
    graph.source = "demo.dot";
    addEdge(graph, "plan", "nowhere").location = { line: 8, column: 3 };
    let thrown: unknown;
    try {
      validateOrRaise(graph);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect(LightsoutError.isInstance(thrown)).toBe(true);
    const error = thrown as ValidationError;
    expect(error.code).toBe("VALIDATION");
    expect(error.diagnostics).toHaveLength(1);
    expect(error.errors).toHaveLength(1);
    expect(error.message).toBe(`pipeline validation failed with 1 error:\n  demo.dot:8:3: error [edge_target_exists] edge plan -> nowhere: target "nowhere" is not a node of the graph (fix: declare node "nowhere" or correct the edge's target)`);
  });

  it("11.2 Lint results include rule name, severity (error/warning), node/edge ID, and message", () => {
    const graph = validGraph();
    addNode(graph, "gate", { goal_gate: "true", prompt: "check" });
    addEdge(graph, "plan", "gate");
    addEdge(graph, "gate", "exit", { condition: "outcome=" });
    const diagnostics = validate(graph);
    expect(diagnostics).toEqual([
      expect.objectContaining({ rule: "condition_syntax", severity: "error", edge: { from: "gate", to: "exit" }, message: expect.any(String) }),
      expect.objectContaining({ rule: "goal_gate_has_retry", severity: "warning", nodeId: "gate", message: expect.any(String) }),
    ]);
  });
});

describe("11.12 parity matrix, validation rows", () => {
  it("11.12 Validate: missing start node -> error", () => {
    const graph = validGraph();
    graph.nodes.delete("start");
    graph.edges.shift();
    expect(validate(graph).filter((diagnostic) => diagnostic.severity === "error").map((diagnostic) => diagnostic.rule)).toEqual(["start_node"]);
  });

  it("11.12 Validate: missing exit node -> error", () => {
    const graph = validGraph();
    graph.nodes.delete("exit");
    graph.edges.pop();
    expect(validate(graph).filter((diagnostic) => diagnostic.severity === "error").map((diagnostic) => diagnostic.rule)).toEqual(["terminal_node"]);
  });

  it("11.12 Validate: orphan node -> error, not warning (spec 7.2; docs/decisions/0020)", () => {
    const graph = validGraph();
    addNode(graph, "orphan", { prompt: "lost" });
    expect(validate(graph)).toEqual([expect.objectContaining({ rule: "reachability", severity: "error", nodeId: "orphan" })]);
  });
});

describe("validate", () => {
  it("validate_or_raise returns warnings instead of throwing", () => {
    const graph = validGraph();
    graph.nodes.get("plan")!.attributes["type"] = "custom.thing";
    expect(validateOrRaise(graph)).toEqual([expect.objectContaining({ rule: "type_known", severity: "warning" })]);
    expect(validateOrRaise(graph, { knownHandlerTypes: ["start", "exit", "codergen", "custom.thing"] })).toEqual([]);
  });

  it("appends custom lint rules after the built-in ones", () => {
    const seen: string[] = [];
    const noShouting: LintRule = {
      name: "no_shouting",
      apply(graph, options) {
        seen.push(options.knownHandlerTypes.join(","));
        return [...graph.nodes.values()]
          .filter((node) => /[A-Z]{4,}/.test(node.attributes["prompt"] ?? ""))
          .map((node) => ({ rule: "no_shouting", severity: "info" as const, message: "calm down", nodeId: node.id }));
      },
    };
    const graph = validGraph();
    graph.nodes.get("plan")!.attributes["prompt"] = "PLAN NOW";
    expect(validate(graph, { extraRules: [noShouting] })).toEqual([{ rule: "no_shouting", severity: "info", message: "calm down", nodeId: "plan" }]);
    expect(seen).toHaveLength(1);
    expect(BUILT_IN_RULES.map((rule) => rule.name)).not.toContain("no_shouting");
  });

  it("raises on a custom rule's error", () => {
    const alwaysFails: LintRule = { name: "always", apply: () => [{ rule: "always", severity: "error", message: "no" }] };
    expect(() => validateOrRaise(validGraph(), { extraRules: [alwaysFails] })).toThrowError(/\[always\] no/);
  });

  it("has the built-in rules of spec 7.2 plus attribute_types, with their severities", () => {
    expect(BUILT_IN_RULES.map((rule) => rule.name)).toEqual([
      "start_node",
      "terminal_node",
      "reachability",
      "edge_target_exists",
      "start_no_incoming",
      "exit_no_outgoing",
      "condition_syntax",
      "stylesheet_syntax",
      "type_known",
      "fidelity_valid",
      "retry_target_exists",
      "goal_gate_has_retry",
      "prompt_on_llm_nodes",
      "attribute_types",
    ]);
  });

  it("sorts by location, then rule; located-less diagnostics first", () => {
    const graph = validGraph();
    graph.nodes.delete("exit");
    graph.edges.pop();
    const late = addNode(graph, "late", { prompt: "p", fidelity: "bogus", max_retries: "x" });
    late.location = { line: 20, column: 1 };
    const early = addNode(graph, "early", { prompt: "" });
    early.location = { line: 3, column: 1 };
    const diagnostics = validate(graph);
    expect(diagnostics.map((diagnostic) => `${diagnostic.location?.line ?? "-"} ${diagnostic.rule} ${diagnostic.nodeId ?? ""}`)).toEqual([
      "- terminal_node ",
      "3 prompt_on_llm_nodes early",
      "3 reachability early",
      "20 attribute_types late",
      "20 fidelity_valid late",
      "20 reachability late",
    ]);
    expect(formatDiagnostic(diagnostics[1]!)).toMatch(/^3:1: warning \[prompt_on_llm_nodes\]/);
  });

  it("validates a 10,000-node graph quickly", () => {
    const graph = createGraph("big", { model_stylesheet: "* { llm_model: m }" });
    addNode(graph, "start", { shape: "Mdiamond" });
    let previous = "start";
    for (let index = 0; index < 10_000; index += 1) {
      const id = `stage_${index}`;
      // Every hundredth stage is a goal gate without a retry target: 100 warnings.
      const gate = index % 100 === 0;
      addNode(graph, id, { prompt: "work", max_retries: "1", goal_gate: gate ? "true" : "false", ...(gate ? {} : { retry_target: previous }) });
      addEdge(graph, previous, id, { condition: "outcome=success" });
      if (index > 0) addEdge(graph, id, `stage_${index - 1}`, { condition: "outcome=fail" });
      previous = id;
    }
    addNode(graph, "exit", { shape: "Msquare" });
    addEdge(graph, previous, "exit");
    const started = performance.now();
    const diagnostics = validate(graph);
    const elapsed = performance.now() - started;
    expect(diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
    expect(diagnostics).toHaveLength(100);
    expect(elapsed).toBeLessThan(1000);
  });
});
