/** The agent's tools: the registry, the shared core tools, apply_patch and output truncation. */
export * from "./registry.js";
export * from "./truncate-output.js";
export * from "./file-tools.js";
export * from "./edit-file-tool.js";
export * from "./shell-tool.js";
export * from "./search-tools.js";
export * from "./apply-patch-parser.js";
export * from "./apply-patch-applier.js";
export * from "./apply-patch-tool.js";
