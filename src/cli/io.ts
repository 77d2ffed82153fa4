/**
 * What a command may touch of the outside world, passed in rather than taken from `process`, so
 * tests run the CLI in-process with fake streams, a temporary directory and their own interrupts.
 */
import type { Readable, Writable } from "node:stream";

/** Calls `listener` with the signal name on every interrupt; returns the unsubscribe function. */
export type InterruptSubscription = (listener: (signalName: string) => void) => () => void;

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: Record<string, string | undefined>;
  /** Relative paths on the command line are resolved against this directory. */
  cwd: string;
  /** The source of SIGINT/SIGTERM; without one a run cannot be interrupted but by killing it. */
  subscribeToInterrupts?: InterruptSubscription;
  /** Called when a command is done reading stdin, so an open stdin does not keep the process alive. */
  releaseStdin?: () => void;
}

/** Writes one line; the CLI never writes partial lines, so output from two streams interleaves cleanly. */
export function writeLine(stream: Writable, line: string): void {
  stream.write(`${line}\n`);
}

/** The real process: its streams, environment, directory and signals. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // Lazy: touching process.stdin opens it, which a command that never asks anything should not do.
    get stdin(): Readable {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
    subscribeToInterrupts: subscribeToProcessSignals,
    // Closing a readline interface pauses stdin, but a pipe whose writer keeps it open (or a
    // terminal) would still hold the event loop; unref lets the process exit once its work is done.
    releaseStdin: () => {
      const stdin = process.stdin as Readable & { unref?: () => void };
      stdin.unref?.();
    },
  };
}

const INTERRUPT_SIGNALS = ["SIGINT", "SIGTERM"] as const;

/**
 * While subscribed, SIGINT and SIGTERM go to `listener` (which stops the run gracefully) instead
 * of killing the process. A second signal means "stop now": the process exits at once with
 * 128 + the signal's number, leaving the last checkpoint in place.
 */
function subscribeToProcessSignals(listener: (signalName: string) => void): () => void {
  let received = 0;
  const onSignal = (signalName: NodeJS.Signals): void => {
    received += 1;
    if (received > 1) process.exit(signalName === "SIGTERM" ? 143 : 130);
    listener(signalName);
  };
  for (const signalName of INTERRUPT_SIGNALS) process.on(signalName, onSignal);
  return () => {
    for (const signalName of INTERRUPT_SIGNALS) process.off(signalName, onSignal);
  };
}
