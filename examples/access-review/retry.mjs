// The retry policy both clients share: an attempt says whether its answer is final, transient
// (retry after a backoff that doubles with each attempt, as Google asks of clients it throttles
// without saying for how long) or rate limited with a known wait (Okta's reset time).

/** Real waiting, injectable so a test can count waits instead of sleeping. */
export const realSleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * Runs `attempt(number)` until it returns `{ done: true, value }`, or the attempts run out.
 * An attempt returns `{ done: false, value, waitMs }` to be retried after `waitMs`, or
 * `{ done: false, value }` for exponential backoff (`backoffMs`, then twice that, ... up to
 * `maxBackoffMs`). The last value is returned either way, so the caller sees the final failure
 * as data.
 */
export async function withRetries(attempt, { maxAttempts = 6, backoffMs = 250, maxBackoffMs = 4000, sleep = realSleep } = {}) {
  let outcome;
  for (let number = 1; number <= maxAttempts; number++) {
    outcome = await attempt(number);
    if (outcome.done || number === maxAttempts) return outcome.value;
    await sleep(outcome.waitMs ?? Math.min(maxBackoffMs, backoffMs * 2 ** (number - 1)));
  }
  return outcome.value;
}
