/**
 * Shared setup of the delivery tests: a sandbox, a receiver capturing deliveries, two group
 * spaces, and helpers to register a hook as a sample person, post as one, and see which hooks
 * received something.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import {
  apiOk,
  person,
  roomsOf,
  startReceiver,
  startSandbox,
  type Harness,
  type Receiver,
} from './harness.js';

export interface DeliveryWorld {
  h: Harness;
  receiver: Receiver;
  roomId: string;
  otherRoomId: string;
  /** Registers a webhook as sample person `index`, pointing at the receiver under `/name`. */
  addHook(
    index: number,
    name: string,
    extra?: Record<string, unknown>,
  ): Promise<Record<string, unknown>>;
  /** Posts a message as sample person `index`. */
  say(index: number, body: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Names of the hooks that received something since the last call, sorted. */
  receivedBy(): Promise<string[]>;
}

export const hmac = (secret: string, bytes: Buffer) =>
  createHmac('sha1', secret).update(bytes).digest('hex');

export function useDeliveryWorld(): DeliveryWorld {
  const world = {} as DeliveryWorld;
  beforeEach(async () => {
    const h = await startSandbox();
    const receiver = await startReceiver();
    const rooms = await roomsOf(h, person(h, 0).accessToken);
    Object.assign(world, {
      h,
      receiver,
      roomId: rooms[0]?.id ?? '',
      otherRoomId: rooms[1]?.id ?? '',
      addHook: (index: number, name: string, extra: Record<string, unknown> = {}) =>
        apiOk(h, person(h, index).accessToken, 'POST', '/webhooks', {
          name,
          targetUrl: `${receiver.url}/${name}`,
          resource: 'messages',
          event: 'created',
          ...extra,
        }),
      say: (index: number, body: Record<string, unknown>) =>
        apiOk(h, person(h, index).accessToken, 'POST', '/messages', body),
      receivedBy: async () => {
        await h.sandbox.idle();
        const names = receiver.deliveries.map((d) => d.json['name'] as string).sort();
        receiver.deliveries.length = 0;
        return names;
      },
    });
  });
  afterEach(async () => {
    await world.h.close();
    await world.receiver.close();
  });
  return world;
}
