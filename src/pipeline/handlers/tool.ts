/**
 * The tool handler (spec 4.10): runs the node's `tool_command` with `/bin/sh -c` and turns its
 * exit into an outcome. The command runs in a process group of its own, so a timeout or a
 * cancelled run stops everything it started, not just the shell. Decisions:
 * docs/decisions/0032-tool-handler-processes.md.
 */
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { errorMessage } from "../../errors.js";
import { readDuration } from "../attributes.js";
import { fail, success, type Outcome } from "../outcome.js";
import { adoptWrittenStatus, removeStatusFile, writeStatusFile } from "../status-file.js";
import { expandGoal } from "./codergen.js";
import type { Handler } from "./handler.js";

export type SpawnFunction = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export const DEFAULT_OUTPUT_LIMIT_BYTES = 1024 * 1024;
export const DEFAULT_KILL_GRACE_MS = 2000;
/** After the shell exits, how long to wait for its pipes to close before giving up on stragglers. */
export const DEFAULT_DRAIN_MS = 500;

export interface ShellCommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Written to the command's stdin, which is otherwise `/dev/null`. */
  stdin?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  spawn?: SpawnFunction;
  /** Per stream; beyond it the middle of the output is dropped and counted. */
  outputLimitBytes?: number;
  /** Between SIGTERM and SIGKILL to the process group. */
  killGraceMs?: number;
  drainMs?: number;
}

export interface ShellCommandResult {
  /** Null when the process was killed by a signal or never started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Bytes dropped from the middle of each stream to stay within the limit. */
  stdoutOmittedBytes: number;
  stderrOmittedBytes: number;
  timedOut: boolean;
  cancelled: boolean;
  /** Why the process could not be started (a missing working directory, say). */
  spawnError?: string;
  durationMs: number;
}

