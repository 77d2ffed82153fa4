import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { createScriptedBackend } from "../../testing/scripted-backend.js";
import { runPipeline } from "../engine.js";
import type { PipelineEvent } from "../events.js";
import { preparePipelineOrRaise } from "../prepare.js";
import type { ParallelResultRecord } from "./parallel-results.js";

const logsRoot = () => mkdtempSync(join(tmpdir(), "lightsout-parallel-"));

const FAN = (attributes: string, branches = ["b1", "b2", "b3", "b4"]) => `digraph P {
  start [shape=Mdiamond]; exit [shape=Msquare]
  fan [shape=component${attributes ? `, ${attributes}` : ""}]
  join [shape=tripleoctagon]
  ${branches.map((branch) => `${branch} [prompt="${branch}"]`).join("; ")}
  start -> fan
  ${branches.map((branch) => `fan -> ${branch}; ${branch} -> join`).join("; ")}
  join -> exit [condition="outcome=success"]
  join -> exit [condition="outcome=fail"]
}`;

const delayed = (ms: number, reply: string | object = "ok") => () => new Promise<never>((resolve) => setTimeout(() => resolve(reply as never), ms));

describe("parallel handler (spec 4.8)", () => {
  test("runs branches concurrently but never more than max_parallel at a time", async () => {
    let running = 0;
    let peak = 0;
    const branch = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 30));
      running -= 1;
      return "ok";
    };
    const backend = createScriptedBackend({ b1: branch, b2: branch, b3: branch, b4: branch });
    const { graph } = preparePipelineOrRaise(FAN("max_parallel=2"));
    const result = await runPipeline(graph, { logsRoot: logsRoot(), backend });
    expect(result.status).toBe("success");
    expect(peak).toBe(2);
    expect(backend.calls).toHaveLength(4);
  });

  test("each branch gets an isolated clone of the context; only results come back", async () => {
    const backend = createScriptedBackend({
      b1: { status: "success", contextUpdates: { shared: "from b1" } },
      b2: (_call, context) => ({ status: "success", contextUpdates: { saw: context.getString("shared", "nothing") } }),
    });
    const { graph } = preparePipelineOrRaise(FAN("max_parallel=1", ["b1", "b2"]));
    const result = await runPipeline(graph, { logsRoot: logsRoot(), backend });
    const records = result.context["parallel.results"] as ParallelResultRecord[];
    expect(records.find((record) => record.id === "b2")!.contextUpdates).toMatchObject({ saw: "nothing" });
    expect(records.find((record) => record.id === "b1")!.contextUpdates).toMatchObject({ shared: "from b1" });
  });

  test("wait_all: any failed branch makes the fan-out PARTIAL_SUCCESS and fan-in still picks the best", async () => {
    const backend = createScriptedBackend({ b2: { status: "fail", failureReason: "b2 broke" } });
    const { graph } = preparePipelineOrRaise(FAN("", ["b1", "b2"]));
    const result = await runPipeline(graph, { logsRoot: logsRoot(), backend });
    expect(result.nodeOutcomes["fan"]!.status).toBe("partial_success");
    expect(result.context["parallel.fan_in.best_id"]).toBe("b1");
    expect(result.status).toBe("success");
  });

  test("all branches failing makes the fan-in FAIL", async () => {
    const backend = createScriptedBackend({ b1: { status: "fail", failureReason: "x" }, b2: { status: "fail", failureReason: "y" } });
    const { graph } = preparePipelineOrRaise(FAN("", ["b1", "b2"]));
    const result = await runPipeline(graph, { logsRoot: logsRoot(), backend });
    expect(result.nodeOutcomes["join"]!.status).toBe("fail");
  });

  test("first_success: returns once one branch succeeds and cancels the others", async () => {
    const backend = createScriptedBackend({ b1: delayed(10, "fast"), b2: delayed(5_000, "slow"), b3: delayed(5_000, "slow") });
    const { graph } = preparePipelineOrRaise(FAN("join_policy=first_success", ["b1", "b2", "b3"]));
    const started = Date.now();
    const result = await runPipeline(graph, { logsRoot: logsRoot(), backend });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result.nodeOutcomes["fan"]!.status).toBe("success");
    const records = result.context["parallel.results"] as ParallelResultRecord[];
    expect(records.filter((record) => record.status === "success").map((record) => record.id)).toEqual(["b1"]);
  });

  test("first_success with no success fails", async () => {
    const backend = createScriptedBackend({ b1: { status: "fail", failureReason: "x" }, b2: { status: "fail", failureReason: "y" } });
    const { graph } = preparePipelineOrRaise(FAN("join_policy=first_success", ["b1", "b2"]));
    const result = await runPipeline(graph, { logsRoot: logsRoot(), backend });
    expect(result.nodeOutcomes["fan"]!.status).toBe("fail");
  });

  test("multi-stage branches run to the fan-in; parallel events are emitted", async () => {
    const dot = `digraph P { start [shape=Mdiamond]; exit [shape=Msquare]; fan [shape=component]; join [shape=tripleoctagon]
      l1 [prompt="l1"]; l2 [prompt="l2"]; r1 [prompt="r1"]
      start -> fan; fan -> l1 -> l2 -> join; fan -> r1 -> join; join -> exit }`;
    const events: PipelineEvent[] = [];
    const backend = createScriptedBackend();
    const result = await runPipeline(preparePipelineOrRaise(dot).graph, { logsRoot: logsRoot(), backend, onEvent: (event) => events.push(event) });
    expect(result.status).toBe("success");
    expect(backend.calls.map((call) => call.nodeId).sort()).toEqual(["l1", "l2", "r1"]);
    const types = events.map((event) => event.type).filter((type) => type.startsWith("parallel"));
    expect(types[0]).toBe("parallel-start");
    expect(types.at(-1)).toBe("parallel-end");
    expect(types.filter((type) => type === "parallel-branch-end")).toHaveLength(2);
  });

  test("branches that do not converge on one fan-in node fail with a precise reason", async () => {
    const dot = `digraph P { start [shape=Mdiamond]; exit [shape=Msquare]; fan [shape=component]
      j1 [shape=tripleoctagon]; j2 [shape=tripleoctagon]; a [prompt="a"]; b [prompt="b"]
      start -> fan; fan -> a -> j1; fan -> b -> j2; j1 -> exit; j2 -> exit }`;
    const result = await runPipeline(preparePipelineOrRaise(dot).graph, { logsRoot: logsRoot() });
    expect(result.status).toBe("fail");
    expect(result.outcome.failureReason).toMatch(/must converge at one fan-in node/);
  });
});
