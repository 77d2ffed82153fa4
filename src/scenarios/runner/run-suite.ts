/**
 * A suite run: every scenario K times ("trials"), each on fresh tenants of twins started once for
 * the whole run, interleaved round-robin by trial index, at most `concurrency` at once. Trials are
 * judged as they end and, with `outDir`, written as `trajectories/<scenario-id>/<index>.json`
 * (atomically). Cancelling (`signal`) aborts running trials (they clean up and are kept, aborted)
 * and starts no new ones; the run then returns what it has. The twins are closed in any case.
 */
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { LightsoutError } from "../../errors.js";
import { writeFileAtomically } from "../../write-file-atomically.js";
import { createDeterministicJudge } from "../judges/index.js";
import type { Judge, Scenario, ScenarioResult, SuiteRun, Trajectory, TrialSummary, Verdict } from "../model.js";
import { type PlannedTrial, planTrials, runPool } from "./schedule.js";
import { type TrialAppOptions, runTrial } from "./trial.js";
import { checkTwinNames, startTwinUniverse, twinsUsedBy } from "./twin-universe.js";

export interface RunSuiteOptions {
  app: TrialAppOptions;
  /** K, trials per scenario; default 5. */
  trials?: number;
  /** Trials at once; default the number of CPUs (at least 1). */
  concurrency?: number;
  /** The suite seed every trial seed derives from; default 0. */
  seed?: number;
  /** Only these scenario ids. */
  only?: string[];
  /** Replay: exact seeds for a scenario (their count overrides `trials` for it). */
  trialSeeds?: Record<string, number[]>;
  /** When set: `trajectories/<scenario-id>/<index>.json` under it, written as each trial ends. */
  outDir?: string;
  /** Default `createDeterministicJudge()`. */
  judge?: Judge;
  /** Cancel: running trials are aborted and cleaned up, no new ones start. */
  signal?: AbortSignal;
  onEvent?: (event: SuiteEvent) => void;
  /** Injectable clock (ms since the epoch). */
  now?: () => number;
  /** Where the app's allow-listed variables come from; default `process.env`. */
  parentEnv?: Readonly<Record<string, string | undefined>>;
}

export type SuiteEvent =
  | { type: "suite-start"; runId: string; scenarios: number; trialsPerScenario: number; totalTrials: number; concurrency: number; seed: number }
  | { type: "trial-start"; scenarioId: string; trialIndex: number; seed: number }
  | { type: "trial-end"; scenarioId: string; trialIndex: number; seed: number; verdict: Verdict; durationMs: number; perturbations: string[]; aborted?: Trajectory["aborted"]; trajectoryFile?: string }
  | { type: "suite-end"; run: SuiteRun; cancelled: boolean };

export interface SuiteResult {
  run: SuiteRun;
  /** In the order the trials ended. */
  trajectories: Trajectory[];
}

/** A scenario id as a directory name: ids are kebab-case by the format, but never trust a path. */
export function safeFileName(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^\.+/, "_");
  return cleaned === "" ? "_" : cleaned;
}

/** `trajectories/<scenario-id>/<index>.json`, relative to the run directory. */
export function trajectoryPath(scenarioId: string, index: number): string {
  return join("trajectories", safeFileName(scenarioId), `${index}.json`);
}

function selectScenarios(scenarios: readonly Scenario[], only: readonly string[] | undefined): Scenario[] {
  const seen = new Set<string>();
  for (const scenario of scenarios) {
    if (seen.has(scenario.id)) throw new LightsoutError("SCENARIO", `${scenario.source.file}: the scenario id ${scenario.id} is used twice in this suite`);
    seen.add(scenario.id);
  }
  if (!only || only.length === 0) return [...scenarios];
  const unknown = only.filter((id) => !seen.has(id));
  if (unknown.length > 0) throw new LightsoutError("SCENARIO", `--only names unknown scenario(s): ${unknown.join(", ")} (known: ${[...seen].join(", ") || "none"})`);
  return scenarios.filter((scenario) => only.includes(scenario.id));
}

function checkSeeds(trialSeeds: Readonly<Record<string, readonly number[]>>): void {
  for (const [id, seeds] of Object.entries(trialSeeds)) {
    const bad = seeds.find((seed) => !Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff);
    if (bad !== undefined) throw new LightsoutError("SCENARIO", `trial seeds of ${id}: expected integers in [0, 4294967295], got ${bad}`);
  }
}

