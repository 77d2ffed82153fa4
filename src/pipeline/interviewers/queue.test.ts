import { describe, expect, it } from "vitest";
import { QueueInterviewer } from "./queue.js";
import type { Question } from "./question.js";

const question: Question = { id: "q", text: "?", type: "multiple_choice", options: [], stage: "gate" };

describe("QueueInterviewer", () => {
  it("answers from the queue in order, then skips", async () => {
    const interviewer = new QueueInterviewer([{ value: "A" }, { value: "B" }]);
    expect(await interviewer.ask(question)).toEqual({ value: "A" });
    expect(interviewer.remaining).toBe(1);
    expect(await interviewer.ask(question)).toEqual({ value: "B" });
    expect(await interviewer.ask(question)).toEqual({ value: "skipped" });
  });

  it("accepts answers added later", async () => {
    const interviewer = new QueueInterviewer();
    interviewer.enqueue({ value: "yes" });
    expect(await interviewer.askMultiple([question, question])).toEqual([{ value: "yes" }, { value: "skipped" }]);
  });

  it("does not share its queue with the array it was given", async () => {
    const answers = [{ value: "A" }];
    const interviewer = new QueueInterviewer(answers);
    await interviewer.ask(question);
    expect(answers).toHaveLength(1);
  });
});
