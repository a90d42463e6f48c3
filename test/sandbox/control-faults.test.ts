import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  api,
  apiOk,
  expectSchema,
  person,
  roomsOf,
  startSandbox,
  type Harness,
} from './harness.js';
import { control } from './control-client.js';
import { connect, tokenCall } from './oauth-flow.js';

let h: Harness;
let roomId: string;
/** Integration tokens, as Deputy holds them: faults are for these. */
let ada: string;
let grace: string;
beforeEach(async () => {
  h = await startSandbox();
  roomId = (await roomsOf(h, person(h, 0).accessToken))[0]?.id ?? '';
  ada = (await connect(h, person(h, 0).id))['access_token'] as string;
  grace = (await connect(h, person(h, 1).id))['access_token'] as string;
});
afterEach(async () => {
  await h.close();
});

const addFault = (fault: Record<string, unknown>) => control(h, 'POST', '/faults', fault);

describe('POST /sandbox/control/faults', () => {
  it('answers the next N calls of the route with 429, Retry-After and an HTML body, then handles them again', async () => {
    const added = await addFault({ route: 'POST /messages', status: 429, count: 2, retryAfter: 3 });
    expect(added).toMatchObject({
      status: 200,
      body: {
        id: expect.any(String),
        route: 'POST /messages',
        status: 429,
        count: 2,
        retryAfter: 3,
      },
    });
    for (let i = 0; i < 2; i += 1) {
      const limited = await api(h, ada, 'POST', '/messages', { roomId, text: `try ${i}` });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('3');
      expect(limited.headers.get('content-type')).toContain('text/html');
      expect(limited.text).toContain('Too Many Requests');
      expect(limited.headers.get('trackingid')).toMatch(/^ROUTERGW_/);
    }
    // Other routes were never affected, and the faulted calls changed nothing.
    await apiOk(h, ada, 'GET', '/people/me');
    expect(h.sandbox.state.messages.size).toBe(0);
    await apiOk(h, ada, 'POST', '/messages', { roomId, text: 'third time lucky' });
    expect((await control<unknown[]>(h, 'GET', '/faults')).body).toEqual([]);
  });

  it('answers 5xx in Webex’s JSON error shape with a tracking id, also without Retry-After', async () => {
    const message = await apiOk(h, ada, 'POST', '/messages', { roomId, text: 'hello' });
    for (const status of [500, 502, 503, 504]) {
      await addFault({ route: 'GET /messages/{id}', status });
      const path = `/messages/${message['id'] as string}`;
      const failed = await api(h, ada, 'GET', path);
      expect(failed.status).toBe(status);
      expect(failed.headers.get('retry-after')).toBeNull();
      expect(failed.body).toEqual({
        message: expect.any(String),
        errors: [{ description: expect.any(String) }],
        trackingId: failed.headers.get('trackingid'),
      });
      expectSchema('GET', path, failed);
    }
    await apiOk(h, ada, 'GET', `/messages/${message['id'] as string}`);
  });

  it('matches only calls made with a token of the given person, when one is given', async () => {
    await addFault({ route: 'GET /people/me', status: 503, count: 1, personId: person(h, 1).id });
    await apiOk(h, ada, 'GET', '/people/me');
    expect((await api(h, grace, 'GET', '/people/me')).status).toBe(503);
    await apiOk(h, grace, 'GET', '/people/me');
  });

  it('never answers a call made with a personal access token: that is a person, not Deputy', async () => {
    await addFault({ route: 'POST /messages', status: 429, personId: person(h, 0).id });
    await apiOk(h, person(h, 0).accessToken, 'POST', '/messages', { roomId, text: 'typed' });
    expect((await api(h, ada, 'POST', '/messages', { roomId, text: 'reply' })).status).toBe(429);
  });

  it('matches every REST route with *, and the token endpoint by its route or its grant type', async () => {
    await addFault({ route: '*', status: 500, count: 2 });
    expect((await api(h, ada, 'GET', '/rooms')).status).toBe(500);
    // Pages and controls are not REST calls: the fault never touched them.
    expect((await fetch(`${h.baseUrl}/sandbox`)).status).toBe(200);
    expect((await api(h, undefined, 'GET', '/webhooks')).status).toBe(500);

    const tokens = await connect(h, person(h, 0).id);
    await addFault({
      route: 'POST /access_token (refresh_token)',
      status: 503,
      personId: person(h, 0).id,
    });
    const refresh = {
      grant_type: 'refresh_token',
      refresh_token: tokens['refresh_token'] as string,
    };
    expect((await tokenCall(h, refresh)).status).toBe(503);
    expect((await tokenCall(h, refresh)).status).toBe(200);
    await addFault({ route: 'POST /access_token', status: 429, retryAfter: 1 });
    const limited = await fetch(`${h.apiBase}/access_token`, { method: 'POST' });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '1']);
  });

  it('accepts route templates as the OpenAPI file writes them', async () => {
    const added = await addFault({ route: 'put /v1/webhooks/{webhookId}', status: 502 });
    expect(added.body['route']).toBe('PUT /webhooks/{id}');
  });

  it('lists pending faults with their remaining count, and DELETE clears them', async () => {
    await addFault({ route: 'GET /rooms', status: 503, count: 3 });
    await addFault({ route: 'POST /webhooks', status: 429 });
    await api(h, ada, 'GET', '/rooms');
    const listed = await control<Array<Record<string, unknown>>>(h, 'GET', '/faults');
    expect(listed.body.map((f) => [f['route'], f['count']])).toEqual([
      ['GET /rooms', 2],
      ['POST /webhooks', 1],
    ]);
    expect((await control(h, 'DELETE', '/faults')).body).toEqual({ cleared: 2 });
    expect((await control(h, 'GET', '/faults')).body).toEqual([]);
  });

  it('refuses unknown routes, statuses, counts and people with a 400 in Webex’s shape', async () => {
    for (const bad of [
      { route: 'GET /nowhere', status: 503 },
      { route: 'GET /messages/{id}', status: 404 },
      { route: 'GET /messages/{id}', status: 503, count: 0 },
      { route: 'GET /messages/{id}', status: 503, retryAfter: -1 },
      { route: 'GET /messages/{id}', status: 503, personId: 'nobody' },
      { status: 503 },
    ]) {
      const refused = await addFault(bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(refused.body).toMatchObject({
        message: expect.any(String),
        trackingId: expect.any(String),
      });
    }
    expect(h.sandbox.state.faults).toEqual([]);
  });
});
