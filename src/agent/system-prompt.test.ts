import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createScriptedLlm, textTurn } from "../testing/scripted-llm.js";
import { LocalExecutionEnvironment } from "./execution/local-environment.js";
import { createAnthropicProfile } from "./profiles/anthropic-profile.js";
import { createGeminiProfile } from "./profiles/gemini-profile.js";
import { createOpenAIProfile } from "./profiles/openai-profile.js";
import type { ProviderProfile } from "./profiles/profile.js";
import { createSession } from "./session.js";
import { gatherSystemPromptContext } from "./system-prompt.js";

let root: string;
let workingDir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "lightsout-prompt-"));
  workingDir = path.join(root, "packages", "app");
  await mkdir(path.join(workingDir, ".codex"), { recursive: true });
  await mkdir(path.join(root, ".codex"), { recursive: true });
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: root });
  await writeFile(path.join(root, "AGENTS.md"), "ROOT-AGENTS: use pnpm.\n");
  await writeFile(path.join(root, "CLAUDE.md"), "ROOT-CLAUDE: prefer edit_file.\n");
  await writeFile(path.join(root, "GEMINI.md"), "ROOT-GEMINI: gemini rules.\n");
  await writeFile(path.join(root, ".codex", "instructions.md"), "ROOT-CODEX: codex rules.\n");
  await writeFile(path.join(workingDir, "AGENTS.md"), "APP-AGENTS: this package uses vitest.\n");
  await writeFile(path.join(root, "untracked.txt"), "x");
  execFileSync("git", ["add", "AGENTS.md"], { cwd: root });
  execFileSync("git", ["-c", "user.email=a@b.c", "-c", "user.name=Test", "commit", "-q", "-m", "Initial commit"], { cwd: root });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const fixedDate = () => new Date("2026-03-04T10:00:00Z");

async function systemPromptFor(profile: ProviderProfile, userInstructions?: string): Promise<string> {
  const environment = new LocalExecutionEnvironment({ workingDir });
  const llm = createScriptedLlm([textTurn("ok")]);
  const session = createSession({ profile, environment, llm, now: () => fixedDate().getTime(), ...(userInstructions ? { userInstructions } : {}) });
  await session.submit("Hello");
  const system = llm.requests[0]?.messages[0];
  expect(system?.role).toBe("system");
  return system?.content[0]?.kind === "text" ? system.content[0].text : "";
}

describe("9.8 system prompts", () => {
  it("includes the provider's base instructions, the environment context and the active profile's tool descriptions", async () => {
    const profile = createAnthropicProfile("claude-test");
    const prompt = await systemPromptFor(profile);
    expect(prompt.startsWith(profile.baseInstructions.trim())).toBe(true);
    expect(prompt).toContain(`Working directory: ${workingDir}`);
    expect(prompt).toContain("Is git repository: true");
    expect(prompt).toContain("Git branch: main");
    expect(prompt).toContain(`Platform: ${process.platform}`);
    expect(prompt).toContain("Today's date: 2026-03-04");
    expect(prompt).toContain("Model: claude-test");
    expect(prompt).toMatch(/Status: 0 modified, [1-9]\d* untracked/);
    expect(prompt).toContain("Initial commit");
    expect(prompt).toContain("- edit_file:");
  });

  it("discovers AGENTS.md plus the provider's own file from the git root down to the working directory, deeper last", async () => {
    const anthropic = await systemPromptFor(createAnthropicProfile("claude-test"));
    expect(anthropic).toContain("ROOT-CLAUDE");
    expect(anthropic).not.toContain("ROOT-GEMINI");
    expect(anthropic).not.toContain("ROOT-CODEX");
    expect(anthropic.indexOf("ROOT-AGENTS")).toBeLessThan(anthropic.indexOf("APP-AGENTS"));

    const gemini = await systemPromptFor(createGeminiProfile("gemini-test"));
    expect(gemini).toContain("ROOT-GEMINI");
    expect(gemini).toContain("ROOT-AGENTS");
    expect(gemini).not.toContain("ROOT-CLAUDE");

    const openai = await systemPromptFor(createOpenAIProfile("gpt-test"));
    expect(openai).toContain("ROOT-CODEX");
    expect(openai).toContain("APP-AGENTS");
    expect(openai).not.toContain("ROOT-CLAUDE");
    expect(openai).not.toContain("ROOT-GEMINI");
  });

  it("appends the user's instructions last (highest precedence)", async () => {
    const prompt = await systemPromptFor(createAnthropicProfile("claude-test"), "USER-OVERRIDE: never touch package.json");
    expect(prompt.trimEnd().endsWith("USER-OVERRIDE: never touch package.json")).toBe(true);
    expect(prompt.indexOf("APP-AGENTS")).toBeLessThan(prompt.indexOf("USER-OVERRIDE"));
  });

  it("outside a git repository the working directory is the root and the block says so", async () => {
    const plain = await mkdtemp(path.join(tmpdir(), "lightsout-plain-"));
    try {
      await writeFile(path.join(plain, "AGENTS.md"), "PLAIN-AGENTS\n");
      const context = await gatherSystemPromptContext(createAnthropicProfile("m"), new LocalExecutionEnvironment({ workingDir: plain }), { now: fixedDate });
      expect(context.environmentContext).toContain("Is git repository: false");
      expect(context.environmentContext).not.toContain("Git branch");
      expect(context.projectDocs).toContain("PLAIN-AGENTS");
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });
});
