import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LightsoutError } from "../../../errors.js";
import { probeSandbox, requireSandbox, type SandboxProbe } from "./probe.js";

const unavailable: SandboxProbe = { available: false, reason: "bubblewrap (bwrap) is not installed" };
const limits = { time: "enforced", memory: "per-process ulimit -d" } as const;
const available: SandboxProbe = {
  available: true, bwrapPath: "bwrap", version: "bubblewrap 0.8.0",
  limits: { ...limits, processes: { kind: "cgroup-pids", enforced: true, cgroup: "/sys/fs/cgroup/pids/x" } },
};
const unbounded: SandboxProbe = {
  ...available,
  limits: { ...limits, processes: { kind: "none", enforced: false, detail: "NOT ENFORCED: the factory runs as root" } },
};

describe("probeSandbox", () => {
  it("finds the installed bubblewrap able to create the sandbox's namespaces", async () => {
    const probe = await probeSandbox();
    expect(probe.available ? probe.version : probe.reason).toMatch(/^bubblewrap /);
  });

  it("reports which limits this host enforces (processes: a pids cgroup here, or why not)", async () => {
    const probe = await probeSandbox();
    if (!probe.available) throw new Error(probe.reason);
    expect(probe.limits).toMatchObject({ time: "enforced", memory: "per-process ulimit -d" });
    // As root, only a cgroup binds; as an ordinary user, the rlimit does when no cgroup is writable.
    if (process.getuid?.() === 0) expect(probe.limits.processes.kind).not.toBe("rlimit-nproc");
    const noCgroups = await probeSandbox({ cgroups: { cgroupRoot: "/nonexistent", selfCgroup: "0::/\n" }, uid: 0 });
    expect(noCgroups).toMatchObject({ available: true, limits: { processes: { kind: "none", enforced: false } } });
    expect(noCgroups.available && !noCgroups.limits.processes.enforced ? noCgroups.limits.processes.detail : "").toMatch(/NOT ENFORCED.*root.*cgroup v2 is not mounted at \/nonexistent/);
  });

  it("says bwrap is missing when the binary does not exist", async () => {
    const probe = await probeSandbox({ bwrapPath: "/nonexistent/bwrap" });
    expect(probe).toMatchObject({ available: false });
    expect(probe.available ? "" : probe.reason).toMatch(/not installed.*bubblewrap/);
  });

  it("says the namespaces cannot be created when the trial run fails", async () => {
    // A bwrap that answers --version but is refused its namespaces, as under a strict AppArmor policy.
    const dir = await mkdtemp(join(tmpdir(), "lightsout-probe-"));
    const fake = join(dir, "bwrap");
    await writeFile(fake, `#!/bin/sh\n[ "$1" = --version ] && echo "bubblewrap 0.8.0" && exit 0\necho "bwrap: setting up uid map: Permission denied" >&2\nexit 1\n`, { mode: 0o755 });
    try {
      const probe = await probeSandbox({ bwrapPath: fake });
      expect(probe.available ? "" : probe.reason).toMatch(/cannot create the sandbox's namespaces.*uid map: Permission denied/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("requireSandbox", () => {
  it("refuses loudly, with the reason and the opt-out, when the sandbox is unavailable", async () => {
    const attempt = requireSandbox({ probe: async () => unavailable });
    await expect(attempt).rejects.toSatisfy((error: unknown) => LightsoutError.isInstance(error));
    await expect(attempt).rejects.toThrow(/REFUSING TO RUN AGENTS.*holdout.*not installed.*allowUnsandboxed/s);
  });

  it("runs unsandboxed only with the explicit opt-out, and warns", async () => {
    const warnings: string[] = [];
    const result = await requireSandbox({ allowUnsandboxed: true, probe: async () => unavailable, warn: (m) => warnings.push(m) });
    expect(result).toEqual({ sandboxed: false, reason: unavailable.reason });
    expect(warnings.join("\n")).toMatch(/WITHOUT A SANDBOX.*not installed/);
  });

  it("warns loudly when the sandbox works but cannot bound the processes", async () => {
    const warnings: string[] = [];
    expect(await requireSandbox({ probe: async () => unbounded, warn: (m) => warnings.push(m) })).toMatchObject({ sandboxed: true });
    expect(warnings.join("\n")).toMatch(/process limit NOT ENFORCED: the factory runs as root/);
    warnings.length = 0;
    await requireSandbox({ probe: async () => available, warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
  });

  it("is sandboxed when bubblewrap works, opt-out or not", async () => {
    expect(await requireSandbox({ probe: async () => available })).toEqual({ sandboxed: true, probe: available });
    expect(await requireSandbox({ allowUnsandboxed: true, probe: async () => available })).toMatchObject({ sandboxed: true });
  });
});
