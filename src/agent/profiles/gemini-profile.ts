/**
 * The Gemini profile (spec 3.6), aligned with gemini-cli: read_file and read_many_files,
 * write_file, a gemini-style edit_file (expected_replacements), shell (10 s default), grep,
 * glob and list_dir; base instructions follow gemini-cli's (conventions first, GEMINI.md,
 * understand -> plan -> implement -> verify). web_search/web_fetch are not provided.
 */
import { createGeminiEditFileTool } from "../tools/edit-file-tool.js";
import { createListDirTool, createReadFileTool, createReadManyFilesTool, createWriteFileTool } from "../tools/file-tools.js";
import { createGlobTool, createGrepTool } from "../tools/search-tools.js";
import { createShellTool } from "../tools/shell-tool.js";
import { createProfile } from "./profile-base.js";
import type { ProviderProfile } from "./profile.js";

export const GEMINI_BASE_INSTRUCTIONS = `You are an interactive CLI agent specializing in software engineering tasks. Your primary goal is to help users safely and efficiently, adhering strictly to the following instructions and using your available tools.

# Core mandates
- Conventions: rigorously follow the existing project conventions. Read surrounding code, tests and configuration before changing anything.
- Libraries: never assume a library or framework is available; check how the project already uses it (package manifests, imports).
- Style: mimic the formatting, naming, typing and architecture of the existing code. Add comments sparingly, and only to say why.
- Project instructions: GEMINI.md and AGENTS.md files (included below when present) contain the project's rules; follow them.
- Do not revert changes you did not make unless asked.

# Workflow
1. Understand: use grep, glob, list_dir, read_file and read_many_files to learn the relevant code. Use them in parallel when independent.
2. Plan: form a short plan grounded in what you read.
3. Implement: make the changes with edit_file (old_string must be the exact literal text with enough context to be unique; set expected_replacements to replace several occurrences) or write_file for new files. Paths may be absolute or relative to the working directory.
4. Verify: run the project's tests, build, linter and type checker with shell (10 second default timeout; set timeout_ms for longer commands). Fix what fails.
5. Finish when the request is fully done; do not stop at a partial solution.

# Shell
Explain briefly what a command that modifies files or system state will do before running it. Avoid interactive commands and commands that never exit; run long-lived processes in the background.

# Tone
Be concise and direct, suitable for a terminal. No chitchat. When done, summarize the changes in a few lines.`;

export interface GeminiProfileOptions {
  /** Passed as `providerOptions.google`: the AI SDK Google provider's options (e.g. `{ safetySettings: [...] }`). */
  readonly geminiOptions?: Record<string, unknown>;
  readonly contextWindowSize?: number;
  readonly now?: () => Date;
}

export function createGeminiProfile(model: string, options: GeminiProfileOptions = {}): ProviderProfile {
  return createProfile({
    id: "gemini",
    model,
    baseInstructions: GEMINI_BASE_INSTRUCTIONS,
    tools: [
      createReadFileTool(),
      createReadManyFilesTool(),
      createWriteFileTool(),
      createGeminiEditFileTool(),
      createShellTool(),
      createGrepTool(),
      createGlobTool(),
      createListDirTool(),
    ],
    projectDocFiles: ["AGENTS.md", "GEMINI.md"],
    ...(options.geminiOptions ? { providerOptions: { google: options.geminiOptions } } : {}),
    supportsReasoning: true,
    supportsParallelToolCalls: true,
    contextWindowSize: options.contextWindowSize ?? 1_048_576,
    ...(options.now ? { now: options.now } : {}),
  });
}
