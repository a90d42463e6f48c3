/**
 * No token, secret or personal data reaches a log line: a whole flow runs at debug level, and
 * every line it logged is searched for every secret the flow handled.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { webhookSecretFor } from '../../src/webhooks/secret.js';
import { TestBrowser, api } from '../support/http.js';
import { startTestDeputy, type TestDeputy } from '../support/deputy.js';
import { captureLogs } from '../support/log-capture.js';

const SECRETS = {
  WEBHOOK_SECRET: `whs-${randomBytes(12).toString('hex')}`,
  SESSION_SECRET: `ses-${randomBytes(12).toString('hex')}`,
  TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

describe('log lines', () => {
  let test: TestDeputy;
  afterAll(async () => test?.close());

  it('hold no token, secret, code, email, name or message text during a whole flow', async () => {
    test = await startTestDeputy('no-secrets', { env: { ...SECRETS, LOG_LEVEL: 'trace' } });
    const ada = test.person('Ada');
    const grace = test.person('Grace');
    const seen = new Set<string>(Object.values(SECRETS));

    const browser = new TestBrowser(test.base);
    const login = await browser.get('/oauth/login');
    const signIn = await browser.get(login.location!);
    const requestId = /name="request" value="([^"]+)"/.exec(signIn.text)![1]!;
    const accepted = await browser.postForm('/sandbox/authorize', {
      request: requestId,
      personId: ada.id,
      decision: 'accept',
    });
    const callback = new URL(accepted.location!);
    seen.add(callback.searchParams.get('code')!);
    seen.add(callback.searchParams.get('state')!);
    seen.add(new URL(login.location!).searchParams.get('code_challenge')!);
    expect((await browser.follow(accepted.location!)).url).toMatch(/\/account$/);
    seen.add(browser.cookie('deputy_session')!);

    // Revoke the access token so the flow also refreshes.
    for (const [token, grant] of test.sandbox.state.accessTokens) {
      if (grant.clientId !== undefined) {
        seen.add(token);
        test.sandbox.state.accessTokens.delete(token);
      }
    }
    const rooms = await api<{ items: Array<{ id: string }> }>(
      'GET',
      `${test.base}/sandbox/rooms`,
      ada.accessToken,
    );
    const roomId = rooms.body.items[0]!.id;
    await api('POST', `${test.base}/sandbox/messages`, ada.accessToken, {
      roomId,
      text: '/poll Confidential lunch plan? | Pizza | Sushi',
    });
    await test.settled();
    const poll = (
      await api<{
        items: Array<{
          id: string;
          attachments?: Array<{ content: { actions: Array<{ data: { pollId: string } }> } }>;
        }>;
      }>('GET', `${test.base}/sandbox/messages?roomId=${roomId}`, ada.accessToken)
    ).body.items.find((m) => m.attachments)!;
    const pollId = poll.attachments![0]!.content.actions[0]!.data.pollId;
    await api('POST', `${test.base}/sandbox/attachment/actions`, grace.accessToken, {
      type: 'submit',
      messageId: poll.id,
      inputs: { action: 'poll.vote', pollId, choice: '0', note: 'private words' },
    });
    await test.settled();

    for (const token of test.sandbox.state.accessTokens.keys()) seen.add(token);
    for (const token of test.sandbox.state.refreshTokens.keys()) seen.add(token);
    for (const person of test.people) {
      seen.add(person.accessToken);
      seen.add(person.email);
      seen.add(person.displayName);
      seen.add(webhookSecretFor(SECRETS.WEBHOOK_SECRET, person.id));
    }
    seen.add(test.deputy.config.webex.clientSecret);
    seen.add('Confidential lunch plan');
    seen.add('private words');

    const logged = test.logs.text();
    expect(test.logs.lines().length).toBeGreaterThan(10);
    expect(logged).toContain('access token refreshed');
    const leaks = [...seen].filter((secret) => secret && logged.includes(secret));
    expect(leaks).toEqual([]);
  });

  it('redacts credential fields wherever a caller puts them', () => {
    const { logger, text } = captureLogs();
    logger.info(
      {
        accessToken: 'AT_LEAK',
        response: { access_token: 'AT_LEAK2', refresh_token: 'RT_LEAK' },
        headers: { authorization: 'Bearer AT_LEAK3', cookie: 'deputy_session=S' },
        person: { email: 'a@example.com', displayName: 'Ada' },
        deep: { a: { b: { c: [{ refresh_token: 'RT_DEEP' }] } } },
      },
      'something',
    );
    logger
      .child({ accessToken: 'AT_BOUND', component: 'x', nested: { refresh_token: 'RT_BOUND' } })
      .child({ people: [{ email: 'b@example.com' }] })
      .info({ markdown: 'TEXT' }, 'child');
    const failure = Object.assign(new Error('refresh failed'), {
      response: { access_token: 'AT_IN_ERROR' },
    });
    logger.error({ err: failure, cause: failure }, 'an error with a token on it');
    logger.error(failure, 'the error alone');
    class Grant {
      refreshToken = 'RT_IN_INSTANCE';
      scope = 'spark:all';
    }
    logger.info({ grant: new Grant(), grants: [new Grant()] }, 'a class instance');
    expect(text()).not.toMatch(
      /AT_LEAK|RT_LEAK|Bearer|deputy_session|a@example.com|Ada|RT_DEEP|AT_BOUND|RT_BOUND|b@example.com|TEXT|AT_IN_ERROR|RT_IN_INSTANCE/,
    );
    expect(text()).toContain('[redacted]');
    expect(text()).toContain('"component":"x"');
    // What is not sensitive still reads as before.
    expect(text()).toContain('"message":"refresh failed"');
    expect(text()).toContain('"scope":"spark:all"');
  });
});
