/**
 * Searching a directory tree for the local environment: glob (newest first) and grep, with
 * ripgrep when it is installed and a JavaScript regex scan otherwise (spec 4.2). Both skip
 * `.git` and `node_modules` in the JS walk (ripgrep applies .gitignore on its own).
 */
import { spawn, spawnSync } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { ExecutionError, type GrepOptions } from "./environment.js";
import { fileFilterMatcher, globToRegExp, GlobPatternError } from "./glob-pattern.js";

const SKIPPED_DIRECTORIES = new Set([".git", "node_modules"]);
const MAX_GREP_FILE_BYTES = 5 * 1024 * 1024;

function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

/** Every file under `base` (depth first, sorted by name), as paths relative to `base`. */
export async function* walkFiles(base: string, relativeDir = ""): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(join(base, relativeDir), { withFileTypes: true });
  } catch {
    return; // unreadable directory: skip it, as find/rg do
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const relativePath = relativeDir === "" ? entry.name : `${relativeDir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) yield* walkFiles(base, relativePath);
    } else if (entry.isFile()) {
      yield relativePath;
    }
  }
}

/** Files under `base` whose relative path matches the glob, newest modification first (ties by path). */
export async function globFiles(base: string, pattern: string): Promise<string[]> {
  let regex: RegExp;
  try {
    regex = globToRegExp(pattern.replace(/^\.\//, ""));
  } catch (error) {
    if (error instanceof GlobPatternError) throw new ExecutionError("INVALID_PATTERN", error.message);
    throw error;
  }
  const matches: { path: string; mtimeMs: number }[] = [];
  for await (const relativePath of walkFiles(base)) {
    if (!regex.test(relativePath)) continue;
    const info = await stat(join(base, relativePath)).catch(() => undefined);
    matches.push({ path: relativePath, mtimeMs: info?.mtimeMs ?? 0 });
  }
  matches.sort((a, b) => b.mtimeMs - a.mtimeMs || a.path.localeCompare(b.path));
  return matches.map((match) => match.path);
}

let ripgrepAvailable: boolean | undefined;
export function hasRipgrep(): boolean {
  ripgrepAvailable ??= spawnSync("rg", ["--version"], { stdio: "ignore" }).status === 0;
  return ripgrepAvailable;
}

export interface GrepTarget {
  /** Absolute directory or file to search. */
  readonly absolutePath: string;
  readonly isFile: boolean;
  /** How a found file is shown: relative to the working directory when inside it. */
  readonly display: (absolutePath: string) => string;
}

function compilePattern(pattern: string, caseInsensitive: boolean): RegExp {
  try {
    return new RegExp(pattern, caseInsensitive ? "i" : "");
  } catch (error) {
    throw new ExecutionError("INVALID_PATTERN", `Invalid regex "${pattern}": ${(error as Error).message}`);
  }
}

/** grep in JavaScript: `path:line:text` per match (content), paths (files_with_matches), or `path:count`. */
export async function grepWithJavaScript(pattern: string, target: GrepTarget, options: GrepOptions = {}): Promise<string> {
  const regex = compilePattern(pattern, options.caseInsensitive ?? false);
  const maxResults = options.maxResults ?? 100;
  const mode = options.outputMode ?? "content";
  const accepts = options.globFilter ? fileFilterMatcher(options.globFilter) : () => true;
  const files: string[] = [];
  if (target.isFile) files.push(target.absolutePath);
  else for await (const relativePath of walkFiles(target.absolutePath)) if (accepts(relativePath)) files.push(join(target.absolutePath, relativePath));

  const out: string[] = [];
  for (const file of files) {
    if (out.length >= maxResults) break;
    const info = await stat(file).catch(() => undefined);
    if (!info || info.size > MAX_GREP_FILE_BYTES) continue;
    const bytes = await readFile(file).catch(() => undefined);
    if (!bytes || bytes.subarray(0, 8000).includes(0)) continue; // unreadable or binary
    const lines = bytes.toString("utf8").split(/\r?\n/);
    let count = 0;
    for (let index = 0; index < lines.length; index++) {
      if (!regex.test(lines[index]!)) continue;
      count++;
      if (mode === "content") {
        out.push(`${target.display(file)}:${index + 1}:${lines[index]}`);
        if (out.length >= maxResults) break;
      } else if (mode === "files_with_matches") break;
    }
    if (count > 0 && mode === "files_with_matches") out.push(target.display(file));
    if (count > 0 && mode === "count") out.push(`${target.display(file)}:${count}`);
  }
  return out.join("\n");
}

/** grep with ripgrep, same output shape as the JS version. */
export function grepWithRipgrep(pattern: string, target: GrepTarget, cwd: string, options: GrepOptions = {}): Promise<string> {
  compilePattern(pattern, false); // reject what JS can't parse either, with the same message
  const maxResults = options.maxResults ?? 100;
  const mode = options.outputMode ?? "content";
  // --sort path: one thread, but the same order every run (and as the JS walk).
  const args = ["--no-heading", "--with-filename", "--color", "never", "--sort", "path"];
  if (mode === "content") args.push("--line-number");
  if (mode === "files_with_matches") args.push("--files-with-matches");
  if (mode === "count") args.push("--count");
  if (options.caseInsensitive) args.push("--ignore-case");
  if (options.globFilter) args.push("--glob", options.globFilter);
  args.push("--regexp", pattern, "--", toPosix(relative(cwd, target.absolutePath)) || ".");
  return new Promise((resolve, reject) => {
    const child = spawn("rg", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const lines: string[] = [];
    let buffered = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      for (const line of parts) if (lines.length < maxResults) lines.push(line.replace(/^\.\//, ""));
      if (lines.length >= maxResults) child.kill();
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (buffered !== "" && lines.length < maxResults) lines.push(buffered);
      if (code === 2 && lines.length === 0) reject(new ExecutionError("INVALID_PATTERN", stderr.trim()));
      else resolve(lines.join("\n"));
    });
  });
}
