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
import { validateRequest } from './openapi.js';

let h: Harness;
let ada: string;
let grace: string;
let roomId: string;

beforeEach(async () => {
  h = await startSandbox();
  ada = person(h, 0).accessToken;
  grace = person(h, 1).accessToken;
  roomId = (await roomsOf(h, ada))[0]?.id ?? '';
});
afterEach(async () => {
  await h.close();
});

async function post(token: string, body: Record<string, unknown>) {
  expect(validateRequest('POST', '/messages', body)).toEqual([]);
  const response = await api(h, token, 'POST', '/messages', body);
  expectSchema('POST', '/messages', response);
  return response;
}

describe('rooms and people', () => {
  it('lists the sample group spaces with all four people as members', async () => {
    const rooms = await roomsOf(h, ada);
    expect(rooms.length).toBeGreaterThanOrEqual(2);
    expect(rooms.every((room) => room.type === 'group')).toBe(true);
    const one = await apiOk(h, grace, 'GET', `/rooms/${roomId}`);
    expect(one['id']).toBe(roomId);
    const decoded = Buffer.from(roomId, 'base64url').toString('utf8');
    expect(decoded).toMatch(/^ciscospark:\/\/us\/ROOM\/[0-9a-f-]{36}$/);
    expect(roomId).not.toContain('=');
  });

  it('hides a direct room from people who are not in it', async () => {
    const sent = await post(ada, { toPersonEmail: person(h, 1).email, text: 'hi Grace' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ roomType: 'direct', toPersonEmail: person(h, 1).email });
    const direct = (sent.body as { roomId: string }).roomId;
    expect((await apiOk(h, grace, 'GET', `/rooms/${direct}`))['title']).toBe('Ada Lovelace');
    const outsider = await api(h, person(h, 3).accessToken, 'GET', `/rooms/${direct}`);
    expect(outsider.status).toBe(404);
    expectSchema('GET', `/rooms/${direct}`, outsider);
    const again = await post(ada, { toPersonId: person(h, 1).id, text: 'same room' });
    expect((again.body as { roomId: string }).roomId).toBe(direct);
  });
});
