import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { realModelFromEnv } from "../factory/demo/run-demo.js";
import { runCliInMemory } from "./run-cli-in-memory.js";

describe("lightsout demo", () => {
  it("--help says what is real and that the model is a script", async () => {
    const { code, stdout } = await runCliInMemory(["demo", "--help"], { cwd: tmpdir() });
    expect(code).toBe(0);
    expect(stdout).toMatch(/scripted stand-in/);
    expect(stdout).toContain("--model");
    expect(stdout).toContain("--resume");
  });

  it("runs a real model when a provider key is set, the script otherwise", () => {
    expect(realModelFromEnv({})).toBeUndefined();
    expect(realModelFromEnv({ OPENAI_API_KEY: "sk-x" })).toBe("openai:gpt-5");
    expect(realModelFromEnv({ ANTHROPIC_API_KEY: "x" })).toMatch(/^anthropic:/);
  });
});
