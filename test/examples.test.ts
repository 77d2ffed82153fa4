/** The shipped examples stay valid, and the demo (the README's first command) runs to success. */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { runCli } from "../src/cli/main.js";
import { createMemoryIo } from "../src/cli/memory-io.js";

const ROOT = join(import.meta.dirname, "..");
const EXAMPLES = join(ROOT, "examples", "pipelines");
const files = readdirSync(EXAMPLES).filter((name) => name.endsWith(".dot"));

test("there are examples", () => {
  expect(files).toEqual(expect.arrayContaining(["demo.dot", "branching.dot", "human-review.dot"]));
});

test.each(files)("examples/pipelines/%s validates without errors", async (name) => {
  const io = createMemoryIo({ cwd: ROOT });
  const code = await runCli(["pipeline", "validate", join("examples", "pipelines", name)], io);
  expect(code, io.stdoutText()).toBe(0);
  expect(io.stdoutText()).toMatch(/: valid \(0 errors/);
});

test("demo.dot runs to success with --simulate --auto-approve, through its parallel reviews and human gate", async () => {
  const io = createMemoryIo({ cwd: ROOT });
  const logs = join(mkdtempSync(join(tmpdir(), "lightsout-demo-")), "run");
  const code = await runCli(["pipeline", "run", "examples/pipelines/demo.dot", "--simulate", "--auto-approve", "--json", "--logs", logs], io);
  expect(code, io.stderrText()).toBe(0);
  const result = JSON.parse(io.stdoutText()) as { status: string; completedNodes: string[] };
  expect(result.status).toBe("success");
  expect(result.completedNodes).toEqual(["start", "plan", "implement", "checks", "checks_passed", "reviews", "merge_reviews", "approve", "exit"]);
  expect(io.stderrText()).toMatch(/review_security\s+success/);
  expect(io.stderrText()).toMatch(/approve asked "Ship this change\?": \[A\] Approve/);
});
