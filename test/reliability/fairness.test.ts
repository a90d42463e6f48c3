/**
 * No person waits behind another: a burst of 1,000 events from one person delays another
 * person's single command by no more than two seconds, at the default concurrency, with 20 ms of
 * Webex latency per call.
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

describe('fair shares between people', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ workers: 1, env: { WORKER_CONCURRENCY: '16' } });
    await connect(cluster, cluster.person('Ada'));
    await connect(cluster, cluster.person('Grace'));
  }, 60_000);
  afterAll(async () => cluster?.close());

  it("answers one person's command within 2 s during another person's burst of 1,000", async () => {
    const ada = cluster.person('Ada');
    const grace = cluster.person('Grace');
    const roomId = await firstRoom(cluster, ada);
    const redis = new Redis(cluster.redis.url);
    const queue = new Queue('events', { connection: redis, prefix: cluster.env.KEY_PREFIX });
    await api('POST', `${cluster.base}/sandbox/control/latency`, 'none', { ms: 20 });

    // Each of Ada's commands costs two calls: 1,000 × 2 × 20 ms ÷ 16 ≈ 2.5 s of work in line.
    const burst = Array.from({ length: 1000 }, (_, i) => `/help ${i}`);
    for (let i = 0; i < burst.length; i += 50) {
      await Promise.all(
        burst
          .slice(i, i + 50)
          .map((text) =>
            api('POST', `${cluster.base}/sandbox/messages`, ada.accessToken, { roomId, text }),
          ),
      );
    }
    await eventually('the burst queued', async () => {
      const counts = await queue.getJobCounts('waiting', 'prioritized', 'active');
      const queued = Object.values(counts).reduce((sum, count) => sum + count, 0);
      return queued > 500 ? true : undefined;
    });

    const typed = await api<Message>(
      'POST',
      `${cluster.base}/sandbox/messages`,
      grace.accessToken,
      { roomId, text: '/help' },
    );
    const reply = await eventually(
      "Grace's reply",
      async () =>
        (await messages(cluster, grace, roomId)).find(
          (m) => m.personId === grace.id && m.markdown?.startsWith('**Deputy commands**'),
        ),
      20_000,
    );
    const delay = Date.parse(reply.created) - Date.parse(typed.body.created);
    console.log(`Grace's command answered ${delay} ms after she typed it, during Ada's burst`);
    expect(delay).toBeLessThanOrEqual(2000);
    await queue.close();
    redis.disconnect();
  }, 120_000);
});
