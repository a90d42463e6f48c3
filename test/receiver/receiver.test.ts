import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import Koa from 'koa';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics.js';
import { PersonStore } from '../../src/people/person-store.js';
import { Backlog } from '../../src/queue/backlog.js';
import { createEventQueue, type EventJob } from '../../src/queue/event-queue.js';
import { createReceiver } from '../../src/receiver/receiver.js';
import { signBody } from '../../src/receiver/signature.js';
import { createRedis, waitUntilReady } from '../../src/redis/connection.js';
import { Keys } from '../../src/redis/keys.js';
import { TokenCipher } from '../../src/tokens/crypto.js';
import { webhookSecretFor } from '../../src/webhooks/secret.js';
import { captureLogs } from '../support/log-capture.js';
import { REDIS_URL, removePrefix, testRedis, uniquePrefix } from '../support/redis.js';

const MASTER = 'master-webhook-secret-for-tests';
const PERSON = 'PERSON_ID';
const SECRET = webhookSecretFor(MASTER, PERSON);

/** F01's body, with the person who owns the webhook named in createdBy. */
const ESCAPED_BODY = String.raw`{"id":"WEBHOOK_ID","name":"alerts \ud83d\ude00","resource":"messages","event":"created","createdBy":"PERSON_ID","data":{"id":"MESSAGE_ESCAPED","roomId":"ROOM_ID","personDisplayName":"Jos\u00e9 \ud83d\ude80","personEmail":"user@example.invalid","created":"2024-01-01T00:00:00.000Z"},"targetUrl":"https:\/\/example.invalid\/webhooks\/webex"}`;
const SPACED_BODY =
  '{"id": "WEBHOOK_ID", "resource": "messages", "event": "created", "createdBy": "PERSON_ID", "data": {"id": "MESSAGE_SPACED", "roomId": "ROOM_ID", "personId": "PERSON_ID"}}';

function delivery(webhookId: string, dataId: string, createdBy = PERSON): string {
  return JSON.stringify({
    id: webhookId,
    name: 'deputy-commands',
    resource: 'messages',
    event: 'created',
    createdBy,
    data: { id: dataId, roomId: 'ROOM_ID', personId: createdBy },
  });
}

interface Harness {
  url: string;
  server: Server;
  queue: Queue<EventJob>;
  redis: Redis;
  logs: ReturnType<typeof captureLogs>;
}

