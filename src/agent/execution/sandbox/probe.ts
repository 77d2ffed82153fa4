/**
 * Is the bubblewrap sandbox usable here? `probeSandbox` runs a trivial sandboxed `true` with the
 * same namespace flags every command gets, and says why not when it cannot (bwrap missing, user
 * namespaces disabled by the kernel or a security module, ...). `requireSandbox` is the factory's
 * guard: agents must not run next to holdouts without the sandbox unless the user opted out.
 */
import { spawn } from "node:child_process";
import { LightsoutError } from "../../../errors.js";
import { createPidsCgroup, fallbackBound, type CgroupLocation, type ProcessBound } from "./process-bound.js";

/** Which of the sandbox's limits this host enforces (docs/agent/sandbox.md "Limits"). */
export interface SandboxLimits {
  /** Always: the bwrap process group is killed at the command's timeout. */
  readonly time: "enforced";
  /** Always: `ulimit -d` per process (heap and private writable mappings), not the sandbox's total. */
  readonly memory: "per-process ulimit -d";
  readonly processes: ProcessBound;
}

export type SandboxProbe =
  | { readonly available: true; readonly bwrapPath: string; readonly version: string; readonly limits: SandboxLimits }
  | { readonly available: false; readonly reason: string };

export interface ProbeOptions {
  /** The bwrap binary; default `bwrap` on PATH. */
  readonly bwrapPath?: string;
  /** How long the trial may take before it counts as failed. */
  readonly timeoutMs?: number;
  /** Where cgroups are mounted and which cgroup this process is in (tests); default the host's. */
  readonly cgroups?: CgroupLocation;
  /** The host user id (tests); default this process's. */
  readonly uid?: number;
}

/** Tries what a sandbox does at initialize (a pids cgroup, removed at once), else the fallback. */
export async function probeProcessBound(options: Pick<ProbeOptions, "cgroups" | "uid"> = {}): Promise<ProcessBound> {
  const cgroup = await createPidsCgroup(1, options.cgroups);
  if (!cgroup.ok) return fallbackBound(cgroup.reason, options.uid ?? process.getuid?.());
  await cgroup.cgroup.dispose();
  return { kind: "cgroup-pids", enforced: true, cgroup: cgroup.cgroup.path };
}

interface Completed {
  readonly code: number | null;
  readonly output: string;
  readonly spawnError?: string;
}

function run(file: string, args: readonly string[], timeoutMs: number): Promise<Completed> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ["ignore", "pipe", "pipe"], env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: null, output, spawnError: error.message });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The namespace flags of every sandboxed command (see bwrap-arguments.ts), around a bare `true`. */
const TRIAL_ARGUMENTS = [
  "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--clearenv",
  "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--cap-drop", "ALL", "true",
];

export async function probeSandbox(options: ProbeOptions = {}): Promise<SandboxProbe> {
  if (process.platform !== "linux") {
    return { available: false, reason: `bubblewrap needs Linux namespaces; this is ${process.platform}` };
  }
  const bwrapPath = options.bwrapPath ?? "bwrap";
  const timeoutMs = options.timeoutMs ?? 10_000;
  const version = await run(bwrapPath, ["--version"], timeoutMs);
  if (version.spawnError !== undefined || version.code !== 0) {
    return {
      available: false,
      reason: `bubblewrap (${bwrapPath}) is not installed or does not run: ${version.spawnError ?? version.output.trim()}. Install the Debian package "bubblewrap".`,
    };
  }
  const trial = await run(bwrapPath, TRIAL_ARGUMENTS, timeoutMs);
  if (trial.code !== 0) {
    const detail = trial.output.trim() || `exit code ${String(trial.code)}`;
    return {
      available: false,
      reason:
        `bubblewrap is installed but cannot create the sandbox's namespaces here: ${detail}. ` +
        "Unprivileged user namespaces may be disabled (sysctl kernel.unprivileged_userns_clone, " +
        "kernel.apparmor_restrict_unprivileged_userns) or forbidden by the container runtime.",
    };
  }
  const processes = await probeProcessBound(options);
  return { available: true, bwrapPath, version: version.output.trim(), limits: { time: "enforced", memory: "per-process ulimit -d", processes } };
}

export interface RequireSandboxOptions {
  /** The user's explicit opt-out (e.g. `--allow-unsandboxed`): run agents without the sandbox anyway. */
  readonly allowUnsandboxed?: boolean;
  /** Injected for tests; default `probeSandbox()`. */
  readonly probe?: () => Promise<SandboxProbe>;
  /** Where the loud warning goes when the user opted out; default stderr. */
  readonly warn?: (message: string) => void;
}

export type SandboxRequirement =
  | { readonly sandboxed: true; readonly probe: SandboxProbe & { available: true } }
  | { readonly sandboxed: false; readonly reason: string };

/**
 * Resolves when agents may run: sandboxed when bubblewrap works, unsandboxed only with the explicit
 * opt-out (and then a warning is printed). Otherwise throws a LightsoutError that says what is wrong
 * and how to fix it or opt out.
 */
export async function requireSandbox(options: RequireSandboxOptions = {}): Promise<SandboxRequirement> {
  const probe = await (options.probe ?? probeSandbox)();
  const warn = options.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
  if (probe.available) {
    if (!probe.limits.processes.enforced) warn(`WARNING: sandbox process limit ${probe.limits.processes.detail}`);
    return { sandboxed: true, probe };
  }
  if (options.allowUnsandboxed === true) {
    warn(
      `WARNING: THE AGENTS RUN WITHOUT A SANDBOX (explicit opt-out). ${probe.reason} ` +
        "Agents can read every file this user can, including holdout scenarios and run stores; " +
        "satisfaction measured on holdouts is not trustworthy.",
    );
    return { sandboxed: false, reason: probe.reason };
  }
  throw new LightsoutError(
    "INPUT",
    `REFUSING TO RUN AGENTS: the bubblewrap sandbox is unavailable, and without it the agents could read ` +
      `the holdout scenarios. ${probe.reason} ` +
      "Fix the sandbox, or opt out explicitly (allowUnsandboxed / --allow-unsandboxed) if you accept that holdouts are exposed.",
  );
}
