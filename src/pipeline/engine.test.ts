import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { createScriptedBackend } from "../testing/scripted-backend.js";
import { loadCheckpoint } from "./checkpoint.js";
import { runPipeline, type RunPipelineOptions } from "./engine.js";
import type { PipelineEvent } from "./events.js";
import { createDefaultRegistry } from "./handlers/defaults.js";
import type { Handler } from "./handlers/handler.js";
import { preparePipelineOrRaise } from "./prepare.js";

function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), "lightsout-engine-"));
}

async function run(dot: string, options: Partial<RunPipelineOptions> = {}) {
  const { graph } = preparePipelineOrRaise(dot, { source: "test.dot" });
  const events: PipelineEvent[] = [];
  const logsRoot = options.logsRoot ?? temporaryDirectory();
  const sleeps: number[] = [];
  const result = await runPipeline(graph, {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onEvent: (event) => events.push(event),
    ...options,
    logsRoot,
  });
  return { result, events, logsRoot, graph, sleeps };
}

const LINEAR = `digraph Linear {
  graph [goal="Ship it"]
  start [shape=Mdiamond]
  a [prompt="Do A for $goal"]
  b [prompt="Do B"]
  c [prompt="Do C"]
  exit [shape=Msquare]
  start -> a -> b -> c -> exit
}`;

