import { describe, expect, it, vi } from "vitest";
import { CallbackInterviewer } from "./callback.js";
import { QueueInterviewer } from "./queue.js";
import type { Question } from "./question.js";
import { RecordingInterviewer } from "./recording.js";

const question = (id: string): Question => ({ id, text: id, type: "freeform", options: [], stage: "gate" });

describe("RecordingInterviewer", () => {
  it("records each question with its answer", async () => {
    const recording = new RecordingInterviewer(new QueueInterviewer([{ value: "one", text: "one" }]));
    await recording.ask(question("a"));
    await recording.askMultiple([question("b")]);
    expect(recording.recordings).toEqual([
      { question: question("a"), answer: { value: "one", text: "one" } },
      { question: question("b"), answer: { value: "skipped" } },
    ]);
  });

  it("replays through a queue interviewer", async () => {
    const recording = new RecordingInterviewer(new QueueInterviewer([{ value: "x" }, { value: "y" }]));
    await recording.askMultiple([question("a"), question("b")]);
    const replay = new QueueInterviewer(recording.recordings.map((entry) => entry.answer));
    expect(await replay.askMultiple([question("a"), question("b")])).toEqual([{ value: "x" }, { value: "y" }]);
  });

  it("passes the signal and messages through to the inner interviewer", async () => {
    const callback = vi.fn(() => ({ value: "ok" }));
    const inform = vi.fn();
    const recording = new RecordingInterviewer(new CallbackInterviewer(callback, inform));
    const signal = new AbortController().signal;
    await recording.ask(question("a"), signal);
    recording.inform("note", "gate");
    expect(callback).toHaveBeenCalledWith(question("a"), signal);
    expect(inform).toHaveBeenCalledWith("note", "gate");
  });

  it("records nothing when the inner interviewer fails", async () => {
    const recording = new RecordingInterviewer(
      new CallbackInterviewer(() => {
        throw new Error("down");
      }),
    );
    await expect(recording.ask(question("a"))).rejects.toThrow("down");
    expect(recording.recordings).toEqual([]);
  });
});
