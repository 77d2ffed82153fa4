import { describe, expect, test } from "vitest";
import { parseDot } from "./dot/index.js";
import { addEdge, addNode, createGraph } from "./graph.js";
import { graphToDot, quoteDotString, renderGraph } from "./render.js";

describe("graphToDot", () => {
  test("parsing the printed graph gives back the same nodes, edges and attributes", () => {
    const source = `digraph Round {
      graph [goal="Ship \\"it\\"", rankdir=LR]
      node [shape=box, timeout="900s"]
      subgraph cluster_a { label="Loop A"; plan [label="Plan\\nfirst", prompt="Use C:\\\\temp and a \\\\n"] }
      start [shape=Mdiamond]
      exit [shape=Msquare]
      start -> plan [weight=-2, condition="outcome=success && context.x!=\\"a b\\""]
      plan -> exit [label="left\\l"]
    }`;
    const original = parseDot(source);
    const reparsed = parseDot(graphToDot(original));
    expect(reparsed.name).toBe(original.name);
    expect(reparsed.attributes).toEqual(original.attributes);
    expect([...reparsed.nodes.keys()]).toEqual([...original.nodes.keys()]);
    for (const [id, node] of original.nodes) expect(reparsed.nodes.get(id)?.attributes, id).toEqual(node.attributes);
    expect(reparsed.edges.map((edge) => [edge.from, edge.to, edge.attributes])).toEqual(original.edges.map((edge) => [edge.from, edge.to, edge.attributes]));
  });

  test("strings: quotes, newlines and tabs escaped; backslashes doubled only where they would start an escape", () => {
    expect(quoteDotString('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteDotString("a\nb\tc")).toBe('"a\\nb\\tc"');
    expect(quoteDotString("left\\l")).toBe('"left\\l"');
    expect(quoteDotString("literal \\n")).toBe('"literal \\\\n"');
    expect(quoteDotString("ends with \\")).toBe('"ends with \\\\"');
  });

  test("ids that are not plain identifiers or are keywords are quoted", () => {
    const graph = createGraph("my pipeline");
    addNode(graph, "node");
    addNode(graph, "ok_1");
    addEdge(graph, "node", "ok_1");
    expect(graphToDot(graph)).toBe('digraph "my pipeline" {\n  "node"\n  ok_1\n  "node" -> ok_1\n}\n');
  });
});

describe("renderGraph", () => {
  test("svg through Graphviz, with shapes and labels; a negative routing weight does not break the layout", async () => {
    const graph = parseDot(`digraph g { start [shape=Mdiamond, label="Begin"]; exit [shape=Msquare]; start -> exit [weight=-1] }`);
    const svg = await renderGraph(graph, "svg");
    expect(svg).toContain("<svg");
    expect(svg).toContain("Begin");
    expect(svg).toContain("polygon");
  });

  test("dot is the printed graph, without layout", async () => {
    const graph = parseDot("digraph g { a -> b }");
    expect(await renderGraph(graph, "dot")).toBe(graphToDot(graph));
  });
});
