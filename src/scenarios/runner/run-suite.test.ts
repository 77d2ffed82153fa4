import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { LightsoutError } from "../../errors.js";
import type { Judge, Scenario } from "../model.js";
import { runSuite, safeFileName, type SuiteEvent } from "./run-suite.js";
import { trialSeed } from "./seeds.js";

const judge: Judge = {
  name: "test",
  judge: async (_scenario, trajectory) => (trajectory.steps.every((step) => step.ok) && !trajectory.aborted ? { satisfied: true, reasons: [] } : { satisfied: false, reasons: ["failed"], attribution: "product" }),
};

function scenarioOf(id: string, overrides: Partial<Scenario> = {}): Scenario {
  return {
    id,
    title: `scenario ${id}`,
    story: "",
    weight: 2,
    mustPass: true,
    tags: ["unit"],
    twins: {},
    vars: { n: { kind: "integer", min: 1, max: 9 } },
    perturbations: [],
    steps: [{ kind: "cli", run: "echo $LIGHTSOUT_TRIAL_SEED", timeoutMs: 5_000, expectExit: 0 }],
    expectations: [],
    timeoutMs: 10_000,
    source: { file: `${id}.yaml`, text: "" },
    ...overrides,
  };
}

const app = { command: "unused", kind: "command" as const };

describe("runSuite", () => {
  test("a SuiteRun per scenario in the given order, trials sorted, files written atomically, events in order", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "lightsout-suite-"));
    const events: SuiteEvent["type"][] = [];
    let clock = Date.UTC(2026, 4, 1);
    const { run, trajectories } = await runSuite([scenarioOf("b"), scenarioOf("a")], { app, trials: 2, concurrency: 3, seed: 5, judge, outDir, now: () => (clock += 10), onEvent: (event) => events.push(event.type) });
    expect(run).toMatchObject({ v: 1, seed: 5, trialsPerScenario: 2, concurrency: 3, app: { command: "unused", kind: "command" }, startedAt: "2026-05-01T00:00:00.010Z" });
    expect(run.scenarios.map((result) => [result.id, result.weight, result.mustPass, result.file, result.trials.map((trial) => [trial.index, trial.seed, trial.satisfied])])).toEqual([
      ["b", 2, true, "b.yaml", [[0, trialSeed(5, "b", 0), true], [1, trialSeed(5, "b", 1), true]]],
      ["a", 2, true, "a.yaml", [[0, trialSeed(5, "a", 0), true], [1, trialSeed(5, "a", 1), true]]],
    ]);
    expect(trajectories).toHaveLength(4);
    const stdout = (trajectories.find((trajectory) => trajectory.scenarioId === "a" && trajectory.trialIndex === 1)!.steps[0]!.outcome as { stdout: string }).stdout;
    expect(stdout).toBe(`${trialSeed(5, "a", 1)}\n`);
    expect(readdirSync(join(outDir, "trajectories", "a")).sort()).toEqual(["0.json", "1.json"]);
    expect(JSON.parse(readFileSync(join(outDir, run.scenarios[1]!.trials[0]!.trajectoryFile!), "utf8"))).toMatchObject({ scenarioId: "a", trialIndex: 0 });
    expect(events[0]).toBe("suite-start");
    expect(events.at(-1)).toBe("suite-end");
    expect(events.filter((type) => type === "trial-end")).toHaveLength(4);
  });

  test("replays exact seeds for one scenario; `only` picks scenarios", async () => {
    const { run, trajectories } = await runSuite([scenarioOf("a"), scenarioOf("b")], { app, trials: 1, judge, only: ["b"], trialSeeds: { b: [42, 7, 42] } });
    expect(run.scenarios.map((result) => result.id)).toEqual(["b"]);
    expect(run.scenarios[0]!.trials.map((trial) => [trial.index, trial.seed])).toEqual([[0, 42], [1, 7], [2, 42]]);
    const byIndex = new Map(trajectories.map((trajectory) => [trajectory.trialIndex, trajectory]));
    expect(byIndex.get(2)!.vars).toEqual(byIndex.get(0)!.vars);
  });

  test("bad input is a SCENARIO error before anything runs", async () => {
    await expect(runSuite([scenarioOf("a")], { app, only: ["nope"] })).rejects.toThrow("--only names unknown scenario(s): nope (known: a)");
    await expect(runSuite([scenarioOf("a"), scenarioOf("a")], { app })).rejects.toThrow("a.yaml: the scenario id a is used twice in this suite");
    await expect(runSuite([scenarioOf("a", { twins: { zendesk: {} } })], { app })).rejects.toThrow(LightsoutError);
    await expect(runSuite([scenarioOf("a")], { app, trials: 0 })).rejects.toThrow("trials: expected an integer >= 1, got 0");
    await expect(runSuite([scenarioOf("a")], { app, trialSeeds: { a: [-1] } })).rejects.toThrow("trial seeds of a: expected integers in [0, 4294967295], got -1");
  });

  test("a scenario id is never a path outside the run directory", () => {
    expect(safeFileName("../../etc")).toBe("_-..-etc");
    expect(safeFileName("..")).toBe("_");
    expect(safeFileName("a/b")).toBe("a-b");
    expect(safeFileName("ok.id-1")).toBe("ok.id-1");
  });
});
