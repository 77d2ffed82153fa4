import { describe, expect, it } from "vitest";
import { Context } from "../context.js";
import { addNode, createGraph } from "../graph.js";
import { createStartHandler } from "./start.js";
import { createTestRuntime, outcomeOf } from "./test-runtime.js";

describe("createStartHandler", () => {
  it("returns SUCCESS without doing anything", async () => {
    const graph = createGraph();
    const node = addNode(graph, "start", { shape: "Mdiamond" });
    const context = new Context({ a: 1 });
    const outcome = outcomeOf(await createStartHandler().execute(node, context, graph, "/nonexistent", createTestRuntime()));
    expect(outcome).toEqual({ status: "success" });
    expect(context.snapshot()).toEqual({ a: 1 });
  });
});
