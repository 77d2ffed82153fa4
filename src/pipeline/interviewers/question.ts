/** The question and answer model of human-in-the-loop gates (spec 6.2, 6.3). */

export type QuestionType = "yes_no" | "multiple_choice" | "freeform" | "confirmation";

export interface Option {
  key: string;
  label: string;
}

export interface Question {
  /** Unique within a run, so a remote frontend can answer a specific pending question. */
  id: string;
  text: string;
  type: QuestionType;
  options: Option[];
  default?: Answer;
  timeoutSeconds?: number;
  stage: string;
  metadata?: Record<string, unknown>;
}

/** Special answer values; a multiple-choice answer carries the option key as its value. */
export type AnswerValue = "yes" | "no" | "skipped" | "timeout";

export interface Answer {
  value: string;
  selectedOption?: Option;
  text?: string;
}

export interface Interviewer {
  ask(question: Question, signal?: AbortSignal): Promise<Answer>;
  askMultiple?(questions: Question[], signal?: AbortSignal): Promise<Answer[]>;
  inform?(message: string, stage: string): void;
}

export const YES: Answer = { value: "yes" };
export const NO: Answer = { value: "no" };
export const SKIPPED: Answer = { value: "skipped" };
export const TIMEOUT: Answer = { value: "timeout" };
