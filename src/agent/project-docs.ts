/**
 * Project instruction discovery (coding-agent-loop-spec 6.5): from the git root (or the working
 * directory outside a repository) down to the working directory, the instruction files the
 * active provider reads, root first (deeper files come later and so take precedence), within a
 * 32 KB budget. Files are read through the execution environment.
 */
import path from "node:path";
import type { ExecutionEnvironment } from "./execution/environment.js";

export const PROJECT_DOCS_BUDGET_BYTES = 32 * 1024;
export const PROJECT_DOCS_TRUNCATION_MARKER = "[Project instructions truncated at 32KB]";

/** AGENTS.md always, plus the provider's own file. */
export function projectDocFilesFor(providerId: string): string[] {
  if (providerId === "anthropic") return ["AGENTS.md", "CLAUDE.md"];
  if (providerId === "gemini") return ["AGENTS.md", "GEMINI.md"];
  if (providerId === "openai") return ["AGENTS.md", ".codex/instructions.md"];
  return ["AGENTS.md"];
}

/** Directories from `root` down to `workingDirectory`, inclusive; just the working directory when it is not under root. */
export function directoriesFromRoot(root: string, workingDirectory: string): string[] {
  const relative = path.relative(root, workingDirectory);
  if (relative === "") return [workingDirectory];
  if (relative.startsWith("..") || path.isAbsolute(relative)) return [workingDirectory];
  const directories = [root];
  let current = root;
  for (const segment of relative.split(path.sep)) {
    current = path.join(current, segment);
    directories.push(current);
  }
  return directories;
}

export interface DiscoverProjectDocsOptions {
  /** Instruction file names, relative to each directory (default: by provider, see projectDocFilesFor). */
  readonly fileNames: readonly string[];
  /** The git root; the working directory when absent. */
  readonly root?: string;
  readonly budgetBytes?: number;
}

/** The discovered documents, each under a `# <path>` heading, or "" when there are none. */
export async function discoverProjectDocs(environment: ExecutionEnvironment, options: DiscoverProjectDocsOptions): Promise<string> {
  const workingDirectory = environment.workingDirectory();
  const budget = options.budgetBytes ?? PROJECT_DOCS_BUDGET_BYTES;
  const sections: string[] = [];
  for (const directory of directoriesFromRoot(options.root ?? workingDirectory, workingDirectory)) {
    for (const fileName of options.fileNames) {
      const filePath = path.join(directory, fileName);
      let content: string;
      try {
        if (!(await environment.fileExists(filePath))) continue;
        content = await environment.readFile(filePath);
      } catch {
        continue; // unreadable instruction files are skipped, not fatal
      }
      const shown = path.relative(workingDirectory, filePath) || fileName;
      sections.push(`# ${shown}\n\n${content.trimEnd()}`);
    }
  }
  return fitBudget(sections.join("\n\n"), budget);
}

/** Cuts `text` to at most `budgetBytes` UTF-8 bytes (marker included), ending with the marker. */
export function fitBudget(text: string, budgetBytes: number): string {
  if (Buffer.byteLength(text, "utf8") <= budgetBytes) return text;
  const marker = `\n${PROJECT_DOCS_TRUNCATION_MARKER}`;
  const room = Math.max(0, budgetBytes - Buffer.byteLength(marker, "utf8"));
  let cut = Buffer.from(text, "utf8").subarray(0, room).toString("utf8");
  // A multi-byte character split at the boundary decodes to U+FFFD; drop it.
  if (cut.endsWith("\uFFFD")) cut = cut.slice(0, -1);
  return cut + marker;
}
