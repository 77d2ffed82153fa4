/**
 * Stratified one-sided test of a drop in satisfaction from a baseline run to the current run.
 * Scenarios are strata, matched by id; scenarios in only one run are left out (and listed).
 *   D   = Σ w_i (p_b,i − p_c,i)        w_i: the current run's weights, renormalized over the matched set
 *   SE₀ = √( Σ w_i² p̄_i(1 − p̄_i)(1/K_b,i + 1/K_c,i) ),  p̄_i = (c_b,i + c_c,i)/(K_b,i + K_c,i)
 *   z   = D / SE₀,  p = 1 − Φ(z)      (z = 0, p = 1/2 when SE₀ = 0, which forces D = 0)
 * SE₀ is the standard error of D under H0 (each scenario's rate unchanged), pooled per stratum.
 */
import { normalSf } from "./normal.js";
import { normalizeWeights, type ScenarioTally } from "./satisfaction.js";

export interface StratifiedDropTest {
  /** Weighted drop D (positive = current is worse). */
  drop: number;
  standardError: number;
  z: number;
  pValue: number;
  matched: string[];
  onlyInBaseline: string[];
  onlyInCurrent: string[];
}

export function stratifiedDropTest(
  baseline: readonly ScenarioTally[],
  current: readonly ScenarioTally[],
): StratifiedDropTest {
  normalizeWeights(baseline); // validation only
  normalizeWeights(current);
  const base = new Map(baseline.map((t) => [t.id, t]));
  const pairs = current.flatMap((c) => {
    const b = base.get(c.id);
    return b ? [{ b, c }] : [];
  });
  const matchedIds = new Set(pairs.map((p) => p.c.id));
  const onlyInBaseline = baseline.filter((t) => !matchedIds.has(t.id)).map((t) => t.id);
  const onlyInCurrent = current.filter((t) => !matchedIds.has(t.id)).map((t) => t.id);
  if (pairs.length === 0) {
    return { drop: 0, standardError: 0, z: 0, pValue: 1, matched: [], onlyInBaseline, onlyInCurrent };
  }
  const w = normalizeWeights(pairs.map((p) => p.c));
  let drop = 0;
  let variance = 0;
  pairs.forEach(({ b, c }, i) => {
    const wi = w[i]!;
    drop += wi * (b.satisfied / b.trials - c.satisfied / c.trials);
    const pooled = (b.satisfied + c.satisfied) / (b.trials + c.trials);
    variance += wi * wi * pooled * (1 - pooled) * (1 / b.trials + 1 / c.trials);
  });
  const standardError = Math.sqrt(variance);
  const z = standardError === 0 ? 0 : drop / standardError;
  return {
    drop,
    standardError,
    z,
    pValue: normalSf(z),
    matched: pairs.map((p) => p.c.id),
    onlyInBaseline,
    onlyInCurrent,
  };
}
