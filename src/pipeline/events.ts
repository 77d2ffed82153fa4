/**
 * The typed event stream of a run (spec 9.6), a discriminated union named `*-start` / `*-end`.
 * The mapping to the spec's names is recorded in docs/decisions/0003-event-names.md.
 */
import type { StageStatus } from "./outcome.js";
import type { Answer, Question } from "./interviewers/question.js";

interface EventBase {
  /** Milliseconds since the epoch, from the run's clock. */
  timestamp: number;
  runId: string;
}

export type PipelineEvent =
  | (EventBase & { type: "pipeline-start"; name: string; logsRoot: string; resumed: boolean })
  | (EventBase & { type: "pipeline-end"; status: "success" | "fail" | "cancelled"; durationMs: number; artifactCount: number; error?: string })
  | (EventBase & { type: "pipeline-restart"; startAt: string; logsRoot: string })
  | (EventBase & { type: "stage-start"; nodeId: string; label: string; index: number; handlerType: string; attempt: number })
  | (EventBase & {
      type: "stage-end";
      nodeId: string;
      index: number;
      status: StageStatus;
      durationMs: number;
      error?: string;
      willRetry: boolean;
    })
  | (EventBase & { type: "stage-retry"; nodeId: string; index: number; attempt: number; delayMs: number })
  | (EventBase & { type: "stage-log"; nodeId: string; message: string })
  | (EventBase & { type: "edge-select"; from: string; to: string; label: string; reason: EdgeSelectionReason })
  | (EventBase & { type: "goal-gate-retry"; nodeId: string; target: string })
  | (EventBase & { type: "parallel-start"; nodeId: string; branchCount: number })
  | (EventBase & { type: "parallel-branch-start"; nodeId: string; branch: string; index: number })
  | (EventBase & { type: "parallel-branch-end"; nodeId: string; branch: string; index: number; durationMs: number; success: boolean })
  | (EventBase & { type: "parallel-end"; nodeId: string; durationMs: number; successCount: number; failureCount: number })
  | (EventBase & { type: "interview-start"; nodeId: string; question: Question })
  | (EventBase & { type: "interview-end"; nodeId: string; question: Question; answer: Answer; durationMs: number })
  | (EventBase & { type: "interview-timeout"; nodeId: string; question: Question; durationMs: number })
  | (EventBase & { type: "checkpoint-save"; nodeId: string; path: string })
  | (EventBase & { type: "tool-hook"; nodeId: string; phase: "pre" | "post"; exitCode: number; skipped: boolean });

export type EdgeSelectionReason = "condition" | "preferred-label" | "suggested-id" | "weight" | "lexical" | "failure-route";

export type PipelineEventType = PipelineEvent["type"];

/** An event as a handler emits it: the engine fills in the timestamp and run id. */
export type EmittedEvent = PipelineEvent extends infer E ? (E extends PipelineEvent ? Omit<E, "timestamp" | "runId"> : never) : never;

export type EventListener = (event: PipelineEvent) => void;
