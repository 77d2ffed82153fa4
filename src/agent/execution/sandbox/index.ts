/** The bubblewrap sandbox: the environment that exposes only the workspace, and its availability probe. */
export { createSandboxEnvironment, defaultToolchainPaths, SandboxExecutionEnvironment, type SandboxEnvironmentOptions } from "./sandbox-environment.js";
export { probeProcessBound, probeSandbox, requireSandbox, type ProbeOptions, type RequireSandboxOptions, type SandboxLimits, type SandboxProbe, type SandboxRequirement } from "./probe.js";
export { createPidsCgroup, findPidsParent, type CgroupLocation, type PidsCgroup, type ProcessBound } from "./process-bound.js";
export { buildBwrapArguments, type BwrapPlan, type ReadOnlyMount } from "./bwrap-arguments.js";
