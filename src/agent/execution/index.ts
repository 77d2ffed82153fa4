/** The agent's execution environments: the contract, the local implementation and its helpers. */
export * from "./environment.js";
export * from "./env-filter.js";
export * from "./glob-pattern.js";
export { runCommand, terminateGroup, groupIsAlive, type RunCommandOptions } from "./process-runner.js";
export * from "./local-environment.js";
export * from "./sandbox/index.js";
