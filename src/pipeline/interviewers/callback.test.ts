import { describe, expect, it, vi } from "vitest";
import { CallbackInterviewer } from "./callback.js";
import type { Question } from "./question.js";

const question: Question = { id: "q1", text: "Ship?", type: "yes_no", options: [], stage: "gate" };

describe("CallbackInterviewer", () => {
  it("delegates to the callback with the question and the signal", async () => {
    const callback = vi.fn(async () => ({ value: "no" }));
    const signal = new AbortController().signal;
    expect(await new CallbackInterviewer(callback).ask(question, signal)).toEqual({ value: "no" });
    expect(callback).toHaveBeenCalledWith(question, signal);
  });

  it("accepts a synchronous callback", async () => {
    expect(await new CallbackInterviewer(() => ({ value: "yes" })).ask(question)).toEqual({ value: "yes" });
  });

  it("asks several questions one after the other", async () => {
    const seen: string[] = [];
    const interviewer = new CallbackInterviewer(async (asked) => {
      seen.push(asked.id);
      return { value: asked.id };
    });
    const answers = await interviewer.askMultiple([question, { ...question, id: "q2" }]);
    expect(answers).toEqual([{ value: "q1" }, { value: "q2" }]);
    expect(seen).toEqual(["q1", "q2"]);
  });

  it("passes messages to the inform callback when there is one", () => {
    const inform = vi.fn();
    new CallbackInterviewer(() => ({ value: "yes" }), inform).inform("hello", "gate");
    expect(inform).toHaveBeenCalledWith("hello", "gate");
    expect(() => new CallbackInterviewer(() => ({ value: "yes" })).inform("hello", "gate")).not.toThrow();
  });

  it("lets a failing callback reject", async () => {
    const interviewer = new CallbackInterviewer(() => {
      throw new Error("slack down");
    });
    await expect(interviewer.ask(question)).rejects.toThrow("slack down");
  });
});
