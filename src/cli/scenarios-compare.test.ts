import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SuiteRun, Trajectory } from "../scenarios/model.js";
import { buildRunReport, type RunReportComparison } from "../scenarios/report/index.js";
import { sampleRun, sampleScenario, sampleStep, sampleTrajectory } from "../scenarios/report/sample-run.fixture.js";
import { runCliInMemory } from "./run-cli-in-memory.js";

/** Runs `lightsout scenarios ...` in-process through the real CLI entry. */
const run = (argv: string[], cwd: string) => runCliInMemory(["scenarios", ...argv], { cwd });

/** Writes a run directory as `scenarios run` does: run.json plus trajectories/<scenario>/<index>.json. */
function writeRunDirectory(root: string, name: string, suite: SuiteRun, trajectory: (scenarioId: string, seed: number) => Trajectory): string {
  const directory = join(root, name);
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, "run.json"), JSON.stringify(buildRunReport(suite, { threshold: 0.5 }), null, 2));
  for (const scenario of suite.scenarios) {
    for (const trial of scenario.trials) {
      const file = join(directory, trial.trajectoryFile!);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(trajectory(scenario.id, trial.seed)));
    }
  }
  return directory;
}

const good = (id: string, seed: number) => sampleTrajectory(id, seed);
const bad = (id: string, seed: number) => sampleTrajectory(id, seed, { steps: [sampleStep(0, "create"), sampleStep(1, "announce", { ok: false, outcome: { status: 500 } })] });

function workspace() {
  const root = mkdtempSync(join(tmpdir(), "lightsout-cli-compare-"));
  const before = writeRunDirectory(root, "before", sampleRun([sampleScenario("checkout", "ppppp"), sampleScenario("search", "ppfpp")], { runId: "before" }), good);
  const same = writeRunDirectory(root, "same", sampleRun([sampleScenario("checkout", "ppppp"), sampleScenario("search", "ppppf")], { runId: "same" }), good);
  const broken = writeRunDirectory(root, "broken", sampleRun([sampleScenario("checkout", "pfppp"), sampleScenario("search", "ppfpp")], { runId: "broken" }), (id, seed) =>
    id === "checkout" && seed === 101 ? bad(id, seed) : good(id, seed),
  );
  return { root, before, same, broken };
}

describe("lightsout scenarios compare", () => {
  it("exits 0 when B neither regressed nor has a newly failing scenario", async () => {
    const { root } = workspace();
    const result = await run(["compare", "before", "same/run.json"], root);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("before -> same: satisfaction 0.900 -> 0.900 (drop 0.000)");
  });

  it("exits 1 on a newly failing scenario and shows where its trial diverged from the same seed", async () => {
    const { root } = workspace();
    const result = await run(["compare", "before", "broken"], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("newly failing: checkout (seed 101 vs the same seed before)");
    expect(result.stdout).toContain("  first divergence at step 1 (announce)");
  });

  it("exits 1 on a significant suite-level drop even when no single scenario is flagged", async () => {
    const { root } = workspace();
    const ids = ["a", "b", "c", "d"];
    writeRunDirectory(root, "wide-before", sampleRun(ids.map((id) => sampleScenario(id, "ppppppppff")), { runId: "wide-before" }), good);
    writeRunDirectory(root, "wide-after", sampleRun(ids.map((id) => sampleScenario(id, "ppppppffff")), { runId: "wide-after" }), good);
    const result = await run(["compare", "wide-before", "wide-after", "--json"], root);
    const comparison = JSON.parse(result.stdout) as RunReportComparison;
    expect(comparison.newlyFailing).toEqual([]);
    expect(comparison.regression.significant).toBe(true);
    expect(result.code).toBe(1);
  });

  it("--json prints the comparison and --report writes the HTML page", async () => {
    const { root } = workspace();
    const result = await run(["compare", "before", "broken", "--json", "--report", "out/compare.html"], root);
    expect(result.code).toBe(1);
    const comparison = JSON.parse(result.stdout) as RunReportComparison;
    expect(comparison.newlyFailing).toMatchObject([{ id: "checkout", seed: 101, divergence: { at: "step 1 (announce)" } }]);
    const html = readFileSync(join(root, "out", "compare.html"), "utf8");
    expect(html).toContain("first divergence at <strong>step 1 (announce)</strong>");
  });

  it("warns but still compares when a trajectory is missing", async () => {
    const { root, broken } = workspace();
    writeFileSync(join(broken, "trajectories", "checkout", "1.json"), "{ truncated");
    const result = await run(["compare", "before", "broken"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^lightsout: warning: cannot read trajectory .+1\.json: .+; no divergence shown\n$/);
    expect(result.stdout).toContain("newly failing: checkout");
    expect(result.stdout).not.toContain("first divergence");
  });

  it("exits 2 with one line naming the file on a missing or malformed run", async () => {
    const { root, same } = workspace();
    const missing = await run(["compare", "before", "nowhere"], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`lightsout: cannot read run report ${join(root, "nowhere")}: ENOENT\n`);
    expect(missing.stdout).toBe("");

    const report = JSON.parse(readFileSync(join(same, "run.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(join(same, "run.json"), JSON.stringify({ ...report, threshold: "high" }));
    const malformed = await run(["compare", "before", "same"], root);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toBe(`lightsout: ${join(same, "run.json")}: threshold: Invalid input: expected number, received string\n`);

    expect((await run(["compare", "before"], root)).code).toBe(2);
  });
});
