/**
 * Shortening values for trajectories: a step's request and outcome are kept to a few KB, so a
 * trajectory stays readable and a run directory small. Long strings keep their start with a note
 * of what was cut; long arrays their first items; deep values are cut at a depth.
 */

export interface TruncateLimits {
  /** Longest string kept whole. */
  stringChars: number;
  /** Most array items and object keys kept. */
  items: number;
  depth: number;
}

/** A step's request or outcome: strings up to 2,000 characters, 50 items, 8 levels. */
export const STEP_LIMITS: TruncateLimits = { stringChars: 2_000, items: 50, depth: 8 };
/** Request-log entries and deliveries: the judge reads these, so strings are kept longer. */
export const TRACE_LIMITS: TruncateLimits = { stringChars: 8_000, items: 200, depth: 12 };

export function truncateString(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… [${text.length - limit} more characters]`;
}

/** A copy of a JSON-like value within the limits (values that are not JSON become strings). */
export function truncateValue(value: unknown, limits: TruncateLimits = STEP_LIMITS, depth = 0): unknown {
  if (typeof value === "string") return truncateString(value, limits.stringChars);
  if (value === null || typeof value === "number" || typeof value === "boolean" || value === undefined) return value;
  if (typeof value !== "object") return String(value);
  if (depth >= limits.depth) return "[deeper values not shown]";
  if (Array.isArray(value)) {
    const kept = value.slice(0, limits.items).map((item) => truncateValue(item, limits, depth + 1));
    if (value.length > limits.items) kept.push(`[${value.length - limits.items} more items]`);
    return kept;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of entries.slice(0, limits.items)) copy[key] = truncateValue(item, limits, depth + 1);
  if (entries.length > limits.items) copy["…"] = `${entries.length - limits.items} more keys`;
  return copy;
}
