/**
 * Delegates each question to a function (spec 6.4): the bridge to Slack, a web UI or an API,
 * where the answer arrives through some other channel.
 */
import type { Answer, Interviewer, Question } from "./question.js";

export type AnswerCallback = (question: Question, signal?: AbortSignal) => Answer | Promise<Answer>;
export type InformCallback = (message: string, stage: string) => void;

export class CallbackInterviewer implements Interviewer {
  constructor(
    private readonly callback: AnswerCallback,
    private readonly informCallback?: InformCallback,
  ) {}

  async ask(question: Question, signal?: AbortSignal): Promise<Answer> {
    return this.callback(question, signal);
  }

  async askMultiple(questions: Question[], signal?: AbortSignal): Promise<Answer[]> {
    const answers: Answer[] = [];
    for (const question of questions) answers.push(await this.ask(question, signal));
    return answers;
  }

  inform(message: string, stage: string): void {
    this.informCallback?.(message, stage);
  }
}
