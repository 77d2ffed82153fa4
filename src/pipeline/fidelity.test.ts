import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { createScriptedBackend } from "../testing/scripted-backend.js";
import { runPipeline } from "./engine.js";
import { buildPreamble, resolveFidelity, resolveThreadId } from "./fidelity.js";
import { addEdge, addNode, createGraph } from "./graph.js";
import { preparePipelineOrRaise } from "./prepare.js";

describe("fidelity resolution (spec 5.4)", () => {
  test("edge beats node beats graph default beats compact", () => {
    const graph = createGraph("g", { default_fidelity: "summary:low" });
    const node = addNode(graph, "n", { fidelity: "truncate" });
    const edge = addEdge(graph, "m", "n", { fidelity: "full" });
    expect(resolveFidelity(node, graph, edge)).toBe("full");
    expect(resolveFidelity(node, graph)).toBe("truncate");
    expect(resolveFidelity(addNode(graph, "plain"), graph)).toBe("summary:low");
    expect(resolveFidelity(addNode(createGraph(), "x"), createGraph())).toBe("compact");
  });

  test("thread id: node, edge, graph, subgraph class, previous node", () => {
    const graph = createGraph();
    const node = addNode(graph, "n", { thread_id: "node-thread" });
    const edge = addEdge(graph, "p", "n", { thread_id: "edge-thread" });
    expect(resolveThreadId(node, graph, edge, "p")).toBe("node-thread");
    const plain = addNode(graph, "q");
    expect(resolveThreadId(plain, graph, edge, "p")).toBe("edge-thread");
    plain.subgraphClasses = ["outer", "loop-a"];
    expect(resolveThreadId(plain, graph, undefined, "p")).toBe("loop-a");
    expect(resolveThreadId(addNode(graph, "r"), graph, undefined, "p")).toBe("p");
    graph.attributes["thread_id"] = "graph-thread";
    expect(resolveThreadId(addNode(graph, "s"), graph, undefined, "p")).toBe("graph-thread");
  });
});

describe("preamble (spec 9.2)", () => {
  const state = {
    goal: "Ship the CLI",
    runId: "run-1",
    completedNodes: ["start", "plan", "implement"],
    nodeOutcomes: { start: { status: "success" as const }, plan: { status: "success" as const, notes: "planned 3 steps" }, implement: { status: "fail" as const, failureReason: "tests red" } },
    context: { "context.branch": "feature/x", "internal.retry_count.plan": 1 },
    logs: ["plan: success", "implement: fail"],
  };

  test("full carries nothing (the session does), truncate only goal and run id", () => {
    expect(buildPreamble("full", state)).toBe("");
    expect(buildPreamble("truncate", state)).toBe("Goal: Ship the CLI\nRun: run-1");
  });

  test("compact lists stages, outcomes and context values, not engine internals", () => {
    const text = buildPreamble("compact", state);
    expect(text).toContain("- implement: fail");
    expect(text).toContain("context.branch = feature/x");
    expect(text).not.toContain("internal.retry_count");
  });

  test("summaries grow with the level and stay within their budgets", () => {
    const big = { ...state, context: Object.fromEntries(Array.from({ length: 400 }, (_, index) => [`key${index}`, "v".repeat(300)])) };
    const low = buildPreamble("summary:low", big);
    const medium = buildPreamble("summary:medium", big);
    const high = buildPreamble("summary:high", big);
    expect(low.length).toBeLessThanOrEqual(600 * 4);
    expect(medium.length).toBeLessThanOrEqual(1500 * 4);
    expect(high.length).toBeLessThanOrEqual(3000 * 4);
    expect(high.length).toBeGreaterThan(medium.length);
    expect(buildPreamble("summary:high", state)).toContain("tests red");
  });
});

describe("fidelity in a run", () => {
  test("the backend sees each stage's mode, thread and preamble; a resumed run degrades full to summary:high once", async () => {
    const dot = `digraph F {
      graph [goal="g", default_fidelity="full"]
      start [shape=Mdiamond]; exit [shape=Msquare]
      a [prompt="a", thread_id="main"]; b [prompt="b", thread_id="main"]; c [prompt="c", thread_id="main"]; d [prompt="d", fidelity="truncate"]
      start -> a -> b -> c -> d -> exit
    }`;
    const { graph } = preparePipelineOrRaise(dot);
    const logsRoot = mkdtempSync(join(tmpdir(), "lightsout-fidelity-"));
    const controller = new AbortController();
    const first = createScriptedBackend({ b: () => (controller.abort(), new Promise(() => undefined)) });
    await runPipeline(graph, { logsRoot, backend: first, signal: controller.signal });
    expect(first.callsFor("a")[0]!.fidelity).toEqual({ mode: "full", threadId: "main", preamble: "" });

    const second = createScriptedBackend();
    await runPipeline(graph, { logsRoot, backend: second, resume: true });
    const modes = second.calls.map((call) => [call.nodeId, call.fidelity.mode]);
    expect(modes).toEqual([
      ["b", "summary:high"],
      ["c", "full"],
      ["d", "truncate"],
    ]);
    expect(second.callsFor("b")[0]!.prompt).toContain("Goal: g");
    expect(second.callsFor("d")[0]!.fidelity.preamble).toMatch(/^Goal: g\nRun: /);
  });
});
