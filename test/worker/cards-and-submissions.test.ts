/**
 * Cards going out and submissions coming back through the real receiver, queue and worker,
 * with an app added through the extension API (F05, F06, and typed text in a poll).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_CONTENT_TYPE } from '../../src/cards/render.js';
import type { DeputyApp, Reply } from '../../src/commands/types.js';
import { signBody } from '../../src/receiver/signature.js';
import { webhookSecretFor } from '../../src/webhooks/secret.js';
import { api } from '../support/http.js';
import {
  cardOf,
  connectThroughSandbox,
  roomMessages,
  startTestDeputy,
  waitForMessage,
  type SamplePerson,
  type SandboxMessage,
  type TestDeputy,
} from '../support/deputy.js';

const WEBHOOK_SECRET = 'worker-test-webhook-secret';

const REVIEW_CARD = {
  type: 'AdaptiveCard',
  version: '1.3',
  body: [
    { type: 'TextBlock', text: 'Review request REQ_123', wrap: true },
    { type: 'Input.Text', id: 'comment', label: 'Comment' },
    {
      type: 'Input.ChoiceSet',
      id: 'decision',
      label: 'Decision',
      choices: [
        { title: 'Approve', value: 'approve' },
        { title: 'Reject', value: 'reject' },
      ],
    },
  ],
  actions: [
    {
      type: 'Action.Submit',
      title: 'Send',
      data: { action: 'review_submit', requestId: 'REQ_123' },
    },
  ],
};

const card = (content: Record<string, unknown>): Reply => ({ card: content, markdown: 'A card.' });
const action = (n: number) => ({ type: 'Action.Submit', title: `A${n}`, data: { action: 'x' } });

/** Replies that break a Webex rule, each of which must be stopped before any HTTP call (F06). */
const BAD_REPLIES: Record<string, Reply> = {
  'no-version': card({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'x' }] }),
  'version-1.5': card({ type: 'AdaptiveCard', version: '1.5', body: [] }),
  execute: card({
    type: 'AdaptiveCard',
    version: '1.3',
    body: [],
    actions: [{ type: 'Action.Execute', title: 'Go' }],
  }),
  'six-actions': card({
    type: 'AdaptiveCard',
    version: '1.3',
    body: [],
    actions: [1, 2, 3, 4, 5, 6].map(action),
  }),
  'emoji-fallback': { markdown: '😀'.repeat(1860) },
  'accent-fallback': { markdown: 'é'.repeat(3720) },
  'no-fallback': { card: REVIEW_CARD, markdown: '' },
};