function summaryOf(trajectory: Trajectory, trajectoryFile: string | undefined): TrialSummary {
  return {
    index: trajectory.trialIndex,
    seed: trajectory.seed,
    satisfied: trajectory.verdict.satisfied,
    ...(trajectory.verdict.attribution !== undefined ? { attribution: trajectory.verdict.attribution } : {}),
    reasons: trajectory.verdict.reasons,
    durationMs: trajectory.durationMs,
    perturbations: trajectory.perturbations,
    ...(trajectoryFile !== undefined ? { trajectoryFile } : {}),
  };
}

export async function runSuite(scenarios: Scenario[], options: RunSuiteOptions): Promise<SuiteResult> {
  const now = options.now ?? Date.now;
  const trials = options.trials ?? 5;
  if (!Number.isInteger(trials) || trials < 1) throw new LightsoutError("SCENARIO", `trials: expected an integer >= 1, got ${trials}`);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? availableParallelism()));
  const suiteSeed = options.seed ?? 0;
  const selected = selectScenarios(scenarios, options.only);
  checkTwinNames(selected);
  checkSeeds(options.trialSeeds ?? {});
  const planned = planTrials(selected, trials, suiteSeed, options.trialSeeds);
  const judge = options.judge ?? createDeterministicJudge();
  const emit = (event: SuiteEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // An observer must never break the run.
    }
  };

  const started = now();
  const runId = `${new Date(started).toISOString().replace(/[-:.]/g, "").replace("T", "-").slice(0, 15)}-${randomBytes(3).toString("hex")}`;
  emit({ type: "suite-start", runId, scenarios: selected.length, trialsPerScenario: trials, totalTrials: planned.length, concurrency, seed: suiteSeed });

  const trajectories: Trajectory[] = [];
  const summaries = new Map<string, TrialSummary[]>(selected.map((scenario) => [scenario.id, []]));
  const universe = await startTwinUniverse(twinsUsedBy(selected));
  try {
    await runPool(
      planned,
      concurrency,
      async ({ scenario, index, seed }: PlannedTrial) => {
        emit({ type: "trial-start", scenarioId: scenario.id, trialIndex: index, seed });
        const trajectory = await runTrial(scenario, {
          universe,
          app: options.app,
          index,
          seed,
          judge,
          ...(options.signal ? { signal: options.signal } : {}),
          now,
          ...(options.parentEnv ? { parentEnv: options.parentEnv } : {}),
        });
        let trajectoryFile: string | undefined;
        if (options.outDir !== undefined) {
          trajectoryFile = trajectoryPath(scenario.id, index);
          writeFileAtomically(join(options.outDir, trajectoryFile), `${JSON.stringify(trajectory, null, 2)}\n`, { createDirectory: true });
        }
        trajectories.push(trajectory);
        summaries.get(scenario.id)!.push(summaryOf(trajectory, trajectoryFile));
        emit({ type: "trial-end", scenarioId: scenario.id, trialIndex: index, seed, verdict: trajectory.verdict, durationMs: trajectory.durationMs, perturbations: trajectory.perturbations, ...(trajectory.aborted ? { aborted: trajectory.aborted } : {}), ...(trajectoryFile !== undefined ? { trajectoryFile } : {}) });
      },
      options.signal,
    );
  } finally {
    await universe.close();
  }

  const finished = now();
  const results: ScenarioResult[] = selected.map((scenario) => ({
    id: scenario.id,
    title: scenario.title,
    weight: scenario.weight,
    mustPass: scenario.mustPass,
    tags: scenario.tags,
    file: scenario.source.file,
    trials: summaries.get(scenario.id)!.sort((left, right) => left.index - right.index),
  }));
  const run: SuiteRun = {
    v: 1,
    runId,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    app: { command: options.app.command, kind: options.app.kind ?? "service" },
    seed: suiteSeed,
    trialsPerScenario: trials,
    concurrency,
    scenarios: results,
  };
  emit({ type: "suite-end", run, cancelled: options.signal?.aborted === true });
  return { run, trajectories };
}
