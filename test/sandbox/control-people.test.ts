import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiOk, startSandbox, type Harness } from './harness.js';
import { control } from './control-client.js';

let h: Harness;
beforeEach(async () => {
  h = await startSandbox();
});
afterEach(async () => {
  await h.close();
});

describe('POST /sandbox/control/people', () => {
  it('adds guests who are members of every group space and can act with their tokens', async () => {
    const added = await control(h, 'POST', '/people', { count: 3 });
    expect(added.status).toBe(200);
    const guests = added.body as unknown as Array<{
      id: string;
      displayName: string;
      accessToken: string;
    }>;
    expect(guests.map((g) => g.displayName)).toEqual([
      'Guest 1 Guest',
      'Guest 2 Guest',
      'Guest 3 Guest',
    ]);
    const rooms = await apiOk<{ items: unknown[] }>(h, guests[0]!.accessToken, 'GET', '/rooms');
    expect(rooms.items).toHaveLength(3);
    const me = await apiOk<{ id: string }>(h, guests[2]!.accessToken, 'GET', '/people/me');
    expect(me.id).toBe(guests[2]!.id);
    const more = await control(h, 'POST', '/people', { count: 1 });
    expect((more.body as unknown as Array<{ displayName: string }>)[0]!.displayName).toBe(
      'Guest 4 Guest',
    );
  });
});
