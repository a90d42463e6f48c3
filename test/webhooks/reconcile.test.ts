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
import {
  connectThroughSandbox,
  startTestDeputy,
  type SamplePerson,
  type TestDeputy,
} from '../support/deputy.js';
import { api } from '../support/http.js';
import { testRedis } from '../support/redis.js';

describe('the webhook reconciler', () => {
  let test: TestDeputy;
  let ada: SamplePerson;
  let metrics: Metrics;
  let deps: ReconcileDeps;
  let client: WebexClient;
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
    await connectThroughSandbox(test, ada);
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
});
