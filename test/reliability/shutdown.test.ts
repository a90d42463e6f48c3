/**
 * SIGTERM (F12): the web process stops accepting, the worker finishes what it runs and takes
 * nothing new, connections close, both exit 0 within 30 s, and no job is left active.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually } from '../support/http.js';
import { connect, firstRoom, messages, startCluster, type Cluster } from './cluster.js';

describe('shutting down on SIGTERM', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    // Slow Webex answers keep jobs running while the signal arrives.
    cluster = await startCluster({ workers: 1 });
  }, 60_000);
  afterAll(async () => cluster?.close());

  it('finishes running jobs, leaves nothing active, and exits 0 within 30 s', async () => {
    const ada = cluster.person('Ada');
    await connect(cluster, ada);
    const roomId = await firstRoom(cluster, ada);
    await api('POST', `${cluster.base}/sandbox/control/latency`, 'none', { ms: 300 });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api('POST', `${cluster.base}/sandbox/messages`, ada.accessToken, {
          roomId,
          text: `/help ${i}`,
        }),
      ),
    );
    const redis = new Redis(cluster.redis.url);
    const queue = new Queue('events', { connection: redis, prefix: cluster.env.KEY_PREFIX });
    await eventually('jobs running', async () =>
      (await queue.getActiveCount()) > 0 ? true : undefined,
    );

    const started = Date.now();
    const [worker] = cluster.workers;
    const workerExit = await worker!.stop();
    expect(workerExit).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await queue.getActiveCount()).toBe(0);
    expect(worker!.output()).toContain('stopped');

    // Jobs that had not started wait in the queue for the next worker; none was lost.
    await api('POST', `${cluster.base}/sandbox/control/latency`, 'none', { ms: 0 });
    await cluster.startWorker();
    await eventually(
      'every command answered',
      async () => {
        const replies = (await messages(cluster, ada, roomId)).filter((m) =>
          m.markdown?.startsWith('**Deputy commands**'),
        );
        return replies.length === 10 ? replies : undefined;
      },
      30_000,
    );

    const webExit = await cluster.web.stop();
    expect(webExit).toBe(0);
    await queue.close();
    redis.disconnect();
  }, 90_000);
});
