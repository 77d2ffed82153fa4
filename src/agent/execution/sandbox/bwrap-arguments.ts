/**
 * The bubblewrap command line for one sandboxed command: a pure function of a plan, so what the
 * agent can see is readable (and tested) in one place. The sandbox gets fresh namespaces of every
 * kind (user, mount, pid, net, ipc, uts, cgroup), no capabilities, no nested user namespaces, an
 * empty environment plus the variables given, the toolchain read-only, the workspace read-write,
 * a private /tmp, its own /proc and a minimal /dev. Nothing else of the host filesystem exists.
 */

export interface ReadOnlyMount {
  /** Host path, mounted read-only at the same path; a host symlink is recreated as a symlink. */
  readonly path: string;
  /** Set when the host path is a symlink: its target, recreated as the same symlink. */
  readonly symlinkTarget?: string;
}

export interface BwrapPlan {
  /** Real path of the workspace, bound read-write at the same path. */
  readonly workspace: string;
  /** Directory the command starts in (inside the workspace). */
  readonly workingDir: string;
  readonly readOnly: readonly ReadOnlyMount[];
  /** Host files bound read-only over generated files: `/etc/hosts`, `/etc/passwd`, `/etc/group`. */
  readonly generatedFiles: Readonly<Record<string, string>>;
  /** Host directory of the loopback forwarder (script and unix sockets), bound at /run/lightsout. */
  readonly forwarderDir?: string;
  /** The complete environment of the command (nothing else is inherited). */
  readonly env: Readonly<Record<string, string>>;
  /** Per-process data limit (ulimit -d: heap and private writable mappings), in MiB. */
  readonly memoryMb: number;
  /** Processes of the sandbox user (ulimit -u). */
  readonly maxProcesses: number;
  /** The shell inside the sandbox. */
  readonly shell: string;
  /** Node inside the sandbox, to run the loopback forwarder. */
  readonly nodePath: string;
  readonly command: string;
}

/** Where the forwarder directory appears inside the sandbox. */
export const SANDBOX_FORWARDER_DIR = "/run/lightsout";
export const FORWARDER_SCRIPT_NAME = "forwarder.cjs";

/**
 * Runs inside the sandbox before the agent's command: starts the loopback forwarder (when there
 * is one) and waits until it listens, then applies the limits and replaces itself with the
 * command. The forwarder starts before the limits so that a small memory limit cannot stop it.
 * $1 command, $2 memory KiB, $3 processes, $4 node (empty: no forwarder).
 */
const WRAPPER = [
  `if [ -n "$4" ]; then`,
  `  exec 3< <(exec "$4" ${SANDBOX_FORWARDER_DIR}/${FORWARDER_SCRIPT_NAME} 2>/dev/null)`,
  `  read -r -t 5 _ <&3`,
  `  exec 3<&-`,
  `fi`,
  `ulimit -d "$2" 2>/dev/null`,
  `ulimit -u "$3" 2>/dev/null`,
  `exec "$0" -c "$1"`,
].join("\n");

export function buildBwrapArguments(plan: BwrapPlan): string[] {
  const args = [
    "--unshare-all",
    "--unshare-user",
    "--disable-userns",
    "--die-with-parent",
    "--new-session",
    "--clearenv",
  ];
  for (const [name, value] of Object.entries(plan.env)) args.push("--setenv", name, value);
  // The private /tmp first, so that a toolchain or workspace under /tmp is mounted on top of it;
  // /proc and /dev after the toolchain, so that no toolchain path can cover them with the host's.
  args.push("--tmpfs", "/tmp");
  for (const mount of plan.readOnly) {
    if (mount.symlinkTarget !== undefined) args.push("--symlink", mount.symlinkTarget, mount.path);
    else args.push("--ro-bind-try", mount.path, mount.path);
  }
  for (const [target, source] of Object.entries(plan.generatedFiles)) args.push("--ro-bind", source, target);
  args.push("--proc", "/proc", "--dev", "/dev");
  if (plan.forwarderDir !== undefined) args.push("--ro-bind", plan.forwarderDir, SANDBOX_FORWARDER_DIR);
  args.push("--bind", plan.workspace, plan.workspace);
  args.push("--cap-drop", "ALL", "--chdir", plan.workingDir);
  const memoryKb = String(Math.max(1, Math.floor(plan.memoryMb * 1024)));
  const forwarderNode = plan.forwarderDir === undefined ? "" : plan.nodePath;
  args.push("--", plan.shell, "-c", WRAPPER, plan.shell, plan.command, memoryKb, String(plan.maxProcesses), forwarderNode);
  return args;
}

/** One shell word: single-quoted unless it is plainly safe. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
