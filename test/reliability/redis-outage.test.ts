/**
 * Redis goes away and comes back (F10): the receiver answers 503 within two seconds and
 * queues nothing, /readyz says 503, the processes stay up, and once Redis is back web and
 * worker carry on without a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/receiver/signature.js';
import { webhookSecretFor } from '../../src/webhooks/secret.js';
import { api, eventually } from '../support/http.js';
import { connect, firstRoom, messages, startCluster, type Cluster } from './cluster.js';

describe('a Redis outage', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ workers: 1 });
  }, 60_000);
  afterAll(async () => cluster?.close());

  it('is answered with 503 meanwhile, and survived without a restart', async () => {
    const ada = cluster.person('Ada');
    await connect(cluster, ada);
    const roomId = await firstRoom(cluster, ada);

    await cluster.redis.stop();
    const body = JSON.stringify({
      id: 'WH',
      resource: 'messages',
      event: 'created',
      createdBy: ada.id,
      data: { id: 'MESSAGE_DURING_OUTAGE', roomId },
    });
    const started = Date.now();
    const delivery = await fetch(`${cluster.base}/webhooks/webex`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-spark-signature': signBody(webhookSecretFor(cluster.env.WEBHOOK_SECRET!, ada.id), body),
      },
      body,
    });
    expect(delivery.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await fetch(`${cluster.base}/readyz`)).status).toBe(503);
    expect((await fetch(`${cluster.base}/healthz`)).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(cluster.web.child.exitCode).toBeNull();
    expect(cluster.workers[0]!.child.exitCode).toBeNull();

    // The same Redis comes back empty (it keeps nothing on disk here): connect again, then type.
    await cluster.redis.start();
    await eventually(
      'ready again',
      async () => ((await fetch(`${cluster.base}/readyz`)).status === 200 ? true : undefined),
      15_000,
    );
    await connect(cluster, ada);
    const sentAt = Date.now();
    await api('POST', `${cluster.base}/sandbox/messages`, ada.accessToken, {
      roomId,
      text: '/help',
    });
    await eventually(
      'the reply after the outage',
      async () =>
        (await messages(cluster, ada, roomId)).find((m) =>
          m.markdown?.startsWith('**Deputy commands**'),
        ),
      15_000,
    );
    expect(Date.now() - sentAt).toBeLessThan(15_000);
  }, 90_000);
});
