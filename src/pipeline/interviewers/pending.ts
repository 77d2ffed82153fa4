/**
 * Questions that wait for an answer from elsewhere: the HTTP server lists them and a web UI or
 * API client answers one by id. `ask` registers the question and resolves when `answer` is
 * called with its id, when its timeout passes (the question's default, else TIMEOUT), or when the
 * caller aborts (TIMEOUT). Decisions: docs/decisions/0036-interviewer-timeouts-and-aborts.md.
 */
import { LightsoutError } from "../../errors.js";
import { TIMEOUT, type Answer, type Interviewer, type Question } from "./question.js";

export type QuestionListener = (question: Question) => void;
export type InformListener = (message: string, stage: string) => void;

export interface PendingInterviewer extends Interviewer {
  ask(question: Question, signal?: AbortSignal): Promise<Answer>;
  askMultiple(questions: Question[], signal?: AbortSignal): Promise<Answer[]>;
  inform(message: string, stage: string): void;
  /** The questions waiting for an answer, oldest first. */
  pending(): Question[];
  /** Answers a waiting question; false when no question with that id is waiting. */
  answer(questionId: string, answer: Answer): boolean;
  /** Called for each new question; returns a function that removes the listener. */
  onQuestion(listener: QuestionListener): () => void;
  onInform(listener: InformListener): () => void;
}

interface Waiting {
  question: Question;
  settle(answer: Answer): void;
}

export function createPendingInterviewer(): PendingInterviewer {
  const waiting = new Map<string, Waiting>();
  const questionListeners = new Set<QuestionListener>();
  const informListeners = new Set<InformListener>();

  const ask = (question: Question, signal?: AbortSignal): Promise<Answer> => {
    if (waiting.has(question.id)) {
      return Promise.reject(new LightsoutError("INPUT", `a question with id "${question.id}" is already waiting for an answer`));
    }
    if (signal?.aborted) return Promise.resolve({ ...TIMEOUT });
    return new Promise<Answer>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = (): void => settle({ ...TIMEOUT });
      const settle = (answer: Answer): void => {
        if (!waiting.delete(question.id)) return;
        if (timer) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        resolve(answer);
      };
      waiting.set(question.id, { question, settle });
      signal?.addEventListener("abort", onAbort, { once: true });
      if (question.timeoutSeconds !== undefined && question.timeoutSeconds > 0) {
        timer = setTimeout(() => settle(question.default ?? { ...TIMEOUT }), question.timeoutSeconds * 1000);
      }
      for (const listener of questionListeners) notify(() => listener(question));
    });
  };

  return {
    ask,
    async askMultiple(questions, signal) {
      const answers: Answer[] = [];
      for (const question of questions) answers.push(await ask(question, signal));
      return answers;
    },
    inform(message, stage) {
      for (const listener of informListeners) notify(() => listener(message, stage));
    },
    pending: () => [...waiting.values()].map((entry) => entry.question),
    answer(questionId, answer) {
      const entry = waiting.get(questionId);
      if (!entry) return false;
      entry.settle(answer);
      return true;
    },
    onQuestion(listener) {
      questionListeners.add(listener);
      return () => questionListeners.delete(listener);
    },
    onInform(listener) {
      informListeners.add(listener);
      return () => informListeners.delete(listener);
    },
  };
}

/** A listener that throws (a closed socket, a bug in a UI) must not stop the question being asked. */
function notify(call: () => void): void {
  try {
    call();
  } catch {
    // Deliberately ignored: listeners are observers, and the question stays pending for others.
  }
}
