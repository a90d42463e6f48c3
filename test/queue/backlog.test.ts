import { afterAll, describe, expect, it } from 'vitest';
import { Backlog } from '../../src/queue/backlog.js';
import { Keys } from '../../src/redis/keys.js';
import { removePrefix, testRedis, uniquePrefix } from '../support/redis.js';

describe('fair shares between people', () => {
  const redis = testRedis();
  const prefix = uniquePrefix('backlog');
  const backlog = new Backlog(redis, new Keys(prefix));
  afterAll(async () => {
    await removePrefix(redis, prefix);
    redis.disconnect();
  });

  it("numbers one person's queued jobs 1, 2, 3 while another person's first job gets 1", async () => {
    expect([await backlog.enter('A'), await backlog.enter('A'), await backlog.enter('A')]).toEqual([
      1, 2, 3,
    ]);
    expect(await backlog.enter('B')).toBe(1);
  });

  it('keeps numbering upwards while a backlog remains, so a person’s own jobs keep their order', async () => {
    await backlog.leave('A');
    expect(await backlog.enter('A')).toBe(4);
  });

  it('starts again at 1 once the backlog is empty', async () => {
    for (let i = 0; i < 3; i++) await backlog.leave('A');
    expect(await redis.exists(`${prefix}:backlog:A`)).toBe(0);
    expect(await backlog.enter('A')).toBe(1);
    await backlog.leave('A');
    await backlog.leave('A');
    expect(await backlog.enter('A')).toBe(1);
  });
});
