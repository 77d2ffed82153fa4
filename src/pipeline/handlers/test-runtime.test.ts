import { describe, expect, it } from "vitest";
import { Context } from "../context.js";
import { AutoApproveInterviewer } from "../interviewers/auto-approve.js";
import { QueueInterviewer } from "../interviewers/queue.js";
import { abortableSleep, createTestRuntime } from "./test-runtime.js";

describe("createTestRuntime", () => {
  it("collects events and defaults to an auto-approving interviewer", () => {
    const runtime = createTestRuntime();
    runtime.emit({ type: "stage-log", nodeId: "a", message: "hello" });
    expect(runtime.events).toEqual([{ type: "stage-log", nodeId: "a", message: "hello" }]);
    expect(runtime.interviewer).toBeInstanceOf(AutoApproveInterviewer);
    expect(runtime.fidelity).toEqual({ mode: "compact", threadId: "", preamble: "" });
  });

  it("takes overrides", () => {
    const interviewer = new QueueInterviewer();
    const runtime = createTestRuntime({ interviewer, now: () => 42 });
    expect(runtime.interviewer).toBe(interviewer);
    expect(runtime.now()).toBe(42);
  });

  it("aborts its signal through the controller", () => {
    const runtime = createTestRuntime();
    runtime.controller.abort();
    expect(runtime.signal.aborted).toBe(true);
  });

  it("has no engine behind runBranch", async () => {
    const runtime = createTestRuntime();
    await expect(runtime.runBranch("a", new Context(), { stopAt: () => true, logsRoot: "/tmp" })).rejects.toThrow("not available");
  });
});

describe("abortableSleep", () => {
  it("resolves after the delay", async () => {
    await expect(abortableSleep(5)).resolves.toBeUndefined();
  });

  it("rejects when the signal aborts, or was already aborted", async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(10_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(sleeping).rejects.toThrow("stop");
    await expect(abortableSleep(10, controller.signal)).rejects.toThrow("stop");
  });
});