async function startReceiver(
  prefix: string,
  redisUrl = REDIS_URL,
  masters = [MASTER],
): Promise<Harness> {
  const logs = captureLogs();
  const redis = createRedis(redisUrl, 'request', logs.logger);
  const people = new PersonStore(redis, new Keys(prefix), new TokenCipher([randomBytes(32)]));
  const queue = createEventQueue(redis, prefix);
  queue.on('error', () => undefined);
  const router = new Router();
  router.post(
    '/webhooks/webex',
    createReceiver({
      queue,
      backlog: new Backlog(redis, new Keys(prefix)),
      people,
      keys: new Keys(prefix),
      webhookSecrets: masters,
      logger: logs.logger,
      metrics: createMetrics(),
      accepting: () => true,
    }),
  );
  const app = new Koa();
  app.use(router.routes());
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/webex`;
  if (redisUrl === REDIS_URL) {
    await waitUntilReady(redis, 5000);
    await people.connect(
      {
        id: PERSON,
        displayName: 'Test Person',
        email: 'p@example.com',
        orgId: undefined,
        webhooks: [],
      },
      {
        accessToken: 'AT',
        accessTokenExpiresAt: Date.now() + 3600_000,
        refreshToken: 'RT',
        refreshTokenExpiresAt: undefined,
      },
    );
  }
  return { url, server, queue, redis, logs };
}

async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const started = Date.now();
  const response = await request(url, { method: 'POST', body, headers });
  const text = await response.body.text();
  return { status: response.statusCode, text, ms: Date.now() - started };
}

const signed = (body: string | Buffer, secret = SECRET) => ({
  'content-type': 'application/json',
  'x-spark-signature': signBody(secret, body),
});

describe('the webhook receiver', () => {
  const prefix = uniquePrefix('receiver');
  const cleaner = testRedis();
  let harness: Harness;

  async function jobCount(): Promise<number> {
    const counts = await harness.queue.getJobCounts(
      'waiting',
      'prioritized',
      'active',
      'delayed',
      'completed',
      'failed',
    );
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  beforeAll(async () => {
    harness = await startReceiver(prefix);
  });
  beforeEach(async () => {
    await harness.queue.obliterate({ force: true });
  });
  afterAll(async () => {
    harness.server.close();
    await harness.queue.close();
    harness.redis.disconnect();
    await removePrefix(cleaner, prefix);
    cleaner.disconnect();
  });

  it('accepts a body with escapes, signed over its raw bytes, and queues one job (F01)', async () => {
    const response = await post(harness.url, ESCAPED_BODY, signed(ESCAPED_BODY));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ outcome: 'queued' });
    const spaced = await post(harness.url, SPACED_BODY, signed(SPACED_BODY));
    expect(spaced.status).toBe(200);
    expect(await jobCount()).toBe(2);
    const jobs = await harness.queue.getJobs(['waiting', 'prioritized']);
    expect(jobs.map((job) => job.data.dataId).sort()).toEqual([
      'MESSAGE_ESCAPED',
      'MESSAGE_SPACED',
    ]);
  });

  it('rejects a signature made over re-serialised JSON with 401 and queues nothing (F01)', async () => {
    for (const body of [ESCAPED_BODY, SPACED_BODY]) {
      const reserialised = JSON.stringify(JSON.parse(body));
      const response = await post(harness.url, body, {
        'content-type': 'application/json',
        'x-spark-signature': signBody(SECRET, reserialised),
      });
      expect(response.status).toBe(401);
    }
    expect(await jobCount()).toBe(0);
  });

  it('matches the signature header whatever its case', async () => {
    const body = delivery('WH', 'MESSAGE_CASE');
    const response = await post(harness.url, body, {
      'Content-Type': 'application/json',
      'X-SPARK-SIGNATURE': signBody(SECRET, body).toUpperCase(),
    });
    expect(response.status).toBe(200);
  });

  it('answers 401 to a missing or wrong signature and queues nothing', async () => {
    const body = delivery('WH', 'MESSAGE_UNSIGNED');
    expect((await post(harness.url, body, { 'content-type': 'application/json' })).status).toBe(
      401,
    );
    expect((await post(harness.url, body, signed(body, 'not-the-secret'))).status).toBe(401);
    // Signed with the secret of another person than the one named in createdBy.
    expect(
      (await post(harness.url, body, signed(body, webhookSecretFor(MASTER, 'SOMEONE_ELSE'))))
        .status,
    ).toBe(401);
    expect(await jobCount()).toBe(0);
    expect(harness.logs.text()).toContain('signature mismatch');
  });

  it('handles content types the body parser would mishandle (F02 a, b, c)', async () => {
    const bodies = ['a', 'b', 'c'].map((variant) => delivery('WH', `MESSAGE_F02_${variant}`));
    const a = await post(harness.url, bodies[0]!, {
      ...signed(bodies[0]!),
      'content-type': 'application/json;charset=utf-8;',
    });
    const b = await post(harness.url, bodies[1]!, {
      ...signed(bodies[1]!),
      'content-type': 'text/plain',
    });
    const { 'content-type': _omitted, ...unTyped } = signed(bodies[2]!);
    const c = await post(harness.url, bodies[2]!, unTyped);
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    const jobs = await harness.queue.getJobs(['waiting', 'prioritized']);
    expect(jobs.map((job) => job.data.dataId).sort()).toEqual([
      'MESSAGE_F02_a',
      'MESSAGE_F02_b',
      'MESSAGE_F02_c',
    ]);
    expect(
      jobs.every((job) => job.data.personId === PERSON && job.data.resource === 'messages'),
    ).toBe(true);
  });

  it('refuses a 2 MiB body with 413 within a second, and queues nothing (F02 d)', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 'a');
    const response = await post(harness.url, big, signed(big));
    expect(response.status).toBe(413);
    expect(response.ms).toBeLessThan(1000);
    expect(await jobCount()).toBe(0);
  });

  it('answers 400 to truncated JSON with a valid signature (F02 e)', async () => {
    const body = '{"id":';
    const response = await post(harness.url, body, signed(body));
    expect(response.status).toBe(400);
    expect(await jobCount()).toBe(0);
  });

  it('answers 400 when resource, event or data.id is missing', async () => {
    const base = JSON.parse(delivery('WH', 'MESSAGE_X')) as Record<string, unknown>;
    for (const broken of [
      { ...base, resource: undefined },
      { ...base, event: undefined },
      { ...base, data: {} },
      { ...base, createdBy: undefined },
    ]) {
      const body = JSON.stringify(broken);
      expect((await post(harness.url, body, signed(body))).status).toBe(400);
    }
    expect(await jobCount()).toBe(0);
  });

  it('queues one job for two deliveries of one event through two webhooks (F04)', async () => {
    const first = delivery('WH_A', 'MESSAGE_1');
    const second = delivery('WH_B', 'MESSAGE_1');
    const a = await post(harness.url, first, signed(first));
    const b = await post(harness.url, second, signed(second));
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(JSON.parse(b.text)).toEqual({ outcome: 'duplicate' });
    const jobs = await harness.queue.getJobs(['waiting', 'prioritized']);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.deduplicationId).toBe(`${PERSON}:messages:created:MESSAGE_1`);
    expect(harness.logs.text()).toContain('duplicate event ignored');
  });

  it('answers 202 for a person who is not connected and queues nothing', async () => {
    const stranger = 'NOT_CONNECTED';
    const body = delivery('WH', 'MESSAGE_STRANGER', stranger);
    const response = await post(
      harness.url,
      body,
      signed(body, webhookSecretFor(MASTER, stranger)),
    );
    expect(response.status).toBe(202);
    expect(await jobCount()).toBe(0);
  });

  it('answers 200 to the webhook of a message Deputy posted, once recorded, and queues nothing', async () => {
    await harness.redis.set(new Keys(prefix).ownMessage('MESSAGE_OWN'), '{}', 'EX', 60);
    const own = delivery('WH', 'MESSAGE_OWN');
    const other = delivery('WH', 'MESSAGE_TYPED');
    const a = await post(harness.url, own, signed(own));
    expect([a.status, JSON.parse(a.text)]).toEqual([200, { outcome: 'own_message' }]);
    expect(await jobCount()).toBe(0);
    const b = await post(harness.url, other, signed(other));
    expect([b.status, JSON.parse(b.text)]).toEqual([200, { outcome: 'queued' }]);
    expect(await jobCount()).toBe(1);
  });
});

describe('the webhook receiver without Redis', () => {
  it('answers 503 within two seconds', async () => {
    const harness = await startReceiver(uniquePrefix('no-redis'), 'redis://127.0.0.1:1');
    try {
      const body = delivery('WH', 'MESSAGE_NO_REDIS');
      const response = await post(harness.url, body, signed(body));
      expect(response.status).toBe(503);
      expect(response.ms).toBeLessThan(2500);
    } finally {
      harness.server.close();
      harness.redis.disconnect();
    }
  });
});

describe('the webhook receiver during a secret rotation', () => {
  it('accepts signatures made with the new or the previous master secret, and no other', async () => {
    const prefix = uniquePrefix('rotation');
    const harness = await startReceiver(prefix, REDIS_URL, ['the-new-master-secret', MASTER]);
    const cleaner = testRedis();
    try {
      const newBody = delivery('WH', 'MESSAGE_NEW');
      const oldBody = delivery('WH', 'MESSAGE_OLD');
      const otherBody = delivery('WH', 'MESSAGE_OTHER');
      const sign = (body: string, master: string) => signed(body, webhookSecretFor(master, PERSON));
      expect(
        (await post(harness.url, newBody, sign(newBody, 'the-new-master-secret'))).status,
      ).toBe(200);
      expect((await post(harness.url, oldBody, sign(oldBody, MASTER))).status).toBe(200);
      expect(
        (await post(harness.url, otherBody, sign(otherBody, 'some-other-master'))).status,
      ).toBe(401);
    } finally {
      harness.server.close();
      await harness.queue.close();
      harness.redis.disconnect();
      await removePrefix(cleaner, prefix);
      cleaner.disconnect();
    }
  });
});
