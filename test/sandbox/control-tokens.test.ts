import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INVALID_TOKEN_MESSAGE } from '../../src/sandbox/errors.js';
import { api, apiOk, person, startSandbox, type Harness } from './harness.js';
import { control } from './control-client.js';
import { connect, tokenCall } from './oauth-flow.js';

let h: Harness;
beforeEach(async () => {
  h = await startSandbox();
});
afterEach(async () => {
  await h.close();
});

const refreshWith = (token: unknown) =>
  tokenCall(h, { grant_type: 'refresh_token', refresh_token: token as string });

describe('POST /sandbox/control/revoke', () => {
  it('revokes the access token: the next call gets Webex’s 401, the refresh token still works', async () => {
    const ada = person(h, 0);
    const tokens = await connect(h, ada.id);
    const revoked = await control(h, 'POST', '/revoke', { personId: ada.id, token: 'access' });
    expect(revoked).toMatchObject({ status: 200, body: { revoked: 1 } });
    const refused = await api(h, tokens['access_token'] as string, 'GET', '/people/me');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ message: INVALID_TOKEN_MESSAGE });
    // The personal access token is the developer portal's, not the integration's: untouched.
    await apiOk(h, ada.accessToken, 'GET', '/people/me');
    const refreshed = await refreshWith(tokens['refresh_token']);
    expect(refreshed.status).toBe(200);
    await apiOk(h, refreshed.body['access_token'] as string, 'GET', '/people/me');
  });

  it('revokes the refresh token: the refresh grant answers invalid_grant, the access token still works', async () => {
    const ada = person(h, 0);
    const tokens = await connect(h, ada.id);
    expect(
      (await control(h, 'POST', '/revoke', { personId: ada.id, token: 'refresh' })).body,
    ).toEqual({
      revoked: 1,
    });
    expect(await refreshWith(tokens['refresh_token'])).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    await apiOk(h, tokens['access_token'] as string, 'GET', '/people/me');
  });

  it('revokes both, counts every token of that person and no one else’s', async () => {
    const [ada, grace] = [person(h, 0), person(h, 1)];
    await connect(h, ada.id);
    await connect(h, ada.id);
    const graceTokens = await connect(h, grace.id);
    const revoked = await control(h, 'POST', '/revoke', { personId: ada.id, token: 'both' });
    expect(revoked.body).toEqual({ revoked: 4 });
    await apiOk(h, graceTokens['access_token'] as string, 'GET', '/people/me');
    expect((await control(h, 'POST', '/revoke', { personId: ada.id, token: 'both' })).body).toEqual(
      {
        revoked: 0,
      },
    );
  });

  it('refuses an unknown person (404) or token kind (400)', async () => {
    expect((await control(h, 'POST', '/revoke', { personId: 'x', token: 'both' })).status).toBe(
      404,
    );
    const ada = person(h, 0).id;
    expect((await control(h, 'POST', '/revoke', { personId: ada, token: 'all' })).status).toBe(400);
    expect((await control(h, 'POST', '/revoke', { token: 'both' })).status).toBe(400);
  });
});

describe('POST /sandbox/control/settings', () => {
  it('changes the lifetimes of tokens issued from then on, and refresh token rotation', async () => {
    const changed = await control(h, 'POST', '/settings', {
      accessTokenSeconds: 120,
      refreshTokenSeconds: 600,
      rotateRefreshTokens: true,
    });
    expect(changed.body).toEqual({
      rotateRefreshTokens: true,
      accessTokenSeconds: 120,
      refreshTokenSeconds: 600,
      latencyMs: 0,
    });
    const tokens = await connect(h, person(h, 0).id);
    expect(tokens).toMatchObject({ expires_in: 120, refresh_token_expires_in: 600 });
    const refreshed = await refreshWith(tokens['refresh_token']);
    expect(refreshed.body['refresh_token']).not.toBe(tokens['refresh_token']);
    // Absent fields stay as they are.
    await control(h, 'POST', '/settings', { rotateRefreshTokens: false });
    expect((await control(h, 'GET', '/settings')).body).toMatchObject({
      rotateRefreshTokens: false,
      accessTokenSeconds: 120,
    });
  });

  it('refuses lifetimes that are not positive whole numbers and flags that are not booleans', async () => {
    for (const bad of [
      { accessTokenSeconds: 0 },
      { refreshTokenSeconds: 1.5 },
      { rotateRefreshTokens: 'yes' },
    ]) {
      expect((await control(h, 'POST', '/settings', bad)).status, JSON.stringify(bad)).toBe(400);
    }
  });
});
