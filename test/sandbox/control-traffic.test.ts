import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keptCalls, MAX_CALLS, recordCall, TRIM_SLACK } from '../../src/sandbox/call-log.js';
import {
  api,
  apiOk,
  person,
  roomsOf,
  startReceiver,
  startSandbox,
  type Harness,
  type Receiver,
} from './harness.js';
import { control } from './control-client.js';
import { connect } from './oauth-flow.js';
import { validateRequest, validateResponse } from './openapi.js';

let h: Harness;
let receiver: Receiver;
let roomId: string;
beforeEach(async () => {
  h = await startSandbox();
  receiver = await startReceiver();
  roomId = (await roomsOf(h, person(h, 0).accessToken))[0]?.id ?? '';
});
afterEach(async () => {
  await h.close();
  await receiver.close();
});

interface Call {
  method: string;
  route: string;
  path: string;
  status: number;
  personId?: string;
  at: string;
  requestBody?: unknown;
  responseBody?: unknown;
}
const calls = async () => (await control<Call[]>(h, 'GET', '/calls')).body;

describe('POST /sandbox/control/latency', () => {
  it('delays every REST answer, while the webhook delivery starts at once and arrives first', async () => {
    const ada = person(h, 0).accessToken;
    await apiOk(h, ada, 'POST', '/webhooks', {
      name: 'watch',
      targetUrl: receiver.url,
      resource: 'messages',
      event: 'created',
    });
    expect((await control(h, 'POST', '/latency', { ms: 150 })).body).toEqual({ ms: 150 });
    const started = performance.now();
    await apiOk(h, person(h, 1).accessToken, 'POST', '/messages', { roomId, text: 'slow' });
    const answered = performance.now();
    expect(answered - started).toBeGreaterThanOrEqual(145);
    await h.sandbox.idle();
    expect(receiver.deliveries[0]?.arrivedAt ?? Infinity).toBeLessThan(answered);

    await control(h, 'POST', '/latency', { ms: 0 });
    const again = performance.now();
    await apiOk(h, ada, 'GET', '/people/me');
    expect(performance.now() - again).toBeLessThan(140);
  });

  it('refuses a negative or absurd latency', async () => {
    expect((await control(h, 'POST', '/latency', { ms: -1 })).status).toBe(400);
    expect((await control(h, 'POST', '/latency', { ms: 600_000 })).status).toBe(400);
  });
});

describe('GET /sandbox/control/calls', () => {
  it('records every REST call with its route template, person, status and JSON bodies', async () => {
    const ada = person(h, 0);
    const message = await apiOk(h, ada.accessToken, 'POST', '/messages', { roomId, text: 'hi' });
    await api(h, ada.accessToken, 'GET', `/messages/${message['id'] as string}?x=1`);
    await api(h, undefined, 'GET', '/people/me');
    await fetch(`${h.baseUrl}/sandbox`);
    const recorded = await calls();
    expect(recorded).toEqual([
      expect.objectContaining({ method: 'GET', route: 'GET /rooms', status: 200 }),
      {
        method: 'POST',
        route: 'POST /messages',
        path: '/messages',
        status: 200,
        personId: ada.id,
        at: expect.stringMatching(/Z$/),
        requestBody: { roomId, text: 'hi' },
        responseBody: message,
      },
      expect.objectContaining({
        route: 'GET /messages/{id}',
        path: `/messages/${message['id'] as string}?x=1`,
        status: 200,
      }),
      expect.objectContaining({
        route: 'GET /people/me',
        status: 401,
        responseBody: expect.any(Object),
      }),
    ]);
    expect(recorded[3]?.personId).toBeUndefined();
    // What the tests of Deputy will do with it: hold every body to the OpenAPI description.
    for (const call of recorded) {
      if (call.requestBody !== undefined) {
        expect(validateRequest(call.method, call.path, call.requestBody)).toEqual([]);
      }
      expect(validateResponse(call.method, call.path, call.status, call.responseBody)).toEqual([]);
    }
    expect((await control(h, 'DELETE', '/calls')).body).toEqual({ cleared: 4 });
    expect(await calls()).toEqual([]);
  });

  it('never keeps a token or a secret', async () => {
    const ada = person(h, 0);
    const tokens = await connect(h, ada.id);
    await apiOk(h, tokens['access_token'] as string, 'POST', '/webhooks', {
      name: 'w',
      targetUrl: receiver.url,
      resource: 'messages',
      event: 'created',
      secret: 'webhook-secret-value',
    });
    const recorded = await calls();
    expect(recorded.map((c) => c.route)).toEqual([
      'GET /rooms',
      'POST /access_token',
      'POST /webhooks',
    ]);
    expect(recorded[1]).toMatchObject({ personId: ada.id, status: 200 });
    expect(recorded[2]).toMatchObject({
      personId: ada.id,
      requestBody: { secret: '[redacted]' },
      responseBody: { secret: '[redacted]' },
    });
    const text = JSON.stringify(recorded);
    for (const secret of [
      tokens['access_token'] as string,
      tokens['refresh_token'] as string,
      'webhook-secret-value',
      ada.accessToken,
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('keeps the last 5,000 calls, and not many more in memory', () => {
    const { state } = h.sandbox;
    state.calls.length = 0;
    const record = (i: number) =>
      recordCall(state, {
        method: 'GET',
        route: 'GET /rooms',
        path: `/rooms?i=${i}`,
        status: 200,
        at: '',
      });
    for (let i = 0; i < MAX_CALLS + 3; i += 1) record(i);
    expect(keptCalls(state)).toHaveLength(MAX_CALLS);
    expect(keptCalls(state)[0]?.path).toBe('/rooms?i=3');
    for (let i = MAX_CALLS + 3; i < 3 * MAX_CALLS; i += 1) record(i);
    expect(state.calls.length).toBeLessThanOrEqual(MAX_CALLS + TRIM_SLACK);
    expect(keptCalls(state)[0]?.path).toBe(`/rooms?i=${2 * MAX_CALLS}`);
  });
});
