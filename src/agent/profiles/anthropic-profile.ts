/**
 * The Anthropic profile (spec 3.5), aligned with Claude Code: edit_file with old_string /
 * new_string is the editing tool (never apply_patch), grep has output modes, shell defaults to
 * 120 s, and the base instructions follow Claude Code's (read before edit, edit over write,
 * unique old_string, concise replies).
 */
import { createEditFileTool } from "../tools/edit-file-tool.js";
import { createReadFileTool, createWriteFileTool } from "../tools/file-tools.js";
import { createGlobTool, createGrepTool } from "../tools/search-tools.js";
import { createShellTool } from "../tools/shell-tool.js";
import { createProfile } from "./profile-base.js";
import type { ProviderProfile } from "./profile.js";

export const ANTHROPIC_SHELL_TIMEOUT_MS = 120_000;

export const ANTHROPIC_BASE_INSTRUCTIONS = `You are an interactive coding agent that helps users with software engineering tasks: fixing bugs, adding features, refactoring, explaining code. Use the instructions below and the tools available to you.

# Doing tasks
- Understand before changing: search the codebase with grep and glob, and read the files involved.
- Implement the solution with the tools, then verify it: run the project's tests, linter or type checker with shell. Never assume a test framework; check the README or the package manifest.
- Keep going until the task is complete. When you are done, stop and report briefly.

# Tool usage
- Prefer the dedicated tools over shell: read_file instead of cat/head/tail, edit_file instead of sed/awk, write_file instead of echo redirection, grep and glob instead of grep/find in the shell.
- You can call several tools in one response when they are independent; do so to work faster.
- shell runs bash with a 120 second default timeout (up to 600000 ms with timeout_ms). Quote paths that contain spaces.

# Editing files
- You must read a file with read_file before you edit it.
- Prefer editing existing files to creating new ones. Never create documentation files unless asked.
- edit_file replaces old_string with new_string. old_string must match the file exactly, including whitespace and indentation (do not include the "NNN | " line-number prefix of read_file output), and it must be unique in the file: include enough surrounding lines to make it unique, or set replace_all to change every occurrence (e.g. renaming a variable).
- Use write_file only for new files or complete rewrites.
- Follow the conventions of the code around you: style, naming, libraries already in use. Do not add comments that merely restate the code.

# Tone
Be concise and direct. Do not add preamble or postamble. When the task is done, say in a few lines what you changed and how you verified it.`;

export interface AnthropicProfileOptions {
  /** Passed as `providerOptions.anthropic.betaHeaders`, which the LLM layer sends as `anthropic-beta` (e.g. 1M context). */
  readonly betaHeaders?: readonly string[];
  readonly contextWindowSize?: number;
  readonly now?: () => Date;
}

export function createAnthropicProfile(model: string, options: AnthropicProfileOptions = {}): ProviderProfile {
  return createProfile({
    id: "anthropic",
    model,
    baseInstructions: ANTHROPIC_BASE_INSTRUCTIONS,
    tools: [
      createReadFileTool(),
      createWriteFileTool(),
      createEditFileTool(),
      createShellTool({ defaultTimeoutMs: ANTHROPIC_SHELL_TIMEOUT_MS }),
      createGrepTool({ outputModes: true }),
      createGlobTool(),
    ],
    projectDocFiles: ["AGENTS.md", "CLAUDE.md"],
    ...(options.betaHeaders && options.betaHeaders.length > 0
      ? { providerOptions: { anthropic: { betaHeaders: [...options.betaHeaders] } } }
      : {}),
    supportsReasoning: true,
    supportsParallelToolCalls: true,
    contextWindowSize: options.contextWindowSize ?? 200_000,
    defaultCommandTimeoutMs: ANTHROPIC_SHELL_TIMEOUT_MS,
    ...(options.now ? { now: options.now } : {}),
  });
}