/** Runs `command` with `/bin/sh -c` in its own process group. Never rejects. */
export function runShellCommand(command: string, options: ShellCommandOptions): Promise<ShellCommandResult> {
  const {
    cwd,
    env,
    stdin,
    timeoutMs,
    signal,
    spawn = nodeSpawn,
    outputLimitBytes = DEFAULT_OUTPUT_LIMIT_BYTES,
    killGraceMs = DEFAULT_KILL_GRACE_MS,
    drainMs = DEFAULT_DRAIN_MS,
  } = options;
  const startedAt = Date.now();
  const stdout = new BoundedOutput(outputLimitBytes);
  const stderr = new BoundedOutput(outputLimitBytes);
  return new Promise((resolve) => {
    let timedOut = false;
    let cancelled = false;
    let spawnError: string | undefined;
    let settled = false;
    let terminating = false;
    let timeoutTimer: ReturnType<typeof setTimeout> | undefined;
    let drainTimer: ReturnType<typeof setTimeout> | undefined;

    const finish = (exitCode: number | null, exitSignal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      if (timeoutTimer) clearTimeout(timeoutTimer);
      if (drainTimer) clearTimeout(drainTimer);
      signal?.removeEventListener("abort", onAbort);
      resolve({
        exitCode,
        signal: exitSignal,
        stdout: stdout.text(),
        stderr: stderr.text(),
        stdoutOmittedBytes: stdout.omittedBytes,
        stderrOmittedBytes: stderr.omittedBytes,
        timedOut,
        cancelled,
        ...(spawnError !== undefined ? { spawnError } : {}),
        durationMs: Date.now() - startedAt,
      });
    };

    let child: ChildProcess;
    try {
      child = spawn("/bin/sh", ["-c", command], { cwd, env, detached: true, stdio: [stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    } catch (error) {
      spawnError = errorMessage(error);
      finish(null, null);
      return;
    }

    const killGroup = (killSignal: NodeJS.Signals): void => {
      try {
        // A negative pid addresses the whole group the detached shell leads.
        if (child.pid !== undefined) process.kill(-child.pid, killSignal);
        else child.kill(killSignal);
      } catch {
        // The group is already gone.
      }
    };
    const terminate = (): void => {
      if (terminating) return;
      terminating = true;
      killGroup("SIGTERM");
      // Left running after we settle: a process that ignores SIGTERM must still be stopped.
      setTimeout(() => killGroup("SIGKILL"), killGraceMs).unref();
    };
    function onAbort(): void {
      cancelled = true;
      terminate();
    }

    child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => {
      spawnError = errorMessage(error);
      finish(null, null);
    });
    child.on("exit", (exitCode, exitSignal) => {
      // A background process started by the command may hold the pipes open for ever; stop waiting.
      drainTimer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish(exitCode, exitSignal);
      }, drainMs);
    });
    child.on("close", (exitCode: number | null, exitSignal: NodeJS.Signals | null) => finish(exitCode, exitSignal));
    if (stdin !== undefined && child.stdin) {
      // A command that does not read its input closes the pipe early; that is not an error.
      child.stdin.on("error", () => undefined);
      child.stdin.end(stdin);
    }
    if (timeoutMs !== undefined && timeoutMs > 0) {
      timeoutTimer = setTimeout(() => {
        timedOut = true;
        terminate();
      }, timeoutMs);
    }
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Keeps the first and the last part of a stream within a byte limit: the start says what the
 * command did, the end says why it failed.
 */
class BoundedOutput {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer = Buffer.alloc(0);
  omittedBytes = 0;
  private readonly headLimit: number;
  private readonly tailLimit: number;

  constructor(limit: number) {
    this.tailLimit = Math.min(64 * 1024, Math.floor(limit / 4));
    this.headLimit = limit - this.tailLimit;
  }

  push(chunk: Buffer): void {
    const headRoom = this.headLimit - this.headBytes;
    if (headRoom > 0) {
      const taken = chunk.subarray(0, headRoom);
      this.head.push(taken);
      this.headBytes += taken.length;
      chunk = chunk.subarray(taken.length);
    }
    if (chunk.length === 0) return;
    const combined = Buffer.concat([this.tail, chunk]);
    const overflow = Math.max(0, combined.length - this.tailLimit);
    this.omittedBytes += overflow;
    this.tail = combined.subarray(overflow);
  }

  text(): string {
    const head = Buffer.concat(this.head).toString("utf8");
    if (this.omittedBytes === 0) return head + this.tail.toString("utf8");
    return `${head}\n[... ${this.omittedBytes} bytes omitted ...]\n${this.tail.toString("utf8")}`;
  }
}

export interface ToolHandlerOptions {
  spawn?: SpawnFunction;
  /** The environment the command starts from; the agent module will pass one without secrets. */
  env?: NodeJS.ProcessEnv;
  /** The run's working directory, where the command runs. */
  workingDirectory?: string;
  outputLimitBytes?: number;
  killGraceMs?: number;
}

export function createToolHandler({
  spawn,
  env = process.env,
  workingDirectory = process.cwd(),
  outputLimitBytes = DEFAULT_OUTPUT_LIMIT_BYTES,
  killGraceMs = DEFAULT_KILL_GRACE_MS,
}: ToolHandlerOptions = {}): Handler {
  return {
    async execute(node, _context, graph, logsRoot, runtime) {
      const command = expandGoal(node.attributes["tool_command"] ?? "", graph).trim();
      const stageDir = join(logsRoot, node.id);
      try {
        if (command === "") return recordOutcome(stageDir, fail("No tool_command specified"));
        // Checked first because spawn reports a missing cwd as a missing /bin/sh.
        if (!existsSync(workingDirectory)) return recordOutcome(stageDir, fail(`working directory ${workingDirectory} does not exist`));
        mkdirSync(stageDir, { recursive: true });
        removeStatusFile(stageDir);
        const timeoutMs = readDuration(node.attributes, "timeout");
        const result = await runShellCommand(command, {
          cwd: workingDirectory,
          env: { ...env, ATTRACTOR_LOGS_ROOT: logsRoot, ATTRACTOR_STAGE_DIR: stageDir, ATTRACTOR_NODE_ID: node.id },
          signal: runtime.signal,
          outputLimitBytes,
          killGraceMs,
          ...(spawn ? { spawn } : {}),
          ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        });
        writeFileSync(join(stageDir, "stdout.txt"), result.stdout);
        writeFileSync(join(stageDir, "stderr.txt"), result.stderr);
        return recordOutcome(stageDir, toolOutcome(command, result, stageDir, node.attributes["timeout"]));
      } catch (error) {
        return fail(errorMessage(error));
      }
    },
  };
}

function toolOutcome(command: string, result: ShellCommandResult, stageDir: string, timeoutText: string | undefined): Outcome {
  if (result.spawnError !== undefined) return fail(`cannot run tool_command: ${result.spawnError}`);
  const contextUpdates = { "tool.output": withoutTrailingNewline(result.stdout), "tool.exit_code": result.exitCode };
  const truncation = describeTruncation(result);
  if (result.cancelled) return fail("tool_command cancelled", { contextUpdates });
  if (result.timedOut) return fail(`tool_command timed out after ${timeoutText ?? "its timeout"}`, { contextUpdates });
  if (result.exitCode === null) return fail(`tool_command killed by signal ${result.signal ?? "unknown"}`, { contextUpdates });
  if (result.exitCode !== 0) {
    const lastLine = lastNonEmptyLine(result.stderr);
    return fail(`exit code ${result.exitCode}${lastLine ? `: ${lastLine}` : ""}`, { contextUpdates, ...(truncation ? { notes: truncation } : {}) });
  }
  // Only a command that succeeded may report a finer outcome through the status file.
  const reported = adoptWrittenStatus(stageDir, "tool_command", contextUpdates);
  if (reported) return reported;
  return success({ contextUpdates, notes: `Tool completed: ${command}${truncation ? `; ${truncation}` : ""}` });
}

function describeTruncation(result: ShellCommandResult): string {
  const parts: string[] = [];
  if (result.stdoutOmittedBytes > 0) parts.push(`stdout truncated (${result.stdoutOmittedBytes} bytes omitted)`);
  if (result.stderrOmittedBytes > 0) parts.push(`stderr truncated (${result.stderrOmittedBytes} bytes omitted)`);
  return parts.join(", ");
}

function withoutTrailingNewline(text: string): string {
  if (text.endsWith("\r\n")) return text.slice(0, -2);
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

function lastNonEmptyLine(text: string): string {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  return lines.at(-1)?.trim() ?? "";
}

function recordOutcome(stageDir: string, outcome: Outcome): Outcome {
  writeStatusFile(stageDir, outcome);
  return outcome;
}
