import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { Context } from "../context.js";
import { addNode, createGraph, type Graph, type GraphNode } from "../graph.js";
import type { Outcome } from "../outcome.js";
import { readStatusFile } from "../status-file.js";
import { buildCodergenPrompt, createCodergenHandler, expandGoal, LAST_RESPONSE_LIMIT, truncate } from "./codergen.js";
import type { CodergenBackend, CodergenResult } from "./handler.js";
import { createTestRuntime, outcomeOf } from "./test-runtime.js";

function setup(attributes: Record<string, string> = { prompt: "Plan how to $goal" }): { graph: Graph; node: GraphNode; logsRoot: string; stageDir: string } {
  const graph = createGraph("pipeline", { goal: "build a todo app" });
  const node = addNode(graph, "plan", attributes);
  const logsRoot = mkdtempSync(join(tmpdir(), "lightsout-"));
  return { graph, node, logsRoot, stageDir: join(logsRoot, "plan") };
}

const backendReturning = (run: (prompt: string) => CodergenResult | Promise<CodergenResult>): CodergenBackend => ({
  run: async (_node, prompt) => run(prompt),
});

describe("createCodergenHandler", () => {
  it("simulates without a backend and writes prompt.md, response.md and status.json", async () => {
    const { graph, node, logsRoot, stageDir } = setup();
    const outcome = outcomeOf(await createCodergenHandler().execute(node, new Context(), graph, logsRoot, createTestRuntime()));
    expect(outcome).toEqual({
      status: "success",
      notes: "Stage completed: plan",
      contextUpdates: { last_stage: "plan", last_response: "[Simulated] Response for stage: plan" },
    });
    expect(readFileSync(join(stageDir, "prompt.md"), "utf8")).toBe("Plan how to build a todo app");
    expect(readFileSync(join(stageDir, "response.md"), "utf8")).toBe("[Simulated] Response for stage: plan");
    expect(readStatusFile(stageDir)).toEqual(outcome);
  });

  it("gives the backend the node, the expanded prompt, the context and the runtime", async () => {
    const { graph, node, logsRoot, stageDir } = setup();
    const run = vi.fn(async () => "the plan");
    const context = new Context({ a: 1 });
    const runtime = createTestRuntime();
    const outcome = outcomeOf(await createCodergenHandler({ backend: { run } }).execute(node, context, graph, logsRoot, runtime));
    expect(run).toHaveBeenCalledWith(node, "Plan how to build a todo app", context, { ...runtime, stageDir });
    expect(outcome.contextUpdates).toEqual({ last_stage: "plan", last_response: "the plan" });
    expect(readFileSync(join(stageDir, "response.md"), "utf8")).toBe("the plan");
  });

  it("falls back to the label, then the id, for the prompt", () => {
    const graph = createGraph("pipeline", { goal: "G" });
    expect(buildCodergenPrompt(addNode(graph, "a", { label: "Do $goal" }), graph)).toBe("Do G");
    expect(buildCodergenPrompt(addNode(graph, "b", { prompt: "", label: "" }), graph)).toBe("b");
  });

  it("puts the fidelity preamble before the prompt, separated by a blank line", async () => {
    const { graph, node, logsRoot, stageDir } = setup();
    const runtime = createTestRuntime({ fidelity: { mode: "compact", threadId: "", preamble: "Completed: start\n" } });
    outcomeOf(await createCodergenHandler().execute(node, new Context(), graph, logsRoot, runtime));
    expect(readFileSync(join(stageDir, "prompt.md"), "utf8")).toBe("Completed: start\n\nPlan how to build a todo app");
  });

  it("replaces every $goal literally, without interpreting replacement patterns", () => {
    const graph = createGraph("pipeline", { goal: "cost $& less" });
    expect(expandGoal("$goal and $goal", graph)).toBe("cost $& less and cost $& less");
    expect(expandGoal("$goal", createGraph())).toBe("");
  });

  it("truncates last_response to 200 characters without splitting a character", async () => {
    const { graph, node, logsRoot } = setup();
    const long = "😀".repeat(300);
    const outcome = outcomeOf(await createCodergenHandler({ backend: backendReturning(() => long) }).execute(node, new Context(), graph, logsRoot, createTestRuntime()));
    expect(outcome.contextUpdates?.["last_response"]).toBe("😀".repeat(LAST_RESPONSE_LIMIT));
    expect(truncate("short", 200)).toBe("short");
  });

  it("returns and records an outcome the backend decided itself", async () => {
    const { graph, node, logsRoot, stageDir } = setup();
    const decided: Outcome = { status: "retry", failureReason: "tests failing", preferredLabel: "Fix" };
    const outcome = outcomeOf(await createCodergenHandler({ backend: backendReturning(() => decided) }).execute(node, new Context(), graph, logsRoot, createTestRuntime()));
    expect(outcome).toEqual(decided);
    expect(readStatusFile(stageDir)).toEqual(decided);
    expect(existsSync(join(stageDir, "response.md"))).toBe(false);
  });

  it("fails with the message, not the stack, when the backend throws", async () => {
    const { graph, node, logsRoot, stageDir } = setup();
    const backend = backendReturning(() => {
      throw new Error("rate limited");
    });
    const outcome = outcomeOf(await createCodergenHandler({ backend }).execute(node, new Context(), graph, logsRoot, createTestRuntime()));
    expect(outcome).toEqual({ status: "fail", failureReason: "rate limited" });
    expect(readStatusFile(stageDir)).toEqual(outcome);
  });

  it("does not call the backend when the run is already cancelled", async () => {
    const { graph, node, logsRoot } = setup();
    const run = vi.fn(async () => "x");
    const runtime = createTestRuntime();
    runtime.controller.abort();
    const outcome = outcomeOf(await createCodergenHandler({ backend: { run } }).execute(node, new Context(), graph, logsRoot, runtime));
    expect(outcome.status).toBe("fail");
    expect(run).not.toHaveBeenCalled();
  });

  it("uses the outcome an agent wrote to status.json during its run", async () => {
    const { graph, node, logsRoot, stageDir } = setup();
    const backend = backendReturning(() => {
      writeFileSync(join(stageDir, "status.json"), JSON.stringify({ outcome: "PARTIAL_SUCCESS", notes: "2 of 3 done", context_updates: { done: 2 } }));
      return "worked on it";
    });
    const outcome = outcomeOf(await createCodergenHandler({ backend }).execute(node, new Context(), graph, logsRoot, createTestRuntime()));
    expect(outcome).toEqual({
      status: "partial_success",
      notes: "2 of 3 done",
      contextUpdates: { last_stage: "plan", last_response: "worked on it", done: 2 },
    });
    expect(readStatusFile(stageDir)).toEqual(outcome);
  });

  it("fails with the precise reason when the agent wrote a malformed status.json, keeping the file", async () => {
    const { graph, node, logsRoot, stageDir } = setup();
    const backend = backendReturning(() => {
      writeFileSync(join(stageDir, "status.json"), '{"outcome": "partial"}');
      return "done";
    });
    const outcome = outcomeOf(await createCodergenHandler({ backend }).execute(node, new Context(), graph, logsRoot, createTestRuntime()));
    expect(outcome.status).toBe("fail");
    expect(outcome.failureReason).toBe(
      `the agent wrote an invalid status file: ${join(stageDir, "status.json")}: unknown outcome value "partial" (expected one of success, partial_success, retry, fail, skipped)`,
    );
    expect(readFileSync(join(stageDir, "status.invalid.json"), "utf8")).toBe('{"outcome": "partial"}');
    expect(readStatusFile(stageDir)).toEqual(outcome);
  });

  it("ignores a status.json left by an earlier attempt", async () => {
    const { graph, node, logsRoot, stageDir } = setup();
    mkdirSync(stageDir, { recursive: true });
    writeFileSync(join(stageDir, "status.json"), JSON.stringify({ outcome: "fail", failure_reason: "old" }));
    const outcome = outcomeOf(await createCodergenHandler({ backend: backendReturning(() => "fresh") }).execute(node, new Context(), graph, logsRoot, createTestRuntime()));
    expect(outcome.status).toBe("success");
  });

  it("fails instead of throwing when the stage directory cannot be written", async () => {
    const { graph, node } = setup();
    const blocker = join(mkdtempSync(join(tmpdir(), "lightsout-")), "file");
    writeFileSync(blocker, "not a directory");
    const outcome = outcomeOf(await createCodergenHandler().execute(node, new Context(), graph, blocker, createTestRuntime()));
    expect(outcome.status).toBe("fail");
    expect(outcome.failureReason).toMatch(/ENOTDIR|EEXIST/);
  });
});
