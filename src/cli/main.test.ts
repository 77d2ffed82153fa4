import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { expect, test } from "vitest";
import { runCli } from "./main.js";
import { createMemoryIo } from "./memory-io.js";

const io = () => createMemoryIo({ cwd: tmpdir() });

test("--version prints the package version and exits 0", async () => {
  const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  const output = io();
  expect(await runCli(["--version"], output)).toBe(0);
  expect(output.stdoutText()).toBe(`${version}\n`);
});

test("--help lists the commands and the exit statuses on stdout and exits 0", async () => {
  const output = io();
  expect(await runCli(["--help"], output)).toBe(0);
  expect(output.stdoutText()).toContain("pipeline");
  expect(output.stdoutText()).toContain("Exit status");

  const runHelp = io();
  expect(await runCli(["pipeline", "run", "--help"], runHelp)).toBe(0);
  expect(runHelp.stdoutText()).toContain("--model <provider:model>");
  expect(runHelp.stdoutText()).toContain("--auto-approve");
});

test("an unknown option exits 2 with commander's message", async () => {
  const output = io();
  expect(await runCli(["pipeline", "validate", "x.dot", "--frobnicate"], output)).toBe(2);
  expect(output.stderrText()).toContain("unknown option '--frobnicate'");
  expect(output.stdoutText()).toBe("");
});

test("an unknown command, a missing argument and no command at all exit 2", async () => {
  const unknown = io();
  expect(await runCli(["pipeline", "frobnicate"], unknown)).toBe(2);
  expect(unknown.stderrText()).toContain("unknown command 'frobnicate'");

  const missing = io();
  expect(await runCli(["pipeline", "run"], missing)).toBe(2);
  expect(missing.stderrText()).toContain("missing required argument 'file'");

  const nothing = io();
  expect(await runCli([], nothing)).toBe(2);
  expect(nothing.stderrText()).toContain("Usage: lightsout");
});
