/**
 * `lightsout/factory`: where the domain is wired together. The pipeline engine knows no agent
 * and no LLM; the factory gives it a codergen backend that runs coding-agent sessions.
 */
export { createAgentBackend, outcomeOfSubmit, profileFor, DEFAULT_EVENT_OUTPUT_LIMIT, type AgentBackend, type AgentBackendOptions, type AgentStage } from "./agent-backend.js";
export { installToolHooks, stageToolHooks, type HookRouting, type HookStage } from "./agent-tool-hooks.js";
export { checkPipelineModels, resolveNodeModel, providerFromModelName } from "./node-model.js";
