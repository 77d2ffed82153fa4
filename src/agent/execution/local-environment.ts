/**
 * LocalExecutionEnvironment (spec 4.2): files, commands and searches on this machine, rooted at
 * a working directory.
 *
 * Path policy (docs/agent/tools.md): relative paths resolve against the working directory and
 * may not climb out of it (`../x` is OUTSIDE_WORKSPACE); absolute paths may be read anywhere
 * (the spec's tools take absolute paths), but writes and deletes outside the working directory
 * are refused unless `allowWritesOutside` is set. This is a convenience guard, not a sandbox:
 * commands can do anything the user can (use the bubblewrap environment for isolation).
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { release, type as osType } from "node:os";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import {
  ExecutionError,
  type DirEntry,
  type ExecOptions,
  type ExecResult,
  type ExecutionEnvironment,
  type GrepOptions,
  type ReadFileOptions,
} from "./environment.js";
import { filterEnvironment, type EnvFilterOptions } from "./env-filter.js";
import { globFiles, grepWithJavaScript, grepWithRipgrep, hasRipgrep, type GrepTarget } from "./file-search.js";
import { runCommand, terminateGroup } from "./process-runner.js";

export interface LocalExecutionEnvironmentOptions {
  readonly workingDir: string;
  /** Which parent variables reach commands; default: all but secrets. */
  readonly env?: EnvFilterOptions;
  /** The parent environment to filter (injected for tests); default `process.env`. */
  readonly parentEnv?: Readonly<Record<string, string | undefined>>;
  /** Timeout when execCommand gets none (spec 5.4: 10 s). */
  readonly defaultTimeoutMs?: number;
  /** Grace between SIGTERM and SIGKILL (spec: 2 s). */
  readonly killGraceMs?: number;
  readonly allowWritesOutside?: boolean;
  /** Use ripgrep when installed (default true); false forces the JS search. */
  readonly useRipgrep?: boolean;
}

export class LocalExecutionEnvironment implements ExecutionEnvironment {
  private readonly root: string;
  private readonly running = new Set<number>();

  constructor(private readonly options: LocalExecutionEnvironmentOptions) {
    this.root = resolve(options.workingDir);
  }

  workingDirectory(): string {
    return this.root;
  }

  platform(): string {
    return process.platform === "win32" ? "windows" : process.platform;
  }

  osVersion(): string {
    return `${osType()} ${release()}`;
  }

