import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Context } from "../context.js";
import { addNode, createGraph } from "../graph.js";
import type { Outcome } from "../outcome.js";
import { readStatusFile } from "../status-file.js";
import type { HandlerRuntime } from "./handler.js";
import { createTestRuntime, outcomeOf } from "./test-runtime.js";
import { createToolHandler, runShellCommand, type ToolHandlerOptions } from "./tool.js";

const temporaryDir = (): string => mkdtempSync(join(tmpdir(), "lightsout-"));

async function runTool(
  attributes: Record<string, string>,
  options: ToolHandlerOptions = {},
  runtime: HandlerRuntime = createTestRuntime(),
): Promise<{ outcome: Outcome; stageDir: string; logsRoot: string }> {
  const graph = createGraph("pipeline", { goal: "ship it" });
  const node = addNode(graph, "check", { shape: "parallelogram", ...attributes });
  const logsRoot = temporaryDir();
  const outcome = outcomeOf(await createToolHandler({ workingDirectory: temporaryDir(), ...options }).execute(node, new Context(), graph, logsRoot, runtime));
  return { outcome, stageDir: join(logsRoot, "check"), logsRoot };
}

/** Running, as opposed to gone or a zombie (in a container nobody may reap an orphan). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (!existsSync(`/proc/${pid}/stat`)) return true;
  const state = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "")[0];
  return state !== "Z" && state !== "X";
}

describe("createToolHandler", () => {
  it("succeeds on exit 0 with the output and exit code, writing stdout.txt, stderr.txt and status.json", async () => {
    const { outcome, stageDir } = await runTool({ tool_command: "echo hello; echo warn >&2" });
    expect(outcome).toEqual({
      status: "success",
      contextUpdates: { "tool.output": "hello", "tool.exit_code": 0 },
      notes: "Tool completed: echo hello; echo warn >&2",
    });
    expect(readFileSync(join(stageDir, "stdout.txt"), "utf8")).toBe("hello\n");
    expect(readFileSync(join(stageDir, "stderr.txt"), "utf8")).toBe("warn\n");
    expect(readStatusFile(stageDir)).toEqual(outcome);
  });

  it("trims only one trailing newline from the output", async () => {
    const { outcome } = await runTool({ tool_command: "printf 'a\\n\\n'" });
    expect(outcome.contextUpdates?.["tool.output"]).toBe("a\n");
  });

  it("fails on a non-zero exit with the code and the last line of stderr", async () => {
    const { outcome } = await runTool({ tool_command: "echo partial; echo first >&2; echo 'tests failed' >&2; exit 3" });
    expect(outcome).toEqual({ status: "fail", failureReason: "exit code 3: tests failed", contextUpdates: { "tool.output": "partial", "tool.exit_code": 3 } });
    expect((await runTool({ tool_command: "exit 1" })).outcome.failureReason).toBe("exit code 1");
  });

  it("fails without a tool_command", async () => {
    const { outcome, stageDir } = await runTool({});
    expect(outcome).toEqual({ status: "fail", failureReason: "No tool_command specified" });
    expect(readStatusFile(stageDir)).toEqual(outcome);
  });

  it("expands $goal and runs in the working directory with the stage variables", async () => {
    const workingDirectory = temporaryDir();
    const { outcome, stageDir, logsRoot } = await runTool(
      { tool_command: 'echo "$goal|$(pwd)|$ATTRACTOR_NODE_ID|$ATTRACTOR_STAGE_DIR|$ATTRACTOR_LOGS_ROOT|$EXTRA"' },
      { workingDirectory, env: { PATH: process.env["PATH"], EXTRA: "injected" } },
    );
    expect(outcome.contextUpdates?.["tool.output"]).toBe(`ship it|${workingDirectory}|check|${stageDir}|${logsRoot}|injected`);
  });

  it("passes only the injected environment, not the process's", async () => {
    process.env["LIGHTSOUT_TEST_SECRET"] = "hunter2";
    try {
      const { outcome } = await runTool({ tool_command: 'echo "[$LIGHTSOUT_TEST_SECRET]"' }, { env: { PATH: process.env["PATH"] } });
      expect(outcome.contextUpdates?.["tool.output"]).toBe("[]");
    } finally {
      delete process.env["LIGHTSOUT_TEST_SECRET"];
    }
  });

  it("fails when the working directory does not exist", async () => {
    const { outcome } = await runTool({ tool_command: "true" }, { workingDirectory: "/nonexistent/lightsout" });
    expect(outcome).toEqual({ status: "fail", failureReason: "working directory /nonexistent/lightsout does not exist" });
  });

  it("kills the whole process group on timeout", async () => {
    const started = Date.now();
    const { outcome, stageDir } = await runTool({ tool_command: "sleep 30 & echo $! > child.pid; echo started; wait", timeout: "300ms" });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome.status).toBe("fail");
    expect(outcome.failureReason).toBe("tool_command timed out after 300ms");
    expect(outcome.contextUpdates?.["tool.output"]).toBe("started");
    expect(readFileSync(join(stageDir, "stdout.txt"), "utf8")).toBe("started\n");
  });

  it("stops the background process the command started when it times out", async () => {
    const workingDirectory = temporaryDir();
    await runTool({ tool_command: "sleep 30 & echo $! > child.pid; wait", timeout: "300ms" }, { workingDirectory });
    const pid = Number(readFileSync(join(workingDirectory, "child.pid"), "utf8"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isRunning(pid)).toBe(false);
  });

  it("sends SIGKILL after the grace period to a command that ignores SIGTERM", async () => {
    const started = Date.now();
    const { outcome } = await runTool({ tool_command: "trap '' TERM; sleep 30 & wait; sleep 30", timeout: "200ms" }, { killGraceMs: 200 });
    expect(outcome.failureReason).toBe("tool_command timed out after 200ms");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("kills the process group when the run is cancelled", async () => {
    const runtime = createTestRuntime();
    const workingDirectory = temporaryDir();
    setTimeout(() => runtime.controller.abort(), 200);
    const { outcome } = await runTool({ tool_command: "sleep 30 & echo $! > child.pid; wait" }, { workingDirectory }, runtime);
    expect(outcome.status).toBe("fail");
    expect(outcome.failureReason).toBe("tool_command cancelled");
    const pid = Number(readFileSync(join(workingDirectory, "child.pid"), "utf8"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isRunning(pid)).toBe(false);
  });

  it("does not wait for a background process that keeps the output open after the command exits", async () => {
    const started = Date.now();
    const { outcome } = await runTool({ tool_command: "sleep 3 & echo done" });
    expect(outcome.status).toBe("success");
    expect(outcome.contextUpdates?.["tool.output"]).toBe("done");
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it("reports a command killed by a signal", async () => {
    const { outcome } = await runTool({ tool_command: "kill -9 $$" });
    expect(outcome.failureReason).toBe("tool_command killed by signal SIGKILL");
  });

  it("caps the captured output and says so", async () => {
    const { outcome, stageDir } = await runTool({ tool_command: "head -c 5000 /dev/zero | tr '\\0' a; echo; echo END" }, { outputLimitBytes: 1000 });
    const stdout = readFileSync(join(stageDir, "stdout.txt"), "utf8");
    expect(stdout).toContain("bytes omitted");
    expect(stdout.endsWith("END\n")).toBe(true);
    expect(stdout.length).toBeLessThan(1100);
    expect(outcome.notes).toMatch(/stdout truncated \(\d+ bytes omitted\)/);
  });

  it("uses an outcome the command wrote to status.json", async () => {
    const { outcome } = await runTool({ tool_command: `echo '{"outcome":"partial_success","notes":"2 of 3"}' > "$ATTRACTOR_STAGE_DIR/status.json"` });
    expect(outcome).toEqual({ status: "partial_success", notes: "2 of 3", contextUpdates: { "tool.output": "", "tool.exit_code": 0 } });
  });

  it("fails precisely on a malformed status.json written by the command", async () => {
    const { outcome, stageDir } = await runTool({ tool_command: `echo '{"outcome":1}' > "$ATTRACTOR_STAGE_DIR/status.json"` });
    expect(outcome.status).toBe("fail");
    expect(outcome.failureReason).toContain('tool_command wrote an invalid status file: ');
    expect(outcome.failureReason).toContain('field "outcome" must be a string');
    expect(existsSync(join(stageDir, "status.invalid.json"))).toBe(true);
  });

  it("uses an injected spawn", async () => {
    const calls: { command: string; args: readonly string[]; options: SpawnOptions }[] = [];
    const recordingSpawn = (command: string, args: readonly string[], options: SpawnOptions): ChildProcess => {
      calls.push({ command, args, options });
      return spawn(command, args, options);
    };
    const { outcome } = await runTool({ tool_command: "echo hi" }, { spawn: recordingSpawn });
    expect(outcome.status).toBe("success");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ command: "/bin/sh", args: ["-c", "echo hi"], options: { detached: true } });
  });

  it("fails when the process cannot be spawned", async () => {
    const failingSpawn = (): ChildProcess => {
      throw new Error("EAGAIN: no more processes");
    };
    const { outcome } = await runTool({ tool_command: "echo hi" }, { spawn: failingSpawn });
    expect(outcome).toEqual({ status: "fail", failureReason: "cannot run tool_command: EAGAIN: no more processes" });
  });
});

describe("runShellCommand", () => {
  it("feeds stdin to the command", async () => {
    const result = await runShellCommand("cat", { cwd: temporaryDir(), env: process.env, stdin: "from stdin" });
    expect(result).toMatchObject({ exitCode: 0, stdout: "from stdin", timedOut: false, cancelled: false });
  });

  it("tolerates a command that does not read its stdin", async () => {
    const result = await runShellCommand("exit 0", { cwd: temporaryDir(), env: process.env, stdin: "x".repeat(1024 * 1024) });
    expect(result.exitCode).toBe(0);
  });

  it("does not start when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runShellCommand("sleep 5", { cwd: temporaryDir(), env: process.env, signal: controller.signal });
    expect(result.cancelled).toBe(true);
    expect(result.durationMs).toBeLessThan(4000);
  });
});
