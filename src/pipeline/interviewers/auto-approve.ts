/**
 * Answers every question without a human (spec 6.4): yes to yes/no and confirmations, the first
 * option of a multiple choice. For CI and `--auto-approve` runs.
 */
import { YES, type Answer, type Interviewer, type Question } from "./question.js";

export const AUTO_APPROVED = "auto-approved";

export class AutoApproveInterviewer implements Interviewer {
  async ask(question: Question): Promise<Answer> {
    if (question.type === "yes_no" || question.type === "confirmation") return { ...YES };
    const first = question.options[0];
    if (question.type === "multiple_choice" && first) return { value: first.key, selectedOption: { ...first } };
    return { value: AUTO_APPROVED, text: AUTO_APPROVED };
  }

  async askMultiple(questions: Question[]): Promise<Answer[]> {
    const answers: Answer[] = [];
    for (const question of questions) answers.push(await this.ask(question));
    return answers;
  }

  inform(): void {
    // Nobody is watching an auto-approved run; messages go to the event stream instead.
  }
}
