/**
 * Answers from a pre-filled queue, in order (spec 6.4), then SKIPPED once it runs dry: for
 * deterministic tests and for replaying the answers a recording interviewer captured.
 */
import { SKIPPED, type Answer, type Interviewer, type Question } from "./question.js";

export class QueueInterviewer implements Interviewer {
  private readonly answers: Answer[];

  constructor(answers: Iterable<Answer> = []) {
    this.answers = [...answers];
  }

  async ask(_question: Question): Promise<Answer> {
    return this.answers.shift() ?? { ...SKIPPED };
  }

  async askMultiple(questions: Question[]): Promise<Answer[]> {
    const answers: Answer[] = [];
    for (const question of questions) answers.push(await this.ask(question));
    return answers;
  }

  enqueue(...answers: Answer[]): void {
    this.answers.push(...answers);
  }

  get remaining(): number {
    return this.answers.length;
  }
}
