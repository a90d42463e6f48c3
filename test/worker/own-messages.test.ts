/**
 * Deputy's own posts come back through the person's messages webhook. They are recognised
 * without a Webex call, also when the webhook arrives before the post has returned its id, and
 * a reply is posted once per job however often the job runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keys } from '../../src/redis/keys.js';
import { Replies } from '../../src/worker/replies.js';
import { PersonStore } from '../../src/people/person-store.js';
import { TokenCipher } from '../../src/tokens/crypto.js';
import { PersonTokens } from '../../src/tokens/person-tokens.js';
import { WebexClient } from '../../src/webex/client.js';
import { api, eventually } from '../support/http.js';
import {
  connectThroughSandbox,
  firstRoomOf,
  roomMessages,
  startTestDeputy,
  type SamplePerson,
  type TestDeputy,
} from '../support/deputy.js';
import { testRedis } from '../support/redis.js';

interface Call {
  route: string;
  status: number;
  path: string;
  personId?: string;
  at: string;
  responseBody?: { id?: string };
}

describe("Deputy's own messages", () => {
  let test: TestDeputy;
  let ada: SamplePerson;
  let roomId: string;
  beforeAll(async () => {
    test = await startTestDeputy('own-messages');
    ada = test.person('Ada');
    await connectThroughSandbox(test, ada);
    const rooms = await api<{ items: Array<{ id: string }> }>(
      'GET',
      `${test.base}/sandbox/rooms`,
      ada.accessToken,
    );
    roomId = rooms.body.items[0]!.id;
  });
  afterAll(async () => test?.close());

  it('are skipped without a Webex call, also when their webhook comes before the post returns', async () => {
    // With latency, the sandbox delivers the reply's webhook while Deputy still waits for the
    // POST /messages answer that carries the reply's id.
    await api('POST', `${test.base}/sandbox/control/latency`, 'none', { ms: 400 });
    try {
      await api('DELETE', `${test.base}/sandbox/control/calls`, 'none');
      await api('POST', `${test.base}/sandbox/messages`, ada.accessToken, {
        roomId,
        text: '/help',
      });
      await test.settled();
    } finally {
      await api('POST', `${test.base}/sandbox/control/latency`, 'none', { ms: 0 });
    }

    const mine = (await roomMessages(test, ada, roomId)).filter((m) => m.personId === ada.id);
    expect(mine.map((m) => (m.markdown ?? m.text ?? '').slice(0, 19))).toEqual([
      '/help',
      '**Deputy commands**',
    ]);
    const reply = mine[1]!;
    const delivery = test.sandbox.state.deliveries.find((d) => d.dataId === reply.id);
    const posted = [...test.sandbox.state.messages.values()].find((m) => m.id === reply.id);
    expect(delivery && posted).toBeTruthy();

    const calls = (await api<Call[]>('GET', `${test.base}/sandbox/control/calls`, 'none')).body;
    const fetches = calls.filter((c) => c.route === 'GET /messages/{id}');
    // One fetch, for the command; none for Deputy's own reply.
    expect(fetches).toHaveLength(1);
    expect(fetches[0]!.path).not.toContain(encodeURIComponent(reply.id));
    const metrics = await test.deputy.metrics.registry.getSingleMetricAsString('deputy_jobs_total');
    expect(metrics).toMatch(/outcome="own_message"\} 1/);
    // The reply's job found the post in flight and came back later; no attempt was used.
    expect(metrics).toMatch(/outcome="post_in_flight"\} [1-9]/);
    const failed = await test.queue.getJobCounts('failed');
    expect(failed.failed).toBe(0);
  });

  it('are told apart from posts in flight, checking again sooner for a post that just started', async () => {
    const keys = new Keys(test.deputy.config.keyPrefix);
    const redis = testRedis();
    const client = new WebexClient({ ...test.deputy.config.webex, logger: test.deputy.logger });
    const replies = new Replies({ client, redis, keys });
    const now = Date.now();
    const pending = keys.pendingPosts(ada.id, roomId);
    const ask = (messageId: string, receivedAt = now) =>
      replies.ownership(messageId, ada.id, roomId, receivedAt);
    try {
      expect(await ask('TYPED')).toBe('other');
      await redis.set(keys.ownMessage('POSTED'), '{}', 'EX', 60);
      expect(await ask('POSTED')).toBe('own');

      // A post that has just started: look again soon (25 ms, or as long as it has been in
      // flight when that is longer).
      await redis.zadd(pending, Date.now(), 'fresh-post');
      const soon = await ask('TYPED', Date.now() + 1_000);
      expect(soon).toMatchObject({ pending: true });
      expect((soon as { recheckMs: number }).recheckMs).toBeGreaterThanOrEqual(25);
      expect((soon as { recheckMs: number }).recheckMs).toBeLessThan(250);
      // The oldest counts: one in flight for 5 s (its worker may be dead) spaces the checks out.
      await redis.zadd(pending, now - 5_000, 'old-post');
      expect(await ask('TYPED')).toEqual({ pending: true, recheckMs: 1_000 });
      // Posts that started after the delivery arrived cannot be its message.
      expect(await ask('TYPED', now - 6_000)).toBe('other');
      // Nor can anything once the delivery is older than the deadline.
      expect(await ask('TYPED', now - 11_000)).toBe('other');
      // Without a room there is nothing to wait for.
      expect(await replies.ownership('TYPED', ada.id, undefined, now)).toBe('other');
    } finally {
      await redis.del(pending, keys.ownMessage('POSTED'));
      await client.close();
      redis.disconnect();
    }
  });

  it('are posted once per job and reply index, however often the job runs', async () => {
    const { config, logger } = test.deputy;
    const redis = testRedis();
    const keys = new Keys(config.keyPrefix);
    const people = new PersonStore(redis, keys, new TokenCipher([config.tokenEncryptionKey]));
    const client = new WebexClient({ ...config.webex, logger });
    const tokens = new PersonTokens({ store: people, client, redis, keys, logger });
    const replies = new Replies({ client, redis, keys });
    const as = await tokens.actingAs(ada.id);
    const before = (await roomMessages(test, ada, roomId)).length;
    const first = await replies.post(as, 'a-job', 0, { roomId, markdown: 'Posted once.' });
    const again = await replies.post(as, 'a-job', 0, { roomId, markdown: 'Posted once.' });
    const next = await replies.post(as, 'a-job', 1, { roomId, markdown: 'The second reply.' });
    expect(again).toBe(first);
    expect(next).not.toBe(first);
    expect((await roomMessages(test, ada, roomId)).length).toBe(before + 2);
    await client.close();
    redis.disconnect();
  });
});

describe("A job waiting for one of Deputy's posts to return", () => {
  let test: TestDeputy;
  afterAll(async () => test?.close());

  it('gives its worker slot to other jobs meanwhile', async () => {
    const latencyMs = 600;
    test = await startTestDeputy('own-wait', { env: { WORKER_CONCURRENCY: '2' } });
    const ada = test.person('Ada');
    const grace = test.person('Grace');
    await connectThroughSandbox(test, ada);
    await connectThroughSandbox(test, grace);
    const roomId = await firstRoomOf(test, ada);
    await api('POST', `${test.base}/sandbox/control/latency`, 'none', { ms: latencyMs });
    try {
      await api('DELETE', `${test.base}/sandbox/control/calls`, 'none');
      const typed = api('POST', `${test.base}/sandbox/messages`, ada.accessToken, {
        roomId,
        text: '/help',
      });
      // The sandbox holds Deputy's reply and has delivered its webhook; the POST that created
      // it is still waiting out the latency. One slot runs that POST, the other takes the
      // reply's webhook, which cannot be told apart from the post until the POST returns.
      const reply = await eventually('the help reply to be created', async () =>
        [...test.sandbox.state.messages.values()].find((m) =>
          (m.markdown ?? '').startsWith('**Deputy commands**'),
        ),
      );
      const graceTyped = await api<{ id: string }>(
        'POST',
        `${test.base}/sandbox/messages`,
        grace.accessToken,
        { roomId, text: 'Lunch at one?' },
      );
      await typed;
      await test.settled();

      const calls = (await api<Call[]>('GET', `${test.base}/sandbox/control/calls`, 'none')).body;
      const post = calls.find(
        (c) => c.route === 'POST /messages' && c.responseBody?.id === reply.id,
      );
      const fetches = calls.filter(
        (c) => c.route === 'GET /messages/{id}' && c.path.includes(graceTyped.body.id),
      );
      expect(post).toBeDefined();
      expect(fetches.length).toBeGreaterThan(0);
      // Grace's message was fetched while the reply's POST was still unanswered: the waiting
      // job did not sit on its slot.
      const answeredAt = Date.parse(post!.at) + latencyMs;
      expect(Math.min(...fetches.map((c) => Date.parse(c.at)))).toBeLessThan(answeredAt);
    } finally {
      await api('POST', `${test.base}/sandbox/control/latency`, 'none', { ms: 0 });
    }
  });
});
