/**
 * Commands run through `/bin/sh -c` in a process group of their own (`detached: true`), so that
 * stopping one signals the shell, what it started and anything those started, and nothing else.
 * Output is kept as a bounded tail. Every live group is remembered in one module-level set, and
 * an `exit` hook SIGKILLs whatever is left if the runner's own process ends with groups still
 * alive: whatever happens to the runner, no app process outlives it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";

/** How much of each output stream is kept: the last 64 KiB (characters). */
export const OUTPUT_TAIL_CHARS = 64 * 1024;

/** The last `limit` characters of a stream, with a note of how much was dropped before them. */
export class OutputTail {
  private text = "";
  private dropped = 0;

  constructor(private readonly limit = OUTPUT_TAIL_CHARS) {}

  append(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.limit * 2) this.trim();
  }

  toString(): string {
    this.trim();
    return this.dropped > 0 ? `[${this.dropped} earlier characters dropped]\n${this.text}` : this.text;
  }

  private trim(): void {
    if (this.text.length <= this.limit) return;
    this.dropped += this.text.length - this.limit;
    this.text = this.text.slice(this.text.length - this.limit);
  }
}

const liveGroups = new Set<number>();
const HAS_PROC = existsSync("/proc/self/stat");
/** How often a stopping group is checked for members left. */
const STOP_POLL_MS = 25;
/** How long to wait for SIGKILLed processes to be gone; the kernel takes microseconds to a few ms. */
const KILL_WAIT_MS = 1_000;
let exitHookInstalled = false;

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

/**
 * Whether any process of the group is still running. Zombies do not count: a child whose shell
 * died is reparented to PID 1, which in some containers reaps only now and then. Linux reads
 * /proc; elsewhere a signal 0 to the group answers (zombies included).
 */
function groupRunning(pgid: number): boolean {
  // The common case first, and cheaply: no member at all (not even a zombie), so no /proc scan,
  // which reads every process's stat synchronously and would stall the twins served in-process.
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  if (HAS_PROC) {
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${name}/stat`, "utf8");
      } catch {
        continue;
      }
      // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so split after the last ")".
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid && state !== "Z") return true;
    }
    return false;
  }
  return true;
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const pid of liveGroups) signalGroup(pid, "SIGKILL");
  });
}

export interface GroupExit {
  exitCode: number | null;
  signal: string | null;
}

export interface ProcessGroup {
  readonly pid: number;
  readonly child: ChildProcess;
  readonly stdout: OutputTail;
  readonly stderr: OutputTail;
  /** Set once the shell has exited. */
  exit(): GroupExit | undefined;
  /** Resolves when the shell has exited (its output streams closed or not). */
  readonly exited: Promise<GroupExit>;
  /** Resolves when the shell's output streams are closed too (all its output has been read). */
  readonly closed: Promise<void>;
  /**
   * SIGTERM to the group; SIGKILL to it once every member is gone or after `graceMs`, whichever
   * is first (the final SIGKILL catches stragglers and costs nothing otherwise). Resolves once
   * the shell has exited and no process of the group is running. Safe to call more than once.
   */
  stop(graceMs: number): Promise<GroupExit>;
}

export interface SpawnGroupOptions {
  cwd?: string;
  env: Record<string, string>;
  stdin?: string;
  outputLimit?: number;
}

/** Starts `command` through `/bin/sh -c` in its own process group. Throws only if spawning fails. */
export function spawnGroup(command: string, options: SpawnGroupOptions): Promise<ProcessGroup> {
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", command], {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const stdout = new OutputTail(options.outputLimit);
    const stderr = new OutputTail(options.outputLimit);
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => stdout.append(chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => stderr.append(chunk));
    let exitStatus: GroupExit | undefined;
    const exited = new Promise<GroupExit>((done) => {
      child.once("exit", (exitCode, signal) => {
        exitStatus = { exitCode, signal };
        done(exitStatus);
      });
    });
    const closed = new Promise<void>((done) => child.once("close", () => done()));
    child.once("error", (error) => {
      if (child.pid === undefined) reject(error);
    });
    child.once("spawn", () => {
      const pid = child.pid!;
      installExitHook();
      liveGroups.add(pid);
      if (options.stdin !== undefined) {
        child.stdin?.on("error", () => undefined);
        child.stdin?.end(options.stdin);
      }
      let stopping: Promise<GroupExit> | undefined;
      const stop = (graceMs: number): Promise<GroupExit> => {
        stopping ??= (async () => {
          // The grace is for the whole group: the app may be a child of the shell, and the
          // shell dies of SIGTERM at once while the app is still closing down.
          signalGroup(pid, "SIGTERM");
          const graceEnds = Date.now() + graceMs;
          while (Date.now() < graceEnds && !(exitStatus && !groupRunning(pid))) await new Promise((done) => setTimeout(done, STOP_POLL_MS));
          signalGroup(pid, "SIGKILL");
          const status = await exited;
          // SIGKILL is delivered asynchronously: wait (briefly) until the group's processes are
          // really gone, so that "stopped" means no process of it is running.
          const killWaitEnds = Date.now() + KILL_WAIT_MS;
          while (groupRunning(pid) && Date.now() < killWaitEnds) await new Promise((done) => setTimeout(done, 5));
          liveGroups.delete(pid);
          return status;
        })();
        return stopping;
      };
      resolve({ pid, child, stdout, stderr, exit: () => exitStatus, exited, closed, stop });
    });
  });
}

/** The pids of groups started here and not yet stopped (for tests and diagnostics). */
export function liveProcessGroups(): number[] {
  return [...liveGroups];
}
