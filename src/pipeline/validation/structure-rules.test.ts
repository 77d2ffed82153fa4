import { describe, expect, it } from "vitest";
import { addEdge, addNode, createGraph, type Graph } from "../graph.js";
import type { Diagnostic, LintRule } from "./diagnostic.js";
import {
  edgeTargetExistsRule,
  exitNoOutgoingRule,
  reachabilityRule,
  startNoIncomingRule,
  startNodeRule,
  terminalNodeRule,
} from "./structure-rules.js";
import { DEFAULT_KNOWN_HANDLER_TYPES } from "./rules.js";

/** start -> work -> exit, valid for every rule. */
function linearGraph(): Graph {
  const graph = createGraph("test");
  addNode(graph, "start", { shape: "Mdiamond" });
  addNode(graph, "work", { prompt: "Do the work" });
  addNode(graph, "exit", { shape: "Msquare" });
  addEdge(graph, "start", "work");
  addEdge(graph, "work", "exit");
  return graph;
}

function run(rule: LintRule, graph: Graph): Diagnostic[] {
  return rule.apply(graph, { knownHandlerTypes: DEFAULT_KNOWN_HANDLER_TYPES });
}

describe("start_node", () => {
  it("accepts exactly one start node, by shape or by id", () => {
    expect(run(startNodeRule, linearGraph())).toEqual([]);
    const byId = createGraph();
    addNode(byId, "Start");
    expect(run(startNodeRule, byId)).toEqual([]);
  });

  it("reports a missing start node as an error", () => {
    const graph = linearGraph();
    graph.nodes.delete("start");
    const [diagnostic, ...rest] = run(startNodeRule, graph);
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ rule: "start_node", severity: "error", message: expect.stringMatching(/no start node/) });
    expect(diagnostic!.fix).toMatch(/Mdiamond/);
  });

  it("reports each start node after the first, at its location", () => {
    const graph = linearGraph();
    graph.source = "p.dot";
    const second = addNode(graph, "begin", { shape: "Mdiamond" });
    second.location = { line: 9, column: 3 };
    second.attributeLocations = { shape: { line: 9, column: 10 } };
    expect(run(startNodeRule, graph)).toEqual([
      expect.objectContaining({ rule: "start_node", severity: "error", nodeId: "begin", location: { line: 9, column: 10 }, source: "p.dot" }),
    ]);
  });
});

describe("terminal_node", () => {
  it("accepts exactly one exit node, by shape or by id exit/end", () => {
    expect(run(terminalNodeRule, linearGraph())).toEqual([]);
    const byId = createGraph();
    addNode(byId, "end");
    expect(run(terminalNodeRule, byId)).toEqual([]);
  });

  it("reports a missing exit node", () => {
    const graph = linearGraph();
    graph.nodes.get("exit")!.attributes["shape"] = "box";
    graph.nodes.delete("exit");
    expect(run(terminalNodeRule, graph)).toEqual([expect.objectContaining({ rule: "terminal_node", severity: "error", message: expect.stringMatching(/no exit node/) })]);
  });

  it("reports a second exit node", () => {
    const graph = linearGraph();
    addNode(graph, "done", { shape: "Msquare" });
    addEdge(graph, "work", "done");
    expect(run(terminalNodeRule, graph)).toEqual([expect.objectContaining({ nodeId: "done", message: expect.stringMatching(/2 \(exit, done\)/) })]);
  });
});

describe("reachability", () => {
  it("accepts a graph where every node is reachable", () => {
    expect(run(reachabilityRule, linearGraph())).toEqual([]);
  });

  it("reports an orphan node as an error (spec 7.2)", () => {
    const graph = linearGraph();
    const orphan = addNode(graph, "orphan", { prompt: "never runs" });
    orphan.location = { line: 7, column: 1 };
    addNode(graph, "island");
    addEdge(graph, "island", "orphan");
    expect(run(reachabilityRule, graph)).toEqual([
      expect.objectContaining({ rule: "reachability", severity: "error", nodeId: "orphan", location: { line: 7, column: 1 } }),
      expect.objectContaining({ rule: "reachability", severity: "error", nodeId: "island" }),
    ]);
  });

  it("counts failure-routing jumps to a node's retry targets as reaching them", () => {
    const graph = linearGraph();
    graph.nodes.get("work")!.attributes["fallback_retry_target"] = "recover";
    addNode(graph, "recover", { prompt: "recover" });
    addEdge(graph, "recover", "exit");
    expect(run(reachabilityRule, graph)).toEqual([]);
  });

  it("counts goal-gate jumps from the exit to the graph's retry targets as reaching them", () => {
    const graph = linearGraph();
    graph.attributes["retry_target"] = "again";
    addNode(graph, "again", { prompt: "again" });
    addEdge(graph, "again", "exit");
    expect(run(reachabilityRule, graph)).toEqual([]);
  });

  it("reports nothing without a start node (start_node does)", () => {
    const graph = linearGraph();
    graph.nodes.delete("start");
    expect(run(reachabilityRule, graph)).toEqual([]);
  });
});

describe("edge_target_exists", () => {
  it("accepts edges between declared nodes", () => {
    expect(run(edgeTargetExistsRule, linearGraph())).toEqual([]);
  });

  it("reports a missing target and a missing source, with the edge and its location", () => {
    const graph = linearGraph();
    const edge = addEdge(graph, "work", "ghost");
    edge.location = { line: 4, column: 2 };
    addEdge(graph, "phantom", "exit");
    expect(run(edgeTargetExistsRule, graph)).toEqual([
      expect.objectContaining({ rule: "edge_target_exists", severity: "error", edge: { from: "work", to: "ghost" }, location: { line: 4, column: 2 }, message: expect.stringMatching(/target "ghost"/) }),
      expect.objectContaining({ edge: { from: "phantom", to: "exit" }, message: expect.stringMatching(/source "phantom"/) }),
    ]);
  });
});

describe("start_no_incoming", () => {
  it("accepts a start node without incoming edges", () => {
    expect(run(startNoIncomingRule, linearGraph())).toEqual([]);
  });

  it("reports an edge into the start node", () => {
    const graph = linearGraph();
    addEdge(graph, "work", "start");
    expect(run(startNoIncomingRule, graph)).toEqual([expect.objectContaining({ rule: "start_no_incoming", severity: "error", edge: { from: "work", to: "start" } })]);
  });
});

describe("exit_no_outgoing", () => {
  it("accepts an exit node without outgoing edges", () => {
    expect(run(exitNoOutgoingRule, linearGraph())).toEqual([]);
  });

  it("reports an edge out of the exit node", () => {
    const graph = linearGraph();
    addEdge(graph, "exit", "work");
    expect(run(exitNoOutgoingRule, graph)).toEqual([expect.objectContaining({ rule: "exit_no_outgoing", severity: "error", edge: { from: "exit", to: "work" } })]);
  });
});
