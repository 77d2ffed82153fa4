import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createScriptedLlm } from "../testing/scripted-llm.js";
import { runFactory } from "./run-factory.js";

const EXAMPLE = join(import.meta.dirname, "..", "..", "examples", "incident-bridge");

describe("runFactory before any agent runs", () => {
  it("refuses to run agents next to holdouts when the sandbox does not work, and creates nothing", async () => {
    const runDir = join(mkdtempSync(join(tmpdir(), "lightsout-run-factory-")), "run");
    const run = runFactory({
      specPath: join(EXAMPLE, "SPEC.md"),
      holdoutDir: join(EXAMPLE, "holdout"),
      runDir,
      model: "openai:gpt-5",
      env: { OPENAI_API_KEY: "test" },
      llm: createScriptedLlm([]),
      probeSandbox: async () => ({ available: false, reason: "bubblewrap is not installed." }),
    });
    await expect(run).rejects.toMatchObject({ code: "INPUT", message: expect.stringMatching(/^REFUSING TO RUN AGENTS: the bubblewrap sandbox is unavailable.*--allow-unsandboxed/) });
    expect(existsSync(runDir)).toBe(false);
  });

  it("refuses holdouts that do not lint as holdouts (no canaries), with the file", async () => {
    const run = runFactory({ specPath: join(EXAMPLE, "SPEC.md"), holdoutDir: join(EXAMPLE, "scenarios"), runDir: join(tmpdir(), "never"), model: "openai:gpt-5", env: { OPENAI_API_KEY: "test" } });
    await expect(run).rejects.toMatchObject({ code: "SCENARIO", message: expect.stringMatching(/scenarios\/[a-z-]+\.yaml:\d+:\d+: .*canary/) });
  });

  it("a threshold outside [0, 1] is bad input", async () => {
    const run = runFactory({ specPath: join(EXAMPLE, "SPEC.md"), holdoutDir: join(EXAMPLE, "holdout"), runDir: join(tmpdir(), "never"), threshold: 1.5 });
    await expect(run).rejects.toMatchObject({ code: "INPUT", message: expect.stringMatching(/--threshold must be between 0 and 1/) });
  });
});
