/**
 * The live progress of `pipeline run` on stderr, built from the engine's events: one line per
 * finished stage, plus retries, parallel branches, human answers and goal-gate loops, then a
 * summary. Stages of parallel branches are numbered under their fan-out: `[4.1]`, `[4.2]`.
 */
import type { Writable } from "node:stream";
import type { PipelineResult } from "../pipeline/engine.js";
import type { PipelineEvent } from "../pipeline/events.js";
import type { Answer } from "../pipeline/interviewers/index.js";
import { writeLine } from "./io.js";

export interface ProgressPrinterOptions {
  output: Writable;
  /** The graph's node ids, to align the columns. */
  nodeIds: Iterable<string>;
  /** How to show a path (the logs directory): relative to the working directory when inside it. */
  displayPath?: (path: string) => string;
}

/** Seconds with one decimal under a minute (`1.2s`), minutes and seconds above (`2m05s`). */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(1)}s`;
  const totalSeconds = Math.round(milliseconds / 1000);
  return `${Math.floor(totalSeconds / 60)}m${String(totalSeconds % 60).padStart(2, "0")}s`;
}

/** Wide enough for `success`; the rarer `partial_success` pushes its line's tail right. */
const STATUS_WIDTH = "success".length;
/** Wide enough for `[12.3]`, so branch stages line up with the main path. */
const LABEL_WIDTH = 6;
const MAX_NODE_ID_WIDTH = 24;
const INDENT = " ".repeat(LABEL_WIDTH + 1);

/** A parallel fan-out whose branches are running: their stages get numbers under its own. */
interface ParallelFrame {
  nodeId: string;
  label: string;
  branchStages: number;
  labels: Map<string, string>;
}

function describeAnswer(answer: Answer): string {
  return answer.selectedOption?.label ?? answer.text ?? answer.value;
}

export function createProgressPrinter({ output, nodeIds, displayPath = (path) => path }: ProgressPrinterOptions): (event: PipelineEvent) => void {
  const idWidth = Math.min(MAX_NODE_ID_WIDTH, Math.max(0, ...[...nodeIds].map((id) => id.length)));
  const parallelStack: ParallelFrame[] = [];
  const lastStageIndex = new Map<string, number>();
  const line = (text: string): void => writeLine(output, text);

  /** `3` for a stage of the main path, `3.2` for the second stage run by the branches of stage 3. */
  const stageLabel = (nodeId: string, index: number): string => {
    const frame = parallelStack.at(-1);
    if (!frame || frame.nodeId === nodeId) return String(index);
    let label = frame.labels.get(nodeId);
    if (label === undefined) {
      frame.branchStages += 1;
      label = `${frame.label}.${frame.branchStages}`;
      frame.labels.set(nodeId, label);
    }
    return label;
  };

  return (event) => {
    switch (event.type) {
      case "pipeline-start":
        line(`${event.resumed ? "resuming" : "running"} ${event.name}; logs in ${displayPath(event.logsRoot)}`);
        return;
      case "stage-start":
        lastStageIndex.set(event.nodeId, event.index);
        stageLabel(event.nodeId, event.index);
        return;
      case "stage-end": {
        const label = `[${stageLabel(event.nodeId, event.index)}]`.padEnd(LABEL_WIDTH);
        const reason = event.error ? `  ${event.error}` : "";
        const retry = event.willRetry ? " (will retry)" : "";
        line(`${label} ${event.nodeId.padEnd(idWidth)}  ${event.status.padEnd(STATUS_WIDTH)}  ${formatDuration(event.durationMs)}${reason}${retry}`.trimEnd());
        return;
      }
      case "stage-retry":
        line(`${INDENT}retrying ${event.nodeId}: attempt ${event.attempt} in ${formatDuration(event.delayMs)}`);
        return;
      case "parallel-start": {
        const index = lastStageIndex.get(event.nodeId) ?? 0;
        const outer = parallelStack.at(-1);
        const label = outer && outer.nodeId !== event.nodeId ? (outer.labels.get(event.nodeId) ?? String(index)) : String(index);
        parallelStack.push({ nodeId: event.nodeId, label, branchStages: 0, labels: new Map() });
        line(`${INDENT}${event.nodeId}: ${event.branchCount} branches in parallel`);
        return;
      }
      case "parallel-end": {
        const position = parallelStack.findLastIndex((frame) => frame.nodeId === event.nodeId);
        if (position >= 0) parallelStack.splice(position, 1);
        line(`${INDENT}${event.nodeId}: ${event.successCount} succeeded, ${event.failureCount} failed in ${formatDuration(event.durationMs)}`);
        return;
      }
      case "interview-end":
        line(`${INDENT}${event.nodeId} asked "${event.question.text}": ${describeAnswer(event.answer)} (${formatDuration(event.durationMs)})`);
        return;
      case "interview-timeout":
        line(`${INDENT}${event.nodeId} asked "${event.question.text}": no answer in ${formatDuration(event.durationMs)}`);
        return;
      case "goal-gate-retry":
        line(`${INDENT}goal gate ${event.nodeId} not satisfied: going back to ${event.target}`);
        return;
      case "pipeline-restart":
        line(`${INDENT}loop restart at ${event.startAt}; logs in ${displayPath(event.logsRoot)}`);
        return;
      default:
        // Edges, checkpoints, logs and hooks are in the run directory; the terminal stays readable.
        return;
    }
  };
}

/** The last line of a run: its status, how many stages, how long, and where the logs are. */
export function summaryLine(result: PipelineResult, displayPath: (path: string) => string = (path) => path): string {
  const stages = `${result.completedNodes.length} stage${result.completedNodes.length === 1 ? "" : "s"} in ${formatDuration(result.durationMs)}`;
  const logs = `logs: ${displayPath(result.logsRoot)}`;
  if (result.status === "success") return `pipeline succeeded: ${stages}; ${logs}`;
  if (result.status === "cancelled") return `pipeline interrupted: ${stages}; ${logs}`;
  return `pipeline failed: ${result.outcome.failureReason ?? "a stage failed"}; ${stages}; ${logs}`;
}
