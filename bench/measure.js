// Shared timing helpers: interleaved repetitions and medians, because the machine is noisy and
// a ratio against a baseline measured in the same moments cancels most of that noise.
import { performance } from "node:perf_hooks";

/** Milliseconds `work` takes (awaited). */
export async function time(work) {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs every measurement once per round, in the same order (A, B, C, A, B, C, ...), after
 * `warmupRounds` rounds that are discarded, and returns each one's samples in milliseconds.
 */
export async function interleave(measurements, { rounds, warmupRounds = 1 }) {
  const samples = Object.fromEntries(Object.keys(measurements).map((name) => [name, []]));
  for (let round = -warmupRounds; round < rounds; round++) {
    for (const [name, measure] of Object.entries(measurements)) {
      const milliseconds = await measure();
      if (round >= 0) samples[name].push(milliseconds);
    }
  }
  return samples;
}

/** A row for the report: the median, and the spread so a reader can judge the noise. */
export function summarize(samples) {
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), count: samples.length };
}
