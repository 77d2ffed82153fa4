import { describe, expect, it } from "vitest";
import { addEdge, addNode, cloneGraph, createGraph, type Graph } from "./graph.js";
import {
  BUILT_IN_TRANSFORMS,
  applyTransforms,
  createTransformPipeline,
  stylesheetTransform,
  variableExpansionTransform,
  type Transform,
} from "./transforms.js";

const EXAMPLE_STYLESHEET = `
  * { llm_model: claude-sonnet-4-5; llm_provider: anthropic; }
  .code { llm_model: claude-opus-4-6; llm_provider: anthropic; }
  #critical_review { llm_model: gpt-5.2; llm_provider: openai; reasoning_effort: high; }
`;

/** The graph of spec 8.6. */
function exampleGraph(stylesheet = EXAMPLE_STYLESHEET): Graph {
  const graph = createGraph("Pipeline", { goal: "Implement feature X", model_stylesheet: stylesheet });
  addNode(graph, "start", { shape: "Mdiamond" });
  addNode(graph, "exit", { shape: "Msquare" });
  addNode(graph, "plan", { label: "Plan", class: "planning", prompt: "Plan how to reach: $goal" });
  addNode(graph, "implement", { label: "Implement", class: "code", prompt: "Do $goal, then check $goal" });
  addNode(graph, "critical_review", { label: "Critical Review", class: "code" });
  addEdge(graph, "start", "plan");
  addEdge(graph, "plan", "implement");
  addEdge(graph, "implement", "critical_review");
  addEdge(graph, "critical_review", "exit");
  return graph;
}

function renameNodeTransform(name: string, from: string, to: string): Transform {
  return {
    name,
    apply(graph) {
      const result = cloneGraph(graph);
      const node = result.nodes.get(from);
      if (node) node.attributes["label"] = to;
      return result;
    },
  };
}

describe("11.11 transforms and extensibility", () => {
  it("11.11 AST transforms can modify the Graph between parsing and validation", () => {
    const addAudit: Transform = {
      name: "audit",
      apply(graph) {
        const result = cloneGraph(graph);
        addNode(result, "audit", { prompt: "Record what happened" });
        result.edges = result.edges.filter((edge) => !(edge.from === "critical_review" && edge.to === "exit"));
        addEdge(result, "critical_review", "audit");
        addEdge(result, "audit", "exit");
        return result;
      },
    };
    const transformed = applyTransforms(exampleGraph(), [addAudit]);
    expect(transformed.nodes.has("audit")).toBe(true);
    expect(transformed.edges.map((edge) => `${edge.from}->${edge.to}`)).toContain("audit->exit");
  });

  it("11.11 Transform interface: `transform(graph) -> graph`", () => {
    const input = exampleGraph();
    for (const transform of BUILT_IN_TRANSFORMS) {
      const output = transform.apply(input);
      expect(output).not.toBe(input);
      expect(typeof transform.name).toBe("string");
    }
  });

  it("11.11 Built-in variable expansion transform replaces `$goal` in prompts", () => {
    const output = variableExpansionTransform.apply(exampleGraph());
    expect(output.nodes.get("plan")!.attributes["prompt"]).toBe("Plan how to reach: Implement feature X");
    expect(output.nodes.get("implement")!.attributes["prompt"]).toBe("Do Implement feature X, then check Implement feature X");
    expect(output.nodes.get("critical_review")!.attributes["prompt"]).toBeUndefined();
  });

  it("11.11 Custom transforms can be registered and run in order", () => {
    const seen: string[] = [];
    const recording = (name: string): Transform => ({
      name,
      apply(graph) {
        seen.push(`${name}:${graph.nodes.get("plan")!.attributes["label"]}`);
        return renameNodeTransform(name, "plan", name).apply(graph);
      },
    });
    const pipeline = createTransformPipeline().register(recording("first")).register(recording("second"));
    const output = pipeline.apply(exampleGraph());
    expect(seen).toEqual(["first:Plan", "second:first"]);
    expect(output.nodes.get("plan")!.attributes["label"]).toBe("second");
    expect(pipeline.transforms().map((transform) => transform.name)).toEqual(["stylesheet", "variable_expansion", "first", "second"]);
  });

  it("custom transforms run after the built-ins", () => {
    let promptSeen = "";
    let modelSeen = "";
    const inspect: Transform = {
      name: "inspect",
      apply(graph) {
        promptSeen = graph.nodes.get("plan")!.attributes["prompt"] ?? "";
        modelSeen = graph.nodes.get("plan")!.attributes["llm_model"] ?? "";
        return graph;
      },
    };
    applyTransforms(exampleGraph(), [inspect]);
    expect(promptSeen).toBe("Plan how to reach: Implement feature X");
    expect(modelSeen).toBe("claude-sonnet-4-5");
  });

  it("leaves the input graph unchanged", () => {
    const input = exampleGraph();
    const before = structuredClone({ attributes: input.attributes, nodes: [...input.nodes.values()], edges: input.edges });
    applyTransforms(input, [renameNodeTransform("rename", "plan", "Renamed")]);
    expect({ attributes: input.attributes, nodes: [...input.nodes.values()], edges: input.edges }).toEqual(before);
  });
});

