/**
 * The access-review example end to end (examples/access-review, docs/scenarios/example-access-review.md):
 * its visible scenarios and holdouts run K times against the correct app and against the buggy
 * one (same suite seed, so trials are seed-matched) on fresh Okta and Google twin tenants,
 * judged, reported and compared. The correct app satisfies every trial, rate limits included, and
 * passes the gate; the buggy one, which reads only the first page of a group's members, fails
 * the gate, and the comparison names exactly the scenarios whose group is larger than a page.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Scenario, Trajectory } from "../src/scenarios/model.js";
import { lintScenarioPaths, loadScenarioDir } from "../src/scenarios/format/index.js";
import { compareRunReports } from "../src/scenarios/report/index.js";
import { type AppRun, failedTrials, filesUnder, runExampleApp, trialsWhere } from "./fixtures/example-app.js";
import { lintSpecFile } from "../src/spec/lint.js";

const EXAMPLE = join(import.meta.dirname, "..", "examples", "access-review");
const VISIBLE = join(EXAMPLE, "scenarios");
const HOLDOUT = join(EXAMPLE, "holdout");
// 10 scenarios x 2 trials per app, both apps side by side. 20 perfect trials put the lower bound
// of the interval above 0.8.
const TRIALS = 2;
const CONCURRENCY = 4;
// With this seed each 0.5-probability rate limit (Sheets, Okta) is drawn in one trial of two.
const SUITE_SEED = 2;
const THRESHOLD = 0.8;
/** The scenarios whose group has more than Okta's page of 200 members. */
const BEYOND_ONE_PAGE = ["department-under-okta-throttling", "large-group-paged", "one-past-a-page"];

const scratch = mkdtempSync(join(tmpdir(), "lightsout-access-review-"));
let scenarios: Scenario[] = [];
let correct: AppRun;
let buggy: AppRun;

function runAgainst(script: string): Promise<AppRun> {
  return runExampleApp(scenarios, script, { example: EXAMPLE, scratch, trials: TRIALS, concurrency: CONCURRENCY, seed: SUITE_SEED, threshold: THRESHOLD });
}

beforeAll(async () => {
  scenarios = [...loadScenarioDir(VISIBLE), ...loadScenarioDir(HOLDOUT)];
  // Side by side: the trials mostly wait (on the apps, on rate limits), so two suites fit 2 cores.
  [correct, buggy] = await Promise.all([runAgainst("app.mjs"), runAgainst("app-buggy.mjs")]);
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the access-review scenarios", () => {
  test("lint clean: the visible ones, and the holdouts with a unique canary each", () => {
    const visible = lintScenarioPaths([VISIBLE]);
    const holdout = lintScenarioPaths([HOLDOUT], { holdout: true });
    expect(visible.diagnostics).toEqual([]);
    expect(holdout.diagnostics).toEqual([]);
    expect(visible.scenarios.length).toBeGreaterThanOrEqual(4);
    expect(holdout.scenarios.length).toBeGreaterThanOrEqual(3);
    expect(new Set(holdout.scenarios.map((scenario) => scenario.canary)).size).toBe(holdout.scenarios.length);
  });

  test("the example's SPEC.md lints clean against its visible scenarios", () => {
    const result = lintSpecFile(join(EXAMPLE, "SPEC.md"), { scenarioPaths: [VISIBLE] });
    expect(result.issues).toEqual([]);
  });

  test("no holdout canary appears anywhere in the example outside the holdout directory", () => {
    const canaries = loadScenarioDir(HOLDOUT).map((scenario) => scenario.canary!);
    const outside = filesUnder(EXAMPLE).filter((file) => !file.startsWith(`${HOLDOUT}${sep}`));
    expect(outside.length).toBeGreaterThan(10);
    const leaks = outside.flatMap((file) => canaries.filter((canary) => readFileSync(file, "utf8").includes(canary)).map((canary) => `${relative(EXAMPLE, file)}: ${canary}`));
    expect(leaks).toEqual([]);
  });
});

describe("the correct app", () => {
  test("satisfies every trial of every scenario, visible and holdout", () => {
    expect(failedTrials(correct)).toEqual([]);
    expect(correct.run.scenarios.map((scenario) => scenario.trials.length)).toEqual(scenarios.map(() => TRIALS));
  });

  test("passes the gate at 0.8", () => {
    expect(correct.report.gate.reasons.filter((reason) => !reason.passed)).toEqual([]);
    expect(correct.report.gate.passed).toBe(true);
    expect(correct.report.satisfaction?.value).toBeCloseTo(1, 12);
  });

  test("rode out every rate limit: Sheets 429, Okta 429 and Drive 403 were each drawn and retried", () => {
    const applied = new Set(correct.run.scenarios.flatMap((scenario) => scenario.trials.flatMap((trial) => trial.perturbations)));
    expect([...applied].sort()).toEqual(["drive-rate-limited", "okta-rate-limited", "sheets-rate-limited"]);
    const stderr = correct.trajectories.map((trajectory) => trajectory.app?.stderr ?? "").join("\n");
    expect(stderr).toMatch(/google: spreadsheets\.\S+ answered 429 RESOURCE_EXHAUSTED, retrying/);
    expect(stderr).toMatch(/google: permissions\.create answered 403/);
    expect(stderr).toMatch(/okta: \S*\/api\/v1\/groups\/\S+\/users rate limited, retrying in \d+ ms/);
  });
});

describe("the buggy app (reads only the first page of a group's members)", () => {
  test("fails the gate, on its must-pass paging scenarios among others", () => {
    expect(buggy.report.gate.passed).toBe(false);
    const mustPass = buggy.report.gate.reasons.find((reason) => reason.predicate === "mustPassAllTrials");
    expect(mustPass?.passed).toBe(false);
    expect(mustPass?.detail).toContain("large-group-paged");
    expect(mustPass?.detail).toContain("department-under-okta-throttling");
  });

  test("fails every trial of the scenarios whose group is beyond one page, and no other, each on the missing members", () => {
    const failed = failedTrials(buggy);
    const beyond = trialsWhere(buggy, (scenario) => BEYOND_ONE_PAGE.includes(scenario));
    expect(beyond).toHaveLength(BEYOND_ONE_PAGE.length * TRIALS);
    expect(failed.map((trial) => trial.trial)).toEqual(beyond.map((trial) => trial.trial));
    for (const trajectory of buggy.trajectories.filter((each) => !each.verdict.satisfied)) {
      expect(trajectory.verdict.attribution).toBe("product");
      expect(trajectory.app?.stderr).toContain("first page of members only");
    }
  });

  test("compared with the correct app (A) it is newly failing exactly in those scenarios, seed for seed", () => {
    const directories = new Map([
      [correct.report.runId, correct.outDir],
      [buggy.report.runId, buggy.outDir],
    ]);
    const comparison = compareRunReports(correct.report, buggy.report, {
      loadTrajectory: (report, file) => JSON.parse(readFileSync(join(directories.get(report.runId)!, file), "utf8")) as Trajectory,
    });
    expect(comparison.newlyFailing.map((scenario) => scenario.id).sort()).toEqual(BEYOND_ONE_PAGE);
    for (const scenario of comparison.newlyFailing) expect(scenario.baselineSeed).toBe(scenario.seed);
    expect(comparison.onlyInA).toEqual([]);
    expect(comparison.onlyInB).toEqual([]);
    expect(comparison.satisfaction.drop).toBeGreaterThan(0);
  });
});
