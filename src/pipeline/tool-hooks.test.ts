import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { addNode, createGraph } from "./graph.js";
import {
  resolveToolHooks,
  runPostHook,
  runPreHook,
  SKIPPED_BY_PRE_HOOK,
  toolHookEvent,
  wrapToolExecutor,
  type ToolCall,
  type ToolExecutor,
  type ToolHookRecord,
} from "./tool-hooks.js";

const call: ToolCall = { nodeId: "implement", toolName: "shell", toolCallId: "call-1", arguments: { command: "ls" } };
const temporaryDir = (): string => mkdtempSync(join(tmpdir(), "lightsout-"));

describe("resolveToolHooks", () => {
  it("takes the node's hooks over the graph's, phase by phase", () => {
    const graph = createGraph("pipeline", { "tool_hooks.pre": "graph-pre", "tool_hooks.post": "graph-post" });
    expect(resolveToolHooks(addNode(graph, "a"), graph)).toEqual({ pre: "graph-pre", post: "graph-post" });
    expect(resolveToolHooks(addNode(graph, "b", { "tool_hooks.pre": "node-pre" }), graph)).toEqual({ pre: "node-pre", post: "graph-post" });
  });

  it("lets a node turn a graph hook off with an empty value", () => {
    const graph = createGraph("pipeline", { "tool_hooks.pre": "graph-pre" });
    expect(resolveToolHooks(addNode(graph, "a", { "tool_hooks.pre": "" }), graph)).toEqual({});
    expect(resolveToolHooks(addNode(createGraph(), "b"), createGraph())).toEqual({});
  });
});

describe("runPreHook", () => {
  it("proceeds when the hook exits 0", async () => {
    expect(await runPreHook("echo ok", call)).toEqual({ proceed: true, exitCode: 0, output: "ok" });
  });

  it("does not proceed when the hook exits non-zero", async () => {
    expect(await runPreHook("echo 'not allowed' >&2; exit 1", call)).toEqual({ proceed: false, exitCode: 1, output: "not allowed" });
  });

  it("gives the call as environment variables and as JSON on stdin", async () => {
    const directory = temporaryDir();
    const command = 'cat > stdin.json; echo "$ATTRACTOR_TOOL_NAME|$ATTRACTOR_TOOL_CALL_ID|$ATTRACTOR_NODE_ID|$ATTRACTOR_HOOK_PHASE" > env.txt';
    await runPreHook(command, call, { cwd: directory });
    expect(JSON.parse(readFileSync(join(directory, "stdin.json"), "utf8"))).toEqual({
      phase: "pre",
      node_id: "implement",
      tool_name: "shell",
      tool_call_id: "call-1",
      arguments: { command: "ls" },
    });
    expect(readFileSync(join(directory, "env.txt"), "utf8")).toBe("shell|call-1|implement|pre\n");
  });

  it("does not proceed when the hook times out", async () => {
    const result = await runPreHook("sleep 10", call, { timeoutMs: 100 });
    expect(result.proceed).toBe(false);
    expect(result.exitCode).toBeNull();
    expect(result.output).toContain("hook timed out after 100ms");
  });

  it("still runs with arguments that cannot be serialized", async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    const directory = temporaryDir();
    const result = await runPreHook("cat > stdin.json", { ...call, arguments: cyclic }, { cwd: directory });
    expect(result.proceed).toBe(true);
    expect(JSON.parse(readFileSync(join(directory, "stdin.json"), "utf8"))).toMatchObject({ arguments: null, serialization_error: expect.any(String) });
  });
});

describe("runPostHook", () => {
  it("gives the result and whether it was an error", async () => {
    const directory = temporaryDir();
    const result = await runPostHook('cat > stdin.json; echo "$ATTRACTOR_HOOK_PHASE $ATTRACTOR_TOOL_IS_ERROR"', { ...call, result: "file.txt", isError: false }, { cwd: directory });
    expect(result).toEqual({ ok: true, exitCode: 0, output: "post false" });
    expect(JSON.parse(readFileSync(join(directory, "stdin.json"), "utf8"))).toMatchObject({ phase: "post", result: "file.txt", is_error: false });
  });

  it("reports a failure without raising it", async () => {
    expect(await runPostHook("exit 2", { ...call, result: "", isError: true })).toEqual({ ok: false, exitCode: 2, output: "" });
  });
});

describe("wrapToolExecutor", () => {
  const executorReturning = (content: string): ToolExecutor => vi.fn(async () => ({ content, isError: false }));

  it("returns the executor itself when there are no hooks", () => {
    const executor = executorReturning("x");
    expect(wrapToolExecutor({}, executor)).toBe(executor);
  });

  it("runs the pre-hook, the call and the post-hook, recording both hooks", async () => {
    const directory = temporaryDir();
    const records: ToolHookRecord[] = [];
    const executor = executorReturning("listing");
    const wrapped = wrapToolExecutor({ pre: "echo pre >> order.txt", post: "echo post >> order.txt" }, executor, (record) => records.push(record), { cwd: directory });
    expect(await wrapped(call)).toEqual({ content: "listing", isError: false });
    expect(executor).toHaveBeenCalledWith(call);
    expect(readFileSync(join(directory, "order.txt"), "utf8")).toBe("pre\npost\n");
    expect(records.map((record) => [record.phase, record.exitCode, record.ok, record.skipped])).toEqual([
      ["pre", 0, true, false],
      ["post", 0, true, false],
    ]);
  });

  it("skips the call with a tool error result when the pre-hook fails, and runs no post-hook", async () => {
    const directory = temporaryDir();
    const records: ToolHookRecord[] = [];
    const executor = executorReturning("never");
    const wrapped = wrapToolExecutor({ pre: "echo 'rm is not allowed'; exit 1", post: "touch post-ran" }, executor, (record) => records.push(record), { cwd: directory });
    const result = await wrapped(call);
    expect(result).toEqual({ content: `${SKIPPED_BY_PRE_HOOK} (exit code 1): rm is not allowed`, isError: true });
    expect(executor).not.toHaveBeenCalled();
    expect(records).toEqual([{ phase: "pre", nodeId: "implement", toolName: "shell", toolCallId: "call-1", exitCode: 1, ok: false, skipped: true, output: "rm is not allowed" }]);
  });

  it("returns the result even when the post-hook fails", async () => {
    const records: ToolHookRecord[] = [];
    const wrapped = wrapToolExecutor({ post: "exit 3" }, executorReturning("data"), (record) => records.push(record));
    expect(await wrapped(call)).toEqual({ content: "data", isError: false });
    expect(records).toMatchObject([{ phase: "post", exitCode: 3, ok: false, skipped: false }]);
  });

  it("runs the post-hook for a call that throws, then rethrows", async () => {
    const directory = temporaryDir();
    const failing: ToolExecutor = async () => {
      throw new Error("disk full");
    };
    const wrapped = wrapToolExecutor({ post: "cat > stdin.json" }, failing, () => undefined, { cwd: directory });
    await expect(wrapped(call)).rejects.toThrow("disk full");
    expect(JSON.parse(readFileSync(join(directory, "stdin.json"), "utf8"))).toMatchObject({ result: "disk full", is_error: true });
  });

  it("turns a record into a tool-hook event", () => {
    const record: ToolHookRecord = { phase: "pre", nodeId: "n", toolName: "t", toolCallId: "c", exitCode: null, ok: false, skipped: true, output: "" };
    expect(toolHookEvent(record)).toEqual({ type: "tool-hook", nodeId: "n", phase: "pre", exitCode: -1, skipped: true });
  });
});
