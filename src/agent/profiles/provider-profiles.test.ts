import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalExecutionEnvironment } from "../execution/local-environment.js";
import { createAnthropicProfile } from "./anthropic-profile.js";
import { createGeminiProfile } from "./gemini-profile.js";
import { createOpenAIProfile } from "./openai-profile.js";

let dir: string;
let env: LocalExecutionEnvironment;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lightsout-profiles-"));
  env = new LocalExecutionEnvironment({ workingDir: dir, useRipgrep: false });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("provider profiles", () => {
  it("OpenAI: codex-aligned tools with apply_patch and no edit_file; reasoning effort as a provider option", async () => {
    const profile = createOpenAIProfile("gpt-5.2-codex", { reasoningEffort: "high" });
    expect(profile.id).toBe("openai");
    expect(profile.tools().map((tool) => tool.name)).toEqual(["read_file", "apply_patch", "write_file", "shell", "grep", "glob"]);
    expect(profile.providerOptions()).toEqual({ openai: { reasoningEffort: "high" } });
    expect(profile.projectDocFiles).toEqual(["AGENTS.md", ".codex/instructions.md"]);
    expect(profile.baseInstructions).toContain("*** Begin Patch");
    const result = await profile.toolRegistry.execute("apply_patch", { patch: "*** Begin Patch\n*** Add File: hello.py\n+print('Hello')\n*** End Patch" }, env);
    expect(result.isError).toBe(false);
    expect(readFileSync(join(dir, "hello.py"), "utf8")).toBe("print('Hello')\n");
  });

  it("Anthropic: Claude Code-aligned tools with edit_file, grep output modes and a 120 s shell default", async () => {
    const profile = createAnthropicProfile("claude-sonnet-4-5", { betaHeaders: ["context-1m-2025-08-07"] });
    expect(profile.tools().map((tool) => tool.name)).toEqual(["read_file", "write_file", "edit_file", "shell", "grep", "glob"]);
    expect(profile.defaultCommandTimeoutMs).toBe(120_000);
    expect(profile.tools().find((tool) => tool.name === "shell")?.description).toContain("120000ms");
    expect(JSON.stringify(profile.tools().find((tool) => tool.name === "grep")?.parameters)).toContain("files_with_matches");
    expect(profile.providerOptions()).toEqual({ anthropic: { betaHeaders: ["context-1m-2025-08-07"] } });
    expect(profile.baseInstructions).toContain("old_string");
    writeFileSync(join(dir, "hello.py"), "print('Hello')\n");
    await profile.toolRegistry.execute("edit_file", { file_path: "hello.py", old_string: "Hello", new_string: "Goodbye" }, env);
    expect(readFileSync(join(dir, "hello.py"), "utf8")).toBe("print('Goodbye')\n");
  });

  it("Gemini: gemini-cli-aligned tools including read_many_files and list_dir", () => {
    const profile = createGeminiProfile("gemini-3-pro", { geminiOptions: { safetySettings: [] } });
    expect(profile.tools().map((tool) => tool.name)).toEqual([
      "read_file", "read_many_files", "write_file", "edit_file", "shell", "grep", "glob", "list_dir",
    ]);
    expect(profile.providerOptions()).toEqual({ google: { safetySettings: [] } });
    expect(profile.projectDocFiles).toEqual(["AGENTS.md", "GEMINI.md"]);
    expect(profile.baseInstructions).toContain("GEMINI.md");
  });

  it("each profile's system prompt covers identity, its own edit tool and when to stop", () => {
    const prompts = {
      openai: createOpenAIProfile("gpt-5").buildSystemPrompt(env, ""),
      anthropic: createAnthropicProfile("claude").buildSystemPrompt(env, ""),
      gemini: createGeminiProfile("gemini").buildSystemPrompt(env, ""),
    };
    expect(prompts.openai).toMatch(/You are a coding agent/);
    expect(prompts.openai).toContain("apply_patch");
    expect(prompts.anthropic).toContain("must be unique");
    expect(prompts.anthropic).not.toContain("apply_patch");
    expect(prompts.gemini).toContain("expected_replacements");
    for (const prompt of Object.values(prompts)) {
      expect(prompt).toContain(`Working directory: ${dir}`);
      expect(prompt).toMatch(/done|Finish/);
    }
  });

  it("a custom tool registered on a profile overrides the profile tool of the same name", async () => {
    const profile = createOpenAIProfile("gpt-5");
    profile.toolRegistry.register({
      definition: { name: "shell", description: "custom shell", parameters: { type: "object", properties: {} } },
      executor: async () => "custom",
    });
    profile.toolRegistry.register({
      definition: { name: "run_tests", description: "Run the tests", parameters: { type: "object", properties: { filter: { type: "string" } } } },
      executor: async () => "ok",
    });
    expect(profile.tools().find((tool) => tool.name === "shell")?.description).toBe("custom shell");
    expect(profile.tools().map((tool) => tool.name)).toContain("run_tests");
    expect(await profile.toolRegistry.execute("shell", {}, env)).toEqual({ output: "custom", isError: false });
  });
});
