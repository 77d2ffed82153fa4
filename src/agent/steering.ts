/**
 * The session's two message queues (coding-agent-loop-spec 2.6): steering messages go into the
 * history between tool rounds; follow-ups start a new processing cycle after the current one.
 * Both are plain FIFO queues; the loop decides when to drain them.
 */

export class MessageQueue {
  private readonly items: string[] = [];

  enqueue(message: string): void {
    this.items.push(message);
  }

  dequeue(): string | undefined {
    return this.items.shift();
  }

  /** Removes and returns everything queued, oldest first. */
  drain(): string[] {
    return this.items.splice(0, this.items.length);
  }

  get size(): number {
    return this.items.length;
  }

  clear(): void {
    this.items.length = 0;
  }
}
