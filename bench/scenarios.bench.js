// Scenario runs end to end: the incident-bridge example's visible scenarios
// (examples/incident-bridge/scenarios), K trials each against the correct app, two at a time, by
// the built runner (dist/). Reports trials per second, and per trial where the time goes, measured
// side by side in the same trials from their trajectories:
//   app time        spawn until ready, plus the steps that wait on the app (http, wait, cli)
//   scripted pauses the scenarios' own sleep steps (a user pausing): neither side's cost
//   runner overhead everything else of the trial: tenants, seeding, twin calls, expectations,
//                   state diff, judging, stopping the app, cleanup
// Usage: node bench/scenarios.bench.js (after npm run build); bench/run.js runs it with the others.
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadScenarioDir } from "../dist/scenarios/format/index.js";
import { runSuite } from "../dist/scenarios/runner/index.js";
import { summarize, time } from "./measure.js";

const EXAMPLE = fileURLToPath(new URL("../examples/incident-bridge/", import.meta.url));
// Two rounds of 7 scenarios x 2 trials: about 20 s on a shared 2-core machine.
const TRIALS = 2;
const ROUNDS = 2;
const CONCURRENCY = 2;
/** Step kinds whose time is the app's: the runner only waits for it to answer or act. */
const APP_STEPS = new Set(["http", "wait", "cli"]);

/** One trial's milliseconds by who spent them. */
export function splitTrialTime(trajectory) {
  const stepTime = (keep) => trajectory.steps.filter((step) => step.index >= 0 && keep(step.kind)).reduce((sum, step) => sum + step.durationMs, 0);
  const app = (trajectory.app?.readyMs ?? 0) + stepTime((kind) => APP_STEPS.has(kind));
  const pauses = stepTime((kind) => kind === "sleep");
  return { total: trajectory.durationMs, app, pauses, overhead: Math.max(0, trajectory.durationMs - app - pauses) };
}

export async function runScenariosBenchmark({ trials = TRIALS, rounds = ROUNDS, concurrency = CONCURRENCY } = {}) {
  const scenarios = loadScenarioDir(`${EXAMPLE}scenarios`);
  const options = {
    // The fixtures sign Jira webhooks; with the secret the app verifies them, as in production.
    app: { command: "node app.mjs", cwd: EXAMPLE, readyPath: "/health", env: { JIRA_WEBHOOK_SECRET: "incident-bridge-webhook-secret" } },
    trials,
    concurrency,
  };
  const throughput = [];
  const splits = [];
  for (let round = 0; round < rounds; round++) {
    let result;
    const milliseconds = await time(async () => (result = await runSuite(scenarios, { ...options, seed: round + 1 })));
    const unsatisfied = result.trajectories.filter((trajectory) => !trajectory.verdict.satisfied);
    if (unsatisfied.length > 0) throw new Error(`the correct app failed ${unsatisfied.length} trial(s), e.g. ${unsatisfied[0].scenarioId}: ${unsatisfied[0].verdict.reasons[0]}`);
    throughput.push(result.trajectories.length / (milliseconds / 1000));
    splits.push(...result.trajectories.map(splitTrialTime));
  }
  const sum = (name) => splits.reduce((total, split) => total + split[name], 0);
  const perTrial = (name) => summarize(splits.map((split) => split[name]));
  return {
    title: `scenarios: incident-bridge, ${scenarios.length} visible scenarios x ${trials} trials, ${concurrency} at a time, ${rounds} rounds (${splits.length} trials)`,
    rows: [
      { name: "suite throughput", value: summarize(throughput), unit: "trials/s" },
      { name: "trial, start to cleanup", value: perTrial("total"), unit: "ms" },
      { name: "app time (spawn to ready + app steps)", value: perTrial("app"), unit: "ms" },
      { name: "runner overhead (the rest)", value: perTrial("overhead"), unit: "ms" },
      { name: "scripted pauses (sleep steps)", value: perTrial("pauses"), unit: "ms" },
      { name: "ratio runner overhead / app time, summed", value: { median: sum("overhead") / sum("app") }, unit: "x" },
    ],
    notes: ["per-trial rows: median over all trials (min, max); the ratio sums every trial's times"],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { printReport } = await import("./report.js");
  printReport([await runScenariosBenchmark()]);
}
