import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INVALID_TOKEN_MESSAGE } from '../../src/sandbox/errors.js';
import { api, person, startSandbox, type Harness } from './harness.js';
import { connect, tokenCall } from './oauth-flow.js';

let h: Harness;
beforeEach(async () => {
  h = await startSandbox();
});
afterEach(async () => {
  await h.close();
});

describe('POST /access_token, refresh_token grant', () => {
  it('returns a new access token and, as Webex does, the same refresh token', async () => {
    const first = await connect(h, person(h, 0).id);
    h.sandbox.state.clock.offsetMs += 60_000;
    const refreshed = await tokenCall(h, {
      grant_type: 'refresh_token',
      refresh_token: first['refresh_token'] as string,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body['access_token']).not.toBe(first['access_token']);
    expect(refreshed.body['refresh_token']).toBe(first['refresh_token']);
    expect(refreshed.body['expires_in']).toBe(1_209_599);
    // The refresh token keeps its original end: about a minute (plus test run time) less.
    const remaining = refreshed.body['refresh_token_expires_in'] as number;
    expect(remaining).toBeLessThanOrEqual(7_775_999 - 60);
    expect(remaining).toBeGreaterThan(7_775_999 - 65);
    const calls = h.sandbox.state.tokenCalls.filter((c) => c.grantType === 'refresh_token');
    expect(calls).toEqual([
      expect.objectContaining({ outcome: 'ok', status: 200, personId: person(h, 0).id }),
    ]);
  });

  it('rotates the refresh token when the state flag asks for it', async () => {
    h.sandbox.state.settings.rotateRefreshTokens = true;
    const first = await connect(h, person(h, 0).id);
    const form = { grant_type: 'refresh_token', refresh_token: first['refresh_token'] as string };
    const refreshed = await tokenCall(h, form);
    expect(refreshed.body['refresh_token']).not.toBe(first['refresh_token']);
    expect(await tokenCall(h, form)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });

  it('refuses an unknown or expired refresh token with invalid_grant, and records it', async () => {
    const first = await connect(h, person(h, 0).id);
    h.sandbox.state.clock.offsetMs += 7_775_999_000;
    const expired = await tokenCall(h, {
      grant_type: 'refresh_token',
      refresh_token: first['refresh_token'] as string,
    });
    expect(expired).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(h.sandbox.state.tokenCalls.at(-1)).toMatchObject({
      grantType: 'refresh_token',
      outcome: 'invalid_grant',
      status: 400,
    });
  });
});

describe('access tokens', () => {
  it('answers an expired, unknown or missing token with 401 and the exact Webex body', async () => {
    const short = await startSandbox({ accessTokenSeconds: 1 });
    try {
      const tokens = await connect(short, person(short, 0).id);
      const token = tokens['access_token'] as string;
      expect((await api(short, token, 'GET', '/people/me')).status).toBe(200);
      short.sandbox.state.clock.offsetMs += 1_000;
      for (const candidate of [token, 'not-a-token', undefined]) {
        const response = await api(short, candidate, 'GET', '/people/me');
        expect(response.status).toBe(401);
        expect(response.body).toEqual({
          message: INVALID_TOKEN_MESSAGE,
          errors: [{ description: INVALID_TOKEN_MESSAGE }],
          trackingId: expect.stringMatching(/^ROUTERGW_[0-9a-f-]{36}$/),
        });
        expect((response.body as { trackingId: string }).trackingId).toBe(
          response.headers.get('trackingid'),
        );
      }
    } finally {
      await short.close();
    }
  });

  it('uses the exact text from webex-api.md', () => {
    expect(INVALID_TOKEN_MESSAGE).toBe(
      'The request requires a valid access token set in the Authorization request header.',
    );
  });
});
