// The retry policy both clients share: an attempt says whether its answer is final, transient
// (retry after a short backoff that grows with each attempt) or rate limited (retry after the
// server's Retry-After). Keeping it in one place is what makes the buggy variant a one-flag change.

/** Real waiting, injectable so a test can count waits instead of sleeping. */
export const realSleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * Runs `attempt(number)` until it returns `{ done: true, value }`, or the attempts run out.
 * An attempt returns `{ done: false, value, waitMs }` to be retried after `waitMs` (a rate limit)
 * or `{ done: false, value }` for the default backoff (`backoffMs` x attempt number).
 * The last value is returned either way, so the caller sees the final failure as data.
 */
export async function withRetries(attempt, { maxAttempts = 5, backoffMs = 100, sleep = realSleep } = {}) {
  let outcome;
  for (let number = 1; number <= maxAttempts; number++) {
    outcome = await attempt(number);
    if (outcome.done || number === maxAttempts) return outcome.value;
    await sleep(outcome.waitMs ?? backoffMs * number);
  }
  return outcome.value;
}
