/**
 * On a coalescing connection, deliveries handled in the same turn of the event loop send their
 * Redis commands in one socket write, and every event still gets its own job and outcome.
 */
import type { Socket } from 'node:net';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { Backlog } from '../../src/queue/backlog.js';
import { createEventQueue, enqueueEvent, type EventJob } from '../../src/queue/event-queue.js';
import { createRedis, waitUntilReady } from '../../src/redis/connection.js';
import { Keys } from '../../src/redis/keys.js';
import { captureLogs } from '../support/log-capture.js';
import { REDIS_URL, removePrefix, testRedis, uniquePrefix } from '../support/redis.js';

describe('queueing the events of concurrent deliveries', () => {
  const prefix = uniquePrefix('coalesce');
  const { logger } = captureLogs();
  const plainRedis = createRedis(REDIS_URL, 'request', logger);
  const redis = createRedis(REDIS_URL, 'request', logger, { coalesce: true });
  const plainQueue = createEventQueue(plainRedis, prefix);
  const queue = createEventQueue(redis, prefix);
  const cleaner = testRedis();
  afterAll(async () => {
    await Promise.all([queue.close(), plainQueue.close()]);
    redis.disconnect();
    plainRedis.disconnect();
    await removePrefix(cleaner, prefix);
    cleaner.disconnect();
  });

  /** Counts the writes the connection's socket makes to the kernel while `work` runs. */
  async function socketWrites(connection: Redis, work: () => Promise<unknown>): Promise<number> {
    const socket = connection.stream as Socket & {
      _write: (...args: unknown[]) => void;
      _writev: (...args: unknown[]) => void;
    };
    const { _write: write, _writev: writev } = socket;
    let writes = 0;
    socket._write = (...args) => (writes++, write.apply(socket, args));
    socket._writev = (...args) => (writes++, writev.apply(socket, args));
    try {
      await work();
    } finally {
      socket._write = write;
      socket._writev = writev;
    }
    return writes;
  }

  const event = (dataId: string): EventJob => ({
    personId: 'PERSON',
    resource: 'messages',
    event: 'created',
    dataId,
    receivedAt: Date.now(),
  });
  const thirtyTwo = (connection: Redis, tag: string) => {
    const onIt = connection === redis ? queue : plainQueue;
    const backlog = new Backlog(connection, new Keys(prefix));
    return Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        enqueueEvent(onIt, backlog, event(`${tag}-${i}`), logger),
      ),
    );
  };

  it('go out in a few writes instead of two per event, each event queued once', async () => {
    for (const connection of [redis, plainRedis]) {
      expect(await waitUntilReady(connection, 5000)).toBe(true);
    }
    await Promise.all([queue.waitUntilReady(), plainQueue.waitUntilReady()]);
    const plain = await socketWrites(plainRedis, () => thirtyTwo(plainRedis, 'plain'));
    let outcomes: string[] = [];
    const coalesced = await socketWrites(redis, async () => {
      outcomes = await thirtyTwo(redis, 'together');
    });
    expect(plain).toBeGreaterThanOrEqual(64);
    expect(coalesced).toBeLessThanOrEqual(4);
    expect(outcomes).toEqual(Array(32).fill('queued'));
    const jobs = await queue.getJobs(['prioritized', 'waiting']);
    expect(new Set(jobs.map((job) => job.data.dataId)).size).toBe(64);
    // A second delivery of the same events is still recognised as such.
    expect(await thirtyTwo(redis, 'together')).toEqual(Array(32).fill('duplicate'));
  });
});
