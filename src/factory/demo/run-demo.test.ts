import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDemo } from "./run-demo.js";

const NO_BUBBLEWRAP = async () => ({ available: false as const, reason: "bubblewrap is not installed." });

describe("the demo on a machine without bubblewrap", () => {
  it("runs the scripted stand-in unsandboxed, saying so, and the report records it", async () => {
    const runDir = join(mkdtempSync(join(tmpdir(), "lightsout-demo-nobwrap-")), "run");
    const warnings: string[] = [];
    const result = await runDemo({ runDir, env: {}, probeSandbox: NO_BUBBLEWRAP, warn: (message) => warnings.push(message), maxIterations: 1 });
    expect(warnings.join("\n")).toMatch(/bubblewrap is not usable here \(bubblewrap is not installed\.\); the demo's scripted stand-in runs without the sandbox/);
    expect(warnings.join("\n")).toMatch(/A real model .* is refused without it/);
    // One iteration of the scripted demo misses holdouts: not shipped, but it ran.
    expect(result).toMatchObject({ status: "not-shipped", stopReason: "max-iterations" });
    expect(result.iterations).toHaveLength(1);
    expect(readFileSync(join(runDir, "report.md"), "utf8")).toMatch(/scripted stand-in/);
  }, 120_000);

  it("refuses a real model, as lightsout run does, and creates nothing", async () => {
    const runDir = join(mkdtempSync(join(tmpdir(), "lightsout-demo-nobwrap-")), "run");
    const run = runDemo({ runDir, env: { OPENAI_API_KEY: "sk-test" }, model: "openai:gpt-5", probeSandbox: NO_BUBBLEWRAP, warn: () => undefined });
    await expect(run).rejects.toMatchObject({ code: "INPUT", message: expect.stringMatching(/^REFUSING TO RUN AGENTS/) });
    expect(existsSync(runDir)).toBe(false);
  });
});
