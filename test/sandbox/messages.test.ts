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
import { cardAttachment } from './fixtures.js';
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

const card = cardAttachment;

async function post(token: string, body: Record<string, unknown>) {
  expect(validateRequest('POST', '/messages', body)).toEqual([]);
  const response = await api(h, token, 'POST', '/messages', body);
  expectSchema('POST', '/messages', response);
  return response;
}

describe('POST /messages', () => {
  it('creates a message in Webex shape', async () => {
    const response = await post(ada, {
      roomId,
      markdown: 'Hello **team** <@personEmail:grace.hopper@example.com|Grace>',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      roomId,
      roomType: 'group',
      personId: person(h, 0).id,
      personEmail: person(h, 0).email,
      markdown: 'Hello **team** <@personEmail:grace.hopper@example.com|Grace>',
      text: 'Hello team Grace',
      html: expect.stringContaining('<strong>team</strong>'),
      mentionedPeople: [person(h, 1).id],
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
  });

  it('counts the 7439-byte limit in bytes, not characters', async () => {
    expect(Buffer.byteLength('😀'.repeat(1860))).toBe(7440);
    const tooLong = await post(ada, { roomId, text: '😀'.repeat(1860) });
    expect(tooLong.status).toBe(400);
    const tooLongMarkdown = await post(ada, { roomId, markdown: 'é'.repeat(3720) });
    expect(tooLongMarkdown.status).toBe(400);
    const justRight = '😀'.repeat(1859) + 'abc';
    expect(Buffer.byteLength(justRight)).toBe(7439);
    expect((await post(ada, { roomId, text: justRight })).status).toBe(200);
  });

  it('refuses two targets, no target, two attachments and a card without a version', async () => {
    const cases: Record<string, unknown>[] = [
      { roomId, toPersonEmail: person(h, 1).email, text: 'x' },
      { text: 'nowhere' },
      { roomId, text: 'x', attachments: [card(), card()] },
      { roomId, text: 'x', attachments: [{ ...card(), contentType: 'application/json' }] },
      {
        roomId,
        text: 'x',
        attachments: [{ contentType: card().contentType, content: { version: '1.3' } }],
      },
    ];
    for (const body of cases) {
      const response = await post(ada, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const noVersion = await post(ada, { roomId, text: 'x', attachments: [card(null)] });
    expect(noVersion.status).toBe(400);
    expect((noVersion.body as { message: string }).message).toBe('Missing Adaptive Card Version');
  });

  it('accepts one card and returns it in attachments', async () => {
    const response = await post(ada, {
      roomId,
      markdown: 'Approval needed',
      attachments: [card()],
    });
    expect(response.status).toBe(200);
    expect((response.body as { attachments: unknown[] }).attachments).toEqual([card()]);
  });

  it('threads replies one level deep, in the same room only', async () => {
    const parent = (await post(ada, { roomId, text: 'parent' })).body as { id: string };
    const reply = await post(grace, { roomId, text: 'reply', parentId: parent.id });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ parentId: parent.id });
    const replyId = (reply.body as { id: string }).id;
    expect((await post(ada, { roomId, text: 'nested', parentId: replyId })).status).toBe(400);
    const otherRoom = (await roomsOf(h, ada))[1]?.id ?? '';
    expect(
      (await post(ada, { roomId: otherRoom, text: 'elsewhere', parentId: parent.id })).status,
    ).toBe(400);
  });

  it('refuses a room the sender is not a member of, a non-JSON body and an unknown room', async () => {
    const direct = (
      (await post(ada, { toPersonId: person(h, 1).id, text: 'hi' })).body as { roomId: string }
    ).roomId;
    expect(
      (await post(person(h, 3).accessToken, { roomId: direct, text: 'intruder' })).status,
    ).toBe(404);
    expect((await post(ada, { roomId: 'nope', text: 'x' })).status).toBe(404);
    const form = await fetch(`${h.apiBase}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ada}` },
      body: new URLSearchParams({ roomId, text: 'x' }),
    });
    expect(form.status).toBe(415);
  });
});

describe('GET and DELETE /messages', () => {
  it('lists a room newest first, honours max and parentId, and links the next page', async () => {
    const ids: string[] = [];
    for (const text of ['one', 'two', 'three']) {
      ids.push(((await post(ada, { roomId, text })).body as { id: string }).id);
    }
    const reply = (
      (await post(grace, { roomId, text: 'r', parentId: ids[0] })).body as { id: string }
    ).id;
    const all = await apiOk<{ items: { id: string }[] }>(
      h,
      grace,
      'GET',
      `/messages?roomId=${roomId}`,
    );
    expect(all.items.map((m) => m.id)).toEqual([reply, ids[2], ids[1], ids[0]]);
    const page = await api(h, grace, 'GET', `/messages?roomId=${roomId}&max=2`);
    expectSchema('GET', '/messages', page);
    expect((page.body as { items: unknown[] }).items).toHaveLength(2);
    const next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1] ?? '';
    expect(next).toContain(`${h.apiBase}/messages?`);
    const second = await apiOk<{ items: { id: string }[] }>(
      h,
      grace,
      'GET',
      next.slice(h.apiBase.length),
    );
    expect(second.items.map((m) => m.id)).toEqual([ids[1], ids[0]]);
    const thread = await apiOk<{ items: { id: string }[] }>(
      h,
      ada,
      'GET',
      `/messages?roomId=${roomId}&parentId=${ids[0]}`,
    );
    expect(thread.items.map((m) => m.id)).toEqual([reply]);
    expect((await api(h, ada, 'GET', '/messages')).status).toBe(400);
  });

  it('shows a message only to members of its room, and lets only its author delete it', async () => {
    const direct = (await post(ada, { toPersonId: person(h, 1).id, text: 'secret' })).body as {
      id: string;
    };
    expect((await apiOk(h, grace, 'GET', `/messages/${direct.id}`))['text']).toBe('secret');
    const outsider = await api(h, person(h, 3).accessToken, 'GET', `/messages/${direct.id}`);
    expect(outsider.status).toBe(404);
    expect(
      (await api(h, person(h, 3).accessToken, 'DELETE', `/messages/${direct.id}`)).status,
    ).toBe(404);
    expect((await api(h, grace, 'DELETE', `/messages/${direct.id}`)).status).toBe(403);
    const deleted = await api(h, ada, 'DELETE', `/messages/${direct.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await api(h, ada, 'GET', `/messages/${direct.id}`)).status).toBe(404);
  });
});
