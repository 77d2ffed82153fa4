/**
 * The sandbox's bound on the number of processes. `ulimit -u` (RLIMIT_NPROC) is what an
 * unprivileged host user gets, but the kernel exempts root from it, even inside a user namespace:
 * a factory running as host root would let a fork bomb grow until the pid table is full. So the
 * sandbox first tries a pids cgroup of its own (cgroup v1 `pids` hierarchy, or cgroup v2 where the
 * `pids` controller is enabled for the factory's cgroup), with `pids.max` = the limit, and every
 * command joins it before it execs bwrap. Without a writable cgroup it falls back to the rlimit,
 * and as root it says loudly that nothing bounds the processes but the time limit (ADR 0095).
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, rmdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";

/** How the number of processes of one sandbox is bounded on this host. */
export type ProcessBound =
  | { readonly kind: "cgroup-pids"; readonly enforced: true; readonly cgroup: string }
  | { readonly kind: "rlimit-nproc"; readonly enforced: true; readonly detail: string }
  | { readonly kind: "none"; readonly enforced: false; readonly detail: string };

export interface CgroupLocation {
  /** Where the cgroup filesystems are mounted; default `/sys/fs/cgroup`. */
  readonly cgroupRoot?: string;
  /** The text of `/proc/self/cgroup`; read when not given. */
  readonly selfCgroup?: string;
}

/** A pids cgroup owned by one sandbox: commands join it by writing their pid to `procsFile`. */
export interface PidsCgroup {
  readonly path: string;
  readonly procsFile: string;
  /** Removes the cgroup once its processes are gone (retries briefly while they exit). */
  dispose(): Promise<void>;
}

export type PidsCgroupResult = { readonly ok: true; readonly cgroup: PidsCgroup } | { readonly ok: false; readonly reason: string };

/**
 * The directory under which this process may create a pids cgroup: its own cgroup in the v1 `pids`
 * hierarchy, or its own v2 cgroup when `pids` is in that cgroup's `cgroup.subtree_control`.
 */
export function findPidsParent(location: CgroupLocation = {}): { readonly dir: string } | { readonly reason: string } {
  const root = location.cgroupRoot ?? "/sys/fs/cgroup";
  let self = location.selfCgroup;
  if (self === undefined) {
    try {
      self = readFileSync("/proc/self/cgroup", "utf8");
    } catch {
      return { reason: "/proc/self/cgroup is not readable (not Linux?)" };
    }
  }
  const lines = self.split("\n").filter((line) => line !== "").map((line) => {
    const match = /^\d+:([^:]*):(.*)$/.exec(line);
    return { controllers: (match?.[1] ?? "").split(","), path: match?.[2] ?? "/" };
  });
  const v1 = lines.find((line) => line.controllers.includes("pids"));
  if (v1 !== undefined) {
    const dir = resolve(root, "pids", `.${v1.path}`);
    return existsSync(join(dir, "cgroup.procs")) ? { dir } : { reason: `the cgroup v1 pids hierarchy is not mounted at ${join(root, "pids")}` };
  }
  const v2 = lines.find((line) => line.controllers.length === 1 && line.controllers[0] === "");
  if (v2 === undefined) return { reason: "this process is in no pids cgroup (neither cgroup v1 pids nor cgroup v2)" };
  const dir = resolve(root, `.${v2.path}`);
  let subtree = "";
  try {
    subtree = readFileSync(join(dir, "cgroup.subtree_control"), "utf8");
  } catch {
    return { reason: `cgroup v2 is not mounted at ${root}` };
  }
  if (!subtree.split(/\s+/).includes("pids")) {
    return { reason: `the pids controller is not enabled for children of ${dir} (cgroup.subtree_control: "${subtree.trim()}")` };
  }
  return { dir };
}

const CGROUP_NAME = /^lightsout-sandbox-(\d+)-[0-9a-f]+$/;

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the cgroups of factories that ended without `cleanup()` (killed, or a host that never
 * called it): their pid is in the name. An empty cgroup is harmless, but they would pile up.
 * A cgroup with processes in it cannot be removed, so a live sandbox is never touched.
 */
async function sweepAbandoned(parentDir: string): Promise<void> {
  const entries = await readdir(parentDir).catch(() => [] as string[]);
  for (const entry of entries) {
    const owner = CGROUP_NAME.exec(entry)?.[1];
    if (owner !== undefined && Number(owner) !== process.pid && !processIsAlive(Number(owner))) await rmdir(join(parentDir, entry)).catch(() => undefined);
  }
}

/** Creates `lightsout-sandbox-<pid>-<random>` with `pids.max = maxProcesses`, or says why it cannot. */
export async function createPidsCgroup(maxProcesses: number, location: CgroupLocation = {}): Promise<PidsCgroupResult> {
  const parent = findPidsParent(location);
  if ("reason" in parent) return { ok: false, reason: parent.reason };
  await sweepAbandoned(parent.dir);
  const path = join(parent.dir, `lightsout-sandbox-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    await mkdir(path);
  } catch (error) {
    return { ok: false, reason: `cannot create a cgroup under ${parent.dir}: ${(error as Error).message}` };
  }
  try {
    await writeFile(join(path, "pids.max"), `${String(Math.max(1, Math.floor(maxProcesses)))}\n`);
  } catch (error) {
    await rmdir(path).catch(() => undefined);
    return { ok: false, reason: `cannot set pids.max in ${path}: ${(error as Error).message}` };
  }
  const procsFile = join(path, "cgroup.procs");
  return {
    ok: true,
    cgroup: {
      path,
      procsFile,
      async dispose() {
        // The kernel refuses (EBUSY) while killed processes are still being reaped: retry for about a second.
        for (let attempt = 0; attempt < 50; attempt += 1) {
          const failure = await rmdir(path).then(() => undefined, (error: NodeJS.ErrnoException) => error);
          if (failure === undefined || failure.code === "ENOENT") return;
          if (failure.code !== "EBUSY") throw failure;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
    },
  };
}

/** What bounds the processes when no cgroup can be had: the rlimit for an ordinary user, nothing for root. */
export function fallbackBound(cgroupReason: string, uid: number | undefined = process.getuid?.()): ProcessBound {
  if (uid !== 0) return { kind: "rlimit-nproc", enforced: true, detail: `ulimit -u (no pids cgroup: ${cgroupReason})` };
  return {
    kind: "none",
    enforced: false,
    detail:
      `NOT ENFORCED: the factory runs as root, which RLIMIT_NPROC (ulimit -u) does not bind, and no pids cgroup ` +
      `could be created (${cgroupReason}); only the time limit ends a fork bomb. Run the factory as an ordinary ` +
      `user, or give it a writable pids cgroup.`,
  };
}
