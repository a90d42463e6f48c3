import { describe, expect, it } from 'vitest';
import { api, apiOk, person, type Delivery } from './harness.js';
import { hmac, useDeliveryWorld } from './delivery-world.js';
import { cardAttachment } from './fixtures.js';

const w = useDeliveryWorld();

describe('attachmentActions:created deliveries', () => {
  it('go only to the card author’s webhooks and carry no inputs; the inputs come from GET', async () => {
    const { h, receiver, roomId, otherRoomId, addHook, say, receivedBy } = w;
    await addHook(0, 'ada-cards', { resource: 'attachmentActions', secret: 'card-secret' });
    await addHook(1, 'grace-cards', { resource: 'attachmentActions' });
    await addHook(0, 'ada-cards-elsewhere', {
      resource: 'attachmentActions',
      filter: `roomId=${otherRoomId}`,
    });
    await addHook(0, 'ada-firehose', { resource: 'all', event: 'all' });
    const message = await say(0, { roomId, markdown: 'Approve?', attachments: [cardAttachment()] });
    expect(await receivedBy()).toEqual(['ada-firehose']);

    const submit = {
      type: 'submit',
      messageId: message['id'],
      inputs: { comment: '¡Sí!', size: 'l' },
    };
    const action = await apiOk(
      h,
      person(h, 1).accessToken,
      'POST',
      '/attachment/actions',
      submit,
      202,
    );
    await h.sandbox.idle();
    expect(receiver.deliveries.map((d) => d.json['name'])).toEqual(['ada-cards']);
    const [delivery] = receiver.deliveries as [Delivery];
    expect(delivery.headers['x-spark-signature']).toBe(hmac('card-secret', delivery.raw));
    expect(delivery.json).toMatchObject({
      resource: 'attachmentActions',
      event: 'created',
      actorId: person(h, 1).id,
    });
    expect(delivery.json['data']).toEqual({
      id: action['id'],
      type: 'submit',
      messageId: message['id'],
      personId: person(h, 1).id,
      roomId,
      created: action['created'],
    });
    const read = await apiOk(
      h,
      person(h, 0).accessToken,
      'GET',
      `/attachment/actions/${action['id'] as string}`,
    );
    expect(read).toEqual({ ...action, inputs: { comment: '¡Sí!', size: 'l' } });
  });

  it('refuses a submission for a message without a card, or by someone outside the room', async () => {
    const { h, roomId, say } = w;
    const plain = await say(0, { roomId, text: 'no card here' });
    const grace = person(h, 1).accessToken;
    const noCard = await api(h, grace, 'POST', '/attachment/actions', {
      type: 'submit',
      messageId: plain['id'],
      inputs: {},
    });
    expect(noCard.status).toBe(400);
    const direct = await say(0, {
      toPersonId: person(h, 1).id,
      markdown: 'card',
      attachments: [cardAttachment()],
    });
    const alan = person(h, 3).accessToken;
    const outsider = await api(h, alan, 'POST', '/attachment/actions', {
      type: 'submit',
      messageId: direct['id'],
      inputs: {},
    });
    expect(outsider.status).toBe(404);
    const action = await apiOk(
      h,
      grace,
      'POST',
      '/attachment/actions',
      { type: 'submit', messageId: direct['id'], inputs: {} },
      202,
    );
    expect(
      (await api(h, alan, 'GET', `/attachment/actions/${action['id'] as string}`)).status,
    ).toBe(404);
  });
});
