import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { ConsoleInterviewer, findMatchingOption, interpretResponse, MAX_REPROMPTS } from "./console.js";
import type { Question } from "./question.js";

const options = [
  { key: "A", label: "[A] Approve" },
  { key: "R", label: "Request changes" },
];
const choice = (fields: Partial<Question> = {}): Question => ({ id: "q", text: "Review the plan", type: "multiple_choice", options, stage: "gate", ...fields });

const opened: ConsoleInterviewer[] = [];

function setup(): { interviewer: ConsoleInterviewer; input: PassThrough; printed: () => string } {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const interviewer = new ConsoleInterviewer({ input, output });
  opened.push(interviewer);
  return { interviewer, input, printed: () => text };
}

afterEach(() => {
  for (const interviewer of opened.splice(0)) interviewer.close();
});

describe("ConsoleInterviewer", () => {
  it("prints the question and its options and answers by key, case-insensitively", async () => {
    const { interviewer, input, printed } = setup();
    const answer = interviewer.ask(choice());
    input.write("r\n");
    expect(await answer).toEqual({ value: "R", selectedOption: options[1] });
    expect(printed()).toBe("[?] Review the plan\n  [A] Approve\n  [R] Request changes\nSelect: ");
  });

  it("answers by label", async () => {
    const { interviewer, input } = setup();
    const answer = interviewer.ask(choice());
    input.write("  approve \n");
    expect(await answer).toEqual({ value: "A", selectedOption: options[0] });
  });

  it("keeps lines that arrive together for the next questions", async () => {
    const { interviewer, input } = setup();
    input.write("A\nR\n");
    expect((await interviewer.ask(choice())).value).toBe("A");
    expect((await interviewer.ask(choice())).value).toBe("R");
  });

  it("re-prompts on an unknown answer", async () => {
    const { interviewer, input, printed } = setup();
    const answer = interviewer.ask(choice());
    input.write("maybe\nA\n");
    expect((await answer).value).toBe("A");
    expect(printed()).toContain('Unrecognized answer "maybe"; expected one of A, R or an option\'s label.\nSelect: ');
  });

  it(`skips after ${MAX_REPROMPTS} re-prompts`, async () => {
    const { interviewer, input, printed } = setup();
    input.write("x\nx\nx\nx\nA\n");
    expect(await interviewer.ask(choice())).toEqual({ value: "skipped" });
    expect(printed().match(/Select: /g)).toHaveLength(MAX_REPROMPTS + 1);
    expect((await interviewer.ask(choice())).value).toBe("A");
  });

  it("skips at once when the input ends", async () => {
    const { interviewer, input, printed } = setup();
    const answer = interviewer.ask(choice());
    input.end();
    expect(await answer).toEqual({ value: "skipped" });
    expect(printed()).toContain("no input available");
    expect(await interviewer.ask(choice())).toEqual({ value: "skipped" });
  });

  it("answers TIMEOUT when nobody answers in time", async () => {
    const { interviewer, printed } = setup();
    const started = Date.now();
    expect(await interviewer.ask(choice({ timeoutSeconds: 0.05 }))).toEqual({ value: "timeout" });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(printed()).toContain("(no answer in time)");
  });

  it("answers the question's default when nobody answers in time", async () => {
    const { interviewer } = setup();
    expect(await interviewer.ask(choice({ timeoutSeconds: 0.05, default: { value: "R" } }))).toEqual({ value: "R" });
  });

  it("stops reading when the signal aborts, leaving later lines for the next question", async () => {
    const { interviewer, input } = setup();
    const controller = new AbortController();
    const answer = interviewer.ask(choice(), controller.signal);
    controller.abort();
    expect(await answer).toEqual({ value: "timeout" });
    input.write("R\n");
    expect((await interviewer.ask(choice())).value).toBe("R");
  });

  it("accepts y, yes, n and no for yes/no questions and confirmations", async () => {
    const { interviewer, input } = setup();
    input.write("Y\nno\nyes\nN\nperhaps\ny\n");
    expect(await interviewer.ask(choice({ type: "yes_no", options: [] }))).toEqual({ value: "yes" });
    expect(await interviewer.ask(choice({ type: "yes_no", options: [] }))).toEqual({ value: "no" });
    expect(await interviewer.ask(choice({ type: "confirmation", options: [] }))).toEqual({ value: "yes" });
    expect(await interviewer.ask(choice({ type: "confirmation", options: [] }))).toEqual({ value: "no" });
    expect(await interviewer.ask(choice({ type: "yes_no", options: [] }))).toEqual({ value: "yes" });
  });

  it("returns freeform text", async () => {
    const { interviewer, input, printed } = setup();
    const answer = interviewer.ask(choice({ type: "freeform", options: [] }));
    input.write("  add more tests  \n");
    expect(await answer).toEqual({ value: "add more tests", text: "add more tests" });
    expect(printed()).toContain("> ");
  });

  it("keeps a label whose prefix is not the option's key", async () => {
    const { interviewer, input, printed } = setup();
    const answer = interviewer.ask(choice({ options: [{ key: "X", label: "[B] Beta" }] }));
    input.write("x\n");
    await answer;
    expect(printed()).toContain("  [X] [B] Beta\n");
  });

  it("prints messages", () => {
    const { interviewer, printed } = setup();
    interviewer.inform("deploying", "ship");
    expect(printed()).toBe("[i] ship: deploying\n");
  });

  it("asks several questions in order", async () => {
    const { interviewer, input } = setup();
    input.write("A\nhello\n");
    const answers = await interviewer.askMultiple([choice(), choice({ type: "freeform", options: [] })]);
    expect(answers.map((answer) => answer.value)).toEqual(["A", "hello"]);
  });
});

describe("interpretResponse and findMatchingOption", () => {
  it("takes an empty line as the default when there is one", () => {
    expect(interpretResponse(choice({ default: { value: "R" } }), "  ")).toEqual({ value: "R" });
    expect(interpretResponse(choice(), "")).toBeUndefined();
  });

  it("matches a key before a label", () => {
    const ambiguous = [
      { key: "B", label: "A" },
      { key: "A", label: "Approve" },
    ];
    expect(findMatchingOption("a", ambiguous)?.label).toBe("Approve");
    expect(findMatchingOption("[X] approve", ambiguous)?.key).toBe("A");
    expect(findMatchingOption("nothing", ambiguous)).toBeUndefined();
  });
});
