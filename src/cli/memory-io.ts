/**
 * A `CliIo` in memory: what the CLI wrote, a stdin to feed (closed by default, as in CI), and
 * interrupts raised by hand. Tests use it to run commands in-process; so can a program that
 * embeds the CLI and wants its output as text.
 */
import { Readable, Writable } from "node:stream";
import type { CliIo } from "./io.js";

/** A stream that keeps what is written, synchronously, so the text is complete when a command returns. */
class TextSink extends Writable {
  text = "";
  private readonly watchers = new Set<() => void>();

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    for (const watcher of [...this.watchers]) watcher();
    callback();
  }

  /** Resolves once the text matches `pattern`. */
  waitFor(pattern: RegExp): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (!pattern.test(this.text)) return;
        this.watchers.delete(check);
        resolve();
      };
      this.watchers.add(check);
      check();
    });
  }
}

export interface MemoryIo extends CliIo {
  /** Everything written to stdout so far. */
  stdoutText(): string;
  stderrText(): string;
  /** Resolves once stderr matches `pattern`: for acting in the middle of a run. */
  waitForStderr(pattern: RegExp): Promise<void>;
  /** Delivers SIGINT (or the given signal) to whoever subscribed, as Ctrl-C would. */
  interrupt(signalName?: string): void;
}

export interface MemoryIoOptions {
  cwd: string;
  /** Default: a stream that is already at its end, like `< /dev/null`. */
  stdin?: Readable;
  env?: Record<string, string | undefined>;
}

export function createMemoryIo({ cwd, stdin = Readable.from([]), env = {} }: MemoryIoOptions): MemoryIo {
  const stdout = new TextSink();
  const stderr = new TextSink();
  const listeners = new Set<(signalName: string) => void>();
  return {
    stdout,
    stderr,
    stdin,
    env,
    cwd,
    subscribeToInterrupts: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stdoutText: () => stdout.text,
    stderrText: () => stderr.text,
    waitForStderr: (pattern) => stderr.waitFor(pattern),
    interrupt: (signalName = "SIGINT") => {
      for (const listener of [...listeners]) listener(signalName);
    },
  };
}
