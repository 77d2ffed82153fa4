/**
 * The text of a workspace, for the leak check: every text file under a directory, and, when the
 * directory is in a git repository, every version of every file git holds for it, so a leak
 * that was committed and then deleted (or amended away, or reset) is still found.
 *
 * Files: `.git` and `node_modules` are skipped, so are symbolic links (they may point outside),
 * binaries (a NUL byte in the first 8 KB) and files over 1 MB found by walking (a file named
 * explicitly is read whatever its size: agent transcripts are often larger).
 *
 * History: one `git log --all --reflog --raw` lists every blob each commit introduced under the
 * directory (the oldest commit that introduced it names it: `git:<commit>:<path>`); when the
 * directory is the top of the repository, every other blob in the object store (unreachable
 * ones included: an agent can read those too) is added as `git:object:<blob id>`. Blobs whose
 * content is a current file's are skipped: that text is already scanned. Two git processes read
 * all contents (`cat-file --batch-check`, then `--batch`), whatever the number of commits.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { LightsoutError, errorMessage } from "../../errors.js";
import type { LeakSource } from "./leak-check.js";

export interface WorkspaceSourceOptions {
  /** Include every committed version when `dir` is in a git repository; default true. */
  gitHistory?: boolean;
  /** Files found by walking above this size are skipped; default 1 MB. */
  maxFileBytes?: number;
}

const SKIPPED_DIRECTORIES = new Set([".git", "node_modules"]);
const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
const GIT_MAX_BUFFER = 1024 * 1024 * 1024;

function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

interface CurrentFile {
  name: string;
  content: Buffer;
}

function walk(directory: string, maxFileBytes: number, files: CurrentFile[]): void {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw new LightsoutError("INPUT", `cannot read directory ${directory}: ${errorMessage(error)}`);
  }
  entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path, maxFileBytes, files);
    } else if (entry.isFile()) {
      if (statSync(path).size > maxFileBytes) continue;
      const content = readFileSync(path);
      if (!isBinary(content)) files.push({ name: path, content });
    }
  }
}

