import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect, test } from "vitest";
import type { ScenarioDiagnostic } from "../scenarios/format/index.js";
import { runCliInMemory } from "./run-cli-in-memory.js";

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "lightsout-cli-scenarios-lint-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/** Runs `lightsout scenarios lint ...` in-process through the real CLI entry. */
const run = (argv: string[], cwd: string) => runCliInMemory(["scenarios", "lint", ...argv], { cwd });

const STORY = "story: As an engineer I want my bug announced, so that the team sees it.\n";
const EXPECT = "expect:\n  - app: { where: { exitCode: 0 } }\n";
const GOOD = `id: good\ntitle: Good\ncanary: lightsout-canary-00112233445566778899\n${STORY}${EXPECT}`;
const WARNED = `id: warned\ntitle: Warned\ncanary: lightsout-canary-99887766554433221100\n${EXPECT}`;
const BROKEN = `id: broken\ntitle: Broken\n${STORY}steps:\n  - http: { path: "/x/\${vars.nope}" }\n${EXPECT}`;

test("clean scenarios exit 0 with a summary; warnings do not fail", async () => {
  const cwd = workspace({ "scenarios/good.yaml": GOOD, "scenarios/warned.yaml": WARNED });
  const result = await run(["scenarios"], cwd);
  expect(result).toEqual({
    code: 0,
    stdout: "scenarios/warned.yaml:1:1: warning [short-story] story: the story is missing: say who wants what, and why (at least 20 characters)\n2 scenarios, 0 errors, 1 warning\n",
    stderr: "",
  });
});

test("errors exit 1, one file:line:col line each, paths relative to the working directory", async () => {
  const cwd = workspace({ "scenarios/good.yaml": GOOD, "scenarios/broken.yaml": BROKEN, "scenarios/typo.yaml": "id: typo\ntitle: T\nmustPass: true\n" });
  const result = await run(["scenarios"], cwd);
  expect(result.code).toBe(1);
  expect(result.stdout.split("\n")).toEqual([
    "scenarios/broken.yaml:5:23: error [undeclared-var] steps[0].http.path: ${vars.nope}: no variable nope is declared under vars",
    'scenarios/typo.yaml:3:1: error [schema] mustPass: unknown key "mustPass" (did you mean "must_pass"?)',
    "2 scenarios, 2 errors, 0 warnings",
    "",
  ]);
});

test("--holdout requires a canary in every file", async () => {
  const cwd = workspace({ "h/broken.yaml": BROKEN, "h/good.yaml": GOOD });
  expect((await run(["h/good.yaml"], cwd)).code).toBe(0);
  const result = await run(["h/good.yaml", "h/broken.yaml", "--holdout"], cwd);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/^h\/broken\.yaml:1:1: error \[missing-canary\] /m);
});

test("--json prints the counts and the diagnostics, nothing else", async () => {
  const cwd = workspace({ "broken.yaml": BROKEN });
  const result = await run(["broken.yaml", "--json"], cwd);
  expect(result.code).toBe(1);
  const printed = JSON.parse(result.stdout) as { scenarios: number; errors: number; warnings: number; diagnostics: ScenarioDiagnostic[] };
  expect(printed).toMatchObject({ scenarios: 1, errors: 1, warnings: 0 });
  expect(printed.diagnostics).toEqual([{ file: "broken.yaml", line: 5, column: 23, severity: "error", rule: "undeclared-var", message: expect.stringContaining("${vars.nope}") }]);
});

test("a path that does not exist, or holds no scenario, exits 2 with one line on stderr", async () => {
  const cwd = workspace({ "empty/fixtures/seed.yaml": "a: 1\n" });
  expect(await run(["missing"], cwd)).toEqual({ code: 2, stdout: "", stderr: "lightsout: missing: no such file or directory\n" });
  const empty = await run(["empty"], cwd);
  expect(empty.code).toBe(2);
  expect(empty.stderr).toMatch(/^lightsout: no scenario files \(\*\.yaml, \*\.yml\) in .*empty\n$/);
});

test("no path at all is a usage error", async () => {
  expect((await run([], workspace({}))).code).toBe(2);
});
