/**
 * Trial seeds and the seeded generator every random choice of a trial draws from.
 *
 * `trialSeed(suiteSeed, scenarioId, index)` is FNV-1a (32-bit) over the UTF-8 bytes of
 * `"<suiteSeed>\u0000<scenarioId>\u0000<index>"`, finished with MurmurHash3's fmix32 so that
 * neighbouring indexes give unrelated seeds. Only integer arithmetic on bytes: the same inputs
 * give the same seed on every machine, Node version and platform, forever. Changing it would
 * change every recorded trial's replay, so the tests pin literal values.
 */
import { seededRandom } from "../../seeded-random.js";

/** The trial's generator: mulberry32 from a 32-bit seed. */
export const createRandom: (seed: number) => () => number = seededRandom;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/** MurmurHash3's finalizer: every input bit affects every output bit. */
function fmix32(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A stable unsigned 32-bit hash of some text (FNV-1a, then fmix32). */
export function hash32(text: string): number {
  let hash = FNV_OFFSET;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME);
  }
  return fmix32(hash);
}

function checkInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name}: expected an integer, got ${value}`);
}

/** The seed of trial `index` (0-based) of a scenario in a suite run seeded with `suiteSeed`. */
export function trialSeed(suiteSeed: number, scenarioId: string, index: number): number {
  checkInteger("suite seed", suiteSeed);
  checkInteger("trial index", index);
  return hash32(`${suiteSeed}\u0000${scenarioId}\u0000${index}`);
}

/**
 * A seed for one named use of a trial seed (`var:greeting`, `perturbation:0:slow-slack`,
 * `step-delay`): each use draws from its own stream, so adding a variable does not change what
 * another one draws, and reordering them in the file changes nothing.
 */
export function derivedSeed(seed: number, label: string): number {
  return hash32(`${seed >>> 0}\u0000${label}`);
}


/** An integer in [min, max] (both included) from a uniform draw. */
export function integerBetween(random: () => number, min: number, max: number): number {
  const low = Math.ceil(Math.min(min, max));
  const high = Math.floor(Math.max(min, max));
  return low + Math.floor(random() * (high - low + 1));
}
