import { describe, expect, it } from "vitest";
import { Context } from "../context.js";
import { addNode, createGraph } from "../graph.js";
import { createExitHandler } from "./exit.js";
import { createTestRuntime, outcomeOf } from "./test-runtime.js";

describe("createExitHandler", () => {
  it("returns SUCCESS, leaving goal gates to the engine", async () => {
    const graph = createGraph();
    addNode(graph, "work", { goal_gate: "true" });
    const node = addNode(graph, "exit", { shape: "Msquare" });
    const context = new Context({ outcome: "fail" });
    expect(outcomeOf(await createExitHandler().execute(node, context, graph, "/nonexistent", createTestRuntime()))).toEqual({ status: "success" });
  });
});
