import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import {
  CLIENT_SECRET,
  apiOk,
  person,
  roomsOf,
  startReceiver,
  startSandbox,
  type Harness,
} from './harness.js';
import { connect, tokenCall } from './oauth-flow.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
});

describe('sandbox logging', () => {
  it('never writes a token, code, client secret or webhook secret, even at trace level', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    h = await startSandbox({ logger: createLogger({ level: 'trace' }, sink) });
    const receiver = await startReceiver();
    receiver.status = 500;
    try {
      const tokens = await connect(h, person(h, 0).id);
      const access = tokens['access_token'] as string;
      await tokenCall(h, {
        grant_type: 'refresh_token',
        refresh_token: tokens['refresh_token'] as string,
      });
      await tokenCall(h, { grant_type: 'refresh_token', refresh_token: 'wrong-refresh-token' });
      const secret = 'webhook-secret-that-must-not-leak';
      await apiOk(h, access, 'POST', '/webhooks', {
        name: 'w',
        targetUrl: receiver.url,
        resource: 'messages',
        event: 'created',
        secret,
      });
      const roomId = (await roomsOf(h, access))[0]?.id ?? '';
      await apiOk(h, person(h, 1).accessToken, 'POST', '/messages', { roomId, text: 'hi' });
      await h.sandbox.idle();
      const log = lines.join('');
      expect(log).toContain('webhook delivery failed');
      const forbidden = [
        access,
        tokens['refresh_token'] as string,
        secret,
        CLIENT_SECRET,
        'wrong-refresh-token',
      ];
      for (const sample of h.people) forbidden.push(sample.accessToken);
      for (const value of forbidden) expect(log).not.toContain(value);
    } finally {
      await receiver.close();
    }
  });
});
