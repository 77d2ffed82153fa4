/**
 * The Wilson score interval for a proportion p̂ observed on n (possibly fractional, "effective")
 * trials at normal quantile z:
 *   centre = (p̂ + z²/2n) / (1 + z²/n)
 *   half   = z / (1 + z²/n) · √( p̂(1 − p̂)/n + z²/4n² )
 * It is the set of p with (p̂ − p)² ≤ z² p(1 − p)/n, so it always contains p̂ and stays in [0, 1].
 */
import { StatsInputError } from "./validate.js";
import type { Interval } from "./clopper-pearson.js";

export function wilsonInterval(pHat: number, n: number, z: number): Interval {
  if (!(pHat >= 0 && pHat <= 1)) throw new StatsInputError(`pHat must be in [0, 1], got ${pHat}`);
  if (!(n > 0) || Number.isNaN(n)) throw new StatsInputError(`n must be > 0, got ${n}`);
  if (!(z >= 0) || !Number.isFinite(z)) throw new StatsInputError(`z must be finite and >= 0, got ${z}`);
  if (n === Infinity) return { lower: pHat, upper: pHat };
  const z2n = (z * z) / n;
  const centre = (pHat + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((pHat * (1 - pHat)) / n + (z * z) / (4 * n * n));
  // Clamp rounding only: mathematically lower <= pHat <= upper and both lie in [0, 1].
  return {
    lower: Math.max(0, Math.min(pHat, centre - half)),
    upper: Math.min(1, Math.max(pHat, centre + half)),
  };
}
