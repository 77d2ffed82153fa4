/**
 * Benjamini–Hochberg adjusted p-values (q-values) controlling the false discovery rate:
 * with p sorted ascending p_(1) ≤ … ≤ p_(m),
 *   q_(i) = min_{j ≥ i} min(1, m · p_(j) / j),
 * returned in the input order (as R's p.adjust(p, "BH") and scipy.stats.false_discovery_control).
 */
import { requireProbability } from "./validate.js";

export function benjaminiHochberg(pValues: readonly number[]): number[] {
  pValues.forEach((p, i) => requireProbability(`p[${i}]`, p));
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p || x.i - y.i);
  const q = new Array<number>(m).fill(1);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const entry = order[rank - 1]!;
    running = Math.min(running, (m * entry.p) / rank);
    // max(p, ·) only guards rounding (m·p/rank can round below p when rank = m).
    q[entry.i] = Math.min(1, Math.max(entry.p, running));
  }
  return q;
}