describe("execution engine (11.3)", () => {
  test("executes a linear 3-node pipeline end-to-end from the start node", async () => {
    const backend = createScriptedBackend();
    const { result, logsRoot } = await run(LINEAR, { backend });
    expect(result.status).toBe("success");
    expect(result.completedNodes).toEqual(["start", "a", "b", "c", "exit"]);
    expect(backend.calls.map((call) => call.nodeId)).toEqual(["a", "b", "c"]);
    expect(backend.calls[0]!.prompt).toContain("Do A for Ship it");
    for (const id of ["a", "b", "c"]) {
      const status = JSON.parse(readFileSync(join(logsRoot, id, "status.json"), "utf8"));
      expect(status.outcome).toBe("success");
      expect(existsSync(join(logsRoot, id, "prompt.md"))).toBe(true);
      expect(existsSync(join(logsRoot, id, "response.md"))).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(logsRoot, "manifest.json"), "utf8"))).toMatchObject({ v: 1, name: "Linear", goal: "Ship it" });
    expect(loadCheckpoint(logsRoot).currentNode).toBe("exit");
  });

  test("resolves each node's handler from its shape", async () => {
    const { events } = await run(LINEAR, { backend: createScriptedBackend() });
    const types = events.flatMap((event) => (event.type === "stage-start" ? [[event.nodeId, event.handlerType]] : []));
    expect(types).toEqual([
      ["start", "start"],
      ["a", "codergen"],
      ["b", "codergen"],
      ["c", "codergen"],
      ["exit", "exit"],
    ]);
  });

  test("branches on conditions: success path and fail path", async () => {
    const dot = `digraph Branch {
      start [shape=Mdiamond]
      work [prompt="work"]
      gate [shape=diamond]
      good [prompt="good"]
      bad [prompt="bad"]
      exit [shape=Msquare]
      start -> work -> gate
      gate -> good [condition="context.verdict=pass"]
      gate -> bad [condition="context.verdict!=pass"]
      good -> exit
      bad -> exit
    }`;
    const pass = await run(dot, { backend: createScriptedBackend({ work: { status: "success", contextUpdates: { verdict: "pass" } } }) });
    expect(pass.result.completedNodes).toEqual(["start", "work", "gate", "good", "exit"]);
    const failing = await run(dot, { backend: createScriptedBackend({ work: { status: "success", contextUpdates: { verdict: "nope" } } }) });
    expect(failing.result.completedNodes).toEqual(["start", "work", "gate", "bad", "exit"]);
  });

  test("a failed stage follows its fail edge; without fail edge or retry target, the unconditional edge; with no edge at all the pipeline fails", async () => {
    const withFailEdge = `digraph F {
      start [shape=Mdiamond]
      work [prompt="w"]
      fix [prompt="f"]
      exit [shape=Msquare]
      start -> work
      work -> exit [condition="outcome=success"]
      work -> fix [condition="outcome=fail"]
      fix -> exit
    }`;
    const routed = await run(withFailEdge, { backend: createScriptedBackend({ work: { status: "fail", failureReason: "broken" } }) });
    expect(routed.result.completedNodes).toEqual(["start", "work", "fix", "exit"]);
    expect(routed.result.status).toBe("success");

    const unconditional = `digraph F { start [shape=Mdiamond]; work [prompt="w"]; exit [shape=Msquare]; start -> work -> exit }`;
    const continued = await run(unconditional, { backend: createScriptedBackend({ work: { status: "fail", failureReason: "broken" } }) });
    expect(continued.result.completedNodes).toEqual(["start", "work", "exit"]);

    const deadEnd = `digraph F { start [shape=Mdiamond]; work [prompt="w"]; exit [shape=Msquare]; start -> work; work -> exit [condition="outcome=success"] }`;
    const failed = await run(deadEnd, { backend: createScriptedBackend({ work: { status: "fail", failureReason: "broken" } }) });
    expect(failed.result.status).toBe("fail");
    expect(failed.result.outcome.failureReason).toBe("broken");
    expect(failed.result.completedNodes).toEqual(["start", "work"]);
  });

  test("a failed stage prefers its retry target over an unconditional edge", async () => {
    const dot = `digraph R { start [shape=Mdiamond]; work [prompt="w", retry_target="recover"]; recover [prompt="r"]; exit [shape=Msquare]
      start -> work -> exit; recover -> exit }`;
    const { result } = await run(dot, { backend: createScriptedBackend({ work: { status: "fail", failureReason: "x" } }) });
    expect(result.completedNodes).toEqual(["start", "work", "recover", "exit"]);
  });

  test("the graph's retry_target catches failures of nodes without their own", async () => {
    const dot = `digraph R { graph [retry_target="recover"]; start [shape=Mdiamond]; work [prompt="w"]; recover [prompt="r"]; exit [shape=Msquare]
      start -> work; work -> exit [condition="outcome=success"]; recover -> exit }`;
    const { result } = await run(dot, { backend: createScriptedBackend({ work: { status: "fail", failureReason: "x" } }) });
    expect(result.completedNodes).toEqual(["start", "work", "recover", "exit"]);
  });

  test("failure routing uses retry_target then fallback_retry_target", async () => {
    const dot = `digraph R {
      start [shape=Mdiamond]
      work [prompt="w", retry_target="missing", fallback_retry_target="recover"]
      recover [prompt="r"]
      exit [shape=Msquare]
      start -> work -> exit
      recover -> exit
    }`;
    const { result } = await run(dot, { backend: createScriptedBackend({ work: { status: "fail", failureReason: "x" } }) });
    expect(result.completedNodes).toEqual(["start", "work", "recover", "exit"]);
  });

  test("context updates from one node are visible to the next", async () => {
    const seen: string[] = [];
    const backend = createScriptedBackend({
      a: { status: "success", contextUpdates: { "context.plan": "three steps" } },
      b: (_call, context) => {
        seen.push(context.getString("context.plan"));
        return "ok";
      },
    });
    const { result } = await run(LINEAR, { backend });
    expect(seen).toEqual(["three steps"]);
    expect(result.context["context.plan"]).toBe("three steps");
    expect(result.context["graph.goal"]).toBe("Ship it");
    expect(result.context["last_stage"]).toBe("c");
  });

  test("a custom handler registered by type string is executed", async () => {
    const dot = `digraph C { start [shape=Mdiamond]; special [type="my_custom", shape=box, custom_attr="value"]; exit [shape=Msquare]; start -> special -> exit }`;
    const seen: string[] = [];
    const custom: Handler = {
      async execute(node) {
        seen.push(node.attributes["custom_attr"]!);
        return { status: "success", contextUpdates: { custom: true } };
      },
    };
    const registry = createDefaultRegistry().register("my_custom", custom);
    const { result } = await run(dot, { registry });
    expect(seen).toEqual(["value"]);
    expect(result.context["custom"]).toBe(true);
  });

  test("a pipeline with 10+ nodes completes", async () => {
    const ids = Array.from({ length: 12 }, (_, index) => `step_${index}`);
    const dot = `digraph Long { start [shape=Mdiamond]; exit [shape=Msquare]; ${ids.map((id) => `${id} [prompt="${id}"]`).join("; ")}; start -> ${ids.join(" -> ")} -> exit }`;
    const { result } = await run(dot);
    expect(result.status).toBe("success");
    expect(result.completedNodes).toHaveLength(14);
  });

  test("emits typed events in order", async () => {
    const { events } = await run(LINEAR);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe("pipeline-start");
    expect(types.at(-1)).toBe("pipeline-end");
    expect(types.filter((type) => type === "stage-start")).toHaveLength(5);
    expect(types.filter((type) => type === "checkpoint-save").length).toBeGreaterThanOrEqual(5);
    expect(events.every((event) => typeof event.timestamp === "number" && event.runId.length > 0)).toBe(true);
  });
});

