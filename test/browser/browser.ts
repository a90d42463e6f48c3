/**
 * Chromium for the browser tests, driven by playwright-core: one browser per test file, a fresh
 * context per test, screenshots under test/artifacts/, and every uncaught page error collected so
 * a test fails on a script error it did not look for. Without /usr/bin/chromium the tests are
 * skipped with one line of explanation, except under CI, where a missing browser fails the run.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** True when the browser tests cannot run here; the files pass it to describe.skipIf. */
export const chromiumMissing = !existsSync(CHROMIUM_PATH);

if (chromiumMissing) {
  if (process.env['CI'] === 'true') {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}; the browser tests need it under CI (apt-get install -y chromium).`,
    );
  }
  sayOnce(`Browser tests skipped: Chromium is missing at ${CHROMIUM_PATH}.`);
}

/** Test files run in worker processes of one vitest run; a marker keeps the line to one. */
function sayOnce(line: string): void {
  try {
    writeFileSync(join(tmpdir(), `deputy-browser-skip-${process.ppid}`), '', { flag: 'wx' });
    console.log(line);
  } catch {
    // Another test file of this run has said it already.
  }
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = join(ROOT, 'test', 'artifacts');

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1100, height: 900 };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /**
   * Uncaught script errors, console errors and answers of 400 or more (the browser's own
   * favicon request aside), for the test to assert there are none it did not expect.
   */
  errors: string[];
  close(): Promise<void>;
}

export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number } = DESKTOP,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<TestPage> {
  const context = await browser.newContext({ viewport, locale: 'en-GB', ...options });
  // Waits are for DOM conditions; a condition that never comes fails within this time.
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Failed loads are reported below with their address, which the console line lacks.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console error: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400 && url.pathname !== '/favicon.ico') {
      errors.push(`${response.status()} from ${response.request().method()} ${url.pathname}`);
    }
  });
  return { context, page, errors, close: () => context.close() };
}

/**
 * Saves a screenshot as test/artifacts/<name>.png (or at `path`) and returns its path: the whole
 * page by default, or only the window, which shows docked elements where a person sees them.
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { path?: string; fullPage?: boolean } = {},
): Promise<string> {
  const target = options.path ?? join(ARTIFACTS, `${name}.png`);
  mkdirSync(dirname(target), { recursive: true });
  await page.screenshot({ path: target, fullPage: options.fullPage ?? true });
  return target;
}
