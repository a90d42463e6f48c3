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
import { cardAttachment } from './fixtures.js';

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

interface Listed {
  messages: Array<{ id: string; parentId?: string; html: string; card: unknown }>;
}

const space = (suffix: string) => `${h.baseUrl}/sandbox/spaces/${roomId}${suffix}`;
const postJson = (suffix: string, body: unknown) =>
  fetch(space(suffix), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the space page’s JSON', () => {
  it('lists messages as escaped HTML fragments, replies with their parent, cards as JSON', async () => {
    const ada = person(h, 0).accessToken;
    const first = await apiOk(h, ada, 'POST', '/messages', {
      roomId,
      markdown: '**bold** <b>x</b>',
    });
    await apiOk(h, ada, 'POST', '/messages', {
      roomId,
      parentId: first['id'],
      markdown: 'Card',
      attachments: [cardAttachment()],
    });
    const response = await fetch(space('/messages.json'));
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { messages } = (await response.json()) as Listed;
    expect(messages.map((m) => m.parentId)).toEqual([undefined, first['id']]);
    expect(messages[0]?.html).toContain('<strong>bold</strong> &lt;b&gt;x&lt;/b&gt;');
    expect(messages[0]?.html).toMatch(
      /^<article class="message" id="[^"]+" data-author="Ada Lovelace">/,
    );
    expect(messages[0]?.card).toBeNull();
    expect(messages[1]?.card).toEqual(cardAttachment().content);
    // The fragment keeps the plain rendering inside the card host, for when the renderer fails.
    expect(messages[1]?.html).toMatch(
      /<div class="card-host" data-message-id="[^"]+"><form method="post"/,
    );
  });

  it('posts a message as the person the page names, and the webhook follows', async () => {
    await apiOk(h, person(h, 0).accessToken, 'POST', '/webhooks', {
      name: 'watch',
      targetUrl: receiver.url,
      resource: 'messages',
      event: 'created',
    });
    const grace = person(h, 1);
    const response = await postJson('/messages', { as: grace.id, text: '/help' });
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: string };
    expect(h.sandbox.state.messages.get(id)).toMatchObject({ personId: grace.id, text: '/help' });
    await h.sandbox.idle();
    expect(receiver.deliveries[0]?.json['actorId']).toBe(grace.id);
    // The page acts for sample people itself; nothing of this is a REST call of the integration.
    expect(h.sandbox.state.calls.map((c) => c.route)).toEqual(['GET /rooms', 'POST /webhooks']);
  });

  it('refuses someone outside the space and broken rules in Webex’s error shape', async () => {
    for (const body of [
      { as: 'nobody', text: 'hi' },
      { as: person(h, 0).id, text: '😀'.repeat(1860) },
      { as: person(h, 0).id, text: '' },
    ]) {
      const response = await postJson('/messages', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        message: expect.any(String),
        trackingId: expect.any(String),
      });
    }
    expect(h.sandbox.state.messages.size).toBe(0);
  });

  it('submits a card with the inputs the page merged, as the chosen person, to the author’s hooks', async () => {
    const author = person(h, 0);
    await apiOk(h, author.accessToken, 'POST', '/webhooks', {
      name: 'cards',
      targetUrl: receiver.url,
      resource: 'attachmentActions',
      event: 'created',
    });
    const card = await apiOk(h, author.accessToken, 'POST', '/messages', {
      roomId,
      markdown: 'Card',
      attachments: [cardAttachment()],
    });
    const voter = person(h, 3);
    const inputs = { comment: '', size: 'from-data', action: 'approve' };
    const response = await postJson('/actions', { as: voter.id, messageId: card['id'], inputs });
    expect(response.status).toBe(200);
    await h.sandbox.idle();
    const actionId = (receiver.deliveries[0]?.json['data'] as { id: string }).id;
    expect(
      await apiOk(h, author.accessToken, 'GET', `/attachment/actions/${actionId}`),
    ).toMatchObject({
      personId: voter.id,
      messageId: card['id'],
      inputs,
    });
  });

  it('refuses a card of another space, a message without a card and inputs that are not an object', async () => {
    const ada = person(h, 0);
    const [, other] = await roomsOf(h, ada.accessToken);
    const elsewhere = await apiOk(h, ada.accessToken, 'POST', '/messages', {
      roomId: other?.id,
      markdown: 'Card',
      attachments: [cardAttachment()],
    });
    const plain = await apiOk(h, ada.accessToken, 'POST', '/messages', { roomId, text: 'plain' });
    const attempts: Array<[unknown, number]> = [
      [{ as: ada.id, messageId: elsewhere['id'], inputs: {} }, 404],
      [{ as: ada.id, messageId: plain['id'], inputs: {} }, 400],
      [{ as: ada.id, messageId: plain['id'], inputs: 'x' }, 400],
    ];
    for (const [body, status] of attempts) {
      expect((await postJson('/actions', body)).status, JSON.stringify(body)).toBe(status);
    }
    expect(h.sandbox.state.attachmentActions.size).toBe(0);
  });
});

describe('the space page', () => {
  it('runs only the sandbox’s own scripts, under a policy that forbids any other', async () => {
    const response = await fetch(space(''));
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toEqual([
      ' src="/sandbox/assets/adaptivecards.js"',
      ' src="/sandbox/assets/cards.js"',
      ' src="/sandbox/assets/compose.js"',
      ' src="/sandbox/assets/space.js"',
    ]);
  });

  it('is served with Microsoft’s renderer from node_modules and its own scripts and styles', async () => {
    const renderer = await fetch(`${h.baseUrl}/sandbox/assets/adaptivecards.js`);
    expect(renderer.headers.get('content-type')).toContain('application/javascript');
    expect(await renderer.text()).toContain('AdaptiveCards');
    for (const [file, type] of [
      ['cards.js', 'javascript'],
      ['compose.js', 'javascript'],
      ['space.js', 'javascript'],
      ['sandbox.css', 'text/css'],
      ['space.css', 'text/css'],
    ] as const) {
      const asset = await fetch(`${h.baseUrl}/sandbox/assets/${file}`);
      expect([asset.status, asset.headers.get('content-type')?.includes(type)]).toEqual([
        200,
        true,
      ]);
    }
    const missing = await fetch(`${h.baseUrl}/sandbox/assets/..%2Fstate.ts`);
    expect(missing.status).toBe(404);
  });
});
