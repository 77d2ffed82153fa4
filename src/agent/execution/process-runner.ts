/**
 * Runs one shell command in its own process group and always comes back (spec 4.2, 5.4):
 * on timeout or abort the whole group gets SIGTERM, then SIGKILL after a grace period, so
 * background children (`sleep 100 &`) die with the command. Output is collected separately for
 * stdout and stderr; a command whose background children keep the pipes open still returns
 * shortly after the shell exits.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { constants } from "node:os";
import { StringDecoder } from "node:string_decoder";
import type { ExecResult, OutputChunk } from "./environment.js";

export interface RunCommandOptions {
  readonly command: string;
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Between SIGTERM and SIGKILL; 2000 by the spec. */
  readonly killGraceMs?: number;
  /** Shell binary; `/bin/bash` when present, else `/bin/sh`. */
  readonly shell?: string;
  /** Called with the process group id while the command runs (to kill it on cleanup). */
  readonly onStart?: (pgid: number) => void;
  readonly onEnd?: (pgid: number) => void;
  /** Each chunk of output as it arrives (see ExecOptions.onOutput). */
  readonly onOutput?: (chunk: OutputChunk) => void;
}

/** Collects a stream's bytes and, when asked, hands out its text as it comes, whole characters only. */
function collect(stream: "stdout" | "stderr", into: Buffer[], onOutput: ((chunk: OutputChunk) => void) | undefined) {
  const decoder = new StringDecoder("utf8");
  return (chunk: Buffer): void => {
    into.push(chunk);
    if (onOutput === undefined) return;
    const text = decoder.write(chunk);
    if (text === "") return;
    try {
      onOutput({ stream, text });
    } catch {
      // A listener's bug must not lose the command's output.
    }
  };
}

/** How long to wait for the pipes to close after the shell exited (background children may hold them). */
const PIPE_DRAIN_MS = 200;

function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // the group is already gone
  }
}

/** Whether any process of the group is still running. Zombies (killed, not yet reaped by init) don't count. */
export function groupIsAlive(pgid: number): boolean {
  if (!signalGroup(pgid, 0 as unknown as NodeJS.Signals)) return false;
  if (!existsSync("/proc/self/stat")) return true;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat && stat.pgrp === pgid && stat.state !== "Z" && stat.state !== "X") return true;
  }
  return false;
}

function readStat(pid: string): { state: string; pgrp: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid pgrp ...": comm may contain spaces and parentheses, so split after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0] ?? "", pgrp: Number(fields[2]) };
  } catch {
    return undefined; // the process ended while we looked
  }
}

/** SIGTERM to the group, then SIGKILL after `graceMs` if anything in it is still alive. */
export async function terminateGroup(pgid: number, graceMs: number): Promise<void> {
  if (!signalGroup(pgid, "SIGTERM")) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (!groupIsAlive(pgid)) return;
  }
  signalGroup(pgid, "SIGKILL");
  // SIGKILL is delivered asynchronously; wait (briefly) until the kernel has actually ended the group.
  const killDeadline = Date.now() + 1000;
  while (groupIsAlive(pgid) && Date.now() < killDeadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

export function runCommand(options: RunCommandOptions): Promise<ExecResult> {
  const started = Date.now();
  const graceMs = options.killGraceMs ?? 2000;
  return new Promise<ExecResult>((resolve) => {
    const child = spawn(options.shell ?? "/bin/bash", ["-c", options.command], {
      cwd: options.cwd,
      env: options.env,
      detached: true, // a new process group whose id is the child's pid
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", collect("stdout", stdout, options.onOutput));
    child.stderr.on("data", collect("stderr", stderr, options.onOutput));
    const pgid = child.pid;
    if (pgid !== undefined) options.onStart?.(pgid);

    let timedOut = false;
    let aborted = false;
    let settled = false;
    let terminating: Promise<void> | undefined;
    const stop = (reason: "timeout" | "abort") => {
      if (reason === "timeout") timedOut = true;
      else aborted = true;
      if (pgid !== undefined && !terminating) terminating = terminateGroup(pgid, graceMs);
    };
    const timer = setTimeout(() => stop("timeout"), options.timeoutMs);
    const onAbort = () => stop("abort");
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });

    const finish = async (exitCode: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (terminating) await terminating;
      child.stdout.destroy();
      child.stderr.destroy();
      // Background children outlive the shell; the group stays tracked so cleanup can kill it.
      if (pgid !== undefined && !groupIsAlive(pgid)) options.onEnd?.(pgid);
      resolve({
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        exitCode,
        timedOut,
        durationMs: Date.now() - started,
        ...(aborted ? { aborted: true } : {}),
      });
    };

    child.on("error", (error) => {
      stderr.push(Buffer.from(`${error.message}\n`));
      void finish(127);
    });
    child.on("exit", (code, signal) => {
      const exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
      let closed = false;
      child.on("close", () => {
        closed = true;
        void finish(exitCode);
      });
      // Background children may keep the pipes open; don't wait for them forever.
      setTimeout(() => {
        if (!closed) void finish(exitCode);
      }, PIPE_DRAIN_MS);
    });
  });
}
