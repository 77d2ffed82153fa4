/**
 * The cross-feature parity matrix (attractor-spec 11.12) and the integration smoke test (11.13),
 * one test per row, through the public entry points: prepare (parse, transform, validate) and run.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadCheckpoint } from "../src/pipeline/checkpoint.js";
import { runPipeline } from "../src/pipeline/engine.js";
import { createDefaultRegistry } from "../src/pipeline/handlers/defaults.js";
import { QueueInterviewer } from "../src/pipeline/interviewers/queue.js";
import { preparePipeline, preparePipelineOrRaise } from "../src/pipeline/prepare.js";
import { createScriptedBackend } from "../src/testing/scripted-backend.js";

const logsRoot = () => mkdtempSync(join(tmpdir(), "lightsout-parity-"));
const noSleep = async () => undefined;

describe("11.12 cross-feature parity matrix", () => {
  test("parse a simple linear pipeline (start -> A -> B -> done)", () => {
    const { graph } = preparePipelineOrRaise(`digraph P { start [shape=Mdiamond]; A; B; done [shape=Msquare]; start -> A -> B -> done }`);
    expect([...graph.nodes.keys()]).toEqual(["start", "A", "B", "done"]);
    expect(graph.edges.map((edge) => `${edge.from}->${edge.to}`)).toEqual(["start->A", "A->B", "B->done"]);
  });

  test("parse a pipeline with graph-level attributes (goal, label)", () => {
    const { graph } = preparePipeline(`digraph P { graph [goal="Ship", label="Release"]; rankdir=LR; start [shape=Mdiamond]; exit [shape=Msquare]; start -> exit }`);
    expect(graph.attributes).toMatchObject({ goal: "Ship", label: "Release", rankdir: "LR" });
  });

  test("parse multi-line node attributes", () => {
    const { graph } = preparePipeline(`digraph P {
      review [
        shape=hexagon,
        label="Review
Changes",
        type="wait.human"
      ]
    }`);
    expect(graph.nodes.get("review")!.attributes).toEqual({ shape: "hexagon", label: "Review\nChanges", type: "wait.human" });
  });

  test("validate: missing start node -> error", () => {
    const { diagnostics } = preparePipeline(`digraph P { a; exit [shape=Msquare]; a -> exit }`);
    expect(diagnostics.some((diagnostic) => diagnostic.rule === "start_node" && diagnostic.severity === "error")).toBe(true);
  });

  test("validate: missing exit node -> error", () => {
    const { diagnostics } = preparePipeline(`digraph P { start [shape=Mdiamond]; a; start -> a }`);
    expect(diagnostics.some((diagnostic) => diagnostic.rule === "terminal_node" && diagnostic.severity === "error")).toBe(true);
  });

  test("validate: orphan node is reported (reachability; an error per section 7.2, see ADR)", () => {
    const { diagnostics } = preparePipeline(`digraph P { start [shape=Mdiamond]; exit [shape=Msquare]; orphan [prompt="x"]; start -> exit }`);
    const orphan = diagnostics.find((diagnostic) => diagnostic.rule === "reachability");
    expect(orphan?.nodeId).toBe("orphan");
  });

  test("execute a linear 3-node pipeline end-to-end", async () => {
    const { graph } = preparePipelineOrRaise(`digraph P { start [shape=Mdiamond]; a [prompt="a"]; b [prompt="b"]; c [prompt="c"]; exit [shape=Msquare]; start -> a -> b -> c -> exit }`);
    const result = await runPipeline(graph, { logsRoot: logsRoot() });
    expect(result.status).toBe("success");
    expect(result.completedNodes).toEqual(["start", "a", "b", "c", "exit"]);
  });

  test("execute with conditional branching (success/fail paths)", async () => {
    const dot = `digraph P { start [shape=Mdiamond]; work [prompt="w"]; ok [prompt="ok"]; fix [prompt="fix"]; exit [shape=Msquare]
      start -> work; work -> ok [condition="outcome=success"]; work -> fix [condition="outcome=fail"]; ok -> exit; fix -> exit }`;
    const { graph } = preparePipelineOrRaise(dot);
    const success = await runPipeline(graph, { logsRoot: logsRoot(), backend: createScriptedBackend() });
    expect(success.completedNodes).toContain("ok");
    const failure = await runPipeline(graph, { logsRoot: logsRoot(), backend: createScriptedBackend({ work: { status: "fail", failureReason: "no" } }) });
    expect(failure.completedNodes).toContain("fix");
    expect(failure.completedNodes).not.toContain("ok");
  });

  test("execute with retry on failure (max_retries=2)", async () => {
    const { graph } = preparePipelineOrRaise(`digraph P { start [shape=Mdiamond]; flaky [prompt="f", max_retries=2]; exit [shape=Msquare]; start -> flaky -> exit }`);
    const backend = createScriptedBackend({ flaky: [{ status: "fail", failureReason: "1" }, { status: "fail", failureReason: "2" }, "ok"] });
    const result = await runPipeline(graph, { logsRoot: logsRoot(), backend, sleep: noSleep });
    expect(result.status).toBe("success");
    expect(backend.callsFor("flaky")).toHaveLength(3);
  });

  const GATE = `digraph P { start [shape=Mdiamond]; impl [prompt="i", goal_gate=true, retry_target="impl"]; exit [shape=Msquare]
    start -> impl; impl -> exit [condition="outcome=success"]; impl -> exit [condition="outcome=fail"] }`;

  test("goal gate blocks exit when unsatisfied", async () => {
    const { graph } = preparePipelineOrRaise(GATE);
    const backend = createScriptedBackend({ impl: [{ status: "fail", failureReason: "not yet" }, "done"] });
    const result = await runPipeline(graph, { logsRoot: logsRoot(), backend });
    expect(backend.callsFor("impl")).toHaveLength(2);
    expect(result.completedNodes).toEqual(["start", "impl", "impl", "exit"]);
  });

  test("goal gate allows exit when all satisfied", async () => {
    const { graph } = preparePipelineOrRaise(GATE);
    const backend = createScriptedBackend();
    const result = await runPipeline(graph, { logsRoot: logsRoot(), backend });
    expect(backend.callsFor("impl")).toHaveLength(1);
    expect(result.status).toBe("success");
  });

  test("wait.human presents choices and routes on selection", async () => {
    const dot = `digraph P { start [shape=Mdiamond]; exit [shape=Msquare]
      gate [shape=hexagon, label="Review Changes"]
      ship [prompt="ship"]; fixes [prompt="fix"]
      start -> gate; gate -> ship [label="[A] Approve"]; gate -> fixes [label="[F] Fix"]; ship -> exit; fixes -> exit }`;
    const { graph } = preparePipelineOrRaise(dot);
    const questions: string[][] = [];
    const interviewer = new QueueInterviewer([{ value: "F" }]);
    const result = await runPipeline(graph, {
      logsRoot: logsRoot(),
      interviewer,
      onEvent: (event) => {
        if (event.type === "interview-start") questions.push(event.question.options.map((option) => `${option.key}:${option.label}`));
      },
    });
    expect(questions).toEqual([["A:[A] Approve", "F:[F] Fix"]]);
    expect(result.completedNodes).toEqual(["start", "gate", "fixes", "exit"]);
    expect(result.context["human.gate.selected"]).toBe("F");
  });

  const SELECTING = (edges: string) => `digraph P { start [shape=Mdiamond]; exit [shape=Msquare]; a [prompt="a"]; b [prompt="b"]; c [prompt="c"]
    start -> a; ${edges}; b -> exit; c -> exit }`;

  test("edge selection: condition match wins over weight", async () => {
    const { graph } = preparePipelineOrRaise(SELECTING(`a -> b [weight=100]; a -> c [condition="outcome=success"]`));
    const result = await runPipeline(graph, { logsRoot: logsRoot() });
    expect(result.completedNodes).toEqual(["start", "a", "c", "exit"]);
  });

  test("edge selection: weight breaks ties for unconditional edges", async () => {
    const { graph } = preparePipelineOrRaise(SELECTING(`a -> b [weight=1]; a -> c [weight=5]`));
    const result = await runPipeline(graph, { logsRoot: logsRoot() });
    expect(result.completedNodes).toEqual(["start", "a", "c", "exit"]);
  });

  test("edge selection: lexical tiebreak as final fallback", async () => {
    const { graph } = preparePipelineOrRaise(SELECTING(`a -> c; a -> b`));
    const result = await runPipeline(graph, { logsRoot: logsRoot() });
    expect(result.completedNodes).toEqual(["start", "a", "b", "exit"]);
  });

  test("context updates from one node are visible to the next", async () => {
    const { graph } = preparePipelineOrRaise(`digraph P { start [shape=Mdiamond]; a [prompt="a"]; b [prompt="b"]; exit [shape=Msquare]; start -> a -> b -> exit }`);
    let seen = "";
    const backend = createScriptedBackend({
      a: { status: "success", contextUpdates: { "context.note": "from a" } },
      b: (_call, context) => ((seen = context.getString("context.note")), "ok"),
    });
    await runPipeline(graph, { logsRoot: logsRoot(), backend });
    expect(seen).toBe("from a");
  });

  test("checkpoint save and resume produces same result", async () => {
    const dot = `digraph P { start [shape=Mdiamond]; a [prompt="a"]; b [prompt="b"]; c [prompt="c"]; exit [shape=Msquare]; start -> a -> b -> c -> exit }`;
    const { graph } = preparePipelineOrRaise(dot);
    const reference = await runPipeline(graph, { logsRoot: logsRoot(), backend: createScriptedBackend() });
    const root = logsRoot();
    const controller = new AbortController();
    const interrupted = createScriptedBackend({ b: () => (controller.abort(), new Promise(() => undefined)) });
    expect((await runPipeline(graph, { logsRoot: root, backend: interrupted, signal: controller.signal })).status).toBe("cancelled");
    const resumed = await runPipeline(graph, { logsRoot: root, backend: createScriptedBackend(), resume: true });
    expect(resumed.status).toBe(reference.status);
    expect(resumed.completedNodes).toEqual(reference.completedNodes);
    expect(resumed.context["last_stage"]).toBe(reference.context["last_stage"]);
  });

  test("stylesheet applies model override to nodes by shape", async () => {
    const { graph } = preparePipelineOrRaise(`digraph P {
      graph [model_stylesheet="box { llm_model: claude-opus-4-6; } #b { llm_model: gpt-5.2; }"]
      start [shape=Mdiamond]; a [prompt="a"]; b [prompt="b"]; c [prompt="c", llm_model="explicit"]; exit [shape=Msquare]; start -> a -> b -> c -> exit }`);
    const backend = createScriptedBackend();
    await runPipeline(graph, { logsRoot: logsRoot(), backend });
    expect(backend.calls.map((call) => [call.nodeId, call.model])).toEqual([
      ["a", "claude-opus-4-6"],
      ["b", "gpt-5.2"],
      ["c", "explicit"],
    ]);
  });

  test("prompt variable expansion ($goal) works", async () => {
    const { graph } = preparePipelineOrRaise(`digraph P { graph [goal="Build a CLI"]; start [shape=Mdiamond]; plan [prompt="Plan: $goal"]; exit [shape=Msquare]; start -> plan -> exit }`);
    expect(graph.nodes.get("plan")!.attributes["prompt"]).toBe("Plan: Build a CLI");
    const backend = createScriptedBackend();
    await runPipeline(graph, { logsRoot: logsRoot(), backend });
    expect(backend.calls[0]!.prompt).toContain("Plan: Build a CLI");
  });

  test("parallel fan-out and fan-in complete correctly", async () => {
    const { graph } = preparePipelineOrRaise(`digraph P { start [shape=Mdiamond]; exit [shape=Msquare]
      fan [shape=component]; left [prompt="l"]; right [prompt="r"]; join [shape=tripleoctagon]; after [prompt="after"]
      start -> fan; fan -> left; fan -> right; left -> join; right -> join; join -> after -> exit }`);
    const backend = createScriptedBackend({ left: { status: "success", contextUpdates: { score: 1 } }, right: { status: "success", contextUpdates: { score: 9 } } });
    const result = await runPipeline(graph, { logsRoot: logsRoot(), backend });
    expect(result.status).toBe("success");
    expect(result.completedNodes).toEqual(["start", "fan", "join", "after", "exit"]);
    expect(backend.calls.map((call) => call.nodeId).sort()).toEqual(["after", "left", "right"]);
    expect(result.context["parallel.fan_in.best_id"]).toBe("right");
  });

  test("custom handler registration and execution works", async () => {
    const { graph } = preparePipelineOrRaise(`digraph P { start [shape=Mdiamond]; x [type="stamp"]; exit [shape=Msquare]; start -> x -> exit }`, { knownHandlerTypes: ["start", "exit", "stamp"] });
    const registry = createDefaultRegistry().register("stamp", { execute: async () => ({ status: "success", contextUpdates: { stamped: "yes" } }) });
    const result = await runPipeline(graph, { logsRoot: logsRoot(), registry });
    expect(result.context["stamped"]).toBe("yes");
  });

  test("pipeline with 10+ nodes completes without errors", async () => {
    const ids = Array.from({ length: 15 }, (_, index) => `n${index}`);
    const { graph } = preparePipelineOrRaise(`digraph P { start [shape=Mdiamond]; exit [shape=Msquare]; ${ids.map((id) => `${id} [prompt="${id}"]`).join(";")}; start -> ${ids.join(" -> ")} -> exit }`);
    const result = await runPipeline(graph, { logsRoot: logsRoot() });
    expect(result.status).toBe("success");
    expect(result.completedNodes).toHaveLength(17);
  });
});

describe("11.13 integration smoke test (scripted LLM backend)", () => {
  test("plan -> implement -> review -> done", async () => {
    const DOT = `
digraph test_pipeline {
    graph [goal="Create a hello world Python script"]

    start       [shape=Mdiamond]
    plan        [shape=box, prompt="Plan how to create a hello world script for: $goal"]
    implement   [shape=box, prompt="Write the code based on the plan", goal_gate=true]
    review      [shape=box, prompt="Review the code for correctness"]
    done        [shape=Msquare]

    start -> plan
    plan -> implement
    implement -> review [condition="outcome=success"]
    implement -> plan   [condition="outcome=fail", label="Retry"]
    review -> done      [condition="outcome=success"]
    review -> implement [condition="outcome=fail", label="Fix"]
}`;
    // 1. Parse
    const { graph, diagnostics } = preparePipeline(DOT);
    expect(graph.attributes["goal"]).toBe("Create a hello world Python script");
    expect(graph.nodes.size).toBe(5);
    expect(graph.edges).toHaveLength(6);
    // 2. Validate
    expect(diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
    // 3. Execute with an LLM callback: the review fails once, so implement runs twice.
    const backend = createScriptedBackend({
      plan: "1. write hello.py that prints hello world",
      implement: ["print('hello world')", "print('Hello, world!')"],
      review: [{ status: "fail", failureReason: "wrong capitalization" }, "LGTM"],
    });
    const root = logsRoot();
    const outcome = await runPipeline(graph, { logsRoot: root, backend });
    // 4. Verify
    expect(outcome.status).toBe("success");
    expect(outcome.completedNodes).toContain("implement");
    expect(backend.calls[0]!.prompt).toContain("Plan how to create a hello world script for: Create a hello world Python script");
    for (const stage of ["plan", "implement", "review"]) {
      for (const file of ["prompt.md", "response.md", "status.json"]) expect(existsSync(join(root, stage, file)), `${stage}/${file}`).toBe(true);
    }
    // 5. Verify goal gate
    expect(outcome.nodeOutcomes["implement"]!.status).toBe("success");
    // 6. Verify checkpoint
    const checkpoint = loadCheckpoint(root);
    expect(checkpoint.currentNode).toBe("done");
    for (const stage of ["plan", "implement", "review"]) expect(checkpoint.completedNodes).toContain(stage);
  });
});
