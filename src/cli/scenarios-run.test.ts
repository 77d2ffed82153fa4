/**
 * `lightsout scenarios run` and `scenarios plan` through the real CLI entry (runCli), with a real
 * app process and real twins: the exit code is the gate's verdict, the run directory holds the
 * reports, and bad input is one line and exit 2, before any trial starts.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runCliInMemory } from "./run-cli-in-memory.js";

const APP = join(import.meta.dirname, "..", "..", "test", "fixtures", "apps", "slack-notifier.mjs");
const appCommand = `${JSON.stringify(process.execPath)} ${JSON.stringify(APP)}`;

const NOTIFY = `id: notify
title: A deploy notification reaches Slack
story: As an engineer I POST a notification and see it in Slack, once.
must_pass: true
twins:
  slack: {}
steps:
  - id: notify
    http: { method: POST, path: /notify, body: { text: "deploy done" }, expect_status: 200 }
expect:
  - id: posted-once
    twin: slack
    requests: { method: chat.postMessage, where: { body.text: "deploy done", status: 200 }, count: 1 }
`;

const cli = (argv: string[], cwd: string) => runCliInMemory(argv, { cwd });

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "lightsout-scenarios-cli-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("lightsout scenarios run", () => {
  test("a good app passes the gate: exit 0, progress per trial, and the run directory holds run.json, junit.xml, report.html and trajectories", async () => {
    const dir = workspace({ "notify.yaml": NOTIFY });
    const result = await cli(["scenarios", "run", "notify.yaml", "--app", appCommand, "--trials", "2", "--threshold", "0.3", "--concurrency", "2", "--out", "out", "--json"], dir);
    expect(result.stderr).toMatch(/\[1\/2\] ✓ notify #\d/);
    expect(result.stderr).toMatch(/PASS/);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { v: number; gate: { passed: boolean }; scenarios: { id: string; trials: number; satisfied: number; mustPass: boolean }[] };
    expect(report.v).toBe(1);
    expect(report.gate.passed).toBe(true);
    expect(report.scenarios).toEqual([expect.objectContaining({ id: "notify", trials: 2, satisfied: 2, mustPass: true })]);
    for (const file of ["run.json", "junit.xml", "report.html", "trajectories/notify/0.json", "trajectories/notify/1.json"]) expect(existsSync(join(dir, "out", file)), file).toBe(true);
  }, 60_000);

  test("the gate fails with exit 1 when the threshold cannot be reached by so few trials", async () => {
    const dir = workspace({ "notify.yaml": NOTIFY });
    const result = await cli(["scenarios", "run", dir, "--app", appCommand, "--trials", "1", "--threshold", "0.99", "--out", join(dir, "out"), "--quiet"], dir);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, "out", "run.json"), "utf8")) as { gate: { passed: boolean; reasons: { predicate: string; passed: boolean }[] } };
    expect(report.gate.reasons.find((reason) => reason.predicate === "lowerBoundAtLeast")?.passed).toBe(false);
  }, 60_000);

  test("holdouts: a canary found in the agents' workspace fails the gate; feedback for the agents carries no holdout text", async () => {
    const canary = "lightsout-canary-0123456789abcdef0123456789abcdef";
    const dir = workspace({ "notify.yaml": `canary: ${canary}\n${NOTIFY}` });
    mkdirSync(join(dir, "agent-workspace"));
    writeFileSync(join(dir, "agent-workspace", "notes.md"), `copied from somewhere: ${canary}\n`);
    const result = await cli(["scenarios", "run", "notify.yaml", "--holdout", "--app", appCommand, "--trials", "2", "--threshold", "0.3", "--leak-check", "agent-workspace", "--feedback", "category", "--out", "out", "--quiet"], dir);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/holdout leak: .*notes\.md:1: canary of notify/);
    const report = JSON.parse(readFileSync(join(dir, "out", "run.json"), "utf8")) as { gate: { reasons: { predicate: string; passed: boolean }[] } };
    expect(report.gate.reasons.find((reason) => reason.predicate === "noHoldoutLeaks")?.passed).toBe(false);
    const feedback = readFileSync(join(dir, "out", "feedback.txt"), "utf8");
    expect(feedback.length).toBeGreaterThan(0);
    for (const secret of [canary, "notify", "deploy done", "see it in Slack"]) expect(feedback).not.toContain(secret);
  }, 60_000);

  test("--replay runs exactly the trials named by their seeds; --app-env reaches the app", async () => {
    const dir = workspace({ "notify.yaml": NOTIFY.replace('"deploy done"', '"deploy ${env.RELEASE}"').replace('"deploy done"', '"deploy ${env.RELEASE}"') });
    const result = await cli(["scenarios", "run", "notify.yaml", "--app", appCommand, "--app-env", "RELEASE=v42", "--replay", "notify@12345", "--replay", "notify@7", "--threshold", "0.1", "--out", "out", "--json", "--quiet"], dir);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { scenarios: { trialDetails: { seed: number; satisfied: boolean; trajectoryFile: string }[] }[] };
    expect(report.scenarios[0]!.trialDetails.map((trial) => trial.seed)).toEqual([12345, 7]);
    const trajectory = JSON.parse(readFileSync(join(dir, "out", report.scenarios[0]!.trialDetails[0]!.trajectoryFile), "utf8")) as { twins: { slack: { requests: { body: { text?: string } }[] } } };
    expect(trajectory.twins.slack.requests.map((request) => request.body.text)).toContain("deploy v42");
  }, 60_000);

  test("bad input is one line and exit 2 before anything runs: a scenario that does not lint, a missing baseline, a bad option", async () => {
    const dir = workspace({ "broken.yaml": NOTIFY.replace("steps:", "stepz:") });
    const broken = await cli(["scenarios", "run", "broken.yaml", "--app", "false", "--out", "out"], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.yaml:\d+:\d+/);
    expect(existsSync(join(dir, "out", "run.json"))).toBe(false);

    const baseline = await cli(["scenarios", "run", "broken.yaml", "--app", "false", "--baseline", "nowhere"], dir);
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toMatch(/nowhere/);
    expect(baseline.stderr).not.toMatch(/\n\s+at /);

    const trials = await cli(["scenarios", "run", "broken.yaml", "--app", "false", "--trials", "0"], dir);
    expect(trials.code).toBe(2);
    expect(trials.stderr).toMatch(/--trials must be an integer >= 1/);

    const env = await cli(["scenarios", "run", "broken.yaml", "--app", "false", "--app-env", "NO-EQUALS"], dir);
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/--app-env expects NAME=VALUE/);
  }, 30_000);
});

describe("lightsout scenarios plan", () => {
  test("answers both questions, and refuses to answer neither or both", async () => {
    const dir = tmpdir();
    const trials = await cli(["scenarios", "plan", "--baseline", "0.95", "--drop", "0.05", "--scenarios", "20", "--json"], dir);
    expect(trials.code).toBe(0);
    const planned = JSON.parse(trials.stdout) as { trialsPerScenario: number; totalTrials: number };
    expect(planned.totalTrials).toBe(planned.trialsPerScenario * 20);

    // The inverse: with the trials the planner asked for, the detectable drop is at most the one asked about.
    const drop = await cli(["scenarios", "plan", "--baseline", "0.95", "--trials", String(planned.trialsPerScenario), "--scenarios", "20", "--json"], dir);
    expect(drop.code).toBe(0);
    expect((JSON.parse(drop.stdout) as { minimumDetectableDrop: number }).minimumDetectableDrop).toBeLessThanOrEqual(0.05);

    expect((await cli(["scenarios", "plan", "--baseline", "0.95", "--scenarios", "20"], dir)).code).toBe(2);
    expect((await cli(["scenarios", "plan", "--baseline", "1.5", "--scenarios", "20", "--drop", "0.1"], dir)).code).toBe(2);
  });
});
