/**
 * The order trials run in and the pool that runs them. Trials of all scenarios interleave
 * round-robin by trial index (every scenario's trial 0, then every trial 1, ...), so a run that is
 * cancelled or cut short has still tried every scenario; at most `concurrency` run at once.
 */
import type { Scenario } from "../model.js";
import { trialSeed } from "./seeds.js";

export interface PlannedTrial {
  scenario: Scenario;
  index: number;
  seed: number;
}

/**
 * Every trial of the suite, in run order. `trialSeeds` replays exact seeds for a scenario (their
 * count overrides `trials` for it); the others get `trialSeed(suiteSeed, id, index)`.
 */
export function planTrials(scenarios: readonly Scenario[], trials: number, suiteSeed: number, trialSeeds: Readonly<Record<string, readonly number[]>> = {}): PlannedTrial[] {
  const seedsOf = (scenario: Scenario): readonly number[] => trialSeeds[scenario.id] ?? Array.from({ length: trials }, (_, index) => trialSeed(suiteSeed, scenario.id, index));
  const perScenario = scenarios.map((scenario) => ({ scenario, seeds: seedsOf(scenario) }));
  const rounds = Math.max(0, ...perScenario.map(({ seeds }) => seeds.length));
  const planned: PlannedTrial[] = [];
  for (let index = 0; index < rounds; index += 1) {
    for (const { scenario, seeds } of perScenario) {
      const seed = seeds[index];
      if (seed !== undefined) planned.push({ scenario, index, seed });
    }
  }
  return planned;
}

/**
 * Runs `work` on each item, at most `concurrency` at a time, in order of start. Once `signal`
 * aborts no new item starts; items already running finish (they watch the signal themselves).
 * `work` must not throw; if it does, the pool stops starting items and rethrows after the
 * running ones are done.
 */
export async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !signal?.aborted && !failure) {
      const item = items[next]!;
      next += 1;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (failure) throw failure.error;
}
