import { describe, expect, it } from "vitest";
import { formatEnvironmentContext, snapshotGit } from "./environment-context.js";
import type { ExecutionEnvironment, ExecResult } from "./execution/environment.js";

function environmentAnswering(result: Partial<ExecResult>): ExecutionEnvironment {
  return { execCommand: async () => ({ stdout: "", stderr: "", exitCode: 0, timedOut: false, durationMs: 1, ...result }) } as unknown as ExecutionEnvironment;
}

describe("environment context (6.3, 6.4)", () => {
  it("formats the environment block and the git summary", () => {
    const text = formatEnvironmentContext({
      workingDirectory: "/repo/app",
      platform: "linux",
      osVersion: "Linux 6.1",
      model: "claude-sonnet-4-5",
      date: new Date("2026-01-02T03:04:05Z"),
      git: { root: "/repo", branch: "main", modifiedCount: 2, untrackedCount: 1, recentCommits: ["abc123 Add a thing"] },
    });
    expect(text).toBe(
      [
        "<environment>",
        "Working directory: /repo/app",
        "Is git repository: true",
        "Git branch: main",
        "Platform: linux",
        "OS version: Linux 6.1",
        "Today's date: 2026-01-02",
        "Model: claude-sonnet-4-5",
        "</environment>",
        "<git>",
        "Status: 2 modified, 1 untracked",
        "Recent commits:",
        "  abc123 Add a thing",
        "</git>",
      ].join("\n"),
    );
  });

  it("parses the one git command's sections, and reports no repository when it fails", async () => {
    const stdout = "/repo\n@@lightsout-git@@\nfeature\n@@lightsout-git@@\n M a.ts\n?? b.ts\n M c.ts\n@@lightsout-git@@\nabc First\ndef Second\n";
    expect(await snapshotGit(environmentAnswering({ stdout }))).toEqual({
      root: "/repo",
      branch: "feature",
      modifiedCount: 2,
      untrackedCount: 1,
      recentCommits: ["abc First", "def Second"],
    });
    expect(await snapshotGit(environmentAnswering({ exitCode: 3 }))).toBeUndefined();
  });
});
