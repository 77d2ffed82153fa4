/**
 * The shared file tools (spec 3.3): read_file (line-numbered, offset/limit), write_file,
 * read_many_files and list_dir. Each is a factory so profiles can adjust descriptions;
 * edit_file lives in edit-file-tool.ts. Every file access goes through the ExecutionEnvironment.
 */
import { ExecutionError, type ExecutionEnvironment } from "../execution/environment.js";
import { ToolError, type RegisteredTool } from "./registry.js";

export const DEFAULT_READ_LIMIT = 2000;
const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|bmp|ico|tiff?)$/i;

/** `NNN | content` lines, numbers right-aligned to the widest one shown. */
export function numberLines(lines: readonly string[], firstLineNumber: number): string {
  const width = Math.max(3, String(firstLineNumber + lines.length - 1).length);
  return lines.map((line, index) => `${String(firstLineNumber + index).padStart(width)} | ${line}`).join("\n");
}

export async function readNumbered(env: ExecutionEnvironment, path: string, offset?: number, limit?: number): Promise<string> {
  if (IMAGE_EXTENSIONS.test(path)) {
    throw new ToolError(`${path} is an image; this tool returns text only. Describe what you need or use another tool.`);
  }
  const text = await env.readFile(path);
  if (text.includes("\u0000")) throw new ToolError(`${path} is a binary file; read_file returns text only.`);
  if (text === "") return `(${path} is empty)`;
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const start = Math.max(1, offset ?? 1);
  if (start > lines.length) {
    throw new ToolError(`offset ${start} is past the end of ${path}, which has ${lines.length} lines.`);
  }
  const count = Math.max(1, limit ?? DEFAULT_READ_LIMIT);
  const shown = lines.slice(start - 1, start - 1 + count);
  const end = start + shown.length - 1;
  const more = end < lines.length ? `\n\n(Showing lines ${start}-${end} of ${lines.length}. Use offset=${end + 1} to read more.)` : "";
  return numberLines(shown, start) + more;
}

export function createReadFileTool(description?: string): RegisteredTool {
  return {
    definition: {
      name: "read_file",
      description:
        description ??
        "Read a file from the filesystem. Returns line-numbered content (\"NNN | content\"). " +
          `Reads up to ${DEFAULT_READ_LIMIT} lines by default; use offset and limit for large files.`,
      parameters: {
        type: "object",
        properties: {
          file_path: { type: "string", description: "Path to the file (absolute, or relative to the working directory)." },
          offset: { type: "integer", minimum: 1, description: "1-based line number to start reading from." },
          limit: { type: "integer", minimum: 1, description: `Maximum number of lines to read (default ${DEFAULT_READ_LIMIT}).` },
        },
        required: ["file_path"],
        additionalProperties: false,
      },
    },
    executor: async (args, env) =>
      readNumbered(env, args["file_path"] as string, args["offset"] as number | undefined, args["limit"] as number | undefined),
  };
}

export function createReadManyFilesTool(): RegisteredTool {
  return {
    definition: {
      name: "read_many_files",
      description:
        "Read several files at once. Each entry of `paths` is a file path or a glob pattern (e.g. \"src/**/*.ts\"). " +
        "Returns each file's line-numbered content under a `--- path ---` header.",
      parameters: {
        type: "object",
        properties: {
          paths: { type: "array", items: { type: "string" }, minItems: 1, description: "File paths or glob patterns." },
        },
        required: ["paths"],
        additionalProperties: false,
      },
    },
    executor: async (args, env) => {
      const files: string[] = [];
      for (const entry of args["paths"] as string[]) {
        if (/[*?[{]/.test(entry)) files.push(...(await env.glob(entry)).sort());
        else files.push(entry);
      }
      if (files.length === 0) return "No files matched.";
      const sections: string[] = [];
      for (const file of [...new Set(files)]) {
        try {
          sections.push(`--- ${file} ---\n${await readNumbered(env, file)}`);
        } catch (error) {
          sections.push(`--- ${file} ---\nError: ${(error as Error).message}`);
        }
      }
      return sections.join("\n\n");
    },
  };
}

export function createWriteFileTool(description?: string): RegisteredTool {
  return {
    definition: {
      name: "write_file",
      description:
        description ??
        "Write content to a file. Creates the file and parent directories if needed; overwrites an existing file entirely.",
      parameters: {
        type: "object",
        properties: {
          file_path: { type: "string", description: "Path to the file (absolute, or relative to the working directory)." },
          content: { type: "string", description: "The full file content." },
        },
        required: ["file_path", "content"],
        additionalProperties: false,
      },
    },
    executor: async (args, env) => {
      const path = args["file_path"] as string;
      const content = args["content"] as string;
      const existed = await env.fileExists(path);
      await env.writeFile(path, content);
      return `${existed ? "Overwrote" : "Created"} ${path} (${Buffer.byteLength(content, "utf8")} bytes written).`;
    },
  };
}

export function createListDirTool(): RegisteredTool {
  return {
    definition: {
      name: "list_dir",
      description:
        "List the entries of a directory. Directories end with \"/\"; files show their size. " +
        "Use depth > 1 to list subdirectories too.",
      parameters: {
        type: "object",
        properties: {
          path: { type: "string", description: "Directory to list (default: the working directory)." },
          depth: { type: "integer", minimum: 1, maximum: 10, description: "How many levels to list (default 1)." },
        },
        additionalProperties: false,
      },
    },
    executor: async (args, env) => {
      const path = (args["path"] as string | undefined) ?? ".";
      const entries = await env.listDirectory(path, (args["depth"] as number | undefined) ?? 1);
      if (entries.length === 0) return `${path} is empty.`;
      return entries.map((entry) => (entry.isDir ? `${entry.name}/` : `${entry.name} (${entry.size ?? "?"} bytes)`)).join("\n");
    },
  };
}

/** Re-exported for tools that want to tell "not found" apart. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ExecutionError && error.kind === "NOT_FOUND";
}
