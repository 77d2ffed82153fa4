/**
 * `lightsout/factory`: where the domain is wired together. The pipeline engine knows no agent
 * and no LLM; the factory gives it a codergen backend that runs coding-agent sessions.
 */
export { createAgentBackend, outcomeOfSubmit, profileFor, DEFAULT_EVENT_OUTPUT_LIMIT, type AgentBackend, type AgentBackendOptions, type AgentStage } from "./agent-backend.js";
export { installToolHooks, stageToolHooks, type HookRouting, type HookStage } from "./agent-tool-hooks.js";
export { checkPipelineModels, resolveNodeModel, providerFromModelName } from "./node-model.js";
export { runFactory, readFactorySettings, FACTORY_SETTINGS_FILE, type RunFactoryOptions, type FactoryResult, type FactorySettings } from "./run-factory.js";
export { FACTORY_KEYS, type FactoryEvent, type FactoryEventListener } from "./factory-events.js";
export { findRegressions, satisfactionPhrase, type IterationSummary, type StopReason } from "./iteration.js";
export { toMarkdown as factoryReportMarkdown, writeFactoryReport, SCRIPTED_MODEL_NOTE, type FactoryReport, type RunStatus } from "./run-report.js";
export { createRunRecorder, type RunRecorder } from "./run-recorder.js";
export { loadFactoryPipeline, completeFactoryGraph, factoryGraphFromDot, FACTORY_STOP_NODE, FACTORY_STOP_TYPE, type FactoryPipeline } from "./factory-pipeline.js";
export { checkHoldoutSeparation, prepareWorkspace, commitIteration } from "./workspace.js";
export { createEvaluateHandler } from "./handlers/evaluate-handler.js";
export { createVisibleChecksHandler } from "./handlers/visible-checks-handler.js";
export { createFeedbackHandler, createStopHandler, FEEDBACK_FILE } from "./handlers/feedback-handler.js";
export type { FactoryStage } from "./handlers/factory-stage.js";
export { runDemo, createScriptedDemoLlm, demoExampleDir, DEMO_MODEL, DEMO_SETTINGS, type RunDemoOptions } from "./demo/run-demo.js";
export { createDemoPolicy, type DemoPolicyOptions } from "./demo/demo-policy.js";
