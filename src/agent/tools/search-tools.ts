/**
 * The search tools (spec 3.3): grep (regex over file contents, ripgrep-backed when installed)
 * and glob (file names, newest first). The Anthropic flavour of grep adds Claude Code's
 * output modes (content, files_with_matches, count).
 */
import type { GrepOutputMode } from "../execution/environment.js";
import type { RegisteredTool } from "./registry.js";

export interface GrepToolOptions {
  /** Offer `output_mode` (content | files_with_matches | count). */
  readonly outputModes?: boolean;
  readonly description?: string;
}

export function createGrepTool(options: GrepToolOptions = {}): RegisteredTool {
  const properties: Record<string, unknown> = {
    pattern: { type: "string", description: "Regular expression to search for." },
    path: { type: "string", description: "Directory or file to search (default: the working directory)." },
    glob_filter: { type: "string", description: 'Only search files matching this glob, e.g. "*.py" or "src/**/*.ts".' },
    case_insensitive: { type: "boolean", description: "Ignore case (default false)." },
    max_results: { type: "integer", minimum: 1, description: "Maximum results (default 100)." },
  };
  if (options.outputModes) {
    properties["output_mode"] = {
      type: "string",
      enum: ["content", "files_with_matches", "count"],
      description: "content: matching lines (path:line:text, default); files_with_matches: paths only; count: matches per file.",
    };
  }
  return {
    definition: {
      name: "grep",
      description:
        options.description ??
        "Search file contents with a regular expression. Returns matching lines as path:line:text. Prefer this over running grep in the shell.",
      parameters: { type: "object", properties, required: ["pattern"], additionalProperties: false },
    },
    executor: async (args, env) => {
      const result = await env.grep(args["pattern"] as string, args["path"] as string | undefined, {
        ...(args["glob_filter"] !== undefined ? { globFilter: args["glob_filter"] as string } : {}),
        caseInsensitive: (args["case_insensitive"] as boolean | undefined) ?? false,
        maxResults: (args["max_results"] as number | undefined) ?? 100,
        outputMode: (args["output_mode"] as GrepOutputMode | undefined) ?? "content",
      });
      return result === "" ? "No matches found." : result;
    },
  };
}

export function createGlobTool(description?: string): RegisteredTool {
  return {
    definition: {
      name: "glob",
      description:
        description ??
        'Find files whose path matches a glob pattern (e.g. "**/*.ts", "src/*.{js,json}"). Returns paths sorted by modification time, newest first.',
      parameters: {
        type: "object",
        properties: {
          pattern: { type: "string", description: "Glob pattern, relative to path." },
          path: { type: "string", description: "Base directory (default: the working directory)." },
        },
        required: ["pattern"],
        additionalProperties: false,
      },
    },
    executor: async (args, env) => {
      const files = await env.glob(args["pattern"] as string, args["path"] as string | undefined);
      return files.length === 0 ? "No files found." : files.join("\n");
    },
  };
}
