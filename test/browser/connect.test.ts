/**
 * Connecting in a real browser: Deputy's home page, the sandbox's sign-in page, Accept or
 * Decline, and the page Deputy shows after each; then the sandbox's Controls page. All on a
 * phone-sized screen.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectThroughSandbox, startTestDeputy, type TestDeputy } from '../support/deputy.js';
import { PHONE, chromiumMissing, launchBrowser, openPage, screenshot } from './browser.js';

// Skipped only where /usr/bin/chromium is missing outside CI (browser.ts says so in one line).
describe.skipIf(chromiumMissing)('connecting to Deputy in a browser', () => {
  let test: TestDeputy;
  let browser: Browser;

  beforeAll(async () => {
    [test, browser] = await Promise.all([startTestDeputy('browser-connect'), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('goes from the home page through the sandbox sign-in to an account page with two active webhooks', async () => {
    const { page, errors, close } = await openPage(browser, PHONE);
    try {
      await page.goto(`${test.base}/`);
      await page.getByRole('link', { name: 'Connect with Webex' }).click();
      await page.getByRole('heading', { name: 'Sign in to Webex (sandbox)' }).waitFor();
      await page.getByRole('radio', { name: /Ada Lovelace/ }).check();
      await screenshot(page, 'connect-1-sign-in');
      await page.getByRole('button', { name: 'Accept' }).click();

      await page.waitForURL(`${test.base}/account`);
      await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
      const rows = page.locator('table tbody tr');
      await rows.nth(1).waitFor();
      const webhooks = (await rows.allInnerTexts()).map((row) =>
        row.split('\t').map((c) => c.trim()),
      );
      expect(webhooks.sort()).toEqual([
        ['deputy-cards', 'active'],
        ['deputy-commands', 'active'],
      ]);
      expect(await page.getByText('Connected', { exact: true }).isVisible()).toBe(true);
      await screenshot(page, 'connect-2-account');
      // Evaluated as text: the test files are compiled without the DOM's types.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
        PHONE.width,
      );
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows an error page with a way to try again after Decline', async () => {
    const { page, errors, close } = await openPage(browser, PHONE);
    try {
      await page.goto(`${test.base}/`);
      await page.getByRole('link', { name: 'Connect with Webex' }).click();
      await page.getByRole('button', { name: 'Decline' }).click();

      await page.waitForURL(/\/oauth\/callback\?/);
      expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
      const heading = await page.getByRole('heading', { level: 1 }).innerText();
      expect(heading.length).toBeGreaterThan(0);
      const again = page.getByRole('link', { name: 'Try again' });
      expect(await again.getAttribute('href')).toBe('/oauth/login');
      await screenshot(page, 'connect-3-declined');

      await again.click();
      await page.getByRole('heading', { name: 'Sign in to Webex (sandbox)' }).waitFor();
      // The declined callback answers 400, as it should; nothing else failed.
      expect(errors).toEqual(['400 from GET /oauth/callback']);
    } finally {
      await close();
    }
  });

  it('marks a webhook inactive and queues a fault from the Controls page', async () => {
    const grace = test.person('Grace');
    await connectThroughSandbox(test, grace);
    const { page, errors, close } = await openPage(browser, PHONE);
    try {
      await page.goto(`${test.base}/sandbox`);
      await page.getByRole('link', { name: 'Controls' }).first().click();
      await page.getByRole('heading', { name: 'Sandbox controls' }).waitFor();
      await page
        .getByRole('button', { name: 'Mark inactive: deputy-cards of Grace Hopper' })
        .click();
      await page.getByRole('status').getByText('Webhook deputy-cards is inactive.').waitFor();
      const cards = [...test.sandbox.state.webhooks.values()].find(
        (w) => w.name === 'deputy-cards' && w.createdBy === grace.id,
      );
      expect(cards?.status).toBe('inactive');

      await page.getByLabel('Route').selectOption('GET /messages/{id}');
      await page.getByLabel('Answer with').selectOption('429');
      await page.getByLabel('For the next number of calls').fill('2');
      await page.getByLabel('Retry-After in seconds (optional)').fill('7');
      await page.getByRole('button', { name: 'Add fault' }).click();
      await page
        .getByRole('status')
        .getByText('The next 2 call(s) to GET /messages/{id} answer 429.')
        .waitFor();
      expect(test.sandbox.state.faults).toEqual([
        expect.objectContaining({
          route: 'GET /messages/{id}',
          status: 429,
          count: 2,
          retryAfter: 7,
        }),
      ]);
      await screenshot(page, 'controls');
      await page.getByRole('button', { name: 'Clear all faults' }).click();
      await page.getByRole('status').getByText('Cleared 1 fault(s).').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
