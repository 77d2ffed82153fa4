/**
 * Input checks shared by the statistics: every public function rejects malformed numbers with a
 * `StatsInputError` (a `RangeError`) instead of returning NaN.
 */
export class StatsInputError extends RangeError {
  readonly code = "INPUT" as const;
  constructor(message: string) {
    super(message);
    this.name = "StatsInputError";
  }
}

export function requireInteger(name: string, value: number, min = 0): void {
  if (!Number.isInteger(value) || value < min) {
    throw new StatsInputError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

export function requireProbability(name: string, value: number, open = false): void {
  const ok = Number.isFinite(value) && (open ? value > 0 && value < 1 : value >= 0 && value <= 1);
  if (!ok) {
    throw new StatsInputError(`${name} must be in ${open ? "(0, 1)" : "[0, 1]"}, got ${value}`);
  }
}

export function requireCounts(label: string, trials: number, satisfied: number): void {
  requireInteger(`${label}: trials`, trials, 1);
  requireInteger(`${label}: satisfied`, satisfied, 0);
  if (satisfied > trials) {
    throw new StatsInputError(`${label}: satisfied (${satisfied}) exceeds trials (${trials})`);
  }
}
