/** The scenario runner: trials on fresh twin tenants against an app under test. Guide: docs/scenarios/runner.md. */
export { runSuite, trajectoryPath, type RunSuiteOptions, type SuiteEvent, type SuiteResult } from "./run-suite.js";
export { runTrial, TrialInterruption, type TrialAppOptions, type TrialContext } from "./trial.js";
export { createRandom, derivedSeed, hash32, trialSeed } from "./seeds.js";
export { createStepDelays, drawTrialChoices, drawVariable, type TrialChoices } from "./variables.js";
export { INHERITED_VARIABLES, inheritedEnvironment, looksLikeSecret, screamingSnake, trialEnvironment, twinEnvironment, twinTemplateValues, type TwinEndpoint } from "./environment.js";
export { checkTwinNames, startTwinUniverse, trialTenantId, twinsOfScenario, twinsUsedBy, type TwinUniverse, type UniverseTwin } from "./twin-universe.js";
export { launchApp, DEFAULT_STARTUP_TIMEOUT_MS, DEFAULT_STOP_GRACE_MS, type AppStatus, type RunningApp } from "./app-process.js";
export { liveProcessGroups } from "./process-group.js";
export { planTwinCall, callTwin, type TwinCallPlan, type TwinCallResult } from "./twin-calls.js";
export { diffTenantState, STATE_DIFF_LIMIT } from "./state-diff.js";
export { planTrials, type PlannedTrial } from "./schedule.js";
export { freePort } from "./ports.js";