describe("goal gates (11.4)", () => {
  const GATED = `digraph G {
    graph [goal="g"]
    start [shape=Mdiamond]
    implement [prompt="impl", goal_gate=true, retry_target="implement"]
    review [prompt="review"]
    exit [shape=Msquare]
    start -> implement
    implement -> review [condition="outcome=success"]
    implement -> review [condition="outcome=fail"]
    implement -> review [condition="outcome=partial_success"]
    review -> exit
  }`;

  test("an unsatisfied goal gate blocks exit and routes to its retry_target", async () => {
    const backend = createScriptedBackend({ implement: [{ status: "fail", failureReason: "not yet" }, "done"] });
    const { result, events } = await run(GATED, { backend });
    expect(result.status).toBe("success");
    expect(result.completedNodes).toEqual(["start", "implement", "review", "implement", "review", "exit"]);
    expect(events.some((event) => event.type === "goal-gate-retry" && event.target === "implement")).toBe(true);
  });

  test("the pipeline fails when a goal gate is unsatisfied and no retry target exists", async () => {
    const dot = GATED.replace(', retry_target="implement"', "");
    const backend = createScriptedBackend({ implement: { status: "fail", failureReason: "no" } });
    const { result } = await run(dot, { backend });
    expect(result.status).toBe("fail");
    expect(result.outcome.failureReason).toMatch(/goal gate implement unsatisfied/);
  });

  test("goal gates allow exit when all are satisfied (partial success counts)", async () => {
    const backend = createScriptedBackend({ implement: { status: "partial_success", notes: "mostly" } });
    const { result } = await run(GATED, { backend });
    expect(result.status).toBe("success");
    expect(result.completedNodes).toEqual(["start", "implement", "review", "exit"]);
  });

  test("graph-level retry_target is used when the gate node has none", async () => {
    const dot = GATED.replace(', retry_target="implement"', "").replace('graph [goal="g"]', 'graph [goal="g", retry_target="implement"]');
    const backend = createScriptedBackend({ implement: [{ status: "fail", failureReason: "no" }, "ok"] });
    const { result } = await run(dot, { backend });
    expect(result.status).toBe("success");
  });
});

describe("retries (11.5)", () => {
  const RETRYING = (attributes: string) => `digraph R {
    start [shape=Mdiamond]
    flaky [prompt="f", ${attributes}]
    exit [shape=Msquare]
    start -> flaky
    flaky -> exit [condition="outcome=success"]
    flaky -> exit [condition="outcome=partial_success"]
  }`;

  test("max_retries=2 retries a failing node up to 3 executions", async () => {
    const backend = createScriptedBackend({ flaky: [{ status: "fail", failureReason: "1" }, { status: "retry" }, "third time lucky"] });
    const { result, events } = await run(RETRYING("max_retries=2"), { backend });
    expect(result.status).toBe("success");
    expect(backend.callsFor("flaky")).toHaveLength(3);
    expect(events.filter((event) => event.type === "stage-retry")).toHaveLength(2);
  });

  test("retry count respects the limit and the final outcome drives edge selection", async () => {
    const backend = createScriptedBackend({ flaky: { status: "fail", failureReason: "always" } });
    const { result } = await run(RETRYING("max_retries=2"), { backend });
    expect(backend.callsFor("flaky")).toHaveLength(3);
    expect(result.status).toBe("fail");
    expect(result.outcome.failureReason).toBe("always");
  });

  test("default_max_retries on the graph applies to nodes without max_retries", async () => {
    const dot = RETRYING("label=f").replace("digraph R {", "digraph R { graph [default_max_retries=1]");
    const backend = createScriptedBackend({ flaky: [{ status: "retry" }, "ok"] });
    await run(dot, { backend });
    expect(backend.callsFor("flaky")).toHaveLength(2);
  });

  test("exponential backoff without jitter waits initial * factor^(n-1)", async () => {
    const backend = createScriptedBackend({ flaky: { status: "retry" } });
    const { sleeps } = await run(RETRYING('max_retries=3, retry_initial_delay="100ms", retry_backoff_factor=3, retry_jitter=false'), { backend });
    expect(sleeps).toEqual([100, 300, 900]);
  });

  test("linear preset waits a constant delay", async () => {
    const backend = createScriptedBackend({ flaky: { status: "retry" } });
    const { sleeps } = await run(RETRYING('retry_policy=linear, retry_jitter=false'), { backend });
    expect(sleeps).toEqual([500, 500]);
  });

  test("jitter scales delays into [0.5, 1.5) and is reproducible from a seed", async () => {
    const first = await run(RETRYING('max_retries=4, retry_initial_delay="1000ms"'), { backend: createScriptedBackend({ flaky: { status: "retry" } }), seed: 7 });
    const second = await run(RETRYING('max_retries=4, retry_initial_delay="1000ms"'), { backend: createScriptedBackend({ flaky: { status: "retry" } }), seed: 7 });
    expect(first.sleeps).toEqual(second.sleeps);
    first.sleeps.forEach((delay, index) => {
      const base = 1000 * 2 ** index;
      expect(delay).toBeGreaterThanOrEqual(base * 0.5);
      expect(delay).toBeLessThan(base * 1.5);
    });
    expect(first.sleeps.some((delay, index) => delay !== 1000 * 2 ** index)).toBe(true);
  });

  test("allow_partial turns exhausted RETRY into PARTIAL_SUCCESS", async () => {
    const backend = createScriptedBackend({ flaky: { status: "retry" } });
    const { result } = await run(RETRYING("max_retries=1, allow_partial=true"), { backend });
    expect(result.nodeOutcomes["flaky"]!.status).toBe("partial_success");
    expect(result.status).toBe("success");
  });

  test("a handler's thrown transient error (429) is retried, an auth error (401) is not", async () => {
    const throwing = (errors: Error[]) => {
      let calls = 0;
      const handler: Handler = {
        async execute() {
          const error = errors[calls++];
          if (error) throw error;
          return { status: "success" };
        },
      };
      return { handler, calls: () => calls };
    };
    const dot = RETRYING('type="throwing", max_retries=2');
    const transient = throwing([Object.assign(new Error("rate limited"), { status: 429 })]);
    await run(dot, { registry: createDefaultRegistry().register("throwing", transient.handler) });
    expect(transient.calls()).toBe(2);
    const auth = throwing([Object.assign(new Error("bad key"), { status: 401 })]);
    const { result } = await run(dot, { registry: createDefaultRegistry().register("throwing", auth.handler) });
    expect(auth.calls()).toBe(1);
    expect(result.outcome.failureReason).toBe("bad key");
  });
});

