import { describe, expect, it } from "vitest";
import type { ExecutionEnvironment } from "../execution/environment.js";
import { createProfile } from "./profile-base.js";

const environment = {
  workingDirectory: () => "/work/project",
  platform: () => "linux",
  osVersion: () => "Linux 6.1",
} as unknown as ExecutionEnvironment;

const profile = createProfile({
  id: "test",
  model: "m-1",
  baseInstructions: "BASE",
  tools: [{ definition: { name: "t", description: "Does t.\nMore detail.", parameters: { type: "object" } }, executor: async () => "" }],
  projectDocFiles: ["AGENTS.md"],
  supportsReasoning: false,
  supportsParallelToolCalls: false,
  contextWindowSize: 1000,
  now: () => new Date("2026-01-02T03:04:05Z"),
});

describe("createProfile system prompt", () => {
  it("layers base, environment, tools, project docs and user instructions in that order", () => {
    const prompt = profile.buildSystemPrompt(environment, "Use tabs.", { environmentContext: "<environment>E</environment>", userInstructions: "Be brief." });
    expect(prompt).toBe(
      "BASE\n\n<environment>E</environment>\n\n# Available tools\n- t: Does t.\n\n# Project instructions\nUse tabs.\n\n# User instructions (these take precedence)\nBe brief.",
    );
  });

  it("builds a minimal environment block when the loop gives none, and omits empty layers", () => {
    expect(profile.buildSystemPrompt(environment, "")).toBe(
      "BASE\n\n<environment>\nWorking directory: /work/project\nPlatform: linux\nOS version: Linux 6.1\nToday's date: 2026-01-02\nModel: m-1\n</environment>\n\n# Available tools\n- t: Does t.",
    );
  });

  it("tools() follows registrations made after creation", () => {
    profile.toolRegistry.register({ definition: { name: "extra", description: "", parameters: { type: "object" } }, executor: async () => "" });
    expect(profile.tools().map((tool) => tool.name)).toEqual(["t", "extra"]);
  });
});
