import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  api,
  apiOk,
  person,
  startReceiver,
  startSandbox,
  type Harness,
  type Receiver,
} from './harness.js';
import { controlForm } from './control-client.js';
import { connect } from './oauth-flow.js';

let h: Harness;
let receiver: Receiver;
beforeEach(async () => {
  h = await startSandbox();
  receiver = await startReceiver();
});
afterEach(async () => {
  await h.close();
  await receiver.close();
});

const page = async () => {
  const response = await fetch(`${h.apiBase}/control`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/html');
  return response.text();
};

describe('the Controls page', () => {
  it('has a labelled form for each control and tables of webhooks and deliveries', async () => {
    await apiOk(h, person(h, 0).accessToken, 'POST', '/webhooks', {
      name: 'deputy-cards',
      targetUrl: receiver.url,
      resource: 'attachmentActions',
      event: 'created',
      secret: 'never-on-the-page',
    });
    const html = await page();
    for (const action of ['revoke', 'faults', 'latency', 'settings', 'faults/clear']) {
      expect(html).toContain(`<form method="post" action="/sandbox/control/${action}">`);
    }
    for (const id of [
      'revoke-person',
      'fault-route',
      'fault-status',
      'fault-count',
      'fault-retry',
      'fault-person',
      'latency-ms',
      'access-seconds',
      'refresh-seconds',
    ]) {
      expect(html).toMatch(new RegExp(`<label for="${id}">[^<]+</label>`));
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('<option value="GET /attachment/actions/{id}">');
    expect(html).toMatch(/<td>deputy-cards<\/td><td>Ada Lovelace<\/td>/);
    expect(html).toContain('Mark inactive');
    expect(html).not.toContain('never-on-the-page');
  });

  it('applies each form and comes back with a notice, or with the problem', async () => {
    const ada = person(h, 0);
    const tokens = await connect(h, ada.id);
    expect(await controlForm(h, '/revoke', { personId: ada.id, token: 'access' })).toEqual({
      status: 303,
      notice: 'Revoked 1 token(s).',
      error: null,
    });
    expect((await api(h, tokens['access_token'] as string, 'GET', '/people/me')).status).toBe(401);

    const fault = await controlForm(h, '/faults', {
      route: 'GET /rooms',
      status: '503',
      count: '2',
      retryAfter: '',
      personId: '',
    });
    expect(fault.notice).toBe('The next 2 call(s) to GET /rooms answer 503.');
    expect(h.sandbox.state.faults).toEqual([expect.objectContaining({ count: 2, status: 503 })]);
    expect(h.sandbox.state.faults[0]).not.toHaveProperty('personId');
    expect(await page()).toMatch(/<td><code>GET \/rooms<\/code><\/td><td>503<\/td><td>2<\/td>/);
    expect((await controlForm(h, '/faults/clear', {})).notice).toBe('Cleared 1 fault(s).');

    expect((await controlForm(h, '/latency', { ms: '25' })).notice).toBe(
      'Every REST call waits 25 ms.',
    );
    expect(h.sandbox.state.settings.latencyMs).toBe(25);

    // The unchecked box sends only the hidden "false" before it.
    await controlForm(h, '/settings', {
      rotateRefreshTokens: 'true',
      accessTokenSeconds: '60',
      refreshTokenSeconds: '600',
    });
    expect(h.sandbox.state.settings).toMatchObject({
      rotateRefreshTokens: true,
      accessTokenSeconds: 60,
    });
    const form = new URLSearchParams([
      ['rotateRefreshTokens', 'false'],
      ['accessTokenSeconds', '60'],
      ['refreshTokenSeconds', '600'],
    ]);
    await fetch(`${h.apiBase}/control/settings`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(h.sandbox.state.settings.rotateRefreshTokens).toBe(false);

    const hook = await apiOk(h, ada.accessToken, 'POST', '/webhooks', {
      name: 'w',
      targetUrl: receiver.url,
      resource: 'messages',
      event: 'created',
    });
    const marked = await controlForm(h, `/webhooks/${hook['id'] as string}/status`, {
      status: 'inactive',
    });
    expect(marked.notice).toBe('Webhook w is inactive.');

    const refused = await controlForm(h, '/faults', { route: 'GET /nowhere', status: '503' });
    expect(refused).toMatchObject({
      status: 303,
      notice: null,
      error: expect.stringContaining('route'),
    });
  });
});
