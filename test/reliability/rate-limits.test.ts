/**
 * Webex pushing back (F09, F13): a 429 waits Retry-After without using an attempt and without
 * holding up anyone else; 5xx answers retry with backoff from the job's options.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually } from '../support/http.js';
import {
  connect,
  firstRoom,
  messages,
  startCluster,
  type Cluster,
  type Message,
} from './cluster.js';

interface Call {
  method: string;
  route: string;
  status: number;
  personId?: string;
  at: string;
}

describe('Webex pushing back', () => {
  let cluster: Cluster;
  let redis: Redis;
  let queue: Queue;
  beforeAll(async () => {
    cluster = await startCluster({ workers: 1 });
    redis = new Redis(cluster.redis.url);
    queue = new Queue('events', { connection: redis, prefix: cluster.env.KEY_PREFIX });
    await connect(cluster, cluster.person('Ada'));
    await connect(cluster, cluster.person('Grace'));
  }, 60_000);
  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    await cluster?.close();
  });

  const helpReply = (list: Message[], author: string) =>
    list.find((m) => m.personId === author && m.markdown?.startsWith('**Deputy commands**'));

  it("waits Retry-After for one person's 429 while another person is answered at once", async () => {
    const ada = cluster.person('Ada');
    const grace = cluster.person('Grace');
    const roomId = await firstRoom(cluster, ada);
    await api('POST', `${cluster.base}/sandbox/control/faults`, 'none', {
      route: 'POST /messages',
      status: 429,
      count: 1,
      retryAfter: 5,
      personId: ada.id,
    });
    const adaTyped = await api<Message>(
      'POST',
      `${cluster.base}/sandbox/messages`,
      ada.accessToken,
      {
        roomId,
        text: '/help',
      },
    );
    const calls = async () =>
      (await api<Call[]>('GET', `${cluster.base}/sandbox/control/calls`, 'none')).body;
    const limited = await eventually('the 429', async () =>
      (await calls()).find((c) => c.status === 429),
    );

    const graceTyped = await api<Message>(
      'POST',
      `${cluster.base}/sandbox/messages`,
      grace.accessToken,
      {
        roomId,
        text: '/help',
      },
    );
    const graceReply = await eventually('Grace answered', async () =>
      helpReply(await messages(cluster, grace, roomId), grace.id),
    );
    expect(Date.parse(graceReply.created) - Date.parse(graceTyped.body.created)).toBeLessThan(1000);

    const adaReply = await eventually(
      'Ada answered',
      async () => helpReply(await messages(cluster, ada, roomId), ada.id),
      15_000,
    );
    expect(Date.parse(adaReply.created) - Date.parse(limited.at)).toBeGreaterThanOrEqual(5000);

    // BullMQ counts the completing run as an attempt; the wait for the 429 did not count.
    const job = await eventually('the job to complete', async () =>
      (await queue.getCompleted()).find((j) => j.data.dataId === adaTyped.body.id),
    );
    expect(job.attemptsMade).toBe(1);
  }, 60_000);

  it('retries 5xx with exponential backoff from the job options, then succeeds (F13)', async () => {
    const ada = cluster.person('Ada');
    const roomId = await firstRoom(cluster, ada);
    await queue.clean(0, 1000, 'completed');
    await api('POST', `${cluster.base}/sandbox/control/faults`, 'none', {
      route: 'GET /messages/{id}',
      status: 503,
      count: 2,
      personId: ada.id,
    });
    const typed = await api<Message>('POST', `${cluster.base}/sandbox/messages`, ada.accessToken, {
      roomId,
      text: '/help again',
    });
    const job = await eventually(
      'the job to complete',
      async () => (await queue.getCompleted()).find((j) => j.data.dataId === typed.body.id),
      20_000,
    );
    // Two failed runs and the one that completed.
    expect(job.attemptsMade).toBe(3);
    expect(job.opts.attempts).toBe(5);
    expect(job.opts.backoff).toEqual({ type: 'exponential', delay: 1000, jitter: 0.5 });
    expect(job.data).not.toHaveProperty('attempts');
    expect(job.data).not.toHaveProperty('backoff');
  }, 60_000);
});
