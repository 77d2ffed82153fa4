/** Holdouts: canaries, the leak check over a workspace and its git history, and feedback that never carries holdout text. */
export { createCanary, findCanaries, CANARY_PATTERN, CANARY_PREFIX } from "./canary.js";
export { findLeaks, buildHoldoutIndex, scanSource, type LeakSource, type LeakFinding, type HoldoutIndex } from "./leak-check.js";
export { collectWorkspaceSources, type WorkspaceSourceOptions } from "./workspace-sources.js";
export { SHINGLE_WORDS, scenarioStrings } from "./shingles.js";
export { buildFeedback, visibleHoldoutGap, withholdHoldoutText, type FeedbackLevel, type FeedbackInput } from "./feedback.js";
