import { describe, expect, it } from "vitest";
import { Context } from "../context.js";
import { addEdge, addNode, createGraph } from "../graph.js";
import { createConditionalHandler } from "./conditional.js";
import { createTestRuntime, outcomeOf } from "./test-runtime.js";

describe("createConditionalHandler", () => {
  it("passes through with a note, leaving routing to edge selection", async () => {
    const graph = createGraph();
    const node = addNode(graph, "check", { shape: "diamond" });
    addEdge(graph, "check", "yes", { condition: "outcome=success" });
    const outcome = outcomeOf(await createConditionalHandler().execute(node, new Context(), graph, "/nonexistent", createTestRuntime()));
    expect(outcome).toEqual({ status: "success", notes: "Conditional node evaluated: check" });
  });
});
