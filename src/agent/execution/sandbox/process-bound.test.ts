import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPidsCgroup, fallbackBound, findPidsParent } from "./process-bound.js";

// A fake cgroup tree in a temporary directory: the layout the kernel shows, without the kernel.
let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "lightsout-cgroup-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function fakeCgroup(dir: string, files: Record<string, string> = {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "cgroup.procs"), "");
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
}

describe("findPidsParent", () => {
  it("uses this process's cgroup in the v1 pids hierarchy (hybrid hosts list it before 0::)", async () => {
    await fakeCgroup(join(root, "pids", "factory"));
    const selfCgroup = "9:name=systemd:/\n8:pids:/factory\n4:memory:/x\n0::/\n";
    expect(findPidsParent({ cgroupRoot: root, selfCgroup })).toEqual({ dir: join(root, "pids", "factory") });
  });

  it("uses the v2 cgroup only when pids is enabled for its children", async () => {
    await fakeCgroup(root, { "cgroup.subtree_control": "cpu memory pids\n" });
    expect(findPidsParent({ cgroupRoot: root, selfCgroup: "0::/\n" })).toEqual({ dir: root });
    await writeFile(join(root, "cgroup.subtree_control"), "cpu memory\n");
    expect(findPidsParent({ cgroupRoot: root, selfCgroup: "0::/\n" })).toEqual({ reason: expect.stringMatching(/pids controller is not enabled.*"cpu memory"/) });
  });

  it("says why when no cgroup filesystem is there", () => {
    expect(findPidsParent({ cgroupRoot: join(root, "none"), selfCgroup: "8:pids:/\n0::/\n" })).toEqual({ reason: expect.stringMatching(/v1 pids hierarchy is not mounted/) });
  });
});

describe("createPidsCgroup", () => {
  it("creates a child cgroup with pids.max and removes it on dispose", async () => {
    await fakeCgroup(join(root, "pids"));
    const result = await createPidsCgroup(64, { cgroupRoot: root, selfCgroup: "8:pids:/\n" });
    if (!result.ok) throw new Error(result.reason);
    expect(result.cgroup.path).toMatch(/lightsout-sandbox-\d+-[0-9a-f]{8}$/);
    expect(await readFile(join(result.cgroup.path, "pids.max"), "utf8")).toBe("64\n");
    expect(result.cgroup.procsFile).toBe(join(result.cgroup.path, "cgroup.procs"));
    await rm(join(result.cgroup.path, "pids.max")); // the kernel's cgroupfs has no files to delete
    await result.cgroup.dispose();
    expect(existsSync(result.cgroup.path)).toBe(false);
  });

  it("removes the empty cgroups of factories that are gone, and no others", async () => {
    await fakeCgroup(join(root, "pids"));
    const gone = join(root, "pids", "lightsout-sandbox-999999999-0badcafe");
    const alive = join(root, "pids", `lightsout-sandbox-${process.ppid}-0badcafe`);
    const foreign = join(root, "pids", "someone-else");
    for (const dir of [gone, alive, foreign]) await mkdir(dir);
    const result = await createPidsCgroup(8, { cgroupRoot: root, selfCgroup: "8:pids:/\n" });
    if (!result.ok) throw new Error(result.reason);
    expect([existsSync(gone), existsSync(alive), existsSync(foreign)]).toEqual([false, true, true]);
  });

  it("fails as data when the parent is not writable", async () => {
    const result = await createPidsCgroup(64, { cgroupRoot: join(root, "missing"), selfCgroup: "8:pids:/\n" });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/not mounted/) });
  });
});

describe("fallbackBound", () => {
  it("is the rlimit for an ordinary user and nothing, loudly, for root", () => {
    expect(fallbackBound("no cgroup", 1000)).toMatchObject({ kind: "rlimit-nproc", enforced: true });
    expect(fallbackBound("no cgroup", 0)).toMatchObject({ kind: "none", enforced: false, detail: expect.stringMatching(/^NOT ENFORCED.*root.*no cgroup.*time limit/) });
  });
});

describe("on this host", () => {
  it("a real pids cgroup, when one can be made, limits the processes of its members", async () => {
    const result = await createPidsCgroup(5);
    if (!result.ok) {
      // Only acceptable where the fallback is enforced; as root the sandbox must have a cgroup.
      expect(fallbackBound(result.reason).enforced).toBe(process.getuid?.() !== 0 ? true : "a pids cgroup (root is exempt from RLIMIT_NPROC)");
      return;
    }
    try {
      expect((await readFile(join(result.cgroup.path, "pids.max"), "utf8")).trim()).toBe("5");
    } finally {
      await result.cgroup.dispose();
    }
    expect(existsSync(result.cgroup.path)).toBe(false);
  });
});
