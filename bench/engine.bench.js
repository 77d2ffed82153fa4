// Engine overhead per node: a 1,000-node linear pipeline run by the built engine (dist/), against
// the cost of what it must write anyway, measured side by side in the same rounds:
//   engine, simulated codergen   the real default handlers in simulation mode (no LLM)
//   engine, trivial handlers     an in-memory registry whose handlers return success at once
//   checkpoint alone             saveCheckpoint 1,000 times with the states the run passes through
//   stage records alone          per node: the stage directory, status.json and the journal line
// Usage: node bench/engine.bench.js (after npm run build); bench/run.js runs it with the others.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { saveCheckpoint } from "../dist/pipeline/checkpoint.js";
import { runPipeline } from "../dist/pipeline/engine.js";
import { addEdge, addNode, createGraph } from "../dist/pipeline/graph.js";
import { HandlerRegistry } from "../dist/pipeline/handlers/registry.js";
import { appendJournal } from "../dist/pipeline/run-directory.js";
import { writeStatusFile } from "../dist/pipeline/status-file.js";
import { interleave, summarize, time } from "./measure.js";

export const NODE_COUNT = 1000;
// Each round runs the engine twice over 1,000 nodes (a few seconds each on a slow disk): three
// rounds keep the whole benchmark suite under a minute.
const ROUNDS = 3;

function linearGraph(count) {
  const graph = createGraph("bench_linear", { goal: "measure the engine" });
  addNode(graph, "start", { shape: "Mdiamond" });
  let previous = "start";
  for (let index = 1; index <= count; index++) {
    const id = `stage_${String(index).padStart(4, "0")}`;
    addNode(graph, id, { label: `Stage ${index}`, prompt: `Do step ${index} of $goal` });
    addEdge(graph, previous, id);
    previous = id;
  }
  addNode(graph, "exit", { shape: "Msquare" });
  addEdge(graph, previous, "exit");
  return graph;
}

/**
 * Handlers that do nothing but return what simulated codergen returns, so the checkpoints they
 * cause are the same size as the simulated run's and the same baseline applies to both.
 */
function trivialRegistry() {
  const succeed = {
    execute: async (node) => ({
      status: "success",
      notes: `Stage completed: ${node.id}`,
      contextUpdates: { last_stage: node.id, last_response: `[Simulated] Response for stage: ${node.id}` },
    }),
  };
  return new HandlerRegistry(succeed).register("start", succeed).register("exit", succeed).register("codergen", succeed);
}

/** A fresh run directory for each measurement, removed afterwards so the disk does not fill up. */
async function inTemporaryDirectory(work) {
  const directory = mkdtempSync(join(tmpdir(), "lightsout-bench-"));
  try {
    return await work(directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The checkpoints a run writes, one per step, each with the state as it was at that step. */
function checkpointStates(result) {
  const nodes = result.completedNodes;
  const logs = nodes.map((id) => `${id}: success`);
  return nodes.map((id, step) => ({
    v: 1,
    runId: result.runId,
    timestamp: Date.now(),
    currentNode: id,
    nextNode: nodes[step + 1],
    step: step + 1,
    completedNodes: nodes.slice(0, step + 1),
    nodeRetries: {},
    nodeOutcomes: Object.fromEntries(nodes.slice(0, step + 1).map((node) => [node, result.nodeOutcomes[node] ?? { status: "success" }])),
    context: result.context,
    logs: logs.slice(0, step + 1),
    restarts: 0,
  }));
}

export async function runEngineBenchmark({ rounds = ROUNDS } = {}) {
  const graph = linearGraph(NODE_COUNT);
  // One simulated run gives the real states to checkpoint in the baseline; it also warms up.
  const reference = await inTemporaryDirectory((logsRoot) => runPipeline(graph, { logsRoot, runId: "bench" }));
  if (reference.status !== "success") throw new Error(`reference run ended ${reference.status}`);
  const states = checkpointStates(reference);
  const stages = reference.completedNodes.length;

  const samples = await interleave(
    {
      simulated: () => inTemporaryDirectory((logsRoot) => time(() => runPipeline(graph, { logsRoot, runId: "bench" }))),
      checkpoint: () => inTemporaryDirectory((logsRoot) => time(() => states.forEach((state) => saveCheckpoint(logsRoot, state)))),
      trivial: () => inTemporaryDirectory((logsRoot) => time(() => runPipeline(graph, { logsRoot, runId: "bench", registry: trivialRegistry() }))),
      records: () =>
        inTemporaryDirectory((logsRoot) =>
          time(() =>
            reference.completedNodes.forEach((node, step) => {
              const outcome = { status: "success" };
              writeStatusFile(join(logsRoot, node), outcome);
              appendJournal(logsRoot, { v: 1, run_id: "bench", step: step + 1, node, outcome });
            }),
          ),
        ),
    },
    { rounds, warmupRounds: 0 },
  );
  const perNode = (name) => summarize(samples[name].map((milliseconds) => milliseconds / stages));
  const simulated = perNode("simulated");
  const trivial = perNode("trivial");
  const checkpoint = perNode("checkpoint");
  const records = perNode("records");
  const overhead = trivial.median - checkpoint.median - records.median;
  return {
    title: `engine: ${NODE_COUNT}-node linear pipeline (${stages} stages), per node, median of ${rounds}`,
    rows: [
      { name: "engine, simulated codergen", value: simulated, unit: "ms/node" },
      { name: "engine, trivial handlers", value: trivial, unit: "ms/node" },
      { name: "baseline: checkpoint write alone", value: checkpoint, unit: "ms/node" },
      { name: "baseline: status.json + journal alone", value: records, unit: "ms/node" },
      { name: "engine overhead (trivial - checkpoint - records)", value: { median: overhead }, unit: "ms/node" },
      { name: "ratio engine(simulated) / checkpoint", value: { median: simulated.median / checkpoint.median }, unit: "x" },
      { name: "ratio engine(trivial) / checkpoint", value: { median: trivial.median / checkpoint.median }, unit: "x" },
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { printReport } = await import("./report.js");
  printReport([await runEngineBenchmark()]);
}
