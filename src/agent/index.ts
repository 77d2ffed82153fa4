/**
 * `lightsout/agent`: the coding agent loop (coding-agent-loop-spec): sessions, their events,
 * steering and subagents, the system prompt layers, plus the profiles, tools and execution
 * environments the loop runs with.
 */
export { createSession, Session, DEFAULT_SESSION_CONFIG, type CreateSessionOptions, type SubmitResult, type SessionConfig } from "./session.js";
export { processInput, buildRequest, countTurns, drainSteering, type AgentLoopContext } from "./loop.js";
export * from "./events.js";
export * from "./turns.js";
export { serializeHistory, restoreHistory, readHistoryFile, writeHistoryFile, HISTORY_SNAPSHOT_VERSION, type HistorySnapshot } from "./history-snapshot.js";
export { detectLoop, loopWarning, toolCallSignature, type SignedToolCall } from "./loop-detection.js";
export { MessageQueue } from "./steering.js";
export {
  SubagentManager,
  profileWithModel,
  scopeEnvironment,
  type ChildSession,
  type SpawnRequest,
  type SubagentResult,
  type SubagentStatus,
} from "./subagents.js";
export { buildSystemPrompt, gatherSystemPromptContext, type SystemPromptContext } from "./system-prompt.js";
export * from "./project-docs.js";
export * from "./environment-context.js";
export * from "./execution/index.js";
export * from "./tools/index.js";
export * from "./profiles/index.js";
