/**
 * A poll in a sandbox space, in a real browser: typed as Ada, drawn by the adaptivecards
 * renderer, voted on by clicking as three other people, and counted in the rendered results card;
 * a draft and a card choice stay put while new messages arrive. Set UPDATE_DOCS_SCREENSHOT=1 to
 * also write docs/sandbox.png.
 */
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectThroughSandbox, startTestDeputy, type TestDeputy } from '../support/deputy.js';
import {
  ARTIFACTS,
  DESKTOP,
  PHONE,
  chromiumMissing,
  launchBrowser,
  openPage,
  screenshot,
} from './browser.js';

// Skipped only where /usr/bin/chromium is missing outside CI (browser.ts says so in one line).
describe.skipIf(chromiumMissing)('a poll in a sandbox space, in a browser', () => {
  let test: TestDeputy;
  let browser: Browser;

  beforeAll(async () => {
    [test, browser] = await Promise.all([startTestDeputy('browser-poll'), launchBrowser()]);
    await connectThroughSandbox(test, test.person('Ada'));
  });
  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('posts the poll as Ada, takes three votes by clicking and shows the counts in the results card', async () => {
    const ada = test.person('Ada');
    const room = [...test.sandbox.state.rooms.values()].find((r) => r.title === 'Lunch club');
    if (!room) throw new Error('the sandbox has no Lunch club space');
    const { page, errors, close } = await openPage(browser, DESKTOP);
    try {
      await page.goto(`${test.base}/sandbox/spaces/${room.id}?as=${encodeURIComponent(ada.id)}`);
      await page.getByLabel('Message as Ada Lovelace').fill('/poll Lunch? | Pizza | Sushi | Tacos');
      await page.getByRole('button', { name: 'Send' }).click();

      const poll = cardMessage(page, 'Lunch?', 'Vote');
      await poll.waitFor();
      expect(await poll.locator('.ac-adaptiveCard').count()).toBe(1);
      expect(await poll.locator('.message-head strong').innerText()).toBe('Ada Lovelace');

      for (const [voter, option] of [
        ['Grace Hopper', 'Pizza'],
        ['José Álvarez', 'Sushi'],
        ['Alan Turing', 'Pizza'],
      ] as const) {
        await page.getByLabel('Writing as').selectOption({ label: voter });
        await poll.getByRole('radio', { name: option }).check();
        await poll.getByRole('button', { name: 'Vote' }).click();
        await poll.getByRole('status').getByText(`Sent as ${voter}.`).waitFor();
        // The vote is a webhook and a job; let Deputy count it before the next press.
        await test.settled();
      }
      const votes = [...test.sandbox.state.attachmentActions.values()];
      expect(votes.map((v) => v.inputs)).toEqual([
        expect.objectContaining({ action: 'poll.vote', choice: '0', pollId: expect.any(String) }),
        expect.objectContaining({ action: 'poll.vote', choice: '1' }),
        expect.objectContaining({ action: 'poll.vote', choice: '0' }),
      ]);

      // A draft and the card's selection must survive the messages that arrive next.
      await page.getByLabel('Writing as').selectOption({ label: 'Ada Lovelace' });
      await page.getByLabel('Message as Ada Lovelace').fill('a draft, not sent');
      await poll.getByRole('button', { name: 'Results' }).click();

      const results = page.locator('.replies article').filter({
        has: page.locator('.ac-adaptiveCard', { hasText: 'Results' }),
      });
      await results.waitFor();
      expect(await rowsOf(results)).toEqual([
        ['Pizza', '2', '67%'],
        ['Sushi', '1', '33%'],
        ['Tacos', '0', '0%'],
      ]);
      expect(await results.innerText()).toContain('3 voters');
      expect(await page.getByLabel('Message as Ada Lovelace').inputValue()).toBe(
        'a draft, not sent',
      );
      expect(await poll.getByRole('radio', { name: 'Pizza' }).isChecked()).toBe(true);

      await screenshot(page, 'poll-desktop');
      if (process.env['UPDATE_DOCS_SCREENSHOT'] === '1') {
        await page.getByLabel('Message as Ada Lovelace').fill('');
        await page.getByLabel('Message as Ada Lovelace').blur();
        await page.setViewportSize({ width: 900, height: 900 });
        await screenshot(page, 'docs', {
          path: join(ARTIFACTS, '..', '..', 'docs', 'sandbox.png'),
        });
      }
      await page.setViewportSize(PHONE);
      // Evaluated as text: the test files are compiled without the DOM's types.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        PHONE.width,
      );
      await poll.scrollIntoViewIfNeeded();
      await screenshot(page, 'poll-phone', { fullPage: false });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

/** The message whose rendered card shows `text` and has a button named `button`. */
function cardMessage(page: Page, text: string, button: string): Locator {
  return page
    .locator('article.message')
    .filter({ has: page.locator('.ac-adaptiveCard', { hasText: text }) })
    .filter({ has: page.getByRole('button', { name: button }) });
}

/** The option rows of a rendered results card: the texts of each ColumnSet's columns. */
async function rowsOf(card: Locator): Promise<string[][]> {
  return card.locator('.ac-adaptiveCard .ac-columnSet').evaluateAll((sets) =>
    sets.map((set) =>
      Array.from(set.children as ArrayLike<{ innerText: string }>)
        .map((column) => column.innerText.trim())
        .filter((text) => text !== ''),
    ),
  );
}
