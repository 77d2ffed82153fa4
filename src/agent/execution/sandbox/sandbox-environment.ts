/**
 * SandboxExecutionEnvironment: the ExecutionEnvironment (spec 4.1) whose commands run in a
 * bubblewrap sandbox that exposes only the workspace (read-write) and the toolchain (read-only).
 * Holdouts, run stores, home directories and the rest of the host filesystem do not exist inside;
 * the network is the sandbox's own loopback plus the host loopback ports it is given (twins).
 * File operations run on the host, confined to the workspace by real path, and never while a
 * command runs (docs/agent/sandbox.md, ADR 0093).
 */
import { existsSync, lstatSync, mkdirSync, readlinkSync, realpathSync } from "node:fs";
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { release, tmpdir, type as osType } from "node:os";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { LightsoutError } from "../../../errors.js";
import {
  ExecutionError,
  type DirEntry,
  type ExecOptions,
  type ExecResult,
  type ExecutionEnvironment,
  type GrepOptions,
  type ReadFileOptions,
} from "../environment.js";
import { filterEnvironment } from "../env-filter.js";
import { globFiles, grepWithJavaScript } from "../file-search.js";
import { runCommand, terminateGroup } from "../process-runner.js";
import { buildBwrapArguments, shellQuote, type ReadOnlyMount } from "./bwrap-arguments.js";
import { startLoopbackForwarder, type LoopbackForwarder } from "./loopback-forwarder.js";
import { PhaseLock } from "./phase-lock.js";
import { createPidsCgroup, fallbackBound, type CgroupLocation, type PidsCgroup, type ProcessBound } from "./process-bound.js";
import { confineExisting, confineForWrite, isInside } from "./workspace-paths.js";

export interface SandboxEnvironmentOptions {
  /** The only host directory the agent sees, read-write (created when missing). */
  readonly workspace: string;
  /** Toolchain paths mounted read-only; default `defaultToolchainPaths()`. */
  readonly readOnlyPaths?: readonly string[];
  /** Host loopback ports reachable from inside at 127.0.0.1:<port> (twins); default none. */
  readonly allowLoopbackPorts?: readonly number[];
  /** Per-process memory limit in MiB (ulimit -d: heap and private writable mappings); default 4096. */
  readonly memoryMb?: number;
  /**
   * Process limit; default 256. A pids cgroup of the sandbox (`pids.max`, all its running commands
   * together) when one can be created, else `ulimit -u` per command, which does not bind host root
   * (then `processBound()` says so and `warn` is told once).
   */
  readonly maxProcesses?: number;
  /** Where cgroups are mounted and which cgroup this process is in (tests); default the host's. */
  readonly cgroups?: CgroupLocation;
  /** Where the loud warning goes when the process limit cannot be enforced; default stderr. */
  readonly warn?: (message: string) => void;
  /** Timeout when execCommand gets none; default 10 s (spec 5.4). */
  readonly timeoutMs?: number;
  /** Variables for the commands, filtered like the local environment's (no keys, tokens, secrets). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Grace between SIGTERM and SIGKILL of the bwrap process group; default 2 s. */
  readonly killGraceMs?: number;
  /** The bwrap binary; default `bwrap` on PATH. */
  readonly bwrapPath?: string;
  /**
   * Paths that must stay invisible (holdout sets, run stores): creating the environment fails
   * when one lies inside the workspace or a read-only path, so a misconfiguration cannot expose them.
   */
  readonly protectedPaths?: readonly string[];
}

/** What a command needs to run and nothing else: system binaries and libraries, certificates, node. */
export function defaultToolchainPaths(): string[] {
  const paths = [
    "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
    "/etc/alternatives", "/etc/ssl", "/etc/ca-certificates", "/etc/ld.so.cache", "/etc/ld.so.conf",
    "/etc/ld.so.conf.d", "/etc/localtime", "/etc/nsswitch.conf",
  ];
  const nodePrefix = dirname(dirname(realpathSync(process.execPath)));
  if (nodePrefix !== "/" && !paths.some((path) => isInside(path, nodePrefix))) paths.push(nodePrefix);
  return paths;
}

