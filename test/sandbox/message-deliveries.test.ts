import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { api, apiOk, person, type Delivery } from './harness.js';
import { hmac, useDeliveryWorld } from './delivery-world.js';

const w = useDeliveryWorld();

describe('messages:created deliveries', () => {
  it('signs the exact bytes with HMAC-SHA1 and carries non-ASCII characters as UTF-8', async () => {
    const { h, receiver, roomId, addHook, say } = w;
    const secret = 'söme-sécret';
    await addHook(0, 'signed', { secret });
    const message = await say(2, { roomId, text: 'Hola, ¿qué tal? 😀' });
    await h.sandbox.idle();
    const [delivery] = receiver.deliveries as [Delivery];
    expect(receiver.deliveries).toHaveLength(1);
    expect(delivery.headers['content-type']).toBe('application/json');
    const signature = delivery.headers['x-spark-signature'];
    expect(signature).toMatch(/^[0-9a-f]{40}$/);
    expect(signature).toBe(hmac(secret, delivery.raw));
    // José's email arrives as raw UTF-8, so a receiver that decodes the bytes wrongly breaks.
    expect(delivery.raw.includes(Buffer.from('josé.álvarez@example.com', 'utf8'))).toBe(true);
    expect(hmac(secret, Buffer.from(delivery.raw.toString('latin1'), 'utf8'))).not.toBe(signature);
    expect(delivery.raw.toString('utf8')).toBe(JSON.stringify(delivery.json));
    expect(Object.keys(delivery.json)).toEqual([
      'id',
      'name',
      'targetUrl',
      'resource',
      'event',
      'orgId',
      'createdBy',
      'appId',
      'ownedBy',
      'status',
      'created',
      'actorId',
      'data',
    ]);
    expect(delivery.json).toMatchObject({
      resource: 'messages',
      event: 'created',
      createdBy: person(h, 0).id,
      actorId: person(h, 2).id,
      status: 'active',
      ownedBy: 'creator',
    });
    expect(delivery.json['data']).toEqual({
      id: message['id'],
      roomId,
      roomType: 'group',
      personId: person(h, 2).id,
      personEmail: 'josé.álvarez@example.com',
      created: message['created'],
    });
  });

  it('sends no signature for a webhook without a secret, and a filter when it has one', async () => {
    const { h, receiver, roomId, addHook, say } = w;
    await addHook(0, 'plain', { filter: `roomId=${roomId}` });
    await say(1, { roomId, text: 'hi' });
    await h.sandbox.idle();
    expect(receiver.deliveries[0]?.headers['x-spark-signature']).toBeUndefined();
    expect(receiver.deliveries[0]?.json['filter']).toBe(`roomId=${roomId}`);
  });

  it('fires only the webhooks whose owner is in the room and whose filter matches', async () => {
    const { h, roomId, otherRoomId, addHook, say, receivedBy } = w;
    await addHook(0, 'ada-all');
    await addHook(0, 'ada-own', { filter: `personId=${person(h, 0).id}` });
    await addHook(0, 'ada-other-room', { filter: `roomId=${otherRoomId}` });
    await addHook(0, 'ada-direct', { filter: 'roomType=direct' });
    await addHook(0, 'ada-jose', {
      filter: `personEmail=${encodeURIComponent(person(h, 2).email)}`,
    });
    await addHook(0, 'ada-mentioned', { filter: 'roomType=group&mentionedPeople=me' });
    await addHook(0, 'ada-grace-in-room', {
      filter: `roomId=${roomId}&personId=${person(h, 1).id}`,
    });
    await addHook(3, 'alan-all');

    await say(1, { roomId, text: 'from Grace' });
    expect(await receivedBy()).toEqual(['ada-all', 'ada-grace-in-room', 'alan-all']);
    await say(0, { roomId, text: 'from Ada' });
    expect(await receivedBy()).toEqual(['ada-all', 'ada-own', 'alan-all']);
    await say(2, { roomId: otherRoomId, markdown: 'Hey <@personId:' + person(h, 0).id + '|Ada>' });
    expect(await receivedBy()).toEqual([
      'ada-all',
      'ada-jose',
      'ada-mentioned',
      'ada-other-room',
      'alan-all',
    ]);
    await say(1, { toPersonId: person(h, 0).id, text: 'just us' });
    expect(await receivedBy()).toEqual(['ada-all', 'ada-direct']);
  });

  it('puts parentId in data for a thread reply and fires messages:deleted hooks', async () => {
    const { h, receiver, roomId, addHook, say } = w;
    await addHook(0, 'created');
    await addHook(0, 'deleted', { event: 'deleted' });
    const parent = await say(1, { roomId, text: 'parent' });
    const reply = await say(1, { roomId, text: 'reply', parentId: parent['id'] });
    await h.sandbox.idle();
    expect(receiver.deliveries.at(-1)?.json['data']).toMatchObject({
      id: reply['id'],
      parentId: parent['id'],
    });
    receiver.deliveries.length = 0;
    await api(h, person(h, 1).accessToken, 'DELETE', `/messages/${reply['id'] as string}`);
    await h.sandbox.idle();
    expect(receiver.deliveries.map((d) => [d.json['name'], d.json['event']])).toEqual([
      ['deleted', 'deleted'],
    ]);
  });

  it('starts a delivery without waiting for it: a slow receiver does not slow the POST', async () => {
    const { h, receiver, roomId, addHook, say } = w;
    receiver.delayMs = 1_000;
    await addHook(0, 'slow');
    const started = performance.now();
    await say(1, { roomId, text: 'quick' });
    const answered = performance.now();
    expect(answered - started).toBeLessThan(800);
    await h.sandbox.idle();
    const arrived = receiver.deliveries[0]?.arrivedAt ?? Infinity;
    expect(arrived - started).toBeLessThan(800);
    const record = h.sandbox.state.deliveries[0];
    expect(record).toMatchObject({
      statusCode: 200,
      ok: true,
      resource: 'messages',
      event: 'created',
    });
    expect(record?.durationMs).toBeGreaterThanOrEqual(900);
  });
});

