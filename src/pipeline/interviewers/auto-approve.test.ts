import { describe, expect, it } from "vitest";
import { AUTO_APPROVED, AutoApproveInterviewer } from "./auto-approve.js";
import type { Question } from "./question.js";

const question = (fields: Partial<Question>): Question => ({ id: "q", text: "?", type: "multiple_choice", options: [], stage: "gate", ...fields });

describe("AutoApproveInterviewer", () => {
  const interviewer = new AutoApproveInterviewer();

  it("says yes to yes/no questions and confirmations", async () => {
    expect(await interviewer.ask(question({ type: "yes_no" }))).toEqual({ value: "yes" });
    expect(await interviewer.ask(question({ type: "confirmation" }))).toEqual({ value: "yes" });
  });

  it("selects the first option of a multiple choice", async () => {
    const options = [
      { key: "A", label: "Approve" },
      { key: "R", label: "Reject" },
    ];
    expect(await interviewer.ask(question({ options }))).toEqual({ value: "A", selectedOption: { key: "A", label: "Approve" } });
  });

  it("answers a freeform question or an empty choice with auto-approved", async () => {
    expect(await interviewer.ask(question({ type: "freeform" }))).toEqual({ value: AUTO_APPROVED, text: AUTO_APPROVED });
    expect(await interviewer.ask(question({ options: [] }))).toEqual({ value: AUTO_APPROVED, text: AUTO_APPROVED });
  });

  it("answers several questions in order", async () => {
    const answers = await interviewer.askMultiple([question({ type: "yes_no" }), question({ type: "freeform" })]);
    expect(answers.map((answer) => answer.value)).toEqual(["yes", AUTO_APPROVED]);
  });

  it("accepts messages without doing anything", () => {
    expect(() => interviewer.inform()).not.toThrow();
  });
});
