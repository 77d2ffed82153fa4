/**
 * Asks on a terminal (spec 6.4): prints the question and its options, reads one line per answer.
 * Never hangs a run that has no human: end of input (stdin closed or `/dev/null` in CI) gives
 * SKIPPED at once, a timeout gives the question's default or TIMEOUT, and an aborted ask stops
 * reading. Decisions: docs/decisions/0036-interviewer-timeouts-and-aborts.md.
 */
import { createInterface, type Interface as ReadlineInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { normalizeLabel, parseAcceleratorKey, stripAcceleratorPrefix } from "../labels.js";
import { NO, SKIPPED, TIMEOUT, YES, type Answer, type Interviewer, type Option, type Question } from "./question.js";

export interface ConsoleInterviewerOptions {
  input?: Readable;
  output?: Writable;
}

/** How many times an unrecognized answer is asked again before the question counts as skipped. */
export const MAX_REPROMPTS = 3;

export class ConsoleInterviewer implements Interviewer {
  private readonly input: Readable;
  private readonly output: Writable;
  private reader: LineReader | undefined;

  constructor({ input = process.stdin, output = process.stdout }: ConsoleInterviewerOptions = {}) {
    this.input = input;
    this.output = output;
  }

  async ask(question: Question, signal?: AbortSignal): Promise<Answer> {
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) stop.abort();
    let timedOut = false;
    const timer =
      question.timeoutSeconds !== undefined && question.timeoutSeconds > 0
        ? setTimeout(() => {
            timedOut = true;
            stop.abort();
          }, question.timeoutSeconds * 1000)
        : undefined;
    try {
      const answer = await this.converse(question, stop.signal);
      if (answer !== undefined) return answer;
      if (timedOut) {
        this.write("\n(no answer in time)\n");
        return question.default ?? { ...TIMEOUT };
      }
      // Aborted by the caller, which decides what an unanswered question means.
      return { ...TIMEOUT };
    } finally {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  async askMultiple(questions: Question[], signal?: AbortSignal): Promise<Answer[]> {
    const answers: Answer[] = [];
    for (const question of questions) answers.push(await this.ask(question, signal));
    return answers;
  }

  inform(message: string, stage: string): void {
    this.write(`[i] ${stage ? `${stage}: ` : ""}${message}\n`);
  }

  /** Stops listening to the input, so a process whose only handle is stdin can exit. */
  close(): void {
    this.reader?.close();
    this.reader = undefined;
  }

  /** The answer, or undefined when `stop` fired before one was given. */
  private async converse(question: Question, stop: AbortSignal): Promise<Answer | undefined> {
    this.write(`[?] ${question.text}\n`);
    if (question.type === "multiple_choice") {
      for (const option of question.options) this.write(`  [${option.key}] ${displayLabel(option)}\n`);
    }
    for (let attempt = 0; attempt <= MAX_REPROMPTS; attempt += 1) {
      this.write(promptFor(question));
      const read = await this.lineReader().read(stop);
      if (read.kind === "stopped") return undefined;
      if (read.kind === "end") {
        this.write("\n(no input available; question skipped)\n");
        return { ...SKIPPED };
      }
      const answer = interpretResponse(question, read.line);
      if (answer) return answer;
      this.write(`Unrecognized answer ${JSON.stringify(read.line.trim())}; expected ${describeExpected(question)}.\n`);
    }
    this.write("(too many unrecognized answers; question skipped)\n");
    return { ...SKIPPED };
  }

  private lineReader(): LineReader {
    this.reader ??= new LineReader(this.input);
    return this.reader;
  }

  private write(text: string): void {
    this.output.write(text);
  }
}

/** `[A] Approve` is shown as `[A] Approve`, not `[A] [A] Approve`, when the prefix is the option's key. */
function displayLabel(option: Option): string {
  const prefixed = parseAcceleratorKey(option.label) === option.key.toUpperCase();
  return prefixed ? stripAcceleratorPrefix(option.label) || option.label : option.label;
}

function promptFor(question: Question): string {
  switch (question.type) {
    case "multiple_choice":
      return "Select: ";
    case "yes_no":
    case "confirmation":
      return "[Y/N]: ";
    case "freeform":
      return "> ";
  }
}

function describeExpected(question: Question): string {
  if (question.type === "multiple_choice") return `one of ${question.options.map((option) => option.key).join(", ")} or an option's label`;
  return "y, yes, n or no";
}

/** The answer a typed line means, or undefined when it means nothing for this question. */
export function interpretResponse(question: Question, line: string): Answer | undefined {
  const response = line.trim();
  if (response === "" && question.default) return question.default;
  switch (question.type) {
    case "freeform":
      return { value: response, text: response };
    case "yes_no":
    case "confirmation": {
      const word = response.toLowerCase();
      if (word === "y" || word === "yes") return { ...YES };
      if (word === "n" || word === "no") return { ...NO };
      return undefined;
    }
    case "multiple_choice": {
      const option = findMatchingOption(response, question.options);
      return option ? { value: option.key, selectedOption: { ...option } } : undefined;
    }
  }
}

/** The option whose key (case-insensitive) or label (normalized) the response names. */
export function findMatchingOption(response: string, options: readonly Option[]): Option | undefined {
  const text = response.trim();
  if (text === "") return undefined;
  const byKey = options.find((option) => option.key.toLowerCase() === text.toLowerCase());
  if (byKey) return byKey;
  const normalized = normalizeLabel(text);
  return options.find((option) => normalizeLabel(option.label) === normalized);
}

type ReadResult = { kind: "line"; line: string } | { kind: "end" } | { kind: "stopped" };

/**
 * One readline interface for the interviewer's lifetime, so lines that arrive together (a pasted
 * block, a test writing all answers at once) are queued instead of lost between questions. The
 * input is paused between reads so that an idle stdin does not keep the process alive.
 */
class LineReader {
  private readonly lines: string[] = [];
  private ended = false;
  private waiter: ((result: ReadResult) => void) | undefined;
  private readonly lineInterface: ReadlineInterface;

  constructor(input: Readable) {
    this.lineInterface = createInterface({ input, terminal: false, crlfDelay: Infinity });
    this.lineInterface.on("line", (line) => this.deliver({ kind: "line", line }));
    this.lineInterface.on("close", () => {
      this.ended = true;
      this.deliver({ kind: "end" });
    });
    this.lineInterface.pause();
  }

  read(stop: AbortSignal): Promise<ReadResult> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve({ kind: "line", line: queued });
    if (this.ended) return Promise.resolve({ kind: "end" });
    if (stop.aborted) return Promise.resolve({ kind: "stopped" });
    return new Promise((resolve) => {
      const onStop = (): void => {
        this.waiter = undefined;
        this.lineInterface.pause();
        resolve({ kind: "stopped" });
      };
      stop.addEventListener("abort", onStop, { once: true });
      this.waiter = (result) => {
        stop.removeEventListener("abort", onStop);
        resolve(result);
      };
      this.lineInterface.resume();
    });
  }

  close(): void {
    this.lineInterface.close();
  }

  private deliver(result: ReadResult): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      if (!this.ended) this.lineInterface.pause();
      waiter(result);
    } else if (result.kind === "line") {
      this.lines.push(result.line);
    }
  }
}
