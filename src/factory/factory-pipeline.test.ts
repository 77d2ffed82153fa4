import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FACTORY_STOP_NODE, factoryGraphFromDot, loadFactoryPipeline } from "./factory-pipeline.js";

const SPEC = join(import.meta.dirname, "..", "..", "examples", "incident-bridge", "SPEC.md");

describe("loadFactoryPipeline", () => {
  it("compiles the spec and adds the stop exit, taken from feedback when factory.stop is set", () => {
    const { spec, graph } = loadFactoryPipeline(SPEC);
    expect(spec.app?.command).toBe("node app.mjs");
    expect(graph.nodes.get(FACTORY_STOP_NODE)?.attributes["type"]).toBe("lightsout.stop");
    expect(graph.edges).toContainEqual(expect.objectContaining({ from: "feedback", to: FACTORY_STOP_NODE, attributes: expect.objectContaining({ condition: "context.factory.stop=true" }) }));
  });

  it("turns engine retries off on the factory's own stages (a failed gate is not re-thrown), and leaves the agents' alone", () => {
    const { graph } = loadFactoryPipeline(SPEC);
    for (const id of ["visible_checks", "evaluate", "feedback"]) expect(graph.nodes.get(id)?.attributes["max_retries"], id).toBe("0");
    expect(graph.nodes.get("implement")?.attributes["max_retries"]).toBeUndefined();
  });

  it("refuses a pipeline without the factory's nodes", () => {
    expect(() => factoryGraphFromDot("digraph x { start [shape=Mdiamond]; exit [shape=Msquare]; start -> exit }", "x.dot")).toThrow(/has no "feedback" node/);
  });

  it("names the spec file and line of a spec error", () => {
    expect(() => loadFactoryPipeline(join(import.meta.dirname, "missing-SPEC.md"))).toThrow(/missing-SPEC\.md/);
  });
});