describe("stylesheet transform", () => {
  it("applies the 8.6 example: plan gets sonnet, implement gets opus, critical_review gets gpt-5.2", () => {
    const output = stylesheetTransform.apply(exampleGraph());
    const model = (id: string) => output.nodes.get(id)!.attributes["llm_model"];
    expect(model("plan")).toBe("claude-sonnet-4-5");
    expect(model("implement")).toBe("claude-opus-4-6");
    expect(model("critical_review")).toBe("gpt-5.2");
    expect(output.nodes.get("critical_review")!.attributes["reasoning_effort"]).toBe("high");
    expect(output.nodes.get("plan")!.attributes["reasoning_effort"]).toBeUndefined();
  });

  it("11.10 Stylesheet properties are overridden by explicit node attributes", () => {
    const graph = exampleGraph();
    graph.nodes.get("critical_review")!.attributes["llm_model"] = "my-own-model";
    graph.nodes.get("plan")!.attributes["llm_provider"] = "gemini";
    const output = stylesheetTransform.apply(graph);
    expect(output.nodes.get("critical_review")!.attributes).toMatchObject({ llm_model: "my-own-model", llm_provider: "openai", reasoning_effort: "high" });
    expect(output.nodes.get("plan")!.attributes).toMatchObject({ llm_model: "claude-sonnet-4-5", llm_provider: "gemini" });
  });

  it("11.12 stylesheet applies model override to nodes by shape", () => {
    const graph = exampleGraph("box { llm_model: box-model } hexagon { llm_model: never-used }");
    addNode(graph, "gate", { shape: "hexagon" });
    const output = stylesheetTransform.apply(graph);
    expect(output.nodes.get("plan")!.attributes["llm_model"]).toBe("box-model");
    expect(output.nodes.get("gate")!.attributes["llm_model"]).toBe("never-used");
    expect(output.nodes.get("start")!.attributes["llm_model"]).toBeUndefined();
  });

  it("uses subgraph classes", () => {
    const graph = exampleGraph(".loop-a { llm_model: loop-model }");
    graph.nodes.get("plan")!.subgraphClasses.push("loop-a");
    expect(stylesheetTransform.apply(graph).nodes.get("plan")!.attributes["llm_model"]).toBe("loop-model");
  });

  it("leaves the graph unstyled, without throwing, when the stylesheet is invalid", () => {
    const output = stylesheetTransform.apply(exampleGraph("* { llm_model: a; colour: red }"));
    for (const node of output.nodes.values()) expect(node.attributes["llm_model"]).toBeUndefined();
  });

  it("does nothing without a stylesheet", () => {
    const graph = exampleGraph();
    delete graph.attributes["model_stylesheet"];
    const output = stylesheetTransform.apply(graph);
    expect([...output.nodes.values()].map((node) => node.attributes)).toEqual([...graph.nodes.values()].map((node) => node.attributes));
  });
});

describe("variable expansion transform", () => {
  it("expands to the empty string when the graph has no goal", () => {
    const graph = exampleGraph();
    delete graph.attributes["goal"];
    expect(variableExpansionTransform.apply(graph).nodes.get("plan")!.attributes["prompt"]).toBe("Plan how to reach: ");
  });
});
