import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  apiOk,
  person,
  roomsOf,
  startReceiver,
  startSandbox,
  type Harness,
  type Receiver,
} from './harness.js';
import { control } from './control-client.js';

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

describe('POST /sandbox/control/webhooks/:id/status', () => {
  it('marks a webhook inactive, so it delivers nothing and shows inactive, and active again', async () => {
    const ada = person(h, 0).accessToken;
    const hook = await apiOk(h, ada, 'POST', '/webhooks', {
      name: 'watch',
      targetUrl: receiver.url,
      resource: 'messages',
      event: 'created',
      secret: 'not-to-be-shown',
    });
    const id = hook['id'] as string;
    const marked = await control(h, 'POST', `/webhooks/${id}/status`, { status: 'inactive' });
    expect(marked.body).toMatchObject({ id, status: 'inactive', hasSecret: true });
    expect(JSON.stringify(marked.body)).not.toContain('not-to-be-shown');
    expect((await apiOk(h, ada, 'GET', `/webhooks/${id}`))['status']).toBe('inactive');
    await apiOk(h, person(h, 1).accessToken, 'POST', '/messages', { roomId, text: 'unheard' });
    await h.sandbox.idle();
    expect(receiver.deliveries).toEqual([]);

    await control(h, 'POST', `/webhooks/${id}/status`, { status: 'active' });
    await apiOk(h, person(h, 1).accessToken, 'POST', '/messages', { roomId, text: 'heard' });
    await h.sandbox.idle();
    expect(receiver.deliveries).toHaveLength(1);
  });

  it('answers 404 for an unknown webhook and 400 for another status', async () => {
    expect((await control(h, 'POST', '/webhooks/nope/status', { status: 'inactive' })).status).toBe(
      404,
    );
    const hook = await apiOk(h, person(h, 0).accessToken, 'POST', '/webhooks', {
      name: 'w',
      targetUrl: receiver.url,
      resource: 'messages',
      event: 'created',
    });
    const path = `/webhooks/${hook['id'] as string}/status`;
    expect((await control(h, 'POST', path, { status: 'disabled' })).status).toBe(400);
  });
});

describe('GET /sandbox/control/deliveries', () => {
  it('lists each delivery with its status code and time', async () => {
    await apiOk(h, person(h, 0).accessToken, 'POST', '/webhooks', {
      name: 'w',
      targetUrl: receiver.url,
      resource: 'messages',
      event: 'created',
    });
    receiver.status = 503;
    await apiOk(h, person(h, 1).accessToken, 'POST', '/messages', { roomId, text: 'x' });
    await h.sandbox.idle();
    const deliveries = (await control<Array<Record<string, unknown>>>(h, 'GET', '/deliveries'))
      .body;
    expect(deliveries).toEqual([
      expect.objectContaining({ statusCode: 503, ok: false, at: expect.stringMatching(/Z$/) }),
    ]);
  });
});