  async initialize(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  /** Kills every command still running (their whole process groups). */
  async cleanup(): Promise<void> {
    await Promise.all([...this.running].map((pgid) => terminateGroup(pgid, this.options.killGraceMs ?? 2000)));
    this.running.clear();
  }

  /** Absolute path for `path`; relative paths must stay inside the working directory. */
  resolvePath(path: string, purpose: "read" | "write" = "read"): string {
    const absolute = resolve(this.root, path);
    const inside = this.isInside(absolute);
    if (!isAbsolute(path) && !inside) {
      throw new ExecutionError("OUTSIDE_WORKSPACE", `Path "${path}" is outside the working directory ${this.root}.`);
    }
    if (purpose === "write" && !inside && !this.options.allowWritesOutside) {
      throw new ExecutionError("OUTSIDE_WORKSPACE", `Refusing to modify "${path}": it is outside the working directory ${this.root}.`);
    }
    return absolute;
  }

  /** How a path is shown to the model: relative to the working directory when inside it. */
  displayPath(absolute: string): string {
    if (!this.isInside(absolute)) return absolute;
    const rel = relative(this.root, absolute);
    return rel === "" ? "." : rel.split(sep).join("/");
  }

  private isInside(absolute: string): boolean {
    const rel = relative(this.root, absolute);
    return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
  }

  async readFile(path: string, options: ReadFileOptions = {}): Promise<string> {
    const absolute = this.resolvePath(path);
    const info = await statOrThrow(absolute, path);
    if (info.isDirectory()) throw new ExecutionError("NOT_A_FILE", `"${path}" is a directory, not a file.`);
    const text = await readFile(absolute, "utf8").catch((error: unknown) => rethrow(error, path));
    if (options.offset === undefined && options.limit === undefined) return text;
    const lines = text.split("\n");
    const start = Math.max(1, options.offset ?? 1) - 1;
    const end = options.limit === undefined ? lines.length : start + Math.max(0, options.limit);
    return lines.slice(start, end).join("\n");
  }

  async writeFile(path: string, content: string): Promise<void> {
    const absolute = this.resolvePath(path, "write");
    await mkdir(dirname(absolute), { recursive: true }).catch((error: unknown) => rethrow(error, path));
    await writeFile(absolute, content, "utf8").catch((error: unknown) => rethrow(error, path));
  }

  async deleteFile(path: string): Promise<void> {
    const absolute = this.resolvePath(path, "write");
    const info = await statOrThrow(absolute, path);
    if (info.isDirectory()) throw new ExecutionError("NOT_A_FILE", `"${path}" is a directory, not a file.`);
    await rm(absolute).catch((error: unknown) => rethrow(error, path));
  }

  async fileExists(path: string): Promise<boolean> {
    try {
      return existsSync(this.resolvePath(path));
    } catch {
      return false;
    }
  }

  async listDirectory(path: string, depth = 1): Promise<DirEntry[]> {
    const absolute = this.resolvePath(path);
    const info = await statOrThrow(absolute, path);
    if (!info.isDirectory()) throw new ExecutionError("NOT_A_DIRECTORY", `"${path}" is not a directory.`);
    const entries: DirEntry[] = [];
    const visit = async (relativeDir: string, level: number): Promise<void> => {
      const children = await readdir(join(absolute, relativeDir), { withFileTypes: true }).catch(() => []);
      children.sort((a, b) => a.name.localeCompare(b.name));
      for (const child of children) {
        const name = relativeDir === "" ? child.name : `${relativeDir}/${child.name}`;
        if (child.isDirectory()) {
          entries.push({ name, isDir: true });
          if (level < depth && child.name !== ".git" && child.name !== "node_modules") await visit(name, level + 1);
        } else {
          const size = await stat(join(absolute, name)).then((s) => s.size, () => undefined);
          entries.push(size === undefined ? { name, isDir: false } : { name, isDir: false, size });
        }
      }
    };
    await visit("", 1);
    return entries;
  }

  async execCommand(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const cwd = options.workingDir === undefined ? this.root : this.resolvePath(options.workingDir);
    // Without this check a missing directory surfaces as the misleading "spawn /bin/bash ENOENT".
    if (!(await statOrThrow(cwd, options.workingDir ?? ".")).isDirectory()) {
      throw new ExecutionError("NOT_A_DIRECTORY", `Working directory "${options.workingDir}" is not a directory.`);
    }
    const env = { ...filterEnvironment(this.options.parentEnv ?? process.env, this.options.env), ...options.envVars };
    return runCommand({
      command,
      cwd,
      env,
      timeoutMs: options.timeoutMs ?? this.options.defaultTimeoutMs ?? 10_000,
      killGraceMs: this.options.killGraceMs ?? 2000,
      shell: existsSync("/bin/bash") ? "/bin/bash" : "/bin/sh",
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onOutput ? { onOutput: options.onOutput } : {}),
      onStart: (pgid) => this.running.add(pgid),
      onEnd: (pgid) => this.running.delete(pgid),
    });
  }

  async grep(pattern: string, path: string | undefined, options: GrepOptions = {}): Promise<string> {
    const absolute = this.resolvePath(path ?? ".");
    const info = await statOrThrow(absolute, path ?? ".");
    const target: GrepTarget = { absolutePath: absolute, isFile: info.isFile(), display: (p) => this.displayPath(p) };
    if ((this.options.useRipgrep ?? true) && hasRipgrep()) return grepWithRipgrep(pattern, target, this.root, options);
    return grepWithJavaScript(pattern, target, options);
  }

  async glob(pattern: string, path?: string): Promise<string[]> {
    const base = this.resolvePath(path ?? ".");
    const info = await statOrThrow(base, path ?? ".");
    if (!info.isDirectory()) throw new ExecutionError("NOT_A_DIRECTORY", `"${path}" is not a directory.`);
    const matches = await globFiles(base, pattern);
    return matches.map((match) => this.displayPath(join(base, match)));
  }
}

async function statOrThrow(absolute: string, shown: string) {
  return stat(absolute).catch((error: unknown) => rethrow(error, shown));
}

function rethrow(error: unknown, shown: string): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") throw new ExecutionError("NOT_FOUND", `File not found: ${shown}`);
  if (code === "EACCES" || code === "EPERM") throw new ExecutionError("PERMISSION_DENIED", `Permission denied: ${shown}`);
  if (code === "EISDIR") throw new ExecutionError("NOT_A_FILE", `"${shown}" is a directory, not a file.`);
  if (code === "ENOTDIR") throw new ExecutionError("NOT_A_DIRECTORY", `A parent of "${shown}" is not a directory.`);
  throw new ExecutionError("IO", `${shown}: ${(error as Error).message}`, { cause: error });
}
