import { describe, expect, it } from 'vitest';
import {
  REFRESH_MARGIN_MS,
  applyTokenResponse,
  needsRefresh,
  refreshTokenExpiresSoon,
} from '../../src/tokens/expiry.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('token expiry rules', () => {
  it('refreshes a token that expires within five minutes, and not one that expires later', () => {
    expect(needsRefresh({ accessTokenExpiresAt: NOW - 1000 }, NOW)).toBe(true);
    expect(needsRefresh({ accessTokenExpiresAt: NOW + REFRESH_MARGIN_MS }, NOW)).toBe(true);
    expect(needsRefresh({ accessTokenExpiresAt: NOW + REFRESH_MARGIN_MS + 1 }, NOW)).toBe(false);
  });

  it('warns when the refresh token ends within seven days', () => {
    const day = 24 * 3600 * 1000;
    expect(refreshTokenExpiresSoon({ refreshTokenExpiresAt: NOW + 6 * day }, NOW)).toBe(true);
    expect(refreshTokenExpiresSoon({ refreshTokenExpiresAt: NOW + 8 * day }, NOW)).toBe(false);
    expect(refreshTokenExpiresSoon({ refreshTokenExpiresAt: undefined }, NOW)).toBe(false);
  });

  it('reads lifetimes from the response rather than assuming them', () => {
    const tokens = applyTokenResponse(
      undefined,
      {
        access_token: 'AT_NEW',
        expires_in: 1209600,
        refresh_token: 'RT_1',
        refresh_token_expires_in: 7776000,
      },
      NOW,
    );
    expect(tokens).toEqual({
      accessToken: 'AT_NEW',
      accessTokenExpiresAt: NOW + 1209600 * 1000,
      refreshToken: 'RT_1',
      refreshTokenExpiresAt: NOW + 7776000 * 1000,
    });
  });

  it('keeps the stored refresh token when a refresh returns none, and takes a new one when it does', () => {
    const previous = applyTokenResponse(
      undefined,
      {
        access_token: 'AT_OLD',
        expires_in: 60,
        refresh_token: 'RT_1',
        refresh_token_expires_in: 100,
      },
      NOW,
    );
    const kept = applyTokenResponse(previous, { access_token: 'AT_2', expires_in: 60 }, NOW + 1000);
    expect(kept.refreshToken).toBe('RT_1');
    expect(kept.refreshTokenExpiresAt).toBe(previous.refreshTokenExpiresAt);
    const rotated = applyTokenResponse(
      previous,
      {
        access_token: 'AT_3',
        expires_in: 60,
        refresh_token: 'RT_2',
        refresh_token_expires_in: 500,
      },
      NOW + 2000,
    );
    expect(rotated.refreshToken).toBe('RT_2');
    expect(rotated.refreshTokenExpiresAt).toBe(NOW + 2000 + 500_000);
  });

  it('refuses a first token response without a refresh token', () => {
    expect(() =>
      applyTokenResponse(undefined, { access_token: 'AT', expires_in: 60 }, NOW),
    ).toThrow(/refresh token/);
  });
});
