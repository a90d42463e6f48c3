/**
 * The space page's script in a real browser, against the sandbox alone: cards drawn by the
 * adaptivecards renderer submit what the Webex app would (data over inputs), markdown is escaped,
 * OpenUrl opens, ShowCard expands, required inputs hold a press back, replies land in their
 * thread, "writing as" survives a reload, and the plain forms still work without script.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  apiOk,
  person,
  roomsOf,
  startReceiver,
  startSandbox,
  type Harness,
  type Receiver,
} from '../sandbox/harness.js';
import { cardAttachment } from '../sandbox/fixtures.js';
import { PHONE, chromiumMissing, launchBrowser, openPage, screenshot } from './browser.js';

// Skipped only where /usr/bin/chromium is missing outside CI (browser.ts says so in one line).
describe.skipIf(chromiumMissing)('the space page in a browser', () => {
  let browser: Browser;
  let h: Harness;
  let receiver: Receiver;
  let roomId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    [h, receiver] = await Promise.all([startSandbox(), startReceiver()]);
    roomId = (await roomsOf(h, person(h, 0).accessToken))[0]?.id ?? '';
    await apiOk(h, person(h, 0).accessToken, 'POST', '/webhooks', {
      name: 'cards',
      targetUrl: receiver.url,
      resource: 'attachmentActions',
      event: 'created',
    });
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  const spaceUrl = (as?: string) =>
    `${h.baseUrl}/sandbox/spaces/${roomId}${as ? `?as=${encodeURIComponent(as)}` : ''}`;

  it('submits a card with the button data over the typed inputs, and draws markdown escaped', async () => {
    const card = cardAttachment();
    card.content.body.unshift({
      type: 'TextBlock',
      text: '**Bold** <img src=x id=injected> [docs](https://developer.webex.com)',
    } as never);
    await apiOk(h, person(h, 0).accessToken, 'POST', '/messages', {
      roomId,
      markdown: 'Card',
      attachments: [card],
    });
    const grace = person(h, 1);
    const { page, errors, close } = await openPage(browser, PHONE);
    try {
      await page.goto(spaceUrl(grace.id));
      const rendered = page.locator('.card-host .ac-adaptiveCard');
      await rendered.waitFor();
      expect(await rendered.locator('strong', { hasText: 'Bold' }).count()).toBe(1);
      expect(await page.locator('#injected').count()).toBe(0);
      expect(await rendered.innerText()).toContain('<img src=x id=injected>');
      expect(await rendered.getByRole('link', { name: 'docs' }).getAttribute('rel')).toContain(
        'noopener',
      );

      await rendered.getByLabel('Comment').fill('Looks good');
      await rendered.getByRole('radio', { name: 'Large' }).check();
      await rendered.getByRole('button', { name: 'Approve' }).click();
      await page.getByRole('status').getByText('Sent as Grace Hopper.').waitFor();
      await h.sandbox.idle();
      const [action] = [...h.sandbox.state.attachmentActions.values()];
      expect(action).toMatchObject({
        personId: grace.id,
        inputs: { comment: 'Looks good', size: 'from-data', action: 'approve' },
      });
      expect(receiver.deliveries).toHaveLength(1);
      await screenshot(page, 'space-card-submitted');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('holds a press back while a required input is empty, expands ShowCard and opens OpenUrl', async () => {
    await apiOk(h, person(h, 0).accessToken, 'POST', '/messages', {
      roomId,
      markdown: 'Card',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            version: '1.3',
            body: [{ type: 'Input.Text', id: 'name', label: 'Name', isRequired: true }],
            actions: [
              { type: 'Action.Submit', title: 'Send', data: { action: 'send' } },
              {
                type: 'Action.ShowCard',
                title: 'More',
                card: {
                  type: 'AdaptiveCard',
                  body: [{ type: 'TextBlock', text: 'Hidden until asked' }],
                },
              },
              { type: 'Action.OpenUrl', title: 'Open the sandbox', url: `${h.baseUrl}/sandbox` },
            ],
          },
        },
      ],
    });
    const { page, context, errors, close } = await openPage(browser);
    try {
      await page.goto(spaceUrl(person(h, 2).id));
      const rendered = page.locator('.card-host .ac-adaptiveCard').first();
      await rendered.getByRole('button', { name: 'Send' }).click();
      await rendered.getByLabel('Name').and(page.locator(':focus')).waitFor();
      expect(h.sandbox.state.attachmentActions.size).toBe(0);

      expect(await page.getByText('Hidden until asked').isVisible()).toBe(false);
      await rendered.getByRole('button', { name: 'More' }).click();
      await page.getByText('Hidden until asked').waitFor();

      const [opened] = await Promise.all([
        context.waitForEvent('page'),
        // The renderer gives OpenUrl buttons the role of a link, as they are one.
        rendered.getByRole('link', { name: 'Open the sandbox' }).click(),
      ]);
      await opened.waitForURL(`${h.baseUrl}/sandbox`);

      await rendered.getByLabel('Name').fill('José');
      await rendered.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('status').getByText('Sent as José Álvarez.').waitFor();
      expect([...h.sandbox.state.attachmentActions.values()][0]?.inputs).toEqual({
        name: 'José',
        action: 'send',
      });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('replies in a thread without a reload and remembers who is writing', async () => {
    const first = await apiOk(h, person(h, 0).accessToken, 'POST', '/messages', {
      roomId,
      text: 'Who is in for lunch?',
    });
    const { page, errors, close } = await openPage(browser);
    try {
      await page.goto(spaceUrl());
      await page.getByLabel('Writing as').selectOption({ label: 'Alan Turing' });
      expect(new URL(page.url()).searchParams.get('as')).toBe(person(h, 3).id);
      await page.getByRole('link', { name: 'Reply in thread' }).click();
      await page.getByText('Replying in the thread of').waitFor();
      const box = page.getByLabel('Reply as Alan Turing');
      await box.fill('Me!');
      await box.press('Enter');
      const reply = page.locator(`#thread-${first['id'] as string} .replies article`);
      await reply.getByText('Me!').waitFor();
      expect(await page.locator('#text').inputValue()).toBe('');
      expect([...h.sandbox.state.messages.values()].at(-1)).toMatchObject({
        parentId: first['id'],
        personId: person(h, 3).id,
      });

      // Someone else writes meanwhile: it appears without a reload, the draft stays.
      await page.getByLabel('Message as Alan Turing').fill('half-typed');
      await apiOk(h, person(h, 1).accessToken, 'POST', '/messages', { roomId, text: 'Grace here' });
      await page.getByText('Grace here').waitFor();
      expect(await page.getByLabel('Message as Alan Turing').inputValue()).toBe('half-typed');

      await page.goto(spaceUrl());
      expect(await page.getByLabel('Writing as').inputValue()).toBe(person(h, 3).id);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('still works without script: plain forms post a message and press a card button', async () => {
    await apiOk(h, person(h, 0).accessToken, 'POST', '/messages', {
      roomId,
      markdown: 'Card',
      attachments: [cardAttachment()],
    });
    const { page, errors, close } = await openPage(browser, PHONE, { javaScriptEnabled: false });
    try {
      await page.goto(spaceUrl(person(h, 1).id));
      await page.getByLabel('Message as Grace Hopper').fill('no script here');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('no script here').waitFor();

      const card = page.locator('.card-host form');
      await card.getByLabel('Comment').fill('plain');
      await card.getByRole('button', { name: 'Reject' }).click();
      await page.getByText('Card submitted as Grace Hopper.').waitFor();
      expect([...h.sandbox.state.attachmentActions.values()][0]?.inputs).toMatchObject({
        comment: 'plain',
        action: 'reject',
      });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
