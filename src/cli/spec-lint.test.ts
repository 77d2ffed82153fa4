import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Command, CommanderError } from "commander";
import { expect, test } from "vitest";
import type { SpecIssue } from "../spec/index.js";
import { ExitCode } from "./exit-codes.js";
import { createMemoryIo } from "./memory-io.js";
import { reportError } from "./report-error.js";
import { addSpecLintCommand } from "./spec-lint.js";

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "lightsout-cli-spec-lint-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/**
 * Runs `lightsout spec lint ...` in-process, the way runCli (src/cli/main.ts) does: a program with
 * a `spec` group, commander errors as usage, anything thrown through reportError.
 */
async function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = createMemoryIo({ cwd });
  let code: number = ExitCode.success;
  const program = new Command("lightsout").exitOverride().configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  addSpecLintCommand(program.command("spec"), io, (exitCode) => {
    code = exitCode;
  });
  try {
    await program.parseAsync(["spec", "lint", ...argv], { from: "user" });
  } catch (error) {
    code = error instanceof CommanderError ? (error.exitCode === 0 ? ExitCode.success : ExitCode.usage) : reportError(error, io);
  }
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

const SPEC = (requirements: string) => `---\napp: { command: node app.mjs }\n---\n# Bridge\n\n## Goal\n\nBridge Jira to Slack.\n\n## Requirements\n\n${requirements}\n\n## Definition of done\n\n- [ ] It works.\n`;

test("a clean spec exits 0 with a summary", async () => {
  const cwd = workspace({ "SPEC.md": SPEC("1. New High issues must be posted.") });
  expect(await run(["SPEC.md"], cwd)).toEqual({ code: 0, stdout: "SPEC.md: 1 requirement, 0 errors, 0 warnings\n", stderr: "" });
});

test("warnings print file:line:col: severity rule: message (hint) and still exit 0", async () => {
  const cwd = workspace({ "specs/SPEC.md": SPEC("1. Posting must be fast.") });
  const result = await run(["specs/SPEC.md"], cwd);
  expect(result.code).toBe(0);
  expect(result.stdout.split("\n")).toEqual([
    'specs/SPEC.md:12:20: warning unmeasurable-requirement: R1 says "fast" with no measure, so no scenario can check it (say how much: a number with a unit (under 200 ms), a percentage, or a comparison (at most 3 retries))',
    "specs/SPEC.md: 1 requirement, 0 errors, 1 warning",
    "",
  ]);
});

test("errors exit 1, structural ones included", async () => {
  const cwd = workspace({ "SPEC.md": SPEC("1. **R1** Posting must happen.\n2. **R1** Posting must not happen.").replace("## Goal", "## Goals") });
  const result = await run(["SPEC.md"], cwd);
  expect(result.code).toBe(1);
  expect(result.stdout.split("\n").map((line) => /^\S+:\d+:\d+: (error|warning) [\w-]+/.exec(line)?.[0] ?? line)).toEqual([
    "SPEC.md:4:1: error missing-section",
    "SPEC.md:6:1: warning unknown-section",
    "SPEC.md:13:11: error contradiction",
    "SPEC.md:13:11: error duplicate-requirement-id",
    "SPEC.md: 2 requirements, 3 errors, 1 warning",
    "",
  ]);
});

test("--scenarios turns on coverage; --json prints the counts and the issues", async () => {
  const cwd = workspace({ "SPEC.md": SPEC("1. New High issues must be posted.\n2. Low issues must not be posted.") });
  cpSync("examples/incident-bridge/scenarios/ignore-low-priority.yaml", join(cwd, "scenarios/ignore-low-priority.yaml"));
  cpSync("examples/incident-bridge/scenarios/fixtures", join(cwd, "scenarios/fixtures"), { recursive: true });
  writeFileSync(join(cwd, "scenarios/ignore-low-priority.yaml"), (await import("node:fs")).readFileSync(join(cwd, "scenarios/ignore-low-priority.yaml"), "utf8").replace("tags: [jira-to-slack]", "tags: [jira-to-slack, R2]"));
  const result = await run(["SPEC.md", "--scenarios", "scenarios", "--json"], cwd);
  expect(result.stderr).toBe("");
  const printed = JSON.parse(result.stdout) as { file: string; name: string; requirements: number; errors: number; warnings: number; issues: SpecIssue[] };
  expect(printed).toMatchObject({ file: "SPEC.md", name: "bridge", requirements: 2, errors: 0, warnings: 1 });
  expect(printed.issues).toEqual([expect.objectContaining({ file: "SPEC.md", line: 12, column: 4, rule: "uncovered-requirement", severity: "warning" })]);
});

test("a missing spec or scenario path exits 2 with one line each on stderr", async () => {
  const cwd = workspace({ "SPEC.md": SPEC("1. New High issues must be posted.") });
  expect(await run(["NOPE.md", "--scenarios", "nowhere"], cwd)).toEqual({
    code: 2,
    stdout: "",
    stderr: "lightsout: NOPE.md: no such file or directory\nlightsout: nowhere: no such file or directory\n",
  });
});

test("a scenario that cannot be loaded exits 2 with its location", async () => {
  const cwd = workspace({ "SPEC.md": SPEC("1. New High issues must be posted."), "scenarios/bad.yaml": "id: bad\ntitle: [\n" });
  const result = await run(["SPEC.md", "--scenarios", "scenarios"], cwd);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^lightsout: .*scenarios\/bad\.yaml:\d+:\d+: /);
});

test("the example spec lints clean against its visible scenarios", async () => {
  const result = await run(["examples/incident-bridge/SPEC.md", "--scenarios", "examples/incident-bridge/scenarios"], process.cwd());
  expect(result).toEqual({ code: 0, stdout: "examples/incident-bridge/SPEC.md: 6 requirements, 0 errors, 0 warnings\n", stderr: "" });
});
