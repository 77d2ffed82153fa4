import { Writable } from "node:stream";
import { expect, test } from "vitest";
import type { PipelineResult } from "../pipeline/engine.js";
import type { EmittedEvent, PipelineEvent } from "../pipeline/events.js";
import { createProgressPrinter, formatDuration, summaryLine } from "./progress.js";

function capture(): { output: Writable; text: () => string } {
  let text = "";
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString("utf8");
      callback();
    },
  });
  return { output, text: () => text };
}

const stamp = (event: EmittedEvent): PipelineEvent => ({ ...event, timestamp: 0, runId: "run" }) as PipelineEvent;

test("durations: tenths of a second under a minute, minutes and seconds above", () => {
  expect(formatDuration(0)).toBe("0.0s");
  expect(formatDuration(1234)).toBe("1.2s");
  expect(formatDuration(59_940)).toBe("59.9s");
  expect(formatDuration(125_000)).toBe("2m05s");
});

test("one aligned line per stage, failures with their reason, retries, branches numbered under their fan-out", () => {
  const { output, text } = capture();
  const print = createProgressPrinter({ output, nodeIds: ["start", "implement", "fan", "a", "b", "gate"], displayPath: () => "runs/x" });
  const events: EmittedEvent[] = [
    { type: "pipeline-start", name: "demo", logsRoot: "/abs/runs/x", resumed: false },
    { type: "stage-start", nodeId: "implement", label: "Implement", index: 2, handlerType: "codergen", attempt: 1 },
    { type: "stage-end", nodeId: "implement", index: 2, status: "fail", durationMs: 1200, error: "exit code 1", willRetry: true },
    { type: "stage-retry", nodeId: "implement", index: 2, attempt: 2, delayMs: 200 },
    { type: "stage-end", nodeId: "implement", index: 2, status: "success", durationMs: 300, willRetry: false },
    { type: "stage-start", nodeId: "fan", label: "Fan", index: 3, handlerType: "parallel", attempt: 1 },
    { type: "parallel-start", nodeId: "fan", branchCount: 2 },
    { type: "stage-start", nodeId: "a", label: "A", index: 1, handlerType: "codergen", attempt: 1 },
    { type: "stage-start", nodeId: "b", label: "B", index: 2, handlerType: "codergen", attempt: 1 },
    { type: "stage-end", nodeId: "b", index: 2, status: "success", durationMs: 10, willRetry: false },
    { type: "stage-end", nodeId: "a", index: 1, status: "success", durationMs: 20, willRetry: false },
    { type: "parallel-end", nodeId: "fan", durationMs: 30, successCount: 2, failureCount: 0 },
    { type: "stage-end", nodeId: "fan", index: 3, status: "success", durationMs: 30, willRetry: false },
    { type: "interview-end", nodeId: "gate", question: { id: "q", text: "Ship?", type: "multiple_choice", options: [], stage: "gate" }, answer: { value: "Y", selectedOption: { key: "Y", label: "[Y] Yes" } }, durationMs: 2000 },
    { type: "goal-gate-retry", nodeId: "implement", target: "start" },
    { type: "checkpoint-save", nodeId: "fan", path: "/abs/runs/x/checkpoint.json" },
  ];
  for (const event of events) print(stamp(event));
  expect(text().split("\n")).toEqual([
    "running demo; logs in runs/x",
    "[2]    implement  fail     1.2s  exit code 1 (will retry)",
    "       retrying implement: attempt 2 in 0.2s",
    "[2]    implement  success  0.3s",
    "       fan: 2 branches in parallel",
    "[3.2]  b          success  0.0s",
    "[3.1]  a          success  0.0s",
    "       fan: 2 succeeded, 0 failed in 0.0s",
    "[3]    fan        success  0.0s",
    '       gate asked "Ship?": [Y] Yes (2.0s)',
    "       goal gate implement not satisfied: going back to start",
    "",
  ]);
});

test("the summary line gives the status, stage count, duration and logs directory", () => {
  const base: PipelineResult = { status: "success", outcome: { status: "success" }, runId: "r", logsRoot: "/abs/run", completedNodes: ["start", "exit"], nodeOutcomes: {}, context: {}, durationMs: 1500 };
  expect(summaryLine(base)).toBe("pipeline succeeded: 2 stages in 1.5s; logs: /abs/run");
  expect(summaryLine({ ...base, status: "fail", outcome: { status: "fail", failureReason: "exit code 3" } }, () => "run")).toBe("pipeline failed: exit code 3; 2 stages in 1.5s; logs: run");
  expect(summaryLine({ ...base, status: "cancelled", completedNodes: ["start"] })).toBe("pipeline interrupted: 1 stage in 1.5s; logs: /abs/run");
});
