/**
 * Running a shell command in its own process group, with a timeout, cancellation and bounded
 * output capture. Shared by the tool handler and the tool-call hooks.
 */
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { errorMessage } from "../errors.js";

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
