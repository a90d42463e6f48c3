import { afterAll, describe, expect, it } from 'vitest';
import { PollStore, type Poll } from '../../src/polls/poll-store.js';
import { Keys } from '../../src/redis/keys.js';
import { removePrefix, testRedis, uniquePrefix } from '../support/redis.js';

describe('poll votes', () => {
  const redis = testRedis();
  const prefix = uniquePrefix('polls');
  const store = new PollStore(redis, new Keys(prefix));
  const poll: Poll = {
    id: 'POLL',
    question: 'Lunch?',
    options: ['Pizza', 'Sushi'],
    authorId: 'AUTHOR',
    authorName: 'Ada',
    roomId: 'ROOM',
    messageId: 'CARD',
    threadId: 'CARD',
    status: 'open',
  };
  afterAll(async () => {
    await removePrefix(redis, prefix);
    redis.disconnect();
  });

  it('keeps the vote cast last, whatever order the votes are handled in', async () => {
    await store.create(poll);
    expect(await store.vote('POLL', 'GRACE', 1, 2000)).toBe('recorded');
    // An older vote handled late (a retry, another worker) does not replace the newer one.
    expect(await store.vote('POLL', 'GRACE', 0, 1000)).toBe('outdated');
    expect(await store.vote('POLL', 'GRACE', 0, 3000)).toBe('changed');
    expect(await store.vote('POLL', 'GRACE', 0, 4000)).toBe('unchanged');
    expect(await store.tally(poll)).toEqual({ counts: [1, 0], voters: 1 });
  });

  it('refuses votes on a closed or unknown poll, and Close from anyone but the author', async () => {
    expect(await store.close('POLL', 'GRACE')).toBe('not_author');
    expect(await store.vote('POLL', 'ALAN', 1, 5000)).toBe('recorded');
    expect(await store.close('POLL', 'AUTHOR')).toBe('closed');
    expect(await store.close('POLL', 'AUTHOR')).toBe('already_closed');
    expect(await store.vote('POLL', 'JOSE', 1, 6000)).toBe('closed');
    expect(await store.vote('NO_POLL', 'JOSE', 1, 6000)).toBe('unknown');
    expect(await store.tally(poll)).toEqual({ counts: [1, 1], voters: 2 });
  });
});
