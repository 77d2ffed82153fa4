/**
 * The scenario runner end to end: real twins served on loopback, real app processes (the tiny
 * apps in test/fixtures/apps), scenarios written in the YAML format, the real expectations and
 * deterministic judge. What a user relies on: a good app passes, an app that cannot start or
 * hangs is charged correctly, the same seed replays the same trial, and cancelling leaves no
 * process behind.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseScenarioText } from "../src/scenarios/format/index.js";
import type { Scenario, Trajectory } from "../src/scenarios/model.js";
import { liveProcessGroups, runSuite, type RunSuiteOptions, type SuiteEvent } from "../src/scenarios/runner/index.js";

const APPS = join(import.meta.dirname, "fixtures", "apps");
const node = JSON.stringify(process.execPath);
const app = (file: string, extra: Partial<RunSuiteOptions["app"]> = {}): RunSuiteOptions["app"] => ({ command: `${node} ${JSON.stringify(join(APPS, file))}`, stopGraceMs: 300, ...extra });
const scenario = (text: string): Scenario => parseScenarioText(text, "test.yaml");

const NOTIFY = scenario(`
id: notify
title: A deploy notification reaches #general
story: As an engineer I POST a notification and see it in Slack.
twins:
  slack: {}
vars:
  word: { one_of: [alpha, beta, gamma, delta] }
perturbations:
  - name: jittery-user
    probability: 0.5
    step_delay: { min: 1ms, max: 15ms }
  - name: broken-conversations
    probability: 0.5
    faults:
      slack: [{ methods: ["conversations.*"], errorRate: 1 }]
steps:
  - id: notify
    http: { method: POST, path: /notify, body: { text: "deploy \${vars.word} done" }, expect_status: 200 }
    capture: { ts: response.body.ts }
  - wait:
      until: { twin: slack, records: { collection: "messages/*", where: { ts: "\${captured.ts}" } } }
      timeout: 2s
expect:
  - id: posted-once
    twin: slack
    requests: { method: chat.postMessage, where: { body.text: "deploy \${vars.word} done", status: 200 }, count: 1 }
  - id: stored
    twin: slack
    records: { collection: "messages/*", where: { text: { contains: "\${vars.word}" } } }
`);

const PING = scenario(`
id: ping-pong
title: A person says ping in #general and the app answers pong
twins:
  slack: { events: /slack/events }
steps:
  - id: ping
    twin: slack
    call: chat.postMessage
    body: { channel: general, text: ping }
  - wait:
      until: { twin: slack, requests: { method: chat.postMessage, where: { body.text: pong } } }
      timeout: 3s
expect:
  - id: event-delivered
    twin: slack
    deliveries: { where: { body.event.text: ping, status: 200 } }
`);

/** Alive and not a zombie waiting for a parent that never reaps it (containers' PID 1). */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

const byTrial = (trajectories: Trajectory[]) => new Map(trajectories.map((trajectory) => [`${trajectory.scenarioId}#${trajectory.trialIndex}`, trajectory]));