function toMount(path: string): ReadOnlyMount | undefined {
  const absolute = resolve(path);
  if (absolute === "/") {
    throw new LightsoutError("INPUT", `readOnlyPaths may not contain "/": it would expose the whole host, holdouts included.`);
  }
  try {
    const info = lstatSync(absolute);
    return info.isSymbolicLink() ? { path: absolute, symlinkTarget: readlinkSync(absolute) } : { path: absolute };
  } catch {
    return undefined; // absent on this host: nothing to mount
  }
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function assertProtectedPathsHidden(workspace: string, readOnlyPaths: readonly string[], protectedPaths: readonly string[]): void {
  const visible = [workspace, ...readOnlyPaths.map(realOrResolved)];
  for (const path of protectedPaths) {
    const real = realOrResolved(path);
    const exposer = visible.find((mounted) => isInside(mounted, real));
    if (exposer !== undefined) {
      throw new LightsoutError("INPUT", `The sandbox would expose the protected path ${path}: it lies inside ${exposer}, which the agent sees. Move it out of the workspace and the toolchain.`);
    }
  }
}

const SHELL_CANDIDATES = ["/bin/bash", "/usr/bin/bash"];

export class SandboxExecutionEnvironment implements ExecutionEnvironment {
  private readonly root: string;
  private readonly lock = new PhaseLock();
  private readonly running = new Set<number>();
  private runtimeDir: string | undefined;
  private forwarder: LoopbackForwarder | undefined;
  private pidsCgroup: PidsCgroup | undefined;
  private bound: ProcessBound | undefined;
  private initializing: Promise<void> | undefined;

  constructor(private readonly options: SandboxEnvironmentOptions) {
    const workspace = resolve(options.workspace);
    mkdirSync(workspace, { recursive: true });
    this.root = realpathSync(workspace);
    assertProtectedPathsHidden(this.root, options.readOnlyPaths ?? defaultToolchainPaths(), options.protectedPaths ?? []);
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

  /** Creates the runtime directory (generated /etc files, forwarder sockets). Idempotent. */
  initialize(): Promise<void> {
    this.initializing ??= this.setUp();
    return this.initializing;
  }

  private async setUp(): Promise<void> {
    const runtimeDir = await mkdtemp(join(tmpdir(), "lightsout-sandbox-"));
    this.runtimeDir = runtimeDir;
    const uid = process.getuid?.() ?? 1000;
    const gid = process.getgid?.() ?? 1000;
    const user = uid === 0 ? "root" : "agent";
    await mkdir(join(runtimeDir, "etc"));
    await writeFile(join(runtimeDir, "etc", "hosts"), "127.0.0.1 localhost\n");
    await writeFile(join(runtimeDir, "etc", "passwd"), `${user}:x:${uid}:${gid}:${user}:/tmp:/bin/bash\n`);
    await writeFile(join(runtimeDir, "etc", "group"), `${user}:x:${gid}:\n`);
    const cgroup = await createPidsCgroup(this.options.maxProcesses ?? 256, this.options.cgroups);
    if (cgroup.ok) {
      this.pidsCgroup = cgroup.cgroup;
      this.bound = { kind: "cgroup-pids", enforced: true, cgroup: cgroup.cgroup.path };
    } else {
      this.bound = fallbackBound(cgroup.reason);
      if (!this.bound.enforced) (this.options.warn ?? ((message: string) => process.stderr.write(`${message}\n`)))(`WARNING: sandbox process limit ${this.bound.detail}`);
    }
    const ports = this.options.allowLoopbackPorts ?? [];
    if (ports.length > 0) {
      await mkdir(join(runtimeDir, "net"));
      this.forwarder = await startLoopbackForwarder(join(runtimeDir, "net"), ports);
    }
  }

  /** Kills every running command (their bwrap process groups, and so their namespaces). */
  async cleanup(): Promise<void> {
    await Promise.all([...this.running].map((pgid) => terminateGroup(pgid, this.options.killGraceMs ?? 2000)));
    this.running.clear();
    await this.forwarder?.close();
    this.forwarder = undefined;
    await this.pidsCgroup?.dispose();
    this.pidsCgroup = undefined;
    this.bound = undefined;
    if (this.runtimeDir !== undefined) await rm(this.runtimeDir, { recursive: true, force: true });
    this.runtimeDir = undefined;
    this.initializing = undefined;
  }

  /** How the process limit is enforced here; undefined before `initialize()`. */
  processBound(): ProcessBound | undefined {
    return this.bound;
  }

  private displayPath(absolute: string): string {
    if (!isInside(this.root, absolute)) return absolute;
    const rel = relative(this.root, absolute);
    return rel === "" ? "." : rel.split(sep).join("/");
  }

  private files<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.run("files", work);
  }

  readFile(path: string, options: ReadFileOptions = {}): Promise<string> {
    return this.files(async () => {
      const real = await confineExisting(this.root, path);
      const info = await stat(real);
      if (info.isDirectory()) throw new ExecutionError("NOT_A_FILE", `"${path}" is a directory, not a file.`);
      const text = await readFile(real, "utf8");
      if (options.offset === undefined && options.limit === undefined) return text;
      const lines = text.split("\n");
      const start = Math.max(1, options.offset ?? 1) - 1;
      const end = options.limit === undefined ? lines.length : start + Math.max(0, options.limit);
      return lines.slice(start, end).join("\n");
    });
  }

  writeFile(path: string, content: string): Promise<void> {
    return this.files(async () => {
      const target = await confineForWrite(this.root, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content, "utf8");
    });
  }

  deleteFile(path: string): Promise<void> {
    return this.files(async () => {
      const absolute = resolve(this.root, path);
      // The link itself is removed, never its target: confine the parent, not the target.
      const target = join(await confineExisting(this.root, dirname(absolute)), basename(absolute));
      if (!isInside(this.root, target) || target === this.root) throw new ExecutionError("OUTSIDE_WORKSPACE", `Refusing to delete "${path}".`);
      const info = await lstat(target).catch(() => undefined);
      if (info === undefined) throw new ExecutionError("NOT_FOUND", `File not found: ${path}`);
      if (info.isDirectory()) throw new ExecutionError("NOT_A_FILE", `"${path}" is a directory, not a file.`);
      await rm(target);
    });
  }

  fileExists(path: string): Promise<boolean> {
    return this.files(async () => {
      try {
        await confineExisting(this.root, path);
        return true;
      } catch {
        return false;
      }
    });
  }

  listDirectory(path: string, depth = 1): Promise<DirEntry[]> {
    return this.files(async () => {
      const base = await confineExisting(this.root, path);
      if (!(await stat(base)).isDirectory()) throw new ExecutionError("NOT_A_DIRECTORY", `"${path}" is not a directory.`);
      const entries: DirEntry[] = [];
      const visit = async (relativeDir: string, level: number): Promise<void> => {
        const children = await readdir(join(base, relativeDir), { withFileTypes: true }).catch(() => []);
        children.sort((a, b) => a.name.localeCompare(b.name));
        for (const child of children) {
          const name = relativeDir === "" ? child.name : `${relativeDir}/${child.name}`;
          if (child.isDirectory()) {
            entries.push({ name, isDir: true });
            if (level < depth && child.name !== ".git" && child.name !== "node_modules") await visit(name, level + 1);
          } else {
            // lstat: a symlink is listed as itself; where it points (maybe outside) is not looked at.
            const size = await lstat(join(base, name)).then((info) => (info.isFile() ? info.size : undefined), () => undefined);
            entries.push(size === undefined ? { name, isDir: false } : { name, isDir: false, size });
          }
        }
      };
      await visit("", 1);
      return entries;
    });
  }

  grep(pattern: string, path: string | undefined, options: GrepOptions = {}): Promise<string> {
    return this.files(async () => {
      const real = await confineExisting(this.root, path ?? ".");
      const info = await stat(real);
      // The JavaScript walk never follows symlinks (ripgrep would run outside the lock's reach).
      return grepWithJavaScript(pattern, { absolutePath: real, isFile: info.isFile(), display: (p) => this.displayPath(p) }, options);
    });
  }

  glob(pattern: string, path?: string): Promise<string[]> {
    return this.files(async () => {
      const base = await confineExisting(this.root, path ?? ".");
      if (!(await stat(base)).isDirectory()) throw new ExecutionError("NOT_A_DIRECTORY", `"${path}" is not a directory.`);
      const matches = await globFiles(base, pattern);
      return matches.map((match) => this.displayPath(join(base, match)));
    });
  }

  async execCommand(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    // The lock is taken before anything is awaited, so a file operation called after this waits for it.
    return this.lock.run("commands", async () => {
      await this.initialize();
      const workingDir = options.workingDir === undefined ? this.root : await confineExisting(this.root, options.workingDir);
      const args = buildBwrapArguments({
        workspace: this.root,
        workingDir,
        readOnly: (this.options.readOnlyPaths ?? defaultToolchainPaths()).map(toMount).filter((mount) => mount !== undefined),
        generatedFiles: this.generatedFiles(),
        ...(this.forwarder ? { forwarderDir: join(this.runtimeDir!, "net") } : {}),
        env: this.commandEnvironment(workingDir, options.envVars),
        memoryMb: this.options.memoryMb ?? 4096,
        maxProcesses: this.options.maxProcesses ?? 256,
        shell: SHELL_CANDIDATES.find((candidate) => existsSync(candidate)) ?? "/bin/sh",
        nodePath: process.execPath,
        command,
      });
      const bwrap = `exec ${[this.options.bwrapPath ?? "bwrap", ...args].map(shellQuote).join(" ")}`;
      // Joining the cgroup before exec: every process of the sandbox is born inside it. If joining
      // fails, the command does not run (fail closed).
      const joinCgroup = this.pidsCgroup === undefined ? "" : `echo $$ > ${shellQuote(this.pidsCgroup.procsFile)} || exit 126; `;
      return runCommand({
        // The host shell only execs bwrap; bwrap is the process group leader that the timeout kills.
        command: `${joinCgroup}${bwrap}`,
        cwd: this.root,
        env: { PATH: "/usr/local/bin:/usr/bin:/bin" },
        timeoutMs: options.timeoutMs ?? this.options.timeoutMs ?? 10_000,
        killGraceMs: this.options.killGraceMs ?? 2000,
        shell: "/bin/sh",
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onOutput ? { onOutput: options.onOutput } : {}),
        onStart: (pgid) => this.running.add(pgid),
        onEnd: (pgid) => this.running.delete(pgid),
      });
    });
  }

  private generatedFiles(): Record<string, string> {
    const etc = join(this.runtimeDir!, "etc");
    return { "/etc/hosts": join(etc, "hosts"), "/etc/passwd": join(etc, "passwd"), "/etc/group": join(etc, "group") };
  }

  /** A fixed base, then the given variables without secrets, then this command's own variables. */
  private commandEnvironment(workingDir: string, perCommand: Readonly<Record<string, string>> = {}): Record<string, string> {
    const nodeBin = dirname(process.execPath);
    const base: Record<string, string> = {
      PATH: [...new Set([nodeBin, "/usr/local/bin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/sbin", "/sbin"])].join(":"),
      HOME: "/tmp",
      TMPDIR: "/tmp",
      LANG: "C.UTF-8",
      PWD: workingDir,
    };
    return { ...base, ...filterEnvironment(this.options.env ?? {}, { policy: "filter_secrets" }), ...perCommand };
  }
}

/** The sandboxed environment for `workspace`; call `probeSandbox()` (or `requireSandbox()`) first. */
export function createSandboxEnvironment(options: SandboxEnvironmentOptions): SandboxExecutionEnvironment {
  return new SandboxExecutionEnvironment(options);
}
