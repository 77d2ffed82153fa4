// Parse + validate of a 10,000-node pipeline against JSON.parse of the same graph as JSON, the
// fastest structured-text reader Node has, measured side by side in the same rounds:
//   prepare       preparePipeline: parse, transforms (stylesheet, $goal), all lint rules
//   parse         parseDot alone
//   validate      validate alone, on the parsed graph
//   JSON.parse    the same nodes, edges and attributes as a JSON document
// Usage: node bench/parse.bench.js (after npm run build); bench/run.js runs it with the others.
import { pathToFileURL } from "node:url";
import { parseDot } from "../dist/pipeline/dot/index.js";
import { preparePipeline } from "../dist/pipeline/prepare.js";
import { validate } from "../dist/pipeline/validation/index.js";
import { interleave, summarize, time } from "./measure.js";

export const NODE_COUNT = 10_000;
const ROUNDS = 7;

/** A linear pipeline of `count` stages; every tenth stage also has a fail edge back to the one before. */
function generate(count) {
  const id = (index) => `stage_${String(index).padStart(5, "0")}`;
  const graph = {
    name: "bench_parse",
    attributes: { goal: "measure the parser", model_stylesheet: "* { llm_model: model-a; } .hot { reasoning_effort: high; }" },
    nodes: [
      { id: "start", attributes: { shape: "Mdiamond", label: "Start" } },
      { id: "exit", attributes: { shape: "Msquare", label: "Exit" } },
    ],
    edges: [{ from: "start", to: id(1), attributes: {} }],
  };
  for (let index = 1; index <= count; index++) {
    const attributes = { label: `Stage ${index}`, prompt: `Do step ${index} of $goal`, timeout: "900s" };
    if (index % 10 === 0) attributes.class = "hot";
    graph.nodes.push({ id: id(index), attributes });
    graph.edges.push({ from: id(index), to: index === count ? "exit" : id(index + 1), attributes: { condition: "outcome=success" } });
    if (index % 10 === 0) graph.edges.push({ from: id(index), to: id(index - 1), attributes: { condition: "outcome=fail", label: "retry" } });
  }
  return graph;
}

function toDot(graph) {
  const list = (attributes) => Object.entries(attributes).map(([key, value]) => `${key}="${value}"`).join(", ");
  const lines = [`digraph ${graph.name} {`, `  graph [${list(graph.attributes)}]`];
  for (const node of graph.nodes) lines.push(`  ${node.id} [${list(node.attributes)}]`);
  for (const edge of graph.edges) lines.push(`  ${edge.from} -> ${edge.to}${Object.keys(edge.attributes).length > 0 ? ` [${list(edge.attributes)}]` : ""}`);
  lines.push("}");
  return lines.join("\n");
}

export async function runParseBenchmark({ rounds = ROUNDS } = {}) {
  const graph = generate(NODE_COUNT);
  const dotText = toDot(graph);
  const jsonText = JSON.stringify(graph);
  const parsed = parseDot(dotText, { source: "bench.dot" });
  const errors = preparePipeline(dotText, { source: "bench.dot" }).diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  if (errors.length > 0) throw new Error(`generated graph is invalid: ${errors[0].message}`);

  const samples = await interleave(
    {
      json: () => time(() => JSON.parse(jsonText)),
      prepare: () => time(() => preparePipeline(dotText, { source: "bench.dot" })),
      parse: () => time(() => parseDot(dotText, { source: "bench.dot" })),
      validate: () => time(() => validate(parsed)),
    },
    { rounds, warmupRounds: 1 },
  );
  const json = summarize(samples.json);
  const prepare = summarize(samples.prepare);
  const parse = summarize(samples.parse);
  const validation = summarize(samples.validate);
  return {
    title: `parse + validate: ${NODE_COUNT.toLocaleString("en")}-node graph (DOT ${(dotText.length / 1e6).toFixed(2)} MB, JSON ${(jsonText.length / 1e6).toFixed(2)} MB, ${graph.edges.length} edges), median of ${rounds}`,
    rows: [
      { name: "preparePipeline (parse + transforms + validate)", value: prepare, unit: "ms" },
      { name: "parseDot alone", value: parse, unit: "ms" },
      { name: "validate alone", value: validation, unit: "ms" },
      { name: "transforms (prepare - parse - validate)", value: { median: prepare.median - parse.median - validation.median }, unit: "ms" },
      { name: "baseline: JSON.parse of the same graph", value: json, unit: "ms" },
      { name: "ratio prepare / JSON.parse", value: { median: prepare.median / json.median }, unit: "x" },
      { name: "ratio parse / JSON.parse", value: { median: parse.median / json.median }, unit: "x" },
      // JSON spells the same graph in more bytes, so per byte the gap is wider.
      { name: "ratio parse / JSON.parse, per byte", value: { median: parse.median / dotText.length / (json.median / jsonText.length) }, unit: "x" },
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { printReport } = await import("./report.js");
  printReport([await runParseBenchmark()]);
}