function git(cwd: string, args: string[], input?: string): Buffer {
  return execFileSync("git", args, { cwd, input, maxBuffer: GIT_MAX_BUFFER, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0" } });
}

function gitFailure(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
  return stderr ? stderr.split("\n")[0]! : errorMessage(error);
}

interface Repository {
  /** Where git runs: the directory, or the named file's directory. */
  cwd: string;
  /** What history is read for: `.` (all of cwd) or the file's name. */
  pathspec: string;
  objectFormat: "sha1" | "sha256";
  /** The directory is the top of the work tree: the whole object store belongs to it. */
  isTopLevel: boolean;
}

/** The repository `target` is in, or undefined when it is in none. */
function findRepository(target: string, isFile: boolean): Repository | undefined {
  const cwd = isFile ? dirname(target) : target;
  let output: string;
  try {
    output = git(cwd, ["rev-parse", "--show-object-format", "--show-toplevel"]).toString().trim();
  } catch (error) {
    // Not a repository, or no git: fine, unless the directory plainly is one.
    if (existsSync(join(cwd, ".git"))) throw new LightsoutError("INPUT", `cannot read the git history of ${cwd}: ${gitFailure(error)}`);
    return undefined;
  }
  const [format, topLevel] = output.split("\n");
  return { cwd, pathspec: isFile ? basename(target) : ".", objectFormat: format === "sha256" ? "sha256" : "sha1", isTopLevel: !isFile && resolve(topLevel ?? "") === resolve(cwd) };
}

/** The id git gives `content` as a blob, to skip history identical to a current file. */
function blobId(content: Buffer, format: Repository["objectFormat"]): string {
  return createHash(format).update(`blob ${content.length}\0`).update(content).digest("hex");
}

/** Blob id -> where it first appeared, from the oldest commit on, for every ref and reflog entry. */
function introducedBlobs(repository: Repository): Map<string, string> {
  const log = git(repository.cwd, ["log", "--all", "--reflog", "--reverse", "--root", "--raw", "--no-renames", "--no-abbrev", "--diff-merges=first-parent", "-z", "--format=%x01%H", "--", repository.pathspec]).toString("utf8");
  const names = new Map<string, string>();
  for (const chunk of log.split("\x01")) {
    const fields = chunk.split("\0");
    const commit = fields[0]!.trim().slice(0, 12);
    for (let index = 1; index + 1 < fields.length; index += 1) {
      const meta = fields[index]!.trim();
      if (!meta.startsWith(":")) continue;
      const [, newMode, , newId] = meta.slice(1).split(" ");
      const path = fields[index + 1]!;
      index += 1;
      if (!newId || /^0+$/.test(newId) || newMode === "160000" || newMode === "120000") continue;
      if (!names.has(newId)) names.set(newId, `git:${commit}:${path}`);
    }
  }
  return names;
}

/** Every blob of the object store (packed, loose, unreachable) not already named. */
function otherBlobs(repository: Repository, names: Map<string, string>): void {
  const listing = git(repository.cwd, ["cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)"]).toString("utf8");
  for (const line of listing.split("\n")) {
    const [id, type] = line.split(" ");
    if (type === "blob" && id && !names.has(id)) names.set(id, `git:object:${id}`);
  }
}

/** The contents of the blobs no larger than `maxBytes`, in two git processes. */
function readBlobs(repository: Repository, ids: string[], maxBytes: number): Map<string, Buffer> {
  const contents = new Map<string, Buffer>();
  if (ids.length === 0) return contents;
  const sizes = git(repository.cwd, ["cat-file", "--batch-check=%(objectname) %(objectsize)"], `${ids.join("\n")}\n`).toString("utf8");
  const wanted = sizes
    .split("\n")
    .map((line) => line.split(" "))
    .filter(([id, size]) => id && size !== undefined && size !== "missing" && Number(size) <= maxBytes)
    .map(([id]) => id!);
  if (wanted.length === 0) return contents;
  const batch = git(repository.cwd, ["cat-file", "--batch"], `${wanted.join("\n")}\n`);
  let position = 0;
  while (position < batch.length) {
    const headerEnd = batch.indexOf(10, position);
    if (headerEnd < 0) break;
    const [id, type, size] = batch.subarray(position, headerEnd).toString("utf8").split(" ");
    if (type === "missing" || size === undefined) {
      position = headerEnd + 1;
      continue;
    }
    const start = headerEnd + 1;
    const length = Number(size);
    contents.set(id!, batch.subarray(start, start + length));
    position = start + length + 1;
  }
  return contents;
}

function historySources(repository: Repository, current: Set<string>, maxBytes: number): LeakSource[] {
  let names: Map<string, string>;
  let contents: Map<string, Buffer>;
  try {
    names = introducedBlobs(repository);
    if (repository.isTopLevel) otherBlobs(repository, names);
    for (const id of current) names.delete(id);
    contents = readBlobs(repository, [...names.keys()], maxBytes);
  } catch (error) {
    if (LightsoutError.isInstance(error)) throw error;
    throw new LightsoutError("INPUT", `cannot read the git history of ${repository.cwd}: ${gitFailure(error)}`);
  }
  const sources: LeakSource[] = [];
  for (const [id, name] of names) {
    const content = contents.get(id);
    if (content && !isBinary(content)) sources.push({ name, text: content.toString("utf8") });
  }
  return sources;
}

/** Every text file under `dir` (or `dir` itself when it is a file), then its git history. */
export function collectWorkspaceSources(dir: string, options: WorkspaceSourceOptions = {}): LeakSource[] {
  const { gitHistory = true, maxFileBytes = DEFAULT_MAX_FILE_BYTES } = options;
  let isFile: boolean;
  try {
    const stats = lstatSync(dir);
    isFile = !stats.isDirectory();
  } catch (error) {
    throw new LightsoutError("INPUT", `cannot read ${dir}: ${(error as { code?: string }).code === "ENOENT" ? "no such file or directory" : errorMessage(error)}`);
  }
  const files: CurrentFile[] = [];
  if (isFile) files.push({ name: dir, content: readFileSync(dir) });
  else walk(dir, maxFileBytes, files);
  const sources: LeakSource[] = files.filter((file) => !isFile || !isBinary(file.content)).map((file) => ({ name: file.name, text: file.content.toString("utf8") }));
  if (!gitHistory) return sources;
  const repository = findRepository(dir, isFile);
  if (!repository) return sources;
  const current = new Set(files.map((file) => blobId(file.content, repository.objectFormat)));
  return [...sources, ...historySources(repository, current, maxFileBytes)];
}