describe('cards and submissions through the worker', () => {
  let test: TestDeputy;
  let ada: SamplePerson;
  let grace: SamplePerson;
  let roomId: string;
  const reviews: Array<Record<string, string>> = [];

  const reviewApp: DeputyApp = {
    commands: [
      {
        name: 'review',
        usage: '/review',
        description: 'Ask the space for a review.',
        async run(context) {
          await context.reply({ card: REVIEW_CARD, markdown: 'Review request REQ_123' });
        },
      },
      {
        name: 'badcard',
        usage: '/badcard <case>',
        description: 'Reply with a card that breaks a rule.',
        async run(context) {
          const [name = '', parentId] = context.args.split(' ');
          const reply = BAD_REPLIES[name] ?? { markdown: 'A reply in a thread.' };
          await context.reply(reply, parentId ? { parentId } : {});
        },
      },
    ],
    actions: [
      {
        action: 'review_submit',
        async run(context) {
          if (!context.inputs.decision) {
            await context.reply({ markdown: 'Please choose a decision.' });
            return;
          }
          reviews.push(context.inputs);
        },
      },
    ],
  };

  const type = async (text: string, parentId?: string) => {
    const response = await api<SandboxMessage>(
      'POST',
      `${test.base}/sandbox/messages`,
      ada.accessToken,
      {
        roomId,
        text,
        ...(parentId ? { parentId } : {}),
      },
    );
    expect(response.status).toBe(200);
    await test.settled();
    return response.body;
  };
  const submit = async (who: SamplePerson, messageId: string, inputs: Record<string, string>) => {
    const response = await api<{ id: string }>(
      'POST',
      `${test.base}/sandbox/attachment/actions`,
      who.accessToken,
      {
        type: 'submit',
        messageId,
        inputs,
      },
    );
    expect(response.status).toBeLessThan(300);
    await test.settled();
    return response.body;
  };
  const adaMessages = async () =>
    (await roomMessages(test, ada, roomId)).filter((m) => m.personId === ada.id);

  beforeAll(async () => {
    test = await startTestDeputy('worker', { env: { WEBHOOK_SECRET }, apps: [reviewApp] });
    ada = test.person('Ada');
    grace = test.person('Grace');
    await connectThroughSandbox(test, ada);
    const rooms = await api<{ items: Array<{ id: string }> }>(
      'GET',
      `${test.base}/sandbox/rooms`,
      ada.accessToken,
    );
    roomId = rooms.body.items[1]!.id;
  });
  afterAll(async () => {
    await test?.close();
  });

  describe('a submission (F05)', () => {
    let reviewCard: SandboxMessage;

    beforeAll(async () => {
      await type('/review');
      reviewCard = (await adaMessages()).at(-1)!;
      expect(cardOf(reviewCard)).toEqual(REVIEW_CARD);
    });

    it('is fetched with the card owner’s token and routed on inputs.action, data merged with inputs', async () => {
      await submit(grace, reviewCard.id, {
        comment: 'Looks good 👍',
        decision: 'approve',
        action: 'review_submit',
        requestId: 'REQ_123',
      });
      expect(reviews).toEqual([
        { comment: 'Looks good 👍', decision: 'approve', requestId: 'REQ_123' },
      ]);
    });

    it('treats a missing value and an empty one alike: one "please choose" reply each, no crash', async () => {
      const before = (await adaMessages()).length;
      await submit(grace, reviewCard.id, {
        comment: 'hm',
        action: 'review_submit',
        requestId: 'REQ_123',
      });
      await submit(grace, reviewCard.id, {
        comment: 'hm',
        decision: '',
        action: 'review_submit',
        requestId: 'REQ_123',
      });
      const after = await adaMessages();
      expect(after.slice(before).map((m) => m.markdown)).toEqual([
        'Please choose a decision.',
        'Please choose a decision.',
      ]);
      expect(reviews).toHaveLength(1);
      expect(await test.queue.getFailedCount()).toBe(0);
    });

    it('ignores, and logs, a submission on a card Deputy never posted', async () => {
      const foreign = await api<SandboxMessage>(
        'POST',
        `${test.base}/sandbox/messages`,
        ada.accessToken,
        {
          roomId,
          markdown: 'A card Ada posted herself',
          attachments: [{ contentType: CARD_CONTENT_TYPE, content: REVIEW_CARD }],
        },
      );
      await test.settled();
      await submit(grace, foreign.body.id, {
        decision: 'approve',
        action: 'review_submit',
        requestId: 'REQ_123',
      });
      expect(reviews).toHaveLength(1);
      expect(test.logs.text()).toContain('card submission ignored: not a card Deputy posted');
    });

    it('processes a delivery that comes twice only once', async () => {
      const submitted = await submit(grace, reviewCard.id, {
        comment: 'second',
        decision: 'reject',
        action: 'review_submit',
        requestId: 'REQ_123',
      });
      expect(reviews).toHaveLength(2);
      const body = JSON.stringify({
        id: 'WEBHOOK_AGAIN',
        name: 'deputy-cards',
        resource: 'attachmentActions',
        event: 'created',
        createdBy: ada.id,
        actorId: grace.id,
        data: {
          id: submitted.id,
          type: 'submit',
          messageId: reviewCard.id,
          personId: grace.id,
          roomId,
        },
      });
      const again = await fetch(`${test.base}/webhooks/webex`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-spark-signature': signBody(webhookSecretFor(WEBHOOK_SECRET, ada.id), body),
        },
        body,
      });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ outcome: 'duplicate' });
      await test.settled();
      expect(reviews).toHaveLength(2);
    });
  });

  describe('a reply that breaks a Webex rule (F06)', () => {
    it.each(Object.keys(BAD_REPLIES))('is refused before any HTTP call: %s', async (name) => {
      const before = (await adaMessages()).length;
      await type(`/badcard ${name}`);
      // Only the command Ada typed is new: nothing was posted for her.
      expect(await adaMessages()).toHaveLength(before + 1);
      const failed = await test.queue.getFailed();
      const job = failed.find(
        (j) => j.failedReason?.includes('breaks Webex rules') && j.attemptsMade === 1,
      );
      expect(job).toBeDefined();
      await test.queue.clean(0, 100, 'failed');
    });

    it('fails at once on a 400 from Webex, logs the tracking id, and the worker goes on', async () => {
      const root = await type('a thread');
      const reply = await type('a reply', root.id);
      // Webex refuses a reply to a reply; nothing in the card rules catches that.
      await type(`/badcard thread ${reply.id}`);
      const failed = await test.queue.getFailed();
      expect(failed).toHaveLength(1);
      expect(failed[0]!.attemptsMade).toBe(1);
      expect(failed[0]!.failedReason).toMatch(/POST \/messages answered 400: .*trackingId \S+/);
      const refused = test.logs
        .lines()
        .find((line) => line.msg === 'Webex refused the call; not retrying');
      expect(refused?.trackingId).toEqual(expect.any(String));
      expect(refused?.status).toBe(400);

      await type('/help');
      const help = (await adaMessages()).at(-1)!;
      expect(JSON.stringify(cardOf(help))).toContain('/review');
    });
  });

  it('puts a poll question into the card exactly as typed', async () => {
    const question =
      'Say "hi" \\ ${name} ${$root.pollId} **bold** [link](http://x) [object Object] 😀?';
    await type(`/poll ${question} | A "1" | B \\ 2`);
    const poll = await waitForMessage(
      test,
      ada,
      roomId,
      (m) => JSON.stringify(cardOf(m) ?? {}).includes('Poll by'),
      'poll',
    );
    const content = cardOf(poll)!;
    const texts = JSON.stringify(content);
    expect(texts).toContain(JSON.stringify(question));
    const choices = (content.body as Array<Record<string, unknown>>).find(
      (e) => e.type === 'Input.ChoiceSet',
    )!.choices as Array<{ title: string }>;
    expect(choices.map((c) => c.title)).toEqual(['A "1"', 'B \\ 2']);
  });
});
