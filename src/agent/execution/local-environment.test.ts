import { mkdtempSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { executionEnvironmentContract } from "./environment.contract.js";
import { ExecutionError } from "./environment.js";
import { LocalExecutionEnvironment } from "./local-environment.js";

let dir: string;
let env: LocalExecutionEnvironment;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lightsout-localenv-"));
  env = new LocalExecutionEnvironment({ workingDir: dir, killGraceMs: 300, useRipgrep: false });
});
afterEach(async () => {
  await env.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

executionEnvironmentContract("LocalExecutionEnvironment (JS search)", async () => {
  const root = mkdtempSync(join(tmpdir(), "lightsout-contract-"));
  return {
    env: new LocalExecutionEnvironment({ workingDir: root, useRipgrep: false, killGraceMs: 300 }),
    dispose: async () => rmSync(root, { recursive: true, force: true }),
  };
});

/** Running (a zombie left for init to reap is dead). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3));
  } catch {
    return false;
  }
}

describe("LocalExecutionEnvironment files", () => {
  it("writes (creating parents), reads with offset/limit, lists and deletes", async () => {
    await env.writeFile("a/b/c.txt", "one\ntwo\nthree\n");
    expect(readFileSync(join(dir, "a/b/c.txt"), "utf8")).toBe("one\ntwo\nthree\n");
    expect(await env.readFile("a/b/c.txt", { offset: 2, limit: 1 })).toBe("two");
    expect(await env.fileExists("a/b/c.txt")).toBe(true);
    expect(await env.listDirectory(".", 3)).toEqual([
      { name: "a", isDir: true },
      { name: "a/b", isDir: true },
      { name: "a/b/c.txt", isDir: false, size: 14 },
    ]);
    await env.deleteFile("a/b/c.txt");
    expect(await env.fileExists("a/b/c.txt")).toBe(false);
  });

  it("reports a missing file as NOT_FOUND", async () => {
    await expect(env.readFile("nope.txt")).rejects.toMatchObject({ kind: "NOT_FOUND", message: "File not found: nope.txt" });
  });

  it("refuses relative paths that climb out, reads absolute paths anywhere, refuses writes outside", async () => {
    const outside = mkdtempSync(join(tmpdir(), "lightsout-outside-"));
    writeFileSync(join(outside, "x.txt"), "outside");
    try {
      await expect(env.readFile("../x.txt")).rejects.toBeInstanceOf(ExecutionError);
      expect(await env.readFile(join(outside, "x.txt"))).toBe("outside");
      await expect(env.writeFile(join(outside, "y.txt"), "no")).rejects.toMatchObject({ kind: "OUTSIDE_WORKSPACE" });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("globs newest first and skips node_modules", async () => {
    mkdirSync(join(dir, "src/deep"), { recursive: true });
    mkdirSync(join(dir, "node_modules/pkg"), { recursive: true });
    writeFileSync(join(dir, "src/old.ts"), "");
    writeFileSync(join(dir, "src/deep/new.ts"), "");
    writeFileSync(join(dir, "node_modules/pkg/index.ts"), "");
    writeFileSync(join(dir, "src/readme.md"), "");
    utimesSync(join(dir, "src/old.ts"), new Date(2000, 1, 1), new Date(2000, 1, 1));
    expect(await env.glob("**/*.ts")).toEqual(["src/deep/new.ts", "src/old.ts"]);
    expect(await env.glob("*.ts", "src")).toEqual(["src/old.ts"]);
  });

  it("greps with the JS implementation in three output modes", async () => {
    writeFileSync(join(dir, "a.py"), "def foo():\n    return FOO\n");
    writeFileSync(join(dir, "b.txt"), "foo\n");
    expect(await env.grep("foo", undefined, { caseInsensitive: true, globFilter: "*.py" })).toBe("a.py:1:def foo():\na.py:2:    return FOO");
    expect(await env.grep("foo", ".", { outputMode: "files_with_matches" })).toBe("a.py\nb.txt");
    expect(await env.grep("foo", ".", { outputMode: "count", caseInsensitive: true })).toBe("a.py:2\nb.txt:1");
    expect(await env.grep("foo", ".", { maxResults: 1 })).toBe("a.py:1:def foo():");
    await expect(env.grep("(", ".")).rejects.toMatchObject({ kind: "INVALID_PATTERN" });
  });

  it("reports its metadata", () => {
    expect(env.workingDirectory()).toBe(dir);
    expect(env.platform()).toBe(process.platform);
    expect(env.osVersion()).not.toBe("");
  });
});

describe("LocalExecutionEnvironment commands", () => {
  it("captures stdout, stderr and the exit code in the working directory", async () => {
    const result = await env.execCommand("pwd; echo err >&2; exit 3");
    expect(result.stdout.trim()).toBe(dir);
    expect(result.stderr).toBe("err\n");
    expect(result.exitCode).toBe(3);
    expect(result.timedOut).toBe(false);
  });

  it("refuses a working directory that does not exist", async () => {
    await expect(env.execCommand("true", { workingDir: "missing" })).rejects.toMatchObject({ kind: "NOT_FOUND", message: "File not found: missing" });
  });

  it("passes per-command variables but not the parent's secrets", async () => {
    const secrets = new LocalExecutionEnvironment({
      workingDir: dir,
      parentEnv: { PATH: process.env["PATH"], OPENAI_API_KEY: "sk-secret", GITHUB_TOKEN: "ghp-secret", VISIBLE: "yes" },
    });
    const result = await secrets.execCommand("env", { envVars: { EXTRA: "1" } });
    expect(result.stdout).toContain("VISIBLE=yes");
    expect(result.stdout).toContain("EXTRA=1");
    expect(result.stdout).not.toContain("secret");
  });

  it("on timeout kills the whole process group, background children included", async () => {
    const result = await env.execCommand("sleep 100 & echo $!; sleep 100 & echo $!; wait", { timeoutMs: 500 });
    expect(result.timedOut).toBe(true);
    const pids = result.stdout.trim().split("\n").map(Number);
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
  });

  it("escalates to SIGKILL when the group ignores SIGTERM", async () => {
    const result = await env.execCommand("trap '' TERM; sleep 100 & echo $!; wait", { timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(isAlive(Number(result.stdout.trim()))).toBe(false);
  });

  it("kills the command when the signal aborts", async () => {
    const controller = new AbortController();
    const running = env.execCommand("sleep 100", { timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const result = await running;
    expect(result.aborted).toBe(true);
    expect(result.timedOut).toBe(false);
  });

  it("returns when the shell exits even if a background child keeps the pipes open, and cleanup kills it", async () => {
    const result = await env.execCommand("sleep 100 & echo $!");
    expect(result.exitCode).toBe(0);
    const pid = Number(result.stdout.trim());
    await env.cleanup();
    expect(isAlive(pid)).toBe(false);
  });
});
