/**
 * Wraps another interviewer and keeps every question with its answer (spec 6.4), for audit
 * trails and for replay through a queue interviewer.
 */
import type { Answer, Interviewer, Question } from "./question.js";

export interface Recording {
  question: Question;
  answer: Answer;
}

export class RecordingInterviewer implements Interviewer {
  readonly recordings: Recording[] = [];

  constructor(private readonly inner: Interviewer) {}

  async ask(question: Question, signal?: AbortSignal): Promise<Answer> {
    const answer = await this.inner.ask(question, signal);
    this.recordings.push({ question, answer });
    return answer;
  }

  async askMultiple(questions: Question[], signal?: AbortSignal): Promise<Answer[]> {
    const answers: Answer[] = [];
    for (const question of questions) answers.push(await this.ask(question, signal));
    return answers;
  }

  inform(message: string, stage: string): void {
    this.inner.inform?.(message, stage);
  }
}
