import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LightsoutError } from "../../../errors.js";
import { executionEnvironmentContract } from "../environment.contract.js";
import { probeSandbox } from "./probe.js";
import { createSandboxEnvironment, type SandboxExecutionEnvironment } from "./sandbox-environment.js";

let workspace: string;

/** Host pids whose command line has `argument`, seen from outside the sandbox. */
function hostProcessesWithArgument(argument: string): string[] {
  return readdirSync("/proc").filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(argument);
    } catch {
      return false;
    }
  });
}
let sandbox: SandboxExecutionEnvironment;

beforeAll(async () => {
  const probe = await probeSandbox();
  if (!probe.available) throw new Error(`These tests need bubblewrap: ${probe.reason}`);
  workspace = await mkdtemp(join(tmpdir(), "lightsout-sandbox-env-"));
  sandbox = createSandboxEnvironment({
    workspace,
    env: { GREETING: "hello", OPENAI_API_KEY: "sk-secret", GITHUB_TOKEN: "ghp-secret" },
    memoryMb: 256,
    maxProcesses: 64,
  });
  await sandbox.initialize();
});

afterAll(async () => {
  await sandbox?.cleanup();
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

executionEnvironmentContract("SandboxExecutionEnvironment (bubblewrap)", async () => {
  const root = await mkdtemp(join(tmpdir(), "lightsout-sandbox-contract-"));
  return {
    env: createSandboxEnvironment({ workspace: root, killGraceMs: 300 }),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
});

describe("SandboxExecutionEnvironment commands", () => {
  it("run in the workspace, and what they write there is on the host", async () => {
    const result = await sandbox.execCommand("pwd && echo made > made.txt && mkdir -p sub && cd sub && pwd");
    expect(result).toMatchObject({ exitCode: 0, stdout: `${workspace}\n${workspace}/sub\n`, timedOut: false });
    expect(await readFile(join(workspace, "made.txt"), "utf8")).toBe("made\n");
  });

  it("start in a given working directory inside the workspace, and refuse one outside", async () => {
    expect((await sandbox.execCommand("pwd", { workingDir: "sub" })).stdout).toBe(`${workspace}/sub\n`);
    await expect(sandbox.execCommand("pwd", { workingDir: "/etc" })).rejects.toMatchObject({ kind: "OUTSIDE_WORKSPACE" });
  });

  it("get the given variables without secrets, plus per-command variables", async () => {
    const result = await sandbox.execCommand("env", { envVars: { EXTRA: "1" } });
    expect(result.stdout).toMatch(/^GREETING=hello$/m);
    expect(result.stdout).toMatch(/^EXTRA=1$/m);
    expect(result.stdout).toMatch(/^HOME=\/tmp$/m);
    expect(result.stdout).not.toMatch(/OPENAI_API_KEY|GITHUB_TOKEN|secret/);
  });

  it("cannot write to the toolchain, and have no capabilities", async () => {
    const result = await sandbox.execCommand("touch /usr/bin/evil; grep CapEff /proc/self/status");
    expect(result.stderr).toMatch(/Read-only file system/);
    expect(result.stdout).toBe("CapEff:\t0000000000000000\n");
  });

  it("are killed with everything they started when the time is up", async () => {
    const result = await sandbox.execCommand("sleep 30 & sleep 30", { timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).not.toBe(0);
  });

  it("leave no background process behind once they end", async () => {
    const marker = `${30 + Math.random()}`;
    const result = await sandbox.execCommand(`(sleep ${marker} &) ; echo started`);
    expect(result.stdout).toBe("started\n");
    await new Promise((resolve) => setTimeout(resolve, 100)); // the namespace's teardown is asynchronous
    expect(hostProcessesWithArgument(marker)).toEqual([]);
  });

  it("stop when aborted", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await sandbox.execCommand("sleep 30", { signal: controller.signal });
    expect(result.aborted).toBe(true);
  });

  it("run under the configured process and memory limits", async () => {
    const result = await sandbox.execCommand("ulimit -u; ulimit -d");
    expect(result.stdout).toBe(`64\n${256 * 1024}\n`);
  });

  it("are held to the memory limit", async () => {
    const result = await sandbox.execCommand(`node -e "const a = []; for (let i = 0; i < 8; i++) a.push(Buffer.allocUnsafe(64 * 1024 * 1024)); console.log('allocated')"`);
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).not.toContain("allocated");
  });

  it("share /tmp only within one command (each command gets a fresh private /tmp)", async () => {
    await sandbox.execCommand("echo x > /tmp/note");
    expect((await sandbox.execCommand("cat /tmp/note")).exitCode).not.toBe(0);
  });
});

describe("SandboxExecutionEnvironment file operations", () => {
  it("read, write, list, grep, glob and delete inside the workspace", async () => {
    await sandbox.writeFile("docs/a.md", "alpha\nbeta\n");
    expect(await sandbox.readFile("docs/a.md", { offset: 2, limit: 1 })).toBe("beta");
    expect(await sandbox.readFile(join(workspace, "docs/a.md"))).toBe("alpha\nbeta\n");
    expect(await sandbox.listDirectory("docs")).toEqual([{ name: "a.md", isDir: false, size: 11 }]);
    expect(await sandbox.grep("beta", ".")).toBe("docs/a.md:2:beta");
    expect(await sandbox.glob("**/*.md")).toEqual(["docs/a.md"]);
    await sandbox.deleteFile("docs/a.md");
    expect(await sandbox.fileExists("docs/a.md")).toBe(false);
  });

  it("follow symlinks that stay inside the workspace", async () => {
    await writeFile(join(workspace, "target.txt"), "inside\n");
    await symlink("target.txt", join(workspace, "alias.txt"));
    expect(await sandbox.readFile("alias.txt")).toBe("inside\n");
    await sandbox.writeFile("alias.txt", "through the link\n");
    expect(await readFile(join(workspace, "target.txt"), "utf8")).toBe("through the link\n");
  });

  it("see the files a command wrote, and wait for a running command before touching files", async () => {
    const command = sandbox.execCommand("sleep 0.3; echo late > late.txt");
    expect(await sandbox.readFile("late.txt")).toBe("late\n");
    await command;
  });

  it("report missing files as NOT_FOUND", async () => {
    await expect(sandbox.readFile("nope.txt")).rejects.toMatchObject({ kind: "NOT_FOUND" });
  });
});

describe("createSandboxEnvironment", () => {
  it("refuses a workspace or toolchain that contains a protected path (a holdout set)", () => {
    expect(() => createSandboxEnvironment({ workspace, protectedPaths: [join(workspace, "holdouts")] })).toThrow(/expose the protected path/);
    expect(() => createSandboxEnvironment({ workspace, readOnlyPaths: ["/usr"], protectedPaths: ["/usr/share/holdouts"] })).toThrow(/inside \/usr/);
    expect(() => createSandboxEnvironment({ workspace, protectedPaths: [join(workspace, "..", "elsewhere")] })).not.toThrow();
  });

  it("refuses to mount the whole host as the toolchain", async () => {
    const exposed = createSandboxEnvironment({ workspace, readOnlyPaths: ["/"] });
    await expect(exposed.execCommand("true")).rejects.toSatisfy((error: unknown) => LightsoutError.isInstance(error));
    await exposed.cleanup();
  });
});
