/**
 * mulberry32: a small, fast generator of uniform numbers in [0, 1) from a 32-bit seed, so retry
 * jitter, run ids and scenario perturbations are reproducible from a seed. (The twin kit keeps
 * its own copy inside tenant state: twins import nothing else of the project.)
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
