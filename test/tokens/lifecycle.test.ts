/**
 * Staying connected: rotated refresh tokens are kept, tokens are refreshed ahead of time for
 * people who are idle, the "reconnect soon" warning comes once, and tokens survive a key change.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PersonStore } from '../../src/people/person-store.js';
import { Keys } from '../../src/redis/keys.js';
import { TokenCipher } from '../../src/tokens/crypto.js';
import { refreshDueAhead } from '../../src/tokens/refresh-ahead.js';
import { ReauthRequired } from '../../src/tokens/errors.js';
import { PersonTokens } from '../../src/tokens/person-tokens.js';
import { WebexClient } from '../../src/webex/client.js';
import { captureLogs } from '../support/log-capture.js';
import { eventually } from '../support/http.js';
import {
  connectThroughSandbox,
  helpReplies,
  refreshCalls,
  revokeTokens,
  startTestDeputy,
  typeHelp,
  type SamplePerson,
  type TestDeputy,
} from '../support/deputy.js';
import { removePrefix, testRedis, uniquePrefix } from '../support/redis.js';

let test: TestDeputy | undefined;
afterEach(async () => {
  await test?.close();
  test = undefined;
});

const revokeAccess = (deputy: TestDeputy, person: SamplePerson) =>
  revokeTokens(deputy, person, 'access');

async function helpCount(deputy: TestDeputy, person: SamplePerson): Promise<number> {
  const roomId = await typeHelp(deputy, person);
  return (await helpReplies(deputy, person, roomId)).length;
}

describe('staying connected', () => {
  it('stores a rotated refresh token before using the new access token, so the next refresh works', async () => {
    test = await startTestDeputy('rotate-refresh');
    test.sandbox.state.settings.rotateRefreshTokens = true;
    const ada = test.person('Ada');
    await connectThroughSandbox(test, ada);
    await revokeAccess(test, ada);
    expect(await helpCount(test, ada)).toBe(1);
    await revokeAccess(test, ada);
    expect(await helpCount(test, ada)).toBe(2);
    expect(refreshCalls(test).map((call) => call.status)).toEqual([200, 200]);
  });

  it('refreshes the tokens of an idle person ahead of time, on schedule', async () => {
    test = await startTestDeputy('refresh-ahead', {
      // Due once fewer than 2 × 4 s + 5 min remain, about 2 s after connecting: long before the
      // five-minute margin (10 s after connecting) would make any other call refresh it.
      env: { RECONCILE_INTERVAL_SECONDS: '4', SANDBOX_ACCESS_TOKEN_SECONDS: '310' },
    });
    const ada = test.person('Ada');
    await connectThroughSandbox(test, ada);
    // No event at all: only the scheduled job can refresh.
    await eventually(
      'a scheduled refresh',
      async () => (test!.logs.text().includes('tokens refreshed ahead of time') ? true : undefined),
      9000,
    );
    expect(refreshCalls(test).map((call) => call.status)).toEqual([200]);
  });

  it('decides what is due from the schedule: two intervals plus the margin', () => {
    const now = Date.now();
    const hour = 3600_000;
    expect(refreshDueAhead({ accessTokenExpiresAt: now + 2 * hour + 4 * 60_000 }, hour, now)).toBe(
      true,
    );
    expect(refreshDueAhead({ accessTokenExpiresAt: now + 3 * hour }, hour, now)).toBe(false);
  });

  it('warns once, not on every refresh, when the refresh token ends within seven days', async () => {
    test = await startTestDeputy('warn-once', {
      env: { SANDBOX_REFRESH_TOKEN_SECONDS: String(3 * 24 * 3600) },
    });
    const ada = test.person('Ada');
    await connectThroughSandbox(test, ada);
    await revokeAccess(test, ada);
    await helpCount(test, ada);
    await revokeAccess(test, ada);
    await helpCount(test, ada);
    expect(refreshCalls(test)).toHaveLength(2);
    const warnings = test.logs
      .lines()
      .filter((line) => String(line.msg).includes('refresh token expires within seven days'));
    expect(warnings).toHaveLength(1);
  });
});

describe('a new token encryption key', () => {
  const redis = testRedis();
  const prefix = uniquePrefix('key-rotation');
  afterEach(async () => {
    await removePrefix(redis, prefix);
  });

  const keys = new Keys(prefix);
  const tokensOf = (suffix: string) => ({
    accessToken: `AT${suffix}`,
    accessTokenExpiresAt: Date.now() + 3600_000,
    refreshToken: `RT${suffix}`,
    refreshTokenExpiresAt: undefined,
  });
  /** Connects `id` with tokens sealed under `key`. */
  const connectUnder = (key: Buffer, id: string, tokens: ReturnType<typeof tokensOf>) =>
    new PersonStore(redis, keys, new TokenCipher([key])).connect(
      { id, displayName: 'P', email: 'p@example.com', orgId: undefined, webhooks: [] },
      tokens,
    );

  it('still reads tokens written with the previous key, and rewrites them with the new one', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const tokens = tokensOf('');
    await connectUnder(oldKey, 'PERSON', tokens);

    const rotated = new PersonStore(redis, keys, new TokenCipher([newKey, oldKey]));
    expect(await rotated.getTokens('PERSON')).toEqual(tokens);
    // Read once with both keys, the blob is now under the new key alone.
    expect(
      await new PersonStore(redis, keys, new TokenCipher([newKey])).getTokens('PERSON'),
    ).toEqual(tokens);
    await expect(
      new PersonStore(redis, keys, new TokenCipher([oldKey])).getTokens('PERSON'),
    ).rejects.toThrow();
  });

  it('does not rewrite tokens that another process replaced after they were read', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const first = tokensOf('1');
    await connectUnder(oldKey, 'PERSON', first);
    const rotated = new PersonStore(redis, keys, new TokenCipher([newKey, oldKey]));
    const { openTokens } = await rotated.getWithTokens('PERSON');
    // Meanwhile another process refreshes and stores the next tokens.
    const next = { ...first, accessToken: 'AT2', refreshToken: 'RT2' };
    await rotated.saveTokens('PERSON', next);
    // The copy read before is still usable, but is not written back over the newer one.
    expect(await openTokens()).toEqual(first);
    expect(await rotated.getTokens('PERSON')).toEqual(next);
  });

  it('marks the person reauth_required, not broken for good, when no configured key reads their tokens', async () => {
    await connectUnder(randomBytes(32), 'LOST', tokensOf(''));
    const store = new PersonStore(redis, keys, new TokenCipher([randomBytes(32)]));
    const { logger } = captureLogs();
    const client = new WebexClient({
      apiBaseUrl: 'http://127.0.0.1:9',
      clientId: 'c',
      clientSecret: 's',
      logger,
    });
    const acting = new PersonTokens({ store, client, redis, keys, logger });
    await expect(acting.withToken('LOST', async () => 'never called')).rejects.toBeInstanceOf(
      ReauthRequired,
    );
    expect((await store.get('LOST'))?.state).toBe('reauth_required');
    await client.close();
  });
});