describe('inactive webhooks', () => {
  it('do not deliver', async () => {
    const { h, roomId, addHook, say, receivedBy } = w;
    const created = await addHook(0, 'sleeping');
    const stored = h.sandbox.state.webhooks.get(created['id'] as string);
    if (stored) stored.status = 'inactive';
    await say(1, { roomId, text: 'anyone?' });
    expect(await receivedBy()).toEqual([]);
  });

  it('are what 100 failed deliveries in five minutes leave behind, until a PUT re-activates them', async () => {
    const { h, receiver, roomId, addHook, say, receivedBy } = w;
    receiver.status = 500;
    const created = await addHook(0, 'failing');
    const id = created['id'] as string;
    for (let i = 0; i < 100; i += 1) await say(1, { roomId, text: `try ${i}` });
    await h.sandbox.idle();
    expect(h.sandbox.state.deliveries.filter((d) => !d.ok)).toHaveLength(100);
    const ada = person(h, 0).accessToken;
    expect((await apiOk(h, ada, 'GET', `/webhooks/${id}`))['status']).toBe('inactive');
    receiver.deliveries.length = 0;
    await say(1, { roomId, text: 'lost' });
    expect(await receivedBy()).toEqual([]);

    // Re-enabled within five minutes: a single failure disables it again.
    const base = { name: 'failing', targetUrl: created['targetUrl'], status: 'active' };
    await apiOk(h, ada, 'PUT', `/webhooks/${id}`, base);
    await say(1, { roomId, text: 'fails once' });
    await h.sandbox.idle();
    expect((await apiOk(h, ada, 'GET', `/webhooks/${id}`))['status']).toBe('inactive');
  });

  it('records an unreachable target as an error', async () => {
    const { h, roomId, addHook, say } = w;
    await addHook(0, 'nowhere', { targetUrl: 'http://127.0.0.1:9/closed' });
    await say(1, { roomId, text: 'into the void' });
    await h.sandbox.idle();
    expect(h.sandbox.state.deliveries[0]).toMatchObject({ ok: false, error: expect.any(String) });
    expect(h.sandbox.state.deliveries[0]?.statusCode).toBeUndefined();
  });
});
