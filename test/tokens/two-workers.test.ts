/**
 * One refresh per person across processes: two worker processes take 20 jobs at once for a
 * person whose access token Webex revoked. One refreshes; the others wait and read the new token.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, eventually } from '../support/http.js';
import {
  connectThroughSandbox,
  revokeTokens,
  roomMessages,
  startTestDeputy,
  type TestDeputy,
} from '../support/deputy.js';
import { startProcess, type DeputyProcess } from '../support/processes.js';
import { REDIS_URL } from '../support/redis.js';

describe('two worker processes', () => {
  const secrets = {
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    WEBHOOK_SECRET: randomBytes(16).toString('hex'),
    SESSION_SECRET: randomBytes(16).toString('hex'),
  };
  let test: TestDeputy;
  const workers: DeputyProcess[] = [];

  beforeAll(async () => {
    test = await startTestDeputy('two-workers', { env: secrets, worker: false });
    const env = {
      ...secrets,
      REDIS_URL,
      KEY_PREFIX: test.prefix,
      PUBLIC_BASE_URL: test.base,
      WEBEX_API_BASE_URL: `${test.base}/sandbox`,
      WORKER_CONCURRENCY: '8',
      LOG_LEVEL: 'info',
    };
    workers.push(
      ...(await Promise.all([startProcess('worker', env), startProcess('worker', env)])),
    );
  }, 40_000);
  afterAll(async () => {
    const codes = await Promise.all(workers.map((worker) => worker.stop()));
    expect(codes).toEqual([0, 0]);
    await test?.close();
  });

  it('refresh a revoked token exactly once for 20 jobs at once, and every job succeeds', async () => {
    const ada = test.person('Ada');
    await connectThroughSandbox(test, ada);
    await revokeTokens(test, ada, 'access');
    const rooms = await api<{ items: Array<{ id: string }> }>(
      'GET',
      `${test.base}/sandbox/rooms`,
      ada.accessToken,
    );
    const roomId = rooms.body.items[0]!.id;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api('POST', `${test.base}/sandbox/messages`, ada.accessToken, {
          roomId,
          text: `/help ${i}`,
        }),
      ),
    );
    const replies = await eventually(
      'twenty help cards',
      async () => {
        const found = (await roomMessages(test, ada, roomId)).filter((m) =>
          m.markdown?.startsWith('**Deputy commands**'),
        );
        return found.length >= 20 ? found : undefined;
      },
      30_000,
    );
    await test.settled();
    expect(replies).toHaveLength(20);
    const refreshes = test.sandbox.state.tokenCalls.filter(
      (call) => call.grantType === 'refresh_token',
    );
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]!.status).toBe(200);
    // Both processes took part.
    expect(workers.every((worker) => worker.output().includes('running command'))).toBe(true);
  }, 40_000);
});
