/**
 * The CLI as a real process (src/cli/entry.ts, the TypeScript twin of bin/lightsout.js): exit
 * codes reach the shell, and a human gate with stdin closed ends the run instead of hanging it.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const ENTRY = join(ROOT, "src", "cli", "entry.ts");
// By URL, because the child's working directory (where a bare "tsx" would resolve) varies.
const TSX = pathToFileURL(join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function lightsout(args: string[], cwd = ROOT): Promise<Finished> {
  return new Promise((resolve, reject) => {
    // stdin "ignore" is /dev/null: closed input, as in CI.
    const child = spawn(process.execPath, ["--import", TSX, ENTRY, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    // A hang (the gate waiting on stdin for ever) is killed and shows as code null; generous,
    // because three tsx start-ups at once on a loaded 2-core machine take a while.
    const timer = setTimeout(() => child.kill("SIGKILL"), 80_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

test("the demo runs to success, a missing file exits 2, a human gate on closed stdin fails fast", async () => {
  const logs = mkdtempSync(join(tmpdir(), "lightsout-bin-"));
  const [good, missing, gated] = await Promise.all([
    lightsout(["pipeline", "run", "examples/pipelines/demo.dot", "--simulate", "--auto-approve", "--logs", join(logs, "demo")]),
    lightsout(["pipeline", "validate", "examples/pipelines/no-such-pipeline.dot"]),
    lightsout(["pipeline", "run", join(ROOT, "examples", "pipelines", "demo.dot"), "--simulate"], mkdtempSync(join(tmpdir(), "lightsout-bin-gate-"))),
  ]);

  expect(good.code, good.stderr).toBe(0);
  expect(good.stderr).toMatch(/pipeline succeeded: \d+ stages/);

  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/^lightsout: .*no-such-pipeline\.dot: cannot read pipeline file: no such file\n$/);

  expect(gated.code, gated.stderr).toBe(1);
  expect(gated.stdout).toContain("(no input available; question skipped)");
  expect(gated.stderr).toContain("pipeline failed: human skipped interaction");
}, 90_000);

test("malformed DOT from a real process: exit 2, one line, no stack trace", async () => {
  const cwd = mkdtempSync(join(tmpdir(), "lightsout-bin-bad-"));
  writeFileSync(join(cwd, "bad.dot"), "digraph bad {\n  a [label=\"x\"\n  a -> b\n}\n");
  const result = await lightsout(["pipeline", "run", "bad.dot", "--simulate"], cwd);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^lightsout: bad\.dot:3:3: [^\n]+\n$/);
}, 90_000);
