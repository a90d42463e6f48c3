/**
 * Deputy's own posts come back through the person's messages webhook. They are recognised
 * without a Webex call, also when the webhook arrives before the post has returned its id.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Keys } from '../../src/redis/keys.js';
import type { PersonTokens } from '../../src/tokens/person-tokens.js';
import type { WebexClient } from '../../src/webex/client.js';
import { Replies } from '../../src/worker/replies.js';
import { removePrefix, testRedis, uniquePrefix } from '../support/redis.js';

describe("recognising Deputy's own messages", () => {
  const redis = testRedis();
  const prefix = uniquePrefix('own');
  const keys = new Keys(prefix);
  afterAll(async () => {
    await removePrefix(redis, prefix);
    redis.disconnect();
  });

  /** A post whose answer is held back until `release` is called, as on a slow network. */
  function slowPost() {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const client = {
      createMessage: async () => {
        await gate;
        return { id: 'MESSAGE_OWN', roomId: 'ROOM' };
      },
    } as unknown as WebexClient;
    const tokens = {
      withToken: (_: string, call: (t: string) => unknown) => call('token'),
    } as unknown as PersonTokens;
    return { replies: new Replies({ tokens, client, redis, keys }), release };
  }

  it('matches a webhook that arrives while the post is still in flight', async () => {
    const { replies, release } = slowPost();
    const posting = replies.post('PERSON', 'job-1', 0, { roomId: 'ROOM', markdown: 'A reply.' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const seen = replies.isOwn('MESSAGE_OWN', 'PERSON', 'ROOM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    expect(await posting).toBe('MESSAGE_OWN');
    expect(await seen).toBe(true);
    expect(Number(await redis.get(keys.pendingPosts('PERSON', 'ROOM')))).toBe(0);
  });

  it("answers at once for someone else's message when nothing is in flight", async () => {
    const { replies } = slowPost();
    const started = Date.now();
    expect(await replies.isOwn('SOMEONE_ELSES', 'PERSON', 'ROOM')).toBe(false);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('posts a reply once per job and index, however often the job runs', async () => {
    const { replies, release } = slowPost();
    release();
    const first = await replies.post('PERSON', 'job-2', 0, { roomId: 'ROOM', markdown: 'Once.' });
    const again = await replies.post('PERSON', 'job-2', 0, { roomId: 'ROOM', markdown: 'Once.' });
    expect(again).toBe(first);
  });
});
