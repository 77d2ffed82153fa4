/**
 * Two kinds of work that must not overlap: sandboxed commands and host-side file operations.
 * Any number of one kind may run together; the other kind waits (first come, first served, so
 * neither starves). Because every sandboxed process dies with its command (pid namespace), no
 * agent process exists while a file operation runs, so a realpath check cannot be raced by a
 * symlink swapped in from inside the sandbox.
 */

export type Phase = "commands" | "files";

interface Waiter {
  readonly phase: Phase;
  readonly start: () => void;
}

export class PhaseLock {
  private active: Phase | undefined;
  private running = 0;
  private readonly queue: Waiter[] = [];

  async run<T>(phase: Phase, work: () => Promise<T>): Promise<T> {
    await this.acquire(phase);
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(phase: Phase): Promise<void> {
    if ((this.active === undefined || (this.active === phase && this.queue.length === 0))) {
      this.active = phase;
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push({ phase, start: resolve }));
  }

  private release(): void {
    this.running--;
    if (this.running > 0) return;
    this.active = undefined;
    const next = this.queue[0];
    if (next === undefined) return;
    // Admit every queued waiter of the next phase up to the first of the other phase.
    this.active = next.phase;
    while (this.queue[0]?.phase === next.phase) {
      this.running++;
      this.queue.shift()!.start();
    }
  }
}