describe("timeouts, cancellation and the status-file contract", () => {
  test("a node exceeding its timeout fails with a precise reason", async () => {
    const dot = `digraph T { start [shape=Mdiamond]; slow [prompt="s", timeout="50ms"]; exit [shape=Msquare]; start -> slow -> exit }`;
    const backend = createScriptedBackend({ slow: () => new Promise((resolve) => setTimeout(() => resolve("late"), 2000)) });
    const { result } = await run(dot, { backend });
    expect(result.nodeOutcomes["slow"]!.status).toBe("fail");
    expect(result.nodeOutcomes["slow"]!.failureReason).toMatch(/timed out after 50 ms/);
  });

  test("cancelling a run stops it, and resume continues where it stopped", async () => {
    const controller = new AbortController();
    const backend = createScriptedBackend({
      b: () => {
        controller.abort();
        return new Promise(() => undefined);
      },
    });
    const logsRoot = temporaryDirectory();
    const first = await run(LINEAR, { backend, signal: controller.signal, logsRoot });
    expect(first.result.status).toBe("cancelled");
    const again = createScriptedBackend();
    const second = await run(LINEAR, { backend: again, logsRoot, resume: true });
    expect(second.result.status).toBe("success");
    expect(again.calls.map((call) => call.nodeId)).toEqual(["b", "c"]);
  });

  test("a handler that returns nothing but writes status.json is routed by the file", async () => {
    const dot = `digraph S { start [shape=Mdiamond]; ext [type="external"]; yes [prompt="y"]; exit [shape=Msquare]
      start -> ext; ext -> yes [label="Yes"]; ext -> exit [label="No"]; yes -> exit }`;
    const external: Handler = {
      async execute(node, _context, _graph, logsRoot) {
        writeFileSync(join(logsRoot, node.id, "status.json"), JSON.stringify({ outcome: "success", preferred_label: "yes", context_updates: { from_file: 1 } }));
      },
    };
    const { result } = await run(dot, { registry: createDefaultRegistry().register("external", external) });
    expect(result.completedNodes).toEqual(["start", "ext", "yes", "exit"]);
    expect(result.context["from_file"]).toBe(1);
  });

  test("auto_status synthesizes SUCCESS when a handler writes no status; without it the stage fails", async () => {
    const silent: Handler = { async execute() {} };
    const dot = (auto: boolean) => `digraph A { start [shape=Mdiamond]; quiet [type="silent", auto_status=${auto}]; exit [shape=Msquare]; start -> quiet -> exit }`;
    const registry = () => createDefaultRegistry().register("silent", silent);
    const automatic = await run(dot(true), { registry: registry() });
    expect(automatic.result.status).toBe("success");
    expect(automatic.result.nodeOutcomes["quiet"]!.notes).toMatch(/auto-status/);
    const manual = await run(dot(false), { registry: registry() });
    expect(manual.result.nodeOutcomes["quiet"]!.status).toBe("fail");
    expect(manual.result.nodeOutcomes["quiet"]!.failureReason).toMatch(/auto_status=true/);
  });

  test("a handler that throws is turned into a FAIL outcome", async () => {
    const dot = `digraph E { start [shape=Mdiamond]; boom [type="boom"]; exit [shape=Msquare]; start -> boom -> exit }`;
    const registry = createDefaultRegistry().register("boom", { execute: async () => { throw new Error("kaboom"); } });
    const { result } = await run(dot, { registry });
    expect(result.nodeOutcomes["boom"]).toMatchObject({ status: "fail", failureReason: "kaboom" });
  });
});

