import { describe, expect, it, vi } from "vitest";
import { createPendingInterviewer } from "./pending.js";
import type { Question } from "./question.js";

const question = (id: string, fields: Partial<Question> = {}): Question => ({
  id,
  text: `question ${id}`,
  type: "multiple_choice",
  options: [{ key: "A", label: "Approve" }],
  stage: "gate",
  ...fields,
});

describe("createPendingInterviewer", () => {
  it("keeps a question pending until it is answered by id", async () => {
    const interviewer = createPendingInterviewer();
    const answer = interviewer.ask(question("q1"));
    expect(interviewer.pending().map((pending) => pending.id)).toEqual(["q1"]);
    expect(interviewer.answer("other", { value: "A" })).toBe(false);
    expect(interviewer.answer("q1", { value: "A" })).toBe(true);
    expect(await answer).toEqual({ value: "A" });
    expect(interviewer.pending()).toEqual([]);
    expect(interviewer.answer("q1", { value: "A" })).toBe(false);
  });

  it("tells listeners about each new question until they unsubscribe", async () => {
    const interviewer = createPendingInterviewer();
    const listener = vi.fn();
    const unsubscribe = interviewer.onQuestion(listener);
    const first = interviewer.ask(question("q1"));
    unsubscribe();
    const second = interviewer.ask(question("q2"));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith(question("q1"));
    interviewer.answer("q1", { value: "A" });
    interviewer.answer("q2", { value: "A" });
    await Promise.all([first, second]);
  });

  it("still asks when a listener throws", async () => {
    const interviewer = createPendingInterviewer();
    interviewer.onQuestion(() => {
      throw new Error("socket closed");
    });
    const answer = interviewer.ask(question("q1"));
    expect(interviewer.pending()).toHaveLength(1);
    interviewer.answer("q1", { value: "A" });
    expect(await answer).toEqual({ value: "A" });
  });

  it("answers TIMEOUT when the signal aborts, and stops waiting", async () => {
    const interviewer = createPendingInterviewer();
    const controller = new AbortController();
    const answer = interviewer.ask(question("q1"), controller.signal);
    controller.abort();
    expect(await answer).toEqual({ value: "timeout" });
    expect(interviewer.pending()).toEqual([]);
    expect(await interviewer.ask(question("q2"), controller.signal)).toEqual({ value: "timeout" });
  });

  it("answers the default, else TIMEOUT, when the question times out", async () => {
    const interviewer = createPendingInterviewer();
    expect(await interviewer.ask(question("q1", { timeoutSeconds: 0.02 }))).toEqual({ value: "timeout" });
    const withDefault = question("q2", { timeoutSeconds: 0.02, default: { value: "A" } });
    expect(await interviewer.ask(withDefault)).toEqual({ value: "A" });
    expect(interviewer.pending()).toEqual([]);
  });

  it("rejects a second question with an id already waiting", async () => {
    const interviewer = createPendingInterviewer();
    const first = interviewer.ask(question("q1"));
    await expect(interviewer.ask(question("q1"))).rejects.toThrow('a question with id "q1" is already waiting');
    interviewer.answer("q1", { value: "A" });
    await first;
  });

  it("asks several questions one at a time", async () => {
    const interviewer = createPendingInterviewer();
    interviewer.onQuestion((asked) => queueMicrotask(() => interviewer.answer(asked.id, { value: asked.id })));
    const answers = await interviewer.askMultiple([question("q1"), question("q2")]);
    expect(answers).toEqual([{ value: "q1" }, { value: "q2" }]);
  });

  it("forwards messages to inform listeners", () => {
    const interviewer = createPendingInterviewer();
    const listener = vi.fn();
    const unsubscribe = interviewer.onInform(listener);
    interviewer.inform("hello", "gate");
    unsubscribe();
    interviewer.inform("again", "gate");
    expect(listener).toHaveBeenCalledOnce();
    expect(listener).toHaveBeenCalledWith("hello", "gate");
  });
});
