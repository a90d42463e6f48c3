import { describe, expect, it } from 'vitest';
import { rateLimitWaitMs } from '../../src/worker/rate-limit.js';

describe('waiting after a 429', () => {
  const noJitter = () => 0;
  it('honours Retry-After in seconds', () => {
    expect(rateLimitWaitMs(5, 0, noJitter)).toBe(5000);
    expect(rateLimitWaitMs(3, 4, noJitter)).toBe(3000);
  });

  it('never waits less than a second, so Retry-After: 0 cannot make a tight loop', () => {
    expect(rateLimitWaitMs(0, 0, noJitter)).toBe(1000);
  });

  it('backs off exponentially, capped, without a Retry-After', () => {
    expect([0, 1, 2, 3, 10].map((n) => rateLimitWaitMs(undefined, n, noJitter))).toEqual([
      1000, 2000, 4000, 8000, 60_000,
    ]);
  });

  it('adds up to 10% jitter', () => {
    expect(rateLimitWaitMs(10, 0, () => 1)).toBe(11_000);
  });
});