describe("loop_restart", () => {
  test("restarts at the edge target with a fresh log directory and a fresh context", async () => {
    const dot = `digraph L {
      start [shape=Mdiamond]
      work [prompt="w"]
      check [shape=diamond]
      exit [shape=Msquare]
      start -> work -> check
      check -> work [condition="context.round!=2", loop_restart=true]
      check -> exit [condition="context.round=2"]
    }`;
    let round = 0;
    const seenBefore: string[] = [];
    const backend = createScriptedBackend({
      work: (_call, context) => {
        seenBefore.push(context.getString("round", "unset"));
        return { status: "success", contextUpdates: { round: String(++round) } };
      },
    });
    const { result, logsRoot, events } = await run(dot, { backend });
    expect(result.status).toBe("success");
    expect(round).toBe(2);
    expect(seenBefore).toEqual(["unset", "unset"]);
    expect(result.completedNodes).toEqual(["work", "check", "exit"]);
    expect(existsSync(join(logsRoot, "restart-1", "work", "status.json"))).toBe(true);
    expect(events.filter((event) => event.type === "pipeline-restart")).toHaveLength(1);
  });
});

describe("the codergen backend's stage directory", () => {
  test("is where the stage's prompt.md is: the restart's directory after loop_restart, each parallel branch node's own", async () => {
    const dot = `digraph S {
      start [shape=Mdiamond]
      work [prompt="w"]
      fan [shape=component]
      left [prompt="l"]
      right [prompt="r"]
      join [shape=tripleoctagon]
      check [shape=diamond]
      exit [shape=Msquare]
      start -> work -> fan
      fan -> left
      fan -> right
      left -> join
      right -> join
      join -> check
      check -> work [condition="context.round!=2", loop_restart=true]
      check -> exit [condition="context.round=2"]
    }`;
    const seen: { node: string; stageDir: string }[] = [];
    let round = 0;
    const backend = {
      run: async (node: { id: string }, _prompt: string, _context: unknown, runtime: { stageDir: string }) => {
        seen.push({ node: node.id, stageDir: runtime.stageDir });
        return node.id === "work" ? { status: "success" as const, contextUpdates: { round: String(++round) } } : `${node.id} done`;
      },
    };
    const { result, logsRoot } = await run(dot, { backend });
    expect(result.status).toBe("success");
    const after = seen.filter((entry) => entry.stageDir.includes("restart-1"));
    expect(after.map((entry) => entry.node).sort()).toEqual(["left", "right", "work"]);
    for (const entry of seen) expect(existsSync(join(entry.stageDir, "prompt.md"))).toBe(true);
    expect(after.find((entry) => entry.node === "left")!.stageDir).toBe(join(logsRoot, "restart-1", "left"));
    expect(seen.find((entry) => entry.node === "right")!.stageDir).toBe(join(logsRoot, "right"));
  });
});

describe("human gates that get no answer", () => {
  test("a skipped gate fails the run instead of taking one of its choices", async () => {
    const dot = `digraph H { start [shape=Mdiamond]; exit [shape=Msquare]
      gate [shape=hexagon, label="Deploy?"]; ship [prompt="ship"]; fixes [prompt="fix"]
      start -> gate; gate -> ship [label="[A] Approve"]; gate -> fixes [label="[F] Fix"]; ship -> exit; fixes -> gate }`;
    const backend = createScriptedBackend();
    const { result } = await run(dot, { backend });
    expect(result.status).toBe("fail");
    expect(result.completedNodes).toEqual(["start", "gate"]);
    expect(backend.calls).toHaveLength(0);
  });
});
