import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, apiOk, expectSchema, person, startSandbox, type Harness } from './harness.js';
import { connect } from './oauth-flow.js';
import { validateRequest } from './openapi.js';

let h: Harness;
let ada: string;

beforeEach(async () => {
  h = await startSandbox();
  ada = person(h, 0).accessToken;
});
afterEach(async () => {
  await h.close();
});

const hook = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'deputy-commands',
  targetUrl: 'http://127.0.0.1:9/webhooks/webex',
  resource: 'messages',
  event: 'created',
  secret: 'a-secret-of-ada',
  ...extra,
});

describe('webhooks CRUD', () => {
  it('creates, reads, lists, updates and deletes a webhook', async () => {
    const body = hook({ filter: `personId=${person(h, 0).id}` });
    expect(validateRequest('POST', '/webhooks', body)).toEqual([]);
    const created = await apiOk(h, ada, 'POST', '/webhooks', body);
    expect(created).toEqual({
      id: expect.any(String),
      name: 'deputy-commands',
      targetUrl: body.targetUrl,
      resource: 'messages',
      event: 'created',
      filter: body.filter,
      secret: 'a-secret-of-ada',
      orgId: expect.any(String),
      createdBy: person(h, 0).id,
      appId: expect.any(String),
      ownedBy: 'creator',
      status: 'active',
      created: expect.any(String),
    });
    const id = created['id'] as string;
    expect(Buffer.from(id, 'base64url').toString()).toMatch(/^ciscospark:\/\/us\/WEBHOOK\//);
    expect(await apiOk(h, ada, 'GET', `/webhooks/${id}`)).toEqual(created);
    expect((await apiOk<{ items: unknown[] }>(h, ada, 'GET', '/webhooks')).items).toEqual([
      created,
    ]);

    const update = { name: 'renamed', targetUrl: 'http://127.0.0.1:9/other', secret: 'new-secret' };
    expect(validateRequest('PUT', `/webhooks/${id}`, update)).toEqual([]);
    const updated = await apiOk(h, ada, 'PUT', `/webhooks/${id}`, { ...update, resource: 'rooms' });
    expect(updated).toMatchObject({ ...update, resource: 'messages', status: 'active' });

    const deleted = await api(h, ada, 'DELETE', `/webhooks/${id}`);
    expect(deleted.status).toBe(204);
    expectSchema('DELETE', `/webhooks/${id}`, deleted);
    expect((await api(h, ada, 'GET', `/webhooks/${id}`)).status).toBe(404);
  });

  it('re-activates an inactive webhook with PUT status active, and allows nothing else', async () => {
    const created = await apiOk(h, ada, 'POST', '/webhooks', hook());
    const id = created['id'] as string;
    const stored = h.sandbox.state.webhooks.get(id);
    if (!stored) throw new Error('webhook not stored');
    stored.status = 'inactive';
    expect((await apiOk(h, ada, 'GET', `/webhooks/${id}`))['status']).toBe('inactive');
    const base = { name: 'deputy-commands', targetUrl: hook().targetUrl };
    const refused = await api(h, ada, 'PUT', `/webhooks/${id}`, { ...base, status: 'inactive' });
    expect(refused.status).toBe(400);
    expectSchema('PUT', `/webhooks/${id}`, refused);
    expect(
      (await apiOk(h, ada, 'PUT', `/webhooks/${id}`, { ...base, status: 'active' }))['status'],
    ).toBe('active');
  });

  it('hides somebody else’s webhook: 404 for get, update and delete', async () => {
    const id = (await apiOk(h, ada, 'POST', '/webhooks', hook()))['id'] as string;
    const grace = person(h, 1).accessToken;
    expect((await apiOk<{ items: unknown[] }>(h, grace, 'GET', '/webhooks')).items).toEqual([]);
    for (const [method, body] of [
      ['GET', undefined],
      ['PUT', hook()],
      ['DELETE', undefined],
    ] as const) {
      const response = await api(h, grace, method, `/webhooks/${id}`, body);
      expect(response.status, method).toBe(404);
      expectSchema(method, `/webhooks/${id}`, response);
    }
    expect(h.sandbox.state.webhooks.has(id)).toBe(true);
  });

  it('keeps the webhooks of one person apart per app', async () => {
    await apiOk(h, ada, 'POST', '/webhooks', hook({ name: 'made-with-a-personal-token' }));
    const tokens = await connect(h, person(h, 0).id);
    const viaIntegration = tokens['access_token'] as string;
    expect(
      (await apiOk<{ items: unknown[] }>(h, viaIntegration, 'GET', '/webhooks')).items,
    ).toEqual([]);
    const mine = await apiOk(h, viaIntegration, 'POST', '/webhooks', hook());
    expect(mine['appId']).toBe(h.sandbox.state.apps.integrationId);
    expect((await apiOk<{ items: unknown[] }>(h, ada, 'GET', '/webhooks')).items).toHaveLength(1);
  });

  it('refuses missing fields, unknown resources or events, bad URLs and bad filters', async () => {
    const cases: Record<string, unknown>[] = [
      { ...hook(), name: undefined },
      { ...hook(), targetUrl: undefined },
      { ...hook(), targetUrl: 'ftp://example.com/x' },
      hook({ resource: 'widgets' }),
      hook({ event: 'exploded' }),
      hook({ filter: 'colour=blue' }),
      hook({ filter: 'roomId=not-a-room-of-ada' }),
    ];
    for (const body of cases) {
      const response = await api(h, ada, 'POST', '/webhooks', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expectSchema('POST', '/webhooks', response);
    }
    const put = await api(h, ada, 'POST', '/webhooks', hook());
    const id = (put.body as { id: string }).id;
    expect((await api(h, ada, 'PUT', `/webhooks/${id}`, { name: 'only a name' })).status).toBe(400);
  });

  it('answers unknown routes under /sandbox with a Webex-shaped 404', async () => {
    const response = await api(h, ada, 'GET', '/memberships');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      message: expect.any(String),
      trackingId: expect.stringMatching(/^ROUTERGW_/),
    });
  });
});
