import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiOk, person, startSandbox, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startSandbox();
});
afterEach(async () => {
  await h.close();
});

describe('control routes', () => {
  it('list the people with their tokens, the rooms, the deliveries and the token calls', async () => {
    const people = (await (await fetch(`${h.apiBase}/control/people`)).json()) as unknown[];
    expect(people).toHaveLength(4);
    expect(people[0]).toEqual({
      id: expect.any(String),
      displayName: 'Ada Lovelace',
      email: 'ada.lovelace@example.com',
      accessToken: expect.any(String),
    });
    const rooms = (await (await fetch(`${h.apiBase}/control/rooms`)).json()) as {
      memberIds: string[];
    }[];
    expect(rooms[0]?.memberIds).toHaveLength(4);
    expect(await (await fetch(`${h.apiBase}/control/deliveries`)).json()).toEqual([]);
    expect(await (await fetch(`${h.apiBase}/control/token-calls`)).json()).toEqual([]);
    const me = await apiOk(h, person(h, 0).accessToken, 'GET', '/people/me');
    const avatar = await fetch(me['avatar'] as string);
    expect(avatar.headers.get('content-type')).toContain('image/svg+xml');
  });
});
