import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LightsoutError } from "../../errors.js";
import { collectWorkspaceSources } from "./workspace-sources.js";

const made: string[] = [];
afterEach(() => {
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function workspace(files: Record<string, string | Buffer>): string {
  const directory = mkdtempSync(join(tmpdir(), "lightsout-leak-sources-"));
  made.push(directory);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(directory, name, ".."), { recursive: true });
    writeFileSync(join(directory, name), content);
  }
  return directory;
}

function git(directory: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Agent", "-c", "user.email=agent@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", ...args], { cwd: directory, stdio: ["ignore", "pipe", "pipe"] }).toString().trim();
}

const names = (directory: string, options?: { gitHistory?: boolean }): string[] => collectWorkspaceSources(directory, options).map((source) => source.name.replace(directory, "<ws>"));

describe("collectWorkspaceSources: files", () => {
  it("reads every text file, skipping .git, node_modules, binaries, large files and symbolic links", () => {
    const directory = workspace({
      "README.md": "hello",
      "src/app.ts": "export {}",
      "node_modules/dep/index.js": "module.exports = 1",
      "logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      "big.log": "x".repeat(1024 * 1024 + 1),
    });
    symlinkSync("/etc/hostname", join(directory, "outside"));
    expect(names(directory)).toEqual(["<ws>/README.md", "<ws>/src/app.ts"]);
    expect(collectWorkspaceSources(join(directory, "src/app.ts"))).toEqual([{ name: join(directory, "src/app.ts"), text: "export {}" }]);
  });

  it("a file named explicitly is read whatever its size; a missing path is an input error", () => {
    const directory = workspace({ "transcript.jsonl": "y".repeat(2 * 1024 * 1024) });
    expect(collectWorkspaceSources(join(directory, "transcript.jsonl"))[0]!.text.length).toBe(2 * 1024 * 1024);
    const missing = (): unknown => collectWorkspaceSources(join(directory, "nope"));
    expect(missing).toThrow(LightsoutError);
    expect(missing).toThrow(/cannot read .*nope: no such file or directory/);
  });
});

describe("collectWorkspaceSources: git history", () => {
  it("finds a file that was committed and then deleted, named by the commit that added it", () => {
    const directory = workspace({ "app.ts": "v1" });
    git(directory, "init", "-q");
    git(directory, "add", ".");
    git(directory, "commit", "-qm", "start");
    writeFileSync(join(directory, "copied-holdout.md"), "the leaked story");
    git(directory, "add", ".");
    git(directory, "commit", "-qm", "oops");
    const leakCommit = git(directory, "rev-parse", "HEAD").slice(0, 12);
    git(directory, "rm", "-q", "copied-holdout.md");
    git(directory, "commit", "-qm", "remove it");

    const sources = collectWorkspaceSources(directory);
    expect(sources.find((source) => source.text === "the leaked story")?.name).toBe(`git:${leakCommit}:copied-holdout.md`);
    // The current app.ts is read from disk only, not again from history.
    expect(sources.filter((source) => source.text === "v1").map((source) => source.name)).toEqual([join(directory, "app.ts")]);
    expect(collectWorkspaceSources(directory, { gitHistory: false }).map((source) => source.text)).toEqual(["v1"]);
  });

  it("finds text amended or reset away, still in the object store", () => {
    const directory = workspace({ "notes.md": "the leaked story" });
    git(directory, "init", "-q");
    git(directory, "add", ".");
    git(directory, "commit", "-qm", "leak");
    writeFileSync(join(directory, "notes.md"), "clean");
    git(directory, "add", ".");
    git(directory, "commit", "-q", "--amend", "-m", "clean");
    git(directory, "reflog", "expire", "--expire=now", "--all");
    const sources = collectWorkspaceSources(directory);
    expect(sources.find((source) => source.text === "the leaked story")?.name).toMatch(/^git:object:[0-9a-f]{40}$/);
  });

  it("for a directory inside a repository, reads only that directory's history", () => {
    const directory = workspace({ "workspace/a.md": "mine", "holdout/h.yaml": "not the workspace's" });
    git(directory, "init", "-q");
    git(directory, "add", ".");
    git(directory, "commit", "-qm", "both");
    writeFileSync(join(directory, "workspace/a.md"), "mine, changed");
    const texts = collectWorkspaceSources(join(directory, "workspace")).map((source) => `${source.name.replace(directory, "<repo>")}=${source.text}`);
    expect(texts).toHaveLength(2);
    expect(texts).toContain("<repo>/workspace/a.md=mine, changed");
    expect(texts.find((text) => text.startsWith("git:"))).toMatch(/^git:[0-9a-f]{12}:workspace\/a\.md=mine$/);
  });
});
