import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ExecOptions, ExecutionEnvironment } from "../execution/environment.js";
import { LocalExecutionEnvironment } from "../execution/local-environment.js";
import { ToolRegistry } from "./registry.js";
import { chooseTimeout, createShellTool } from "./shell-tool.js";

let dir: string;
let env: LocalExecutionEnvironment;
const registry = new ToolRegistry([createShellTool()]);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lightsout-shell-"));
  env = new LocalExecutionEnvironment({ workingDir: dir, killGraceMs: 300 });
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await env.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("shell tool", () => {
  it("returns stdout, stderr and the exit code; a failing command is ordinary output", async () => {
    const result = await registry.execute("shell", { command: "echo out; echo err >&2; exit 2" }, env);
    expect(result.isError).toBe(false);
    expect(result.output).toMatch(/^out\n\[stderr\]\nerr\n\[exit code: 2, duration: \d+ms\]$/);
  });

  it("does not let the parent's OPENAI_API_KEY or GITHUB_TOKEN reach `env`", async () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-leak-me");
    vi.stubEnv("GITHUB_TOKEN", "ghp-leak-me");
    vi.stubEnv("LIGHTSOUT_VISIBLE", "visible-value");
    const output = (await registry.execute("shell", { command: "env" }, env)).output;
    expect(output).toContain("LIGHTSOUT_VISIBLE=visible-value");
    expect(output).not.toContain("leak-me");
  });

  it("times out with partial output and the spec's message as an error result", async () => {
    const result = await registry.execute("shell", { command: "echo started; sleep 100", timeout_ms: 300 }, env);
    expect(result.isError).toBe(true);
    expect(result.output).toContain("started");
    expect(result.output).toContain(
      "[ERROR: Command timed out after 300ms. Partial output is shown above.\nYou can retry with a longer timeout by setting the timeout_ms parameter.]",
    );
  });

  it("passes the loop's abort signal to the command", async () => {
    const controller = new AbortController();
    const running = registry.execute("shell", { command: "sleep 100" }, env, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect((await running).output).toContain("[ERROR: Command was cancelled.]");
  });
});

describe("shell timeouts", () => {
  it("uses call > profile > session > 10 s, capped by the session maximum", () => {
    expect(chooseTimeout(undefined, {}, undefined)).toBe(10_000);
    expect(chooseTimeout(undefined, {}, { defaultCommandTimeoutMs: 5_000 })).toBe(5_000);
    expect(chooseTimeout(undefined, { defaultTimeoutMs: 120_000 }, { defaultCommandTimeoutMs: 5_000 })).toBe(120_000);
    expect(chooseTimeout(42, { defaultTimeoutMs: 120_000 }, {})).toBe(42);
    expect(chooseTimeout(10_000_000, {}, {})).toBe(600_000);
    expect(chooseTimeout(90_000, {}, { maxCommandTimeoutMs: 60_000 })).toBe(60_000);
  });

  it("hands the chosen timeout to the environment", async () => {
    const seen: ExecOptions[] = [];
    const fake = {
      execCommand: async (_command: string, options: ExecOptions) => {
        seen.push(options);
        return { stdout: "", stderr: "", exitCode: 0, timedOut: false, durationMs: 1 };
      },
    } as unknown as ExecutionEnvironment;
    await new ToolRegistry([createShellTool({ defaultTimeoutMs: 120_000 })]).execute("shell", { command: "true" }, fake);
    await registry.execute("shell", { command: "true", timeout_ms: 2_500 }, fake);
    expect(seen.map((options) => options.timeoutMs)).toEqual([120_000, 2_500]);
  });
});
