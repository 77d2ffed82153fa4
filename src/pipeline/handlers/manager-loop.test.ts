import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { createScriptedBackend } from "../../testing/scripted-backend.js";
import { runPipeline } from "../engine.js";
import { preparePipelineOrRaise } from "../prepare.js";

function setup(childDot: string, managerAttributes: string) {
  const directory = mkdtempSync(join(tmpdir(), "lightsout-manager-"));
  writeFileSync(join(directory, "child.dot"), childDot);
  const parent = `digraph Parent {
    graph [goal="supervise", stack.child_dotfile="child.dot"]
    start [shape=Mdiamond]; exit [shape=Msquare]
    manager [shape=house, manager.poll_interval="10ms", ${managerAttributes}]
    start -> manager
    manager -> exit [condition="outcome=success"]
    manager -> exit [condition="outcome=fail"]
  }`;
  const { graph } = preparePipelineOrRaise(parent, { source: join(directory, "parent.dot") });
  return { graph, directory, logsRoot: join(directory, "logs") };
}

const CHILD = `digraph Child { start [shape=Mdiamond]; exit [shape=Msquare]; work [prompt="child work"]; slow [prompt="slow"]; start -> work -> slow -> exit }`;

describe("manager loop handler (spec 4.11)", () => {
  test("starts the child pipeline, observes it and succeeds when it completes", async () => {
    const { graph, logsRoot } = setup(CHILD, 'manager.max_cycles=100');
    const backend = createScriptedBackend();
    const result = await runPipeline(graph, { logsRoot, backend });
    expect(result.nodeOutcomes["manager"]).toMatchObject({ status: "success", notes: "Child completed" });
    expect(result.context["stack.child.status"]).toBe("completed");
    expect(result.context["stack.child.outcome"]).toBe("success");
    expect(backend.calls.map((call) => call.nodeId)).toEqual(["work", "slow"]);
    expect(existsSync(join(logsRoot, "manager", "child", "checkpoint.json"))).toBe(true);
  });

  test("fails when the child fails", async () => {
    const strictChild = CHILD.replace("start -> work -> slow -> exit", 'start -> work; work -> slow [condition="outcome=success"]; slow -> exit');
    const { graph, logsRoot } = setup(strictChild, 'manager.max_cycles=100');
    const result = await runPipeline(graph, { logsRoot, backend: createScriptedBackend({ work: { status: "fail", failureReason: "child broke" } }) });
    expect(result.nodeOutcomes["manager"]!.status).toBe("fail");
    expect(result.nodeOutcomes["manager"]!.failureReason).toMatch(/Child failed: child broke/);
  });

  test("a stop condition over the child's telemetry ends the loop", async () => {
    const { graph, logsRoot } = setup(CHILD, 'manager.stop_condition="context.stack.child.current_node=slow"');
    const backend = createScriptedBackend({ slow: () => new Promise(() => undefined) });
    const result = await runPipeline(graph, { logsRoot, backend });
    expect(result.nodeOutcomes["manager"]).toMatchObject({ status: "success", notes: "Stop condition satisfied" });
  });

  test("gives up after max cycles, and steers the child's active stage", async () => {
    const { graph, logsRoot } = setup(CHILD, 'manager.max_cycles=5, manager.actions="observe,steer,wait", manager.steer_prompt="Focus on $goal"');
    const backend = createScriptedBackend({ work: () => new Promise(() => undefined) });
    const result = await runPipeline(graph, { logsRoot, backend });
    expect(result.nodeOutcomes["manager"]!.failureReason).toMatch(/max cycles \(5\) exceeded/);
    expect(readFileSync(join(logsRoot, "manager", "child", "work", "steer.md"), "utf8")).toBe("Focus on supervise");
  });

  test("a missing or invalid child pipeline is a precise FAIL", async () => {
    const { graph, logsRoot } = setup("digraph Broken { start [shape=Mdiamond] -> }", "manager.max_cycles=2");
    const result = await runPipeline(graph, { logsRoot });
    expect(result.nodeOutcomes["manager"]!.failureReason).toMatch(/cannot load child pipeline: .*child\.dot:1:/);
  });
});
