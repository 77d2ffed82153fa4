import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkHoldoutSeparation, commitIteration, describeFiles, headSubject, prepareWorkspace } from "./workspace.js";

function scratch(): { root: string; spec: string; holdout: string; visible: string } {
  const root = mkdtempSync(join(tmpdir(), "lightsout-workspace-"));
  const spec = join(root, "SPEC.md");
  writeFileSync(spec, "# A spec\n");
  mkdirSync(join(root, "holdout"));
  mkdirSync(join(root, "visible"));
  writeFileSync(join(root, "visible", "one.yaml"), "id: one\n");
  return { root, spec, holdout: join(root, "holdout"), visible: join(root, "visible") };
}

const subjects = (workspace: string): string[] => execFileSync("git", ["log", "--format=%s"], { cwd: workspace, encoding: "utf8" }).trim().split("\n");

describe("checkHoldoutSeparation", () => {
  it("refuses a workspace inside the holdouts and holdouts inside the workspace, and allows siblings", () => {
    expect(() => checkHoldoutSeparation("/data/holdout/ws", "/data/holdout")).toThrow(/workspace .* is inside the holdout directory/);
    expect(() => checkHoldoutSeparation("/data/holdout", "/data/holdout")).toThrow(/inside the holdout directory/);
    expect(() => checkHoldoutSeparation("/data", "/data/holdout")).toThrow(/holdout directory .* is inside the workspace/);
    expect(() => checkHoldoutSeparation("/data/ws", "/data/holdout")).not.toThrow();
    expect(() => checkHoldoutSeparation("/data/holdout-ws", "/data/holdout")).not.toThrow();
  });
});

describe("prepareWorkspace", () => {
  it("creates a git repository with SPEC.md and the visible scenarios as scenarios/, in one commit", () => {
    const { root, spec, holdout, visible } = scratch();
    const workspace = join(root, "ws");
    expect(prepareWorkspace({ workspaceDir: workspace, specPath: spec, holdoutDir: holdout, visibleDir: visible })).toEqual({ created: true });
    expect(readFileSync(join(workspace, "SPEC.md"), "utf8")).toBe("# A spec\n");
    expect(existsSync(join(workspace, "scenarios", "one.yaml"))).toBe(true);
    expect(subjects(workspace)).toEqual(["factory: the spec and the visible scenarios"]);
    // A second call (a resumed run) leaves the repository as it is.
    expect(prepareWorkspace({ workspaceDir: workspace, specPath: spec, holdoutDir: holdout })).toEqual({ created: false });
    expect(subjects(workspace)).toHaveLength(1);
  });

  it("refuses a non-empty directory that is not a workspace, so it never commits someone's files", () => {
    const { root, spec, holdout } = scratch();
    const workspace = join(root, "mine");
    mkdirSync(workspace);
    writeFileSync(join(workspace, "notes.txt"), "mine");
    expect(() => prepareWorkspace({ workspaceDir: workspace, specPath: spec, holdoutDir: holdout })).toThrow(/exists and is not empty/);
  });

  it("refuses holdouts inside the visible scenarios, which are copied into the workspace", () => {
    const { root, spec, visible } = scratch();
    mkdirSync(join(visible, "hidden"));
    expect(() => prepareWorkspace({ workspaceDir: join(root, "ws"), specPath: spec, holdoutDir: join(visible, "hidden"), visibleDir: visible })).toThrow(/inside the visible scenarios/);
  });
});

describe("commitIteration", () => {
  it("commits the iteration's files with the summary, once: a repeated call returns the same commit", () => {
    const { root, spec, holdout } = scratch();
    const workspace = join(root, "ws");
    prepareWorkspace({ workspaceDir: workspace, specPath: spec, holdoutDir: holdout });
    writeFileSync(join(workspace, "app.mjs"), "console.log(1)\n");
    const first = commitIteration(workspace, 1, (files) => `${describeFiles(files)} — satisfaction 0.50 [0.20, 0.80], gate failed`);
    expect(first.files).toEqual(["app.mjs"]);
    expect(headSubject(workspace)).toBe("iteration 1: app.mjs — satisfaction 0.50 [0.20, 0.80], gate failed");
    const again = commitIteration(workspace, 1, () => "other");
    expect(again.commit).toBe(first.commit);
    expect(subjects(workspace)).toHaveLength(2);
    const empty = commitIteration(workspace, 2, (files) => describeFiles(files));
    expect(headSubject(workspace)).toBe("iteration 2: no file changes");
    expect(empty.files).toEqual([]);
  });
});

describe("describeFiles", () => {
  it("names up to four files, then counts the rest", () => {
    expect(describeFiles(["a", "b"])).toBe("a, b");
    expect(describeFiles(["a", "b", "c", "d", "e", "f"])).toBe("a, b, c, d and 2 more");
  });
});
