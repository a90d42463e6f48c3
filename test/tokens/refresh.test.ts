/**
 * Acting as the person when the access token runs out (F07) or the refresh token is refused
 * (F08), with the sandbox's clock and token store driving the faults.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../support/http.js';
import {
  connectThroughSandbox,
  firstRoomOf,
  helpReplies,
  refreshCalls,
  revokeTokens,
  startTestDeputy,
  typeHelp,
  type TestDeputy,
} from '../support/deputy.js';

let test: TestDeputy | undefined;
afterEach(async () => {
  await test?.close();
  test = undefined;
});

describe('acting as the person', () => {
  it('refreshes a token that expires within five minutes before using it (F07, case 1)', async () => {
    test = await startTestDeputy('refresh-early', { env: { SANDBOX_ACCESS_TOKEN_SECONDS: '120' } });
    const ada = test.person('Ada');
    await connectThroughSandbox(test, ada);
    const roomId = await typeHelp(test, ada);
    // Fetching the message and posting the reply each found a token close to its end.
    expect(refreshCalls(test).length).toBeGreaterThanOrEqual(1);
    expect(refreshCalls(test).every((call) => call.status === 200)).toBe(true);
    expect(await helpReplies(test, ada, roomId)).toHaveLength(1);
    const unauthorized = test.logs
      .lines()
      .filter((line) => line.msg === 'access token refused; refreshing once');
    expect(unauthorized).toHaveLength(0);
  });

  it('refreshes once and retries once when Webex answers 401 to a token it thinks is valid (F07, case 2)', async () => {
    test = await startTestDeputy('refresh-401', { env: { SANDBOX_ACCESS_TOKEN_SECONDS: '3600' } });
    const ada = test.person('Ada');
    await connectThroughSandbox(test, ada);
    // Webex revokes the access token it issued, long before its stated expiry.
    await revokeTokens(test, ada, 'access');

    const roomId = await typeHelp(test, ada);
    expect(refreshCalls(test)).toHaveLength(1);
    expect(await helpReplies(test, ada, roomId)).toHaveLength(1);
    expect(
      test.logs.lines().filter((line) => line.msg === 'access token refused; refreshing once'),
    ).toHaveLength(1);
  });

  it('marks the person reauth_required when the refresh token is refused, and fails their jobs without retry (F08)', async () => {
    test = await startTestDeputy('refresh-dead', { env: { SANDBOX_ACCESS_TOKEN_SECONDS: '3600' } });
    const ada = test.person('Ada');
    const { browser } = await connectThroughSandbox(test, ada);
    await revokeTokens(test, ada, 'both');

    const roomId = await firstRoomOf(test, ada);
    for (let i = 0; i < 5; i++) {
      await api('POST', `${test.base}/sandbox/messages`, ada.accessToken, {
        roomId,
        text: `/help ${i}`,
      });
    }
    await test.settled();

    expect(refreshCalls(test)).toHaveLength(1);
    expect(refreshCalls(test)[0]!.outcome).toBe('invalid_grant');
    const failed = await test.queue.getFailed();
    expect(failed).toHaveLength(5);
    expect(failed.every((job) => job.attemptsMade === 1)).toBe(true);
    expect(
      test.logs
        .lines()
        .filter((line) => line.msg === 'refresh token refused; the person must reconnect'),
    ).toHaveLength(1);

    const account = await browser.get('/account');
    expect(account.text).toContain('Reconnect needed');
    expect(account.text).toContain('href="/oauth/login">Reconnect</a>');

    // Reconnecting makes them active again.
    await connectThroughSandbox(test, ada);
    const after = await browser.get('/account');
    expect(after.text).not.toContain('Reconnect needed');
    // ...and their commands are answered again.
    await typeHelp(test, ada);
    expect(await helpReplies(test, ada, roomId)).toHaveLength(1);
  });
});
