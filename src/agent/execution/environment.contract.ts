/**
 * The ExecutionEnvironment contract suite: what every implementation (local, sandbox, a
 * consumer's Docker or SSH one) must do for the tools to work unchanged. Call it from a test
 * file with a factory for a fresh environment rooted at an empty directory.
 * Test-only (imports vitest); not exported from the index.
 */
import { describe, expect, it } from "vitest";
import type { ExecutionEnvironment } from "./environment.js";

export interface ContractSubject {
  readonly env: ExecutionEnvironment;
  readonly dispose: () => Promise<void>;
}

export function executionEnvironmentContract(name: string, create: () => Promise<ContractSubject>): void {
  const withEnv = (test: (env: ExecutionEnvironment) => Promise<void>) => async () => {
    const subject = await create();
    try {
      await subject.env.initialize();
      await test(subject.env);
    } finally {
      await subject.env.cleanup();
      await subject.dispose();
    }
  };

  describe(`ExecutionEnvironment contract: ${name}`, () => {
    it("writes, reads (whole and by lines), checks, lists and deletes files by relative path", withEnv(async (env) => {
      await env.writeFile("dir/f.txt", "l1\nl2\nl3\n");
      expect(await env.readFile("dir/f.txt")).toBe("l1\nl2\nl3\n");
      expect(await env.readFile("dir/f.txt", { offset: 2, limit: 1 })).toBe("l2");
      expect(await env.fileExists("dir/f.txt")).toBe(true);
      expect((await env.listDirectory("dir")).map((entry) => [entry.name, entry.isDir])).toEqual([["f.txt", false]]);
      await env.deleteFile("dir/f.txt");
      expect(await env.fileExists("dir/f.txt")).toBe(false);
    }));

    it("throws ExecutionError NOT_FOUND for a missing file", withEnv(async (env) => {
      await expect(env.readFile("missing.txt")).rejects.toMatchObject({ name: "ExecutionError", kind: "NOT_FOUND" });
    }));

    it("runs commands in the working directory with per-command variables", withEnv(async (env) => {
      await env.writeFile("sub/marker.txt", "");
      const result = await env.execCommand('ls; echo "$GREETING" >&2; exit 4', { workingDir: "sub", envVars: { GREETING: "hi" } });
      expect(result).toMatchObject({ stdout: "marker.txt\n", stderr: "hi\n", exitCode: 4, timedOut: false });
    }));

    it("times out a command and reports it", withEnv(async (env) => {
      const result = await env.execCommand("echo before; sleep 30", { timeoutMs: 300 });
      expect(result.timedOut).toBe(true);
      expect(result.stdout).toBe("before\n");
    }));

    it("hands out output chunks while the command runs, adding up to the result", withEnv(async (env) => {
      const chunks: { stream: string; text: string; at: number }[] = [];
      const result = await env.execCommand("echo one; sleep 0.4; echo two >&2; printf 'caf\\303\\251'", {
        onOutput: (chunk) => chunks.push({ ...chunk, at: Date.now() }),
      });
      const ended = Date.now();
      expect(result).toMatchObject({ stdout: "one\ncafé", stderr: "two\n", exitCode: 0 });
      expect(chunks.filter((chunk) => chunk.stream === "stdout").map((chunk) => chunk.text).join("")).toBe("one\ncafé");
      expect(chunks.filter((chunk) => chunk.stream === "stderr").map((chunk) => chunk.text).join("")).toBe("two\n");
      expect(chunks[0]).toMatchObject({ stream: "stdout", text: "one\n" });
      expect(ended - chunks[0]!.at).toBeGreaterThanOrEqual(300); // streamed, not delivered at the end
    }));

    it("greps and globs with paths relative to the working directory", withEnv(async (env) => {
      await env.writeFile("src/a.ts", "const needle = 1;\n");
      await env.writeFile("src/b.md", "no\n");
      expect(await env.grep("needle", undefined, {})).toBe("src/a.ts:1:const needle = 1;");
      expect(await env.glob("**/*.ts")).toEqual(["src/a.ts"]);
    }));

    it("reports its working directory and platform", withEnv(async (env) => {
      expect(env.workingDirectory()).not.toBe("");
      expect(env.platform()).not.toBe("");
    }));
  });
}
