/**
 * The OAuth routes against the sandbox: PKCE S256 and single-use state bound to the browser,
 * every failure a page that says what happened with nothing stored, and disconnecting.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/receiver/signature.js';
import { webhookSecretFor } from '../../src/webhooks/secret.js';
import { TestBrowser } from '../support/http.js';
import { connectThroughSandbox, startTestDeputy, type TestDeputy } from '../support/deputy.js';
import { testRedis } from '../support/redis.js';

const WEBHOOK_SECRET = 'oauth-test-webhook-secret';

describe('connecting with Webex', () => {
  let test: TestDeputy;
  const redis = testRedis();

  beforeAll(async () => {
    test = await startTestDeputy('oauth', { env: { WEBHOOK_SECRET } });
  });
  afterAll(async () => {
    await test?.close();
    redis.disconnect();
  });

  const storedPeople = async () => redis.smembers(`${test.prefix}:people`);

  /** Starts a sign-in in `browser` and answers the sandbox's page; returns the callback URL. */
  async function signIn(
    browser: TestBrowser,
    decision: 'accept' | 'decline',
    personName = 'Grace',
  ) {
    const login = await browser.get('/oauth/login');
    const page = await browser.get(login.location!);
    const requestId = /name="request" value="([^"]+)"/.exec(page.text)![1]!;
    const answered = await browser.postForm('/sandbox/authorize', {
      request: requestId,
      personId: test.person(personName).id,
      decision,
    });
    return { login: new URL(login.location!), callback: answered.location! };
  }

  it('sends the browser to /authorize with every parameter, PKCE S256 and a fresh state', async () => {
    const browser = new TestBrowser(test.base);
    const first = await browser.get('/oauth/login');
    const second = await browser.get('/oauth/login');
    expect(first.status).toBe(302);
    const url = new URL(first.location!);
    expect(`${url.origin}${url.pathname}`).toBe(`${test.base}/sandbox/authorize`);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe(test.deputy.config.webex.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(`${test.base}/oauth/callback`);
    expect(url.searchParams.get('scope')).toBe(test.deputy.config.webex.scopes);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new URL(second.location!).searchParams.get('state')).not.toBe(
      url.searchParams.get('state'),
    );
    // The verifier stays on the server: only its SHA-256 travels.
    const stored = await redis.get(`${test.prefix}:oauth-state:${url.searchParams.get('state')}`);
    const { codeVerifier } = JSON.parse(stored!) as { codeVerifier: string };
    expect(createHash('sha256').update(codeVerifier).digest('base64url')).toBe(
      url.searchParams.get('code_challenge'),
    );
    expect(
      await redis.ttl(`${test.prefix}:oauth-state:${url.searchParams.get('state')}`),
    ).toBeGreaterThan(590);
  });

  it('shows a page with a way to try again when the person declines, and stores nothing', async () => {
    const browser = new TestBrowser(test.base);
    const { callback } = await signIn(browser, 'decline');
    expect(new URL(callback).searchParams.get('error')).toBe('access_denied');
    const page = await browser.get(callback);
    expect(page.status).toBe(400);
    expect(page.text).toContain('You did not allow Deputy');
    expect(page.text).toContain('href="/oauth/login"');
    expect(await storedPeople()).toEqual([]);
  });

  it('refuses a state that was already used', async () => {
    const browser = new TestBrowser(test.base);
    const { callback } = await signIn(browser, 'accept');
    expect((await browser.get(callback)).location).toBe(`${test.base}/account`);
    const again = await browser.get(callback);
    expect(again.status).toBe(400);
    expect(again.text).toContain('already used');
  });

  it('refuses a callback in another browser than the one that started, storing nothing', async () => {
    const started = new TestBrowser(test.base);
    const { callback } = await signIn(started, 'accept', 'Alan');
    const other = new TestBrowser(test.base);
    const page = await other.get(callback);
    expect(page.status).toBe(400);
    expect(page.text).toContain('another browser');
    expect(await redis.exists(`${test.prefix}:person:${test.person('Alan').id}`)).toBe(0);
    // The state is spent either way: the right browser cannot use it afterwards either.
    expect((await started.get(callback)).status).toBe(400);
  });

  it('refuses a made-up state and a missing one', async () => {
    const browser = new TestBrowser(test.base);
    expect((await browser.get('/oauth/callback?code=x&state=made-up')).status).toBe(400);
    expect((await browser.get('/oauth/callback?code=x')).status).toBe(400);
  });

  it('shows a page when Webex refuses the code exchange, and stores nothing', async () => {
    const browser = new TestBrowser(test.base);
    const { callback } = await signIn(browser, 'accept', 'Alan');
    const forged = new URL(callback);
    forged.searchParams.set('code', 'not-a-code-the-sandbox-issued');
    const page = await browser.get(forged.toString());
    expect(page.status).toBe(400);
    expect(page.text).toContain('Webex refused the sign-in');
    expect(await redis.exists(`${test.prefix}:person:${test.person('Alan').id}`)).toBe(0);
  });

  it('disconnects on a CSRF-checked form: webhooks deleted at Webex, tokens gone, deliveries ignored', async () => {
    const ada = test.person('Ada');
    const { browser: otherBrowser } = await connectThroughSandbox(test, ada);
    const { browser, account } = await connectThroughSandbox(test, ada);
    const hooks = () =>
      [...test.sandbox.state.webhooks.values()].filter((w) => w.createdBy === ada.id);
    expect(hooks()).toHaveLength(2);

    const forged = await browser.postForm('/account/disconnect', { csrf: 'wrong' });
    expect(forged.status).toBe(403);
    expect(await redis.exists(`${test.prefix}:tokens:${ada.id}`)).toBe(1);

    const csrf = /name="csrf" value="([^"]+)"/.exec(account)![1]!;
    const done = await browser.postForm('/account/disconnect', { csrf });
    expect(done.status).toBe(302);
    expect(hooks()).toHaveLength(0);
    expect(
      await redis.exists(`${test.prefix}:tokens:${ada.id}`, `${test.prefix}:person:${ada.id}`),
    ).toBe(0);
    expect((await browser.get('/account')).location).toBe(`${test.base}/`);

    const body = JSON.stringify({
      id: 'WH',
      resource: 'messages',
      event: 'created',
      createdBy: ada.id,
      data: { id: 'LATE_MESSAGE', roomId: 'R' },
    });
    const late = await fetch(`${test.base}/webhooks/webex`, {
      method: 'POST',
      headers: { 'x-spark-signature': signBody(webhookSecretFor(WEBHOOK_SECRET, ada.id), body) },
      body,
    });
    expect(late.status).toBe(202);

    // Every browser is signed out, and stays so when Ada connects again elsewhere.
    await connectThroughSandbox(test, ada);
    expect((await otherBrowser.get('/account')).location).toBe(`${test.base}/`);
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${test.base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${test.base}/readyz`);
    expect(ready.status).toBe(200);
    const metrics = await (await fetch(`${test.base}/metrics`)).text();
    expect(metrics).toContain('deputy_webhooks_total');
    expect(metrics).toContain('deputy_queue_jobs');
  });
});
