/**
 * Canaries: a unique marker planted in each holdout scenario file. A canary has no meaning and
 * cannot be guessed, so finding one anywhere the agents work (a file, a commit, a transcript) is
 * proof that holdout text got there; see docs/scenarios/holdouts.md.
 */
import { randomBytes } from "node:crypto";

export const CANARY_PREFIX = "lightsout-canary-";

/**
 * A canary, not global (so `test` is stateless): `lightsout-canary-` and at least 16 hex digits
 * (the scenario format's rule; `createCanary` makes 32). Case-insensitive.
 */
export const CANARY_PATTERN = /lightsout-canary-[0-9a-f]{16,}/i;

/** A new canary. `random` (uniform in [0, 1)) is for tests; by default 128 bits from the system's CSPRNG. */
export function createCanary(random?: () => number): string {
  const hex = random ? Array.from({ length: 32 }, () => Math.min(15, Math.floor(random() * 16)).toString(16)).join("") : randomBytes(16).toString("hex");
  return `${CANARY_PREFIX}${hex}`;
}

/** Every canary in `text`, in order of appearance, lowercased. */
export function findCanaries(text: string): string[] {
  if (!text.toLowerCase().includes(CANARY_PREFIX)) return [];
  return [...text.matchAll(new RegExp(CANARY_PATTERN.source, "gi"))].map((match) => match[0].toLowerCase());
}
