import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliInMemory } from "./run-cli-in-memory.js";
import { defaultRunDir } from "./run.js";

describe("lightsout run", () => {
  it("--help lists every flag of the factory and the exit codes", async () => {
    const { code, stdout } = await runCliInMemory(["run", "--help"], { cwd: tmpdir() });
    expect(code).toBe(0);
    for (const flag of ["--holdout", "--visible", "--threshold", "--trials", "--model", "--budget-usd", "--max-iterations", "--workspace", "--feedback", "--run-dir", "--store", "--json", "--quiet", "--resume", "--allow-unsandboxed"]) expect(stdout).toContain(flag);
    expect(stdout).toMatch(/0 shipped, 1 not shipped .* 2 bad input/s);
  });

  it("rejects a feedback level it does not know, with the choices", async () => {
    const { code, stderr } = await runCliInMemory(["run", "SPEC.md", "--holdout", "h", "--feedback", "everything"], { cwd: tmpdir() });
    expect(code).toBe(2);
    expect(stderr).toMatch(/Allowed choices are none, category, full/);
  });

  it("puts each run in its own directory under .lightsout/runs", () => {
    const cwd = mkdtempSync(join(tmpdir(), "lightsout-run-dir-"));
    const now = new Date("2026-01-02T03:04:05.678Z");
    const first = defaultRunDir("incident bridge", cwd, now);
    expect(first).toBe(join(cwd, ".lightsout", "runs", "incident_bridge-20260102-030405"));
    mkdirSync(first, { recursive: true });
    expect(defaultRunDir("incident bridge", cwd, now)).toBe(`${first}-2`);
  });
});