describe("runSuite against real apps and twins", () => {
  test("a working app passes every trial (K=3, two at a time); trajectories are written; the same seed replays the same trials", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "lightsout-runner-"));
    const events: SuiteEvent[] = [];
    const first = await runSuite([NOTIFY, PING], { app: app("slack-notifier.mjs"), trials: 3, concurrency: 2, seed: 7, outDir, onEvent: (event) => events.push(event) });

    for (const trajectory of first.trajectories) expect(trajectory.verdict, JSON.stringify(trajectory.verdict)).toMatchObject({ satisfied: true });
    expect(first.run.scenarios.map((result) => [result.id, result.trials.map((trial) => trial.index)])).toEqual([
      ["notify", [0, 1, 2]],
      ["ping-pong", [0, 1, 2]],
    ]);
    const summary = first.run.scenarios[0]!.trials[1]!;
    expect(summary.trajectoryFile).toBe(join("trajectories", "notify", "1.json"));
    const written = JSON.parse(readFileSync(join(outDir, summary.trajectoryFile!), "utf8")) as Trajectory;
    expect(written).toMatchObject({ v: 1, scenarioId: "notify", trialIndex: 1, seed: summary.seed });
    expect(readdirSync(join(outDir, "trajectories", "ping-pong")).sort()).toEqual(["0.json", "1.json", "2.json"]);
    expect(events[0]).toMatchObject({ type: "suite-start", scenarios: 2, trialsPerScenario: 3, totalTrials: 6, concurrency: 2 });
    expect(events.filter((event) => event.type === "trial-end")).toHaveLength(6);
    expect(events.at(-1)).toMatchObject({ type: "suite-end", cancelled: false });
    // The events handshake and the ping's delivery are in the trajectory.
    const ping = byTrial(first.trajectories).get("ping-pong#0")!;
    expect(ping.steps[0]).toMatchObject({ id: "setup:slack", ok: true });
    expect(ping.twins["slack"]!.deliveries.length).toBeGreaterThanOrEqual(2);

    const again = await runSuite([NOTIFY], { app: app("slack-notifier.mjs"), trials: 3, concurrency: 1, seed: 7 });
    const before = byTrial(first.trajectories);
    for (const trajectory of again.trajectories) {
      const earlier = before.get(`notify#${trajectory.trialIndex}`)!;
      expect(trajectory.seed).toBe(earlier.seed);
      expect(trajectory.vars).toEqual(earlier.vars);
      expect(trajectory.perturbations).toEqual(earlier.perturbations);
      expect(trajectory.twins["slack"]!.requests).toEqual(earlier.twins["slack"]!.requests);
    }
  });

  test("an app that does not answer Slack's url_verification fails the trial as the product's", async () => {
    const { trajectories } = await runSuite([PING], { app: app("slack-notifier.mjs", { env: { IGNORE_CHALLENGE: "1" } }), trials: 1 });
    expect(trajectories[0]!.verdict).toMatchObject({ satisfied: false, attribution: "product" });
    expect(trajectories[0]!.steps).toEqual([expect.objectContaining({ id: "setup:slack", ok: false, attribution: "product" })]);
    expect(trajectories[0]!.steps[0]!.error).toContain("the app did not answer the slack url_verification challenge");
  });

  test("an app that exits at once: every trial is aborted and charged to infrastructure, with its stderr", async () => {
    const { trajectories } = await runSuite([NOTIFY], { app: app("crash-at-start.mjs"), trials: 2, concurrency: 2 });
    expect(trajectories).toHaveLength(2);
    for (const trajectory of trajectories) {
      expect(trajectory.aborted).toEqual({ attribution: "infrastructure", reason: "the app could not start: exited with code 1: fatal: missing configuration file notifier.json" });
      expect(trajectory.verdict).toMatchObject({ satisfied: false, attribution: "infrastructure" });
    }
  });

  test("an app that never answers: a wait times out (product); a hung request meets the deadline (infrastructure)", async () => {
    const waits = scenario(`
id: waits-for-a-post
title: The app posts on its own
twins: { slack: {} }
steps:
  - wait: { until: { twin: slack, requests: { method: chat.postMessage } }, timeout: 300ms, interval: 25ms }
`);
    const hangs = scenario(`
id: request-hangs
title: A request that never gets an answer
timeout: 1s
twins: { slack: {} }
steps:
  - id: hang
    http: { method: POST, path: /notify, body: { text: hi } }
`);
    const { trajectories } = await runSuite([waits, hangs], { app: app("never-answers.mjs"), trials: 1, concurrency: 2 });
    const results = byTrial(trajectories);
    const waited = results.get("waits-for-a-post#0")!;
    expect(waited.verdict).toMatchObject({ satisfied: false, attribution: "product" });
    expect(waited.steps[0]!.error).toMatch(/^waited 300 ms for slack requests chat.postMessage: /);
    const hung = results.get("request-hangs#0")!;
    expect(hung.aborted).toEqual({ attribution: "infrastructure", reason: "the trial passed its 1 s deadline during step 1 (hang)" });
    expect(hung.verdict.attribution).toBe("infrastructure");
    expect(hung.app?.stdout).toContain("ignoring SIGTERM");
  });

  test("cancelling mid-run aborts the running trials, starts no more, and leaves no process behind", async () => {
    const pidDir = mkdtempSync(join(tmpdir(), "lightsout-pids-"));
    const hangs = scenario(`
id: hangs-until-cancelled
title: A request that never gets an answer
twins: { slack: {} }
steps:
  - http: { method: GET, path: /anything }
`);
    const controller = new AbortController();
    const started: SuiteEvent[] = [];
    const watcher = setInterval(() => {
      if (readdirSync(pidDir).length === 2) controller.abort();
    }, 20);
    const { run, trajectories } = await runSuite([hangs], {
      app: app("never-answers.mjs", { env: { PID_DIR: pidDir } }),
      trials: 4,
      concurrency: 2,
      signal: controller.signal,
      onEvent: (event) => event.type === "trial-start" && started.push(event),
    }).finally(() => clearInterval(watcher));

    expect(started).toHaveLength(2);
    expect(run.scenarios[0]!.trials).toHaveLength(2);
    // The app writes its pids once listening: the cancel lands during its startup or the request.
    for (const trajectory of trajectories) expect(trajectory.aborted).toEqual({ attribution: "infrastructure", reason: expect.stringMatching(/^the suite run was cancelled during (the app's startup|step 1 \(GET \/anything\))$/) });
    const pids = readdirSync(pidDir).flatMap((file) => readFileSync(join(pidDir, file), "utf8").split(" ").map(Number));
    expect(pids).toHaveLength(4);
    for (const pid of pids) expect(isAlive(pid), `process ${pid} is still running`).toBe(false);
    expect(liveProcessGroups()).toEqual([]);
    expect(existsSync(pidDir)).toBe(true);
  });
});
