import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LightsoutError } from "../../../errors.js";
import { probeSandbox, requireSandbox, type SandboxProbe } from "./probe.js";

const unavailable: SandboxProbe = { available: false, reason: "bubblewrap (bwrap) is not installed" };
const available: SandboxProbe = { available: true, bwrapPath: "bwrap", version: "bubblewrap 0.8.0" };

describe("probeSandbox", () => {
  it("finds the installed bubblewrap able to create the sandbox's namespaces", async () => {
    const probe = await probeSandbox();
    expect(probe.available ? probe.version : probe.reason).toMatch(/^bubblewrap /);
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

  it("is sandboxed when bubblewrap works, opt-out or not", async () => {
    expect(await requireSandbox({ probe: async () => available })).toEqual({ sandboxed: true, probe: available });
    expect(await requireSandbox({ allowUnsandboxed: true, probe: async () => available })).toMatchObject({ sandboxed: true });
  });
});
