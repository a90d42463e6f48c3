/**
 * Keeping each person's webhooks right (F03, F04): re-activate, recreate, de-duplicate, and
 * leave alone what is already right or is not Deputy's.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../../src/metrics/metrics.js';
import { PersonStore } from '../../src/people/person-store.js';
import { Keys } from '../../src/redis/keys.js';
import { TokenCipher } from '../../src/tokens/crypto.js';
import { PersonTokens } from '../../src/tokens/person-tokens.js';
import { WebexClient } from '../../src/webex/client.js';
import { reconcileAll, type ReconcileDeps } from '../../src/webhooks/reconciler.js';
import { webhookSecretFor } from '../../src/webhooks/secret.js';
import {
  connectThroughSandbox,
  startTestDeputy,
  type SamplePerson,
  type TestDeputy,
} from '../support/deputy.js';
import { api, TestBrowser } from '../support/http.js';
import { REDIS_URL, testRedis } from '../support/redis.js';
import { loadConfig } from '../../src/config/config.js';
import { startDeputy } from '../../src/deputy.js';

describe('the webhook reconciler', () => {
  let test: TestDeputy;
  let ada: SamplePerson;
  let metrics: Metrics;
  let deps: ReconcileDeps;
  let client: WebexClient;
  let browser: TestBrowser;
  const redis = testRedis();

  const adaHooks = () =>
    [...test.sandbox.state.webhooks.values()].filter((w) => w.createdBy === ada.id);
  const writes = async () => {
    const lines = (
      await metrics.registry.getSingleMetricAsString('deputy_webex_calls_total')
    ).split('\n');
    const count = (route: string) =>
      lines
        .filter((l) => l.includes(`route="${route}"`))
        .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
    return {
      post: count('POST /webhooks'),
      put: count('PUT /webhooks/{id}'),
      delete: count('DELETE /webhooks/{id}'),
    };
  };

  beforeAll(async () => {
    test = await startTestDeputy('reconcile');
    ada = test.person('Ada');
    browser = (await connectThroughSandbox(test, ada)).browser;
    const { config, logger } = test.deputy;
    const keys = new Keys(config.keyPrefix);
    const people = new PersonStore(redis, keys, new TokenCipher([config.tokenEncryptionKey]));
    metrics = createMetrics();
    client = new WebexClient({
      ...config.webex,
      apiBaseUrl: config.webex.apiBaseUrl,
      logger,
      metrics,
    });
    const tokens = new PersonTokens({ store: people, client, redis, keys, logger, metrics });
    deps = {
      people,
      tokens,
      client,
      publicBaseUrl: config.publicBaseUrl,
      webhookSecret: config.webhookSecret,
      logger,
    };
  });
  beforeEach(() => metrics.registry.resetMetrics());
  afterAll(async () => {
    await client.close();
    await test?.close();
    redis.disconnect();
  });

  it('makes no write call when the set is already right, however often it runs (F04)', async () => {
    const before = adaHooks()
      .map((w) => w.id)
      .sort();
    for (let run = 0; run < 3; run++) await reconcileAll(deps);
    expect(await writes()).toEqual({ post: 0, put: 0, delete: 0 });
    expect(
      adaHooks()
        .map((w) => w.id)
        .sort(),
    ).toEqual(before);
  });

  it('re-activates an inactive webhook with exactly one PUT (F03)', async () => {
    const hook = adaHooks().find((w) => w.name === 'deputy-commands')!;
    hook.status = 'inactive';
    const summary = await reconcileAll(deps);
    expect(summary.reactivated).toBe(1);
    expect(await writes()).toEqual({ post: 0, put: 1, delete: 0 });
    expect(test.sandbox.state.webhooks.get(hook.id)!.status).toBe('active');
    expect(test.logs.text()).toContain('reactivated inactive webhook');
  });

  it('recreates a missing webhook and deletes a duplicate, leaving other webhooks alone', async () => {
    const cards = adaHooks().find((w) => w.name === 'deputy-cards')!;
    test.sandbox.state.webhooks.delete(cards.id);
    const commands = adaHooks().find((w) => w.name === 'deputy-commands')!;
    // A copy of Deputy's own, and someone else's webhook through Ada's personal token.
    test.sandbox.state.webhooks.set('DUPLICATE', { ...commands, id: 'DUPLICATE', failures: [] });
    const other = await api<{ id: string }>(
      'POST',
      `${test.base}/sandbox/webhooks`,
      ada.accessToken,
      {
        name: 'another-app',
        targetUrl: 'https://other.example.invalid/hook',
        resource: 'messages',
        event: 'created',
      },
    );
    expect(other.status).toBe(200);

    const summary = await reconcileAll(deps);
    expect(summary).toMatchObject({ created: 1, deleted: 1 });
    const names = adaHooks()
      .filter((w) => w.appId === commands.appId)
      .map((w) => w.name)
      .sort();
    expect(names).toEqual(['deputy-cards', 'deputy-commands']);
    expect(test.sandbox.state.webhooks.has(other.body.id)).toBe(true);
  });

  it('moves every webhook to a new target and a new secret with one PUT each', async () => {
    const moved = {
      ...deps,
      publicBaseUrl: 'https://moved.example.invalid',
      webhookSecret: 'a-brand-new-master-secret',
    };
    const ids = adaHooks()
      .map((w) => w.id)
      .sort();
    await reconcileAll(moved);
    expect(await writes()).toEqual({ post: 0, put: 2, delete: 0 });
    expect(
      adaHooks()
        .map((w) => w.id)
        .sort(),
    ).toEqual(ids);
    for (const hook of adaHooks().filter((w) => w.name.startsWith('deputy-'))) {
      expect(hook.targetUrl).toBe('https://moved.example.invalid/webhooks/webex');
      expect(hook.secret).toBe(webhookSecretFor('a-brand-new-master-secret', ada.id));
    }
    metrics.registry.resetMetrics();
    await reconcileAll(moved);
    expect(await writes()).toEqual({ post: 0, put: 0, delete: 0 });
  });

  it('counts reactivations and people by state in /metrics', async () => {
    const text = await (await fetch(`${test.base}/metrics`)).text();
    expect(text).toMatch(/deputy_people\{state="active"\} 1/);
    expect(text).toMatch(/deputy_people\{state="reauth_required"\} 0/);
    expect(text).toContain('deputy_webhook_reactivations_total');
  });

  it('shows each webhook on the account page as Webex reports it, and when Deputy last checked', async () => {
    const hook = adaHooks().find((w) => w.name === 'deputy-cards')!;
    hook.status = 'inactive';
    const page = (await browser.get('/account')).text;
    expect(page).toContain('As Webex reports them now.');
    expect(page).toMatch(/deputy-cards<\/td>\s*<td>\s*<span class="state inactive"\s*>inactive</);
    expect(page).toMatch(/Last checked by Deputy: \w{3}, \d{2} \w{3} \d{4}/);
    await reconcileAll(deps);
    expect((await browser.get('/account')).text).not.toContain('>inactive<');
  });

  it('leaves the webhooks alone when another copy of Deputy starts and stops', async () => {
    const ids = adaHooks()
      .map((w) => w.id)
      .sort();
    const { config } = test.deputy;
    const other = await startDeputy({
      config: loadConfig({
        PORT: '0',
        PUBLIC_BASE_URL: config.publicBaseUrl,
        WEBEX_CLIENT_ID: config.webex.clientId,
        WEBEX_CLIENT_SECRET: config.webex.clientSecret,
        WEBEX_API_BASE_URL: config.webex.apiBaseUrl,
        KEY_PREFIX: config.keyPrefix,
        REDIS_URL,
        TOKEN_ENCRYPTION_KEY: config.tokenEncryptionKey.toString('base64'),
        WEBHOOK_SECRET: config.webhookSecret,
        SESSION_SECRET: 'another-session-secret',
      }),
      roles: { web: true, worker: true },
      logger: test.deputy.logger,
    });
    await other.close();
    expect(
      adaHooks()
        .map((w) => w.id)
        .sort(),
    ).toEqual(ids);
  });
});
