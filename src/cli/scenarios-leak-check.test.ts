import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { runCliInMemory } from "./run-cli-in-memory.js";

const made: string[] = [];
afterEach(() => {
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "lightsout-cli-leak-check-"));
  made.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/** Runs `lightsout scenarios leak-check ...` in-process through the real CLI entry. */
const run = (argv: string[], cwd: string) => runCliInMemory(["scenarios", "leak-check", ...argv], { cwd });

const CANARY = "lightsout-canary-5f0c1e2d3b4a59687766554433221100";
const STORY = "As the finance lead I want every refund above five hundred euros held until a manager approves it in the finance channel.";
const HOLDOUT = `id: refund-approval\ntitle: Large refunds wait for a manager\ncanary: ${CANARY}\nstory: ${STORY}\nexpect:\n  - app: { where: { exitCode: 0 } }\n`;

function git(directory: string, ...args: string[]): void {
  execFileSync("git", ["-c", "user.name=Agent", "-c", "user.email=agent@example.com", "-c", "commit.gpgsign=false", ...args], { cwd: directory, stdio: "ignore" });
}

test("a clean workspace exits 0 with a summary", async () => {
  const root = workspace({ "holdout/refund.yaml": HOLDOUT, "agent/src/app.ts": "export const refunds = [];\n", "agent/README.md": "Refunds are handled by the finance service.\n" });
  const result = await run(["--holdout", "holdout", "agent"], root);
  expect(result).toEqual({ code: 0, stdout: "no leaks: 1 holdout scenario checked against 2 sources\n", stderr: "" });
});

test("a canary or copied story exits 1 with source:line lines, paths relative to the working directory", async () => {
  const root = workspace({
    "holdout/refund.yaml": HOLDOUT,
    "agent/notes.md": `# Notes\n\nThe tests say: as the finance lead I want every refund above five hundred euros\nheld until a manager approves it.\n`,
    "agent/copy.yaml": `# ${CANARY}\n`,
  });
  const result = await run(["--holdout", "holdout", "agent"], root);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe(
    [
      `agent/copy.yaml:1: canary of refund-approval: "${CANARY}"`,
      'agent/notes.md:3: verbatim of refund-approval: "as the finance lead I want every refund above five hundred euros held until a manager approves it"',
      "2 leaks of 1 holdout scenario in 2 sources checked",
      "",
    ].join("\n"),
  );
});

test("finds a leak committed and deleted from a git workspace, unless --no-git-history", async () => {
  const root = workspace({ "holdout/refund.yaml": HOLDOUT, "agent/app.ts": "export {};\n" });
  const agent = join(root, "agent");
  git(agent, "init", "-q");
  writeFileSync(join(agent, "scratch.md"), STORY);
  git(agent, "add", ".");
  git(agent, "commit", "-qm", "notes");
  git(agent, "rm", "-q", "scratch.md");
  git(agent, "commit", "-qm", "tidy up");

  const result = await run(["--holdout", "holdout", "agent", "--json"], root);
  expect(result.code).toBe(1);
  const report = JSON.parse(result.stdout) as { scenarios: number; leaks: { source: string; line: number; kind: string; scenarioId: string }[] };
  expect(report.scenarios).toBe(1);
  expect(report.leaks).toEqual([expect.objectContaining({ source: expect.stringMatching(/^git:[0-9a-f]{12}:scratch\.md$/), line: 1, kind: "verbatim", scenarioId: "refund-approval" })]);

  expect((await run(["--holdout", "holdout", "agent", "--no-git-history"], root)).code).toBe(0);
});

test("holdouts inside the scanned path are leaks, with a note saying why", async () => {
  const root = workspace({ "holdout/refund.yaml": HOLDOUT });
  const result = await run(["--holdout", "holdout", "."], root);
  expect(result.code).toBe(1);
  expect(result.stderr).toBe("lightsout: note: the holdouts (holdout) are inside .: whoever works there can read them\n");
  expect(result.stdout).toMatch(/^holdout\/refund\.yaml:3: canary of refund-approval/m);
});

test("bad input exits 2 with one line: missing paths, an invalid holdout file, no --holdout", async () => {
  const root = workspace({ "holdout/refund.yaml": HOLDOUT, "broken/bad.yaml": "id: [unclosed\n", "agent/a.md": "x" });
  expect(await run(["--holdout", "holdout", "nowhere"], root)).toEqual({ code: 2, stdout: "", stderr: "lightsout: nowhere: no such file or directory\n" });
  expect(await run(["--holdout", "missing", "agent"], root)).toEqual({ code: 2, stdout: "", stderr: "lightsout: missing: no such file or directory\n" });
  const broken = await run(["--holdout", "broken", "agent"], root);
  expect(broken.code).toBe(2);
  expect(broken.stderr).toMatch(/^lightsout: .*bad\.yaml:\d+:\d+: invalid YAML/);
  expect((await run(["agent"], root)).code).toBe(2);
});
