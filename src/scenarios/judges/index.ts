/** Judges: the deterministic judge (with failure attribution), the optional LLM judge, and the panel that combines them. */
export { createDeterministicJudge, judgeTrajectory, collectCharges, ATTRIBUTION_ORDER } from "./deterministic.js";
export { createLlmJudge, buildJudgePrompt, parseJudgeAnswer, DEFAULT_PROMPT_BUDGET, type Complete, type LlmJudgeOptions } from "./llm.js";
export { createJudgePanel, combineVerdicts } from "./panel.js";
