/**
 * The factory's pipeline: the spec compiled to DOT (src/spec), prepared and validated by the
 * engine, then completed with what only the factory knows: the `factory_stop` node the run leaves
 * through when a stop rule holds (iteration limit, budget), and no engine retries on the factory's
 * own stages — re-running a failed evaluation at once would only be a second throw of the dice
 * against a statistical gate (ADR 0110).
 */
import { readFileSync } from "node:fs";
import { LightsoutError } from "../errors.js";
import { addEdge, addNode, type Graph, preparePipeline } from "../pipeline/index.js";
import { compileSpec, FACTORY_HANDLER_TYPES, FACTORY_NODES, loadSpecFile, type SpecDocument } from "../spec/index.js";
import { FACTORY_KEYS } from "./factory-events.js";

export const FACTORY_STOP_NODE = "factory_stop";
export const FACTORY_STOP_TYPE = "lightsout.stop";
export { FACTORY_HANDLER_TYPES, FACTORY_NODES };

export interface FactoryPipeline {
  spec: SpecDocument;
  graph: Graph;
  dot: string;
}

/** Adds the stop exit and turns engine retries off on the factory's own stages. */
export function completeFactoryGraph(graph: Graph): Graph {
  for (const nodeId of [FACTORY_NODES.feedback, FACTORY_NODES.evaluate, FACTORY_NODES.visibleChecks]) {
    if (!graph.nodes.has(nodeId)) throw new LightsoutError("VALIDATION", `the factory pipeline has no "${nodeId}" node (compile it from a spec, or keep the compiled node ids)`);
  }
  for (const node of graph.nodes.values()) {
    const type = node.attributes["type"] ?? "";
    if (type.startsWith("lightsout.") && node.attributes["max_retries"] === undefined) node.attributes["max_retries"] = "0";
  }
  if (!graph.nodes.has(FACTORY_STOP_NODE)) {
    addNode(graph, FACTORY_STOP_NODE, { type: FACTORY_STOP_TYPE, label: "Stop (not shipped)", max_retries: "0" });
    addEdge(graph, FACTORY_NODES.feedback, FACTORY_STOP_NODE, { condition: `context.${FACTORY_KEYS.stop}=true`, weight: "100" });
  }
  return graph;
}

/** DOT text to a validated, completed factory graph; invalid DOT is a VALIDATION error with locations. */
export function factoryGraphFromDot(dot: string, source: string): Graph {
  const { graph, diagnostics } = preparePipeline(dot);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  if (errors.length > 0) {
    throw new LightsoutError("VALIDATION", `${source}: the compiled pipeline is invalid: ${errors.map((error) => `${error.rule}: ${error.message}`).join("; ")}`);
  }
  return completeFactoryGraph(graph);
}

/** Reads SPEC.md (a SPEC error with file and line when it is not one), compiles and prepares it. */
export function loadFactoryPipeline(specPath: string): FactoryPipeline {
  const spec = loadSpecFile(specPath);
  const { dot } = compileSpec(spec);
  return { spec, graph: factoryGraphFromDot(dot, specPath), dot };
}

/** For the report and messages: the spec file as read. */
export function specText(specPath: string): string {
  return readFileSync(specPath, "utf8");
}
