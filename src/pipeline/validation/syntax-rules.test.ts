import { describe, expect, it } from "vitest";
import { addEdge, addNode, createGraph, type Graph } from "../graph.js";
import { DEFAULT_KNOWN_HANDLER_TYPES } from "./rules.js";
import { conditionSyntaxRule, stylesheetSyntaxRule } from "./syntax-rules.js";

const options = { knownHandlerTypes: DEFAULT_KNOWN_HANDLER_TYPES };

function branchingGraph(condition: string): Graph {
  const graph = createGraph("test", { model_stylesheet: "* { llm_model: m }" });
  graph.source = "branch.dot";
  addNode(graph, "start", { shape: "Mdiamond" });
  addNode(graph, "check", { shape: "diamond" });
  addNode(graph, "exit", { shape: "Msquare" });
  addEdge(graph, "start", "check");
  const edge = addEdge(graph, "check", "exit", { condition });
  edge.location = { line: 6, column: 3 };
  edge.attributeLocations = { condition: { line: 6, column: 20 } };
  return graph;
}

describe("condition_syntax", () => {
  it("accepts valid and empty conditions", () => {
    expect(conditionSyntaxRule.apply(branchingGraph("outcome=success && context.x!=y"), options)).toEqual([]);
    expect(conditionSyntaxRule.apply(branchingGraph(""), options)).toEqual([]);
  });

  it("reports an invalid condition at the condition attribute, with the column in the message", () => {
    expect(conditionSyntaxRule.apply(branchingGraph("outcome==success"), options)).toEqual([
      {
        rule: "condition_syntax",
        severity: "error",
        message: `edge check -> exit: invalid condition "outcome==success" at column 8: '==' is not supported; use '=' for equality`,
        edge: { from: "check", to: "exit" },
        fix: expect.stringMatching(/key=value/),
        location: { line: 6, column: 20 },
        source: "branch.dot",
      },
    ]);
  });
});

describe("stylesheet_syntax", () => {
  it("accepts a valid stylesheet and a graph without one", () => {
    expect(stylesheetSyntaxRule.apply(branchingGraph(""), options)).toEqual([]);
    expect(stylesheetSyntaxRule.apply(createGraph(), options)).toEqual([]);
  });

  it("reports an invalid stylesheet with line:column within it, at the attribute", () => {
    const graph = branchingGraph("");
    graph.attributes["model_stylesheet"] = "* { llm_model: a }\n.x { temperature: 1 }";
    graph.graphAttributeLocations = { model_stylesheet: { line: 2, column: 5 } };
    expect(stylesheetSyntaxRule.apply(graph, options)).toEqual([
      expect.objectContaining({
        rule: "stylesheet_syntax",
        severity: "error",
        message: "model_stylesheet 2:6: unknown property 'temperature'; expected llm_model, llm_provider or reasoning_effort",
        location: { line: 2, column: 5 },
        source: "branch.dot",
      }),
    ]);
  });
});
