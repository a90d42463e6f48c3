/**
 * How long a job waits after a 429. Webex's `Retry-After` is honoured, but never less than a
 * second (a 0 would make a tight loop); without one the wait grows exponentially. Both get a
 * little jitter so that many jobs limited together do not come back together.
 */

/** After this many waits in a row, the job fails instead of waiting again. */
export const MAX_RATE_LIMIT_WAITS = 20;
const MAX_WAIT_SECONDS = 3600;

export function rateLimitWaitMs(
  retryAfterSeconds: number | undefined,
  waitsSoFar: number,
  random = Math.random,
): number {
  const base =
    retryAfterSeconds !== undefined
      ? Math.max(1, retryAfterSeconds)
      : Math.min(60, 2 ** Math.min(waitsSoFar, 6));
  const seconds = Math.min(base, MAX_WAIT_SECONDS);
  return Math.round(seconds * 1000 * (1 + 0.1 * random()));
}
