import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Command, CommanderError } from "commander";
import { expect, test } from "vitest";
import { parseDot } from "../pipeline/index.js";
import { ExitCode } from "./exit-codes.js";
import { createMemoryIo } from "./memory-io.js";
import { reportError } from "./report-error.js";
import { addSpecCompileCommand } from "./spec-compile.js";

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "lightsout-cli-spec-compile-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/** Runs `lightsout spec compile ...` in-process, the way runCli (src/cli/main.ts) does. */
async function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = createMemoryIo({ cwd });
  let code: number = ExitCode.success;
  const program = new Command("lightsout").exitOverride().configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  addSpecCompileCommand(program.command("spec"), io, (exitCode) => {
    code = exitCode;
  });
  try {
    await program.parseAsync(["spec", "compile", ...argv], { from: "user" });
  } catch (error) {
    code = error instanceof CommanderError ? (error.exitCode === 0 ? ExitCode.success : ExitCode.usage) : reportError(error, io);
  }
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

const SPEC = (requirements: string) => `---\napp: { command: node app.mjs }\n---\n# Bridge\n\n## Goal\n\nBridge Jira to Slack.\n\n## Requirements\n\n${requirements}\n\n## Definition of done\n\n- [ ] It works.\n`;

test("prints the pipeline on stdout", async () => {
  const cwd = workspace({ "SPEC.md": SPEC("1. New High issues must be posted.") });
  const result = await run(["SPEC.md"], cwd);
  expect(result).toMatchObject({ code: 0, stderr: "" });
  expect(result.stdout.startsWith("// Compiled by `lightsout spec compile` from SPEC.md.\n")).toBe(true);
  const graph = parseDot(result.stdout);
  expect(graph.name).toBe("bridge");
  expect(graph.attributes["goal"]).toBe("Bridge Jira to Slack.");
});

test("-o writes the file (creating its directory) and says so; warnings go to stderr", async () => {
  const cwd = workspace({ "SPEC.md": SPEC("1. Posting must be quick.") });
  const result = await run(["SPEC.md", "-o", "out/pipeline.dot"], cwd);
  expect(result.code).toBe(0);
  expect(result.stdout).toBe("SPEC.md -> out/pipeline.dot\n");
  expect(result.stderr).toMatch(/^SPEC\.md:12:20: warning unmeasurable-requirement: /);
  expect(parseDot(readFileSync(join(cwd, "out/pipeline.dot"), "utf8")).nodes.has("evaluate")).toBe(true);
});

test("lint errors exit 1 and write nothing", async () => {
  const cwd = workspace({ "SPEC.md": SPEC("1. The bridge must post Low issues.\n2. The bridge must not post Low issues.") });
  const result = await run(["SPEC.md", "-o", "pipeline.dot"], cwd);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr.split("\n")).toEqual([
    'SPEC.md:13:4: error contradiction: R2 contradicts R1 (line 12): "The bridge must not post Low issues" versus "The bridge must post Low issues" (keep one of the two, or narrow one so both can hold)',
    "lightsout: SPEC.md has errors; fix them (lightsout spec lint SPEC.md) and compile again",
    "",
  ]);
  expect(() => readFileSync(join(cwd, "pipeline.dot"))).toThrow();
});

test("a malformed or missing spec exits 2 with the location, no stack trace", async () => {
  const cwd = workspace({ "SPEC.md": "---\nname: Not Kebab\n---\n# T\n" });
  const malformed = await run(["SPEC.md"], cwd);
  expect(malformed.code).toBe(2);
  expect(malformed.stderr.split("\n")[0]).toBe("lightsout: SPEC.md:2:7: error front-matter: name: expected a kebab-case name: lowercase letters and digits joined by single dashes (incident-bridge) (see docs/spec/format.md#front-matter)");
  const missing = await run(["NOPE.md"], cwd);
  expect(missing).toEqual({ code: 2, stdout: "", stderr: "lightsout: NOPE.md: no such file or directory\n" });
});
