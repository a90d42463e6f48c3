import { describe, expect, it } from 'vitest';
import { connectionOptions } from '../../src/redis/connection.js';

describe('Redis connection options (F10)', () => {
  it('lets worker connections wait for Redis forever, as BullMQ requires', () => {
    expect(connectionOptions('worker').maxRetriesPerRequest).toBeNull();
    expect(connectionOptions('worker').enableOfflineQueue).toBe(true);
  });

  it('makes request-path connections fail fast, so the receiver can answer 503', () => {
    expect(connectionOptions('request').maxRetriesPerRequest).toBe(1);
    expect(connectionOptions('request').enableOfflineQueue).toBe(false);
  });

  it('never stops reconnecting', () => {
    const retry = connectionOptions('worker').retryStrategy!;
    expect(retry(1)).toBe(100);
    expect(retry(10_000)).toBe(2000);
  });
});
