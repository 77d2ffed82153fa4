/**
 * The agent session's events (coding-agent-loop-spec 2.9) as a discriminated union named in the
 * project's `*-start` / `*-delta` / `*-end` convention, and the hub that delivers them to
 * callbacks and to async iterators. The hub keeps the session's event log, so an iterator opened
 * after the session was created still sees `session-start` first and ends after `session-end`.
 */
import type { Usage } from "../llm/types.js";

export type SessionStateName = "idle" | "processing" | "awaiting-input" | "closed";

interface EventBase {
  readonly sessionId: string;
  /** Milliseconds since the epoch, from the session's clock. */
  readonly timestamp: number;
}

export type SessionEventData =
  | { readonly kind: "session-start"; readonly model: string; readonly provider: string; readonly depth: number }
  | { readonly kind: "session-end"; readonly state: SessionStateName; readonly reason: "closed" | "aborted" | "error" }
  | { readonly kind: "user-input"; readonly content: string }
  | { readonly kind: "processing-end"; readonly outcome: ProcessingOutcome }
  | { readonly kind: "assistant-text-start" }
  | { readonly kind: "assistant-text-delta"; readonly delta: string }
  | {
      readonly kind: "assistant-text-end";
      readonly text: string;
      readonly reasoning: string | undefined;
      readonly toolCallCount: number;
      readonly usage: Usage;
    }
  | { readonly kind: "tool-call-start"; readonly callId: string; readonly toolName: string; readonly arguments: Record<string, unknown> }
  /** Incremental output of a streaming tool while it runs (the shell tool: stdout and stderr as they come). */
  | { readonly kind: "tool-call-output-delta"; readonly callId: string; readonly delta: string }
  /** Carries the FULL, untruncated output; the model got the truncated one. */
  | { readonly kind: "tool-call-end"; readonly callId: string; readonly toolName: string; readonly output: string; readonly isError: boolean }
  | { readonly kind: "steering-injected"; readonly content: string }
  | {
      readonly kind: "turn-limit";
      readonly limit: "max-tool-rounds-per-input" | "max-turns";
      readonly rounds: number;
      readonly totalTurns: number;
    }
  | { readonly kind: "loop-detection"; readonly message: string }
  | { readonly kind: "warning"; readonly code: "context-usage" | "context-length" | "subagent"; readonly message: string }
  | { readonly kind: "error"; readonly message: string; readonly errorKind: string };

/** Why a processing cycle (one input plus its follow-ups) ended. */
export type ProcessingOutcome = "completed" | "awaiting-input" | "round-limit" | "turn-limit" | "aborted" | "context-length" | "error";

export type SessionEvent = SessionEventData & EventBase;

export type SessionEventKind = SessionEvent["kind"];

/** The event of one kind, e.g. `EventOf<"tool-call-end">`. */
export type EventOf<K extends SessionEventKind> = Extract<SessionEvent, { kind: K }>;

export type SessionEventListener = (event: SessionEvent) => void;

/** Fans events out to listeners and iterators; closed after the terminal `session-end`. */
export class EventHub {
  private readonly log: SessionEvent[] = [];
  private readonly listeners = new Set<SessionEventListener>();
  private readonly wakers = new Set<() => void>();
  private ended = false;

  constructor(
    private readonly sessionId: string,
    private readonly now: () => number,
  ) {}

  emit(data: SessionEventData): SessionEvent {
    const event = { ...data, sessionId: this.sessionId, timestamp: this.now() } as SessionEvent;
    return this.forward(event);
  }

  /** Re-delivers an event from elsewhere (a subagent's) unchanged, keeping its session id. */
  forward(event: SessionEvent): SessionEvent {
    if (this.ended) return event;
    this.log.push(event);
    if (event.kind === "session-end" && event.sessionId === this.sessionId) this.ended = true;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A host listener's bug must not break the agent loop.
      }
    }
    for (const wake of this.wakers) wake();
    return event;
  }

  /** Every event so far, in order. */
  history(): readonly SessionEvent[] {
    return this.log;
  }

  on(listener: SessionEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** All events from the session's start (replayed) until its `session-end`, then done. */
  async *iterate(): AsyncGenerator<SessionEvent, void, undefined> {
    let index = 0;
    while (true) {
      while (index < this.log.length) {
        const event = this.log[index++] as SessionEvent;
        yield event;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          this.wakers.delete(wake);
          resolve();
        };
        this.wakers.add(wake);
      });
    }
  }
}
