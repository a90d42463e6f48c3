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

const page = async (path: string) => {
  const response = await fetch(`${h.baseUrl}${path}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/html');
  return response.text();
};

async function postForm(path: string, fields: [string, string][]) {
  return fetch(`${h.baseUrl}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
}

describe('the home page', () => {
  it('links every space and names the sample people, escaped', async () => {
    const html = await page('/sandbox');
    expect(html).toContain('<meta name="viewport"');
    for (const room of h.sandbox.state.rooms.values()) {
      expect(html).toContain(`href="/sandbox/spaces/${room.id}"`);
    }
    expect(html).toContain('Café &amp; cake');
    expect(html).toContain('José Álvarez');
  });
});

describe('a space page', () => {
  it('shows messages oldest first with replies under their parent, all text escaped', async () => {
    const ada = person(h, 0).accessToken;
    const first = await apiOk(h, ada, 'POST', '/messages', {
      roomId,
      text: '<script>alert(1)</script>',
    });
    await apiOk(h, ada, 'POST', '/messages', { roomId, text: 'second' });
    await apiOk(h, person(h, 1).accessToken, 'POST', '/messages', {
      roomId,
      text: 'a reply',
      parentId: first['id'],
    });
    const html = await page(`/sandbox/spaces/${roomId}`);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const [at1, atReply, at2] = ['&lt;script&gt;', '>a reply<', '>second<'].map((t) =>
      html.indexOf(t),
    );
    expect(at1).toBeLessThan(atReply ?? 0);
    expect(atReply).toBeLessThan(at2 ?? 0);
    expect(html).toMatch(/<div class="replies">[\s\S]*a reply/);
    expect(html).toContain('Grace Hopper');
    expect(html).toContain('<label for="as">Writing as</label>');
    expect(html).toMatch(/<label for="text"[^>]*>Message as Ada Lovelace<\/label>/);
  });

  it('renders a card as a form: text, facts, labelled inputs, radios and one button per submit', async () => {
    await apiOk(h, person(h, 0).accessToken, 'POST', '/messages', {
      roomId,
      markdown: 'Card',
      attachments: [cardAttachment()],
    });
    const html = await page(`/sandbox/spaces/${roomId}`);
    expect(html).toContain('Approve &lt;the&gt; request?');
    expect(html).toMatch(/<dt><strong>Requester<\/strong><\/dt><dd>José<\/dd>/);
    expect(html).toMatch(
      /<label for="([^"]+)">Comment<\/label><textarea id="\1" name="input:comment"/,
    );
    expect(html).toMatch(/<legend>Size<\/legend>.*type="radio".*name="input:size" value="s"/s);
    expect(html).toContain('<button type="submit" name="action" value="0">Approve</button>');
    expect(html).toContain('<button type="submit" name="action" value="1">Reject</button>');
  });

  it('posts as the chosen person and redirects back; the webhook follows', async () => {
    await apiOk(h, person(h, 0).accessToken, 'POST', '/webhooks', {
      name: 'watch',
      targetUrl: receiver.url,
      resource: 'messages',
      event: 'created',
    });
    const jose = person(h, 2);
    const response = await postForm(`/sandbox/spaces/${roomId}/messages`, [
      ['as', jose.id],
      ['text', 'from the page'],
    ]);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toContain(
      `/sandbox/spaces/${roomId}?as=${encodeURIComponent(jose.id)}`,
    );
    const message = [...h.sandbox.state.messages.values()].at(-1);
    expect(message).toMatchObject({ personId: jose.id, text: 'from the page', roomId });
    await h.sandbox.idle();
    expect(receiver.deliveries[0]?.json['actorId']).toBe(jose.id);

    const reply = await postForm(`/sandbox/spaces/${roomId}/messages`, [
      ['as', person(h, 1).id],
      ['text', 'in the thread'],
      ['parentId', message?.id ?? ''],
    ]);
    expect(reply.status).toBe(303);
    expect([...h.sandbox.state.messages.values()].at(-1)).toMatchObject({ parentId: message?.id });
    const listed = (await (
      await fetch(`${h.baseUrl}/sandbox/spaces/${roomId}/messages.json`)
    ).json()) as { messages: unknown[] };
    expect(listed.messages).toHaveLength(2);
  });

  it('shows a broken rule on the page instead of posting', async () => {
    const response = await postForm(`/sandbox/spaces/${roomId}/messages`, [
      ['as', person(h, 0).id],
      ['text', '😀'.repeat(1860)],
    ]);
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(new URL(location, h.baseUrl).searchParams.get('error')).toContain('7439');
    expect(h.sandbox.state.messages.size).toBe(0);
  });

  it('submits a card like the Webex app: input values with the button data on top', async () => {
    const author = person(h, 0);
    await apiOk(h, author.accessToken, 'POST', '/webhooks', {
      name: 'author-cards',
      targetUrl: receiver.url,
      resource: 'attachmentActions',
      event: 'created',
    });
    await apiOk(h, person(h, 1).accessToken, 'POST', '/webhooks', {
      name: 'voter-cards',
      targetUrl: receiver.url,
      resource: 'attachmentActions',
      event: 'created',
    });
    const card = await apiOk(h, author.accessToken, 'POST', '/messages', {
      roomId,
      markdown: 'Card',
      attachments: [cardAttachment()],
    });
    const voter = person(h, 1);
    const response = await postForm(`/sandbox/spaces/${roomId}/cards/${card['id'] as string}`, [
      ['as', voter.id],
      ['action', '0'],
      ['input:comment', 'Looks good'],
      ['input:size', 's'],
    ]);
    expect(response.status).toBe(303);
    await h.sandbox.idle();
    expect(receiver.deliveries.map((d) => d.json['name'])).toEqual(['author-cards']);
    const actionId = (receiver.deliveries[0]?.json['data'] as { id: string }).id;
    const action = await apiOk(h, author.accessToken, 'GET', `/attachment/actions/${actionId}`);
    expect(action).toMatchObject({
      personId: voter.id,
      messageId: card['id'],
      inputs: { comment: 'Looks good', size: 'from-data', action: 'approve' },
    });
  });
});
