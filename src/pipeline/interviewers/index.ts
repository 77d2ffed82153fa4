/** The human-in-the-loop interviewers (spec 6): the question model and every built-in frontend. */
export * from "./question.js";
export { AUTO_APPROVED, AutoApproveInterviewer } from "./auto-approve.js";
export { CallbackInterviewer, type AnswerCallback, type InformCallback } from "./callback.js";
export { ConsoleInterviewer, MAX_REPROMPTS, findMatchingOption, interpretResponse, type ConsoleInterviewerOptions } from "./console.js";
export { createPendingInterviewer, type InformListener, type PendingInterviewer, type QuestionListener } from "./pending.js";
export { QueueInterviewer } from "./queue.js";
export { RecordingInterviewer, type Recording } from "./recording.js";
