import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import type { Diagnostic } from "../pipeline/validation/index.js";
import { runCli } from "./main.js";
import { createMemoryIo } from "./memory-io.js";

function workspace(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), "lightsout-cli-validate-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
  return directory;
}

const VALID_WITH_WARNING = `digraph warned {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  bare
  start -> bare -> exit
}`;

const INVALID = `digraph invalid {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  start -> exit
  exit -> nowhere
}`;

test("a valid pipeline exits 0, warnings included, with file:line:col diagnostics and a summary", async () => {
  const io = createMemoryIo({ cwd: workspace({ "warned.dot": VALID_WITH_WARNING }) });
  expect(await runCli(["pipeline", "validate", "warned.dot"], io)).toBe(0);
  expect(io.stdoutText()).toMatch(/^warned\.dot:4:3: warning \[prompt_on_llm_nodes\] .+\(fix: .+\)$/m);
  expect(io.stdoutText()).toMatch(/^warned\.dot: valid \(0 errors, 1 warning\)\n$/m);
  expect(io.stderrText()).toBe("");
});

test("errors exit 1", async () => {
  const io = createMemoryIo({ cwd: workspace({ "invalid.dot": INVALID }) });
  expect(await runCli(["pipeline", "validate", "invalid.dot"], io)).toBe(1);
  expect(io.stdoutText()).toMatch(/^invalid\.dot:\d+:\d+: error \[/m);
  expect(io.stdoutText()).toMatch(/invalid\.dot: invalid \(\d+ errors?, \d+ warnings?\)\n$/);
});

test("--json prints the diagnostics as a JSON array and nothing else", async () => {
  const io = createMemoryIo({ cwd: workspace({ "invalid.dot": INVALID }) });
  expect(await runCli(["pipeline", "validate", "invalid.dot", "--json"], io)).toBe(1);
  const diagnostics = JSON.parse(io.stdoutText()) as Diagnostic[];
  expect(diagnostics.some((diagnostic) => diagnostic.severity === "error" && diagnostic.source === "invalid.dot")).toBe(true);
});

test("malformed or unreadable input exits 2 with one line", async () => {
  const io = createMemoryIo({ cwd: workspace({ "broken.dot": "digraph broken {\n  a -> \n}" }) });
  expect(await runCli(["pipeline", "validate", "broken.dot"], io)).toBe(2);
  expect(io.stderrText()).toMatch(/^lightsout: broken\.dot:3:1: [^\n]+\n$/);

  const missing = createMemoryIo({ cwd: workspace({}) });
  expect(await runCli(["pipeline", "validate", "missing.dot", "--json"], missing)).toBe(2);
  expect(missing.stdoutText()).toBe("");
  expect(missing.stderrText()).toContain("cannot read pipeline file");
});
