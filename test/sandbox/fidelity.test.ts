/**
 * Behaviours webex-api.md states and the other sandbox tests do not already pin down: every
 * error body names the tracking id of its response, the refresh grant answers like the code
 * exchange (also with HTTP Basic client authentication), and injected errors keep the documented
 * shape on every route.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REST_ROUTES } from '../../src/sandbox/rest-routes.js';
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
beforeEach(async () => {
  h = await startSandbox();
});
afterEach(async () => {
  await h.close();
});

describe('errors, as webex-api.md §8 describes them', () => {
  it('carry message, errors[].description and the trackingId of the Trackingid header', async () => {
    const ada = person(h, 0).accessToken;
    const roomId = (await roomsOf(h, ada))[0]?.id ?? '';
    const failures = [
      await api(h, ada, 'POST', '/messages', { roomId }), // 400: nothing to post
      await api(h, undefined, 'GET', '/rooms'), // 401
      await api(h, ada, 'GET', '/messages/unknown'), // 404
      await api(h, ada, 'GET', '/webhooks/unknown'), // 404
      await api(h, ada, 'POST', '/webhooks', { name: 'x' }), // 400: missing fields
    ];
    for (const response of failures) {
      expect(response.body).toEqual({
        message: expect.any(String),
        errors: [{ description: (response.body as { message: string }).message }],
        trackingId: response.headers.get('trackingid'),
      });
    }
    expect(failures.map((f) => f.status)).toEqual([400, 401, 404, 404, 400]);
  });

  it('keep that shape for injected 5xx answers on every route of the OpenAPI file', async () => {
    const ada = (await connect(h, person(h, 0).id))['access_token'] as string;
    for (const route of REST_ROUTES.filter((r) => r !== 'POST /access_token')) {
      const [method = 'GET', template = '/'] = route.split(' ');
      await control(h, 'POST', '/faults', { route, status: 503 });
      const path = template.replace('{id}', 'some-id');
      const body = method === 'POST' || method === 'PUT' ? {} : undefined;
      const answered = await api(h, ada, method, path, body);
      expect(answered.status, route).toBe(503);
      expectSchema(method, path, answered);
    }
  });
});

describe('the refresh grant, as webex-api.md §1 describes it', () => {
  it('answers with the same fields as the code exchange, with body or Basic client authentication', async () => {
    const first = await connect(h, person(h, 0).id);
    const form = { grant_type: 'refresh_token', refresh_token: first['refresh_token'] as string };
    for (const auth of ['body', 'basic'] as const) {
      const refreshed = await tokenCall(h, form, auth);
      expect(refreshed.status).toBe(200);
      expect(Object.keys(refreshed.body).sort()).toEqual(Object.keys(first).sort());
      expect(refreshed.body).toMatchObject({ token_type: 'Bearer', scope: first['scope'] });
      await apiOk(h, refreshed.body['access_token'] as string, 'GET', '/people/me');
    }
  });
});
