import { describe, expect, it } from "vitest";
import { directoriesFromRoot, fitBudget, PROJECT_DOCS_TRUNCATION_MARKER, projectDocFilesFor } from "./project-docs.js";

describe("project document discovery (6.5)", () => {
  it("walks from the root down to the working directory, root first", () => {
    expect(directoriesFromRoot("/repo", "/repo/packages/app")).toEqual(["/repo", "/repo/packages", "/repo/packages/app"]);
    expect(directoriesFromRoot("/repo", "/repo")).toEqual(["/repo"]);
    expect(directoriesFromRoot("/repo", "/elsewhere")).toEqual(["/elsewhere"]);
  });

  it("loads AGENTS.md for every provider, and only the active provider's own file", () => {
    expect(projectDocFilesFor("anthropic")).toEqual(["AGENTS.md", "CLAUDE.md"]);
    expect(projectDocFilesFor("gemini")).toEqual(["AGENTS.md", "GEMINI.md"]);
    expect(projectDocFilesFor("openai")).toEqual(["AGENTS.md", ".codex/instructions.md"]);
    expect(projectDocFilesFor("other")).toEqual(["AGENTS.md"]);
  });

  it("keeps the total within the 32 KB budget and marks the cut", () => {
    const text = "é".repeat(40_000);
    const cut = fitBudget(text, 32 * 1024);
    expect(Buffer.byteLength(cut, "utf8")).toBeLessThanOrEqual(32 * 1024);
    expect(cut.endsWith(PROJECT_DOCS_TRUNCATION_MARKER)).toBe(true);
    expect(cut).not.toContain("\uFFFD");
    expect(fitBudget("short", 32 * 1024)).toBe("short");
  });
});
