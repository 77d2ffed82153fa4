/**
 * The app under test as a process: started through `/bin/sh -c` in its own process group with
 * the trial's environment, ready once its `PORT` accepts TCP connections (or, with a `readyPath`,
 * once `GET <readyPath>` answers below 500), stopped with SIGTERM to the group and SIGKILL after
 * a grace. Its output is kept as bounded tails for the trajectory and for `{app}` queries.
 */
import { connect } from "node:net";
import type { AppTrace } from "../model.js";
import { abortableSleep, formatDuration } from "./abort.js";
import { type ProcessGroup, spawnGroup } from "./process-group.js";

export const DEFAULT_STARTUP_TIMEOUT_MS = 10_000;
export const DEFAULT_STOP_GRACE_MS = 2_000;
export const READY_POLL_MS = 25;
/** How much of stderr a "could not start" reason quotes. */
const REASON_TAIL_CHARS = 600;

export interface AppStatus {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  running: boolean;
}

export interface LaunchAppOptions {
  command: string;
  cwd?: string;
  env: Record<string, string>;
  port: number;
  readyPath?: string;
  startupTimeoutMs?: number;
  stopGraceMs?: number;
  now?: () => number;
}

export type Readiness = { ready: true; readyMs: number } | { ready: false; reason: string };

export interface RunningApp {
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  /** Polls until ready, the app exits, or the startup timeout; rejects with the reason if `signal` aborts. */
  waitReady(signal: AbortSignal): Promise<Readiness>;
  status(): AppStatus;
  /** SIGTERM to the group, SIGKILL after the grace; resolves once the shell has exited. */
  stop(): Promise<void>;
  trace(): AppTrace;
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    const done = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(250, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

async function pathAnswers(url: string, signal: AbortSignal): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(1_000)]) });
    await response.arrayBuffer();
    return response.status < 500;
  } catch {
    return false;
  }
}

function tail(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > REASON_TAIL_CHARS ? `…${trimmed.slice(-REASON_TAIL_CHARS)}` : trimmed;
}

/** Waits a moment for the last output of a process that has exited, then describes the exit. */
async function exitDescription(group: ProcessGroup): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([group.closed, new Promise<void>((done) => (timer = setTimeout(done, 200)))]);
  clearTimeout(timer);
  const exit = group.exit();
  const how = exit?.signal ? `was killed by ${exit.signal}` : `exited with code ${exit?.exitCode ?? "?"}`;
  const output = tail(group.stderr.toString()) || tail(group.stdout.toString());
  return output ? `${how}: ${output}` : `${how} and printed nothing`;
}

/** Starts the app; throws only when the shell itself cannot be spawned. */
export async function launchApp(options: LaunchAppOptions): Promise<RunningApp> {
  const now = options.now ?? Date.now;
  const startupTimeoutMs = options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
  const stopGraceMs = options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
  const url = `http://127.0.0.1:${options.port}`;
  const startedAt = now();
  const group = await spawnGroup(options.command, { cwd: options.cwd, env: options.env });
  let readyMs: number | undefined;

  const isReady = async (signal: AbortSignal) => (options.readyPath === undefined ? portAccepts(options.port) : pathAnswers(`${url}${options.readyPath}`, signal));

  return {
    pid: group.pid,
    port: options.port,
    url,
    async waitReady(signal) {
      const deadline = startedAt + startupTimeoutMs;
      for (;;) {
        if (signal.aborted) throw signal.reason;
        if (group.exit()) return { ready: false, reason: `the app could not start: ${await exitDescription(group)}` };
        if (await isReady(signal)) {
          // A port may be taken by the shell's child before it dies; a last look at the exit.
          if (group.exit()) return { ready: false, reason: `the app could not start: ${await exitDescription(group)}` };
          readyMs = now() - startedAt;
          return { ready: true, readyMs };
        }
        if (now() >= deadline) {
          const what = options.readyPath === undefined ? `nothing accepted connections on port ${options.port}` : `GET ${options.readyPath} did not answer below 500`;
          const output = tail(group.stderr.toString());
          return { ready: false, reason: `the app could not start: ${what} within ${formatDuration(startupTimeoutMs)}${output ? `; stderr: ${output}` : ""}` };
        }
        await abortableSleep(READY_POLL_MS, signal);
      }
    },
    status() {
      const exit = group.exit();
      return { exitCode: exit?.exitCode ?? null, signal: exit?.signal ?? null, stdout: group.stdout.toString(), stderr: group.stderr.toString(), running: exit === undefined };
    },
    async stop() {
      await group.stop(stopGraceMs);
    },
    trace() {
      const exit = group.exit();
      return {
        command: options.command,
        ...(readyMs !== undefined ? { readyMs } : {}),
        exitCode: exit?.exitCode ?? null,
        signal: exit?.signal ?? null,
        stdout: group.stdout.toString(),
        stderr: group.stderr.toString(),
      };
    },
  };
}
