/**
 * edit_file (spec 3.3): exact old_string -> new_string replacement, the native editing format
 * of Anthropic models. The match must be unique unless replace_all is set; when the exact text
 * is absent, a whitespace- and quote-insensitive match is tried and reported. Two schema
 * flavours: Claude Code's `replace_all` and gemini-cli's `expected_replacements`.
 */
import type { ExecutionEnvironment } from "../execution/environment.js";
import { ToolError, type RegisteredTool } from "./registry.js";

export interface EditRequest {
  readonly path: string;
  readonly oldString: string;
  readonly newString: string;
  /** Replace every occurrence (Anthropic). */
  readonly replaceAll?: boolean;
  /** The number of occurrences that must be found and replaced (Gemini); default 1. */
  readonly expectedReplacements?: number;
}

/** A regex for `text` where whitespace runs match any whitespace and curly quotes/dashes match their ASCII forms. */
function fuzzyRegex(text: string): RegExp | undefined {
  const tokens = text.trim().split(/\s+/).filter((token) => token !== "");
  if (tokens.length === 0) return undefined;
  const escape = (token: string) =>
    token
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace(/['\u2018\u2019]/g, "['\u2018\u2019]")
      .replace(/["\u201C\u201D]/g, '["\u201C\u201D]')
      .replace(/[-\u2013\u2014]/g, "[-\u2013\u2014]");
  return new RegExp(tokens.map(escape).join("\\s+"), "g");
}

function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** Performs the edit; returns the confirmation for the model or throws ToolError with what to do. */
export async function editFile(env: ExecutionEnvironment, request: EditRequest): Promise<string> {
  const { path, oldString, newString } = request;
  if (oldString === newString) throw new ToolError("old_string and new_string are identical; nothing to change.");
  const exists = await env.fileExists(path);
  if (oldString === "") {
    if (exists) throw new ToolError(`old_string is empty but ${path} exists; give the exact text to replace (or use write_file).`);
    await env.writeFile(path, newString);
    return `Created ${path} with the new content.`;
  }
  if (!exists) throw new ToolError(`File not found: ${path}`);
  const content = await env.readFile(path);
  const exact = countOccurrences(content, oldString);
  const expected = request.expectedReplacements;

  if (exact > 0) {
    if (expected !== undefined && exact !== expected) {
      throw new ToolError(`Expected ${expected} occurrence(s) of old_string in ${path} but found ${exact}. Adjust expected_replacements or add context.`);
    }
    if (expected === undefined && exact > 1 && !request.replaceAll) {
      throw new ToolError(
        `old_string occurs ${exact} times in ${path}. Include more surrounding context to make it unique, or set replace_all to true.`,
      );
    }
    await env.writeFile(path, content.split(oldString).join(newString));
    return `Replaced ${exact} occurrence${exact === 1 ? "" : "s"} in ${path}.`;
  }

  const regex = fuzzyRegex(oldString);
  const matches = regex ? [...content.matchAll(regex)] : [];
  if (matches.length === 0) {
    throw new ToolError(`old_string not found in ${path}. Read the file again and copy the exact text (including indentation).`);
  }
  if (expected !== undefined && matches.length !== expected) {
    throw new ToolError(
      `old_string was not found exactly; its whitespace-insensitive form matches ${matches.length} place(s) in ${path}, expected ${expected}.`,
    );
  }
  if (expected === undefined && matches.length > 1 && !request.replaceAll) {
    throw new ToolError(
      `old_string was not found exactly, and its whitespace-insensitive form matches ${matches.length} places in ${path}. Include more context.`,
    );
  }
  // Here exactly one match, or replace_all, or as many matches as expected: replace them all.
  const updated = content.replace(regex!, () => newString);
  await env.writeFile(path, updated);
  return `Replaced ${matches.length} occurrence${matches.length === 1 ? "" : "s"} in ${path} (matched after normalizing whitespace/quotes; check the result).`;
}

const FILE_PATH = { type: "string", description: "Path to the file (absolute, or relative to the working directory)." };

/** Claude Code-style edit_file: old_string must be unique unless replace_all. */
export function createEditFileTool(description?: string): RegisteredTool {
  return {
    definition: {
      name: "edit_file",
      description:
        description ??
        "Replace an exact string occurrence in a file. old_string must match the file exactly (including indentation) " +
          "and be unique unless replace_all is true. Read the file before editing it.",
      parameters: {
        type: "object",
        properties: {
          file_path: FILE_PATH,
          old_string: { type: "string", description: "The exact text to find." },
          new_string: { type: "string", description: "The replacement text (must differ from old_string)." },
          replace_all: { type: "boolean", description: "Replace every occurrence (default false)." },
        },
        required: ["file_path", "old_string", "new_string"],
        additionalProperties: false,
      },
    },
    executor: (args, env) =>
      editFile(env, {
        path: args["file_path"] as string,
        oldString: args["old_string"] as string,
        newString: args["new_string"] as string,
        replaceAll: (args["replace_all"] as boolean | undefined) ?? false,
      }),
  };
}

/** gemini-cli-style edit (its `replace` tool): exactly expected_replacements occurrences are replaced. */
export function createGeminiEditFileTool(): RegisteredTool {
  return {
    definition: {
      name: "edit_file",
      description:
        "Replaces text within a file. By default replaces a single occurrence; set expected_replacements to replace " +
        "several. old_string must be the exact literal text, with at least 3 lines of context before and after the change, " +
        "matching whitespace and indentation precisely. Always read the file first.",
      parameters: {
        type: "object",
        properties: {
          file_path: FILE_PATH,
          old_string: { type: "string", description: "The exact literal text to replace." },
          new_string: { type: "string", description: "The exact literal text to replace old_string with." },
          expected_replacements: { type: "integer", minimum: 1, description: "Number of occurrences to replace (default 1)." },
        },
        required: ["file_path", "old_string", "new_string"],
        additionalProperties: false,
      },
    },
    executor: (args, env) =>
      editFile(env, {
        path: args["file_path"] as string,
        oldString: args["old_string"] as string,
        newString: args["new_string"] as string,
        expectedReplacements: (args["expected_replacements"] as number | undefined) ?? 1,
      }),
  };
}
