/** The pure rules of token lifetimes. */

/** A token that expires within this window is refreshed before it is used. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** Refresh tokens closer than this to their end earn a warning that the person must reconnect soon. */
export const REFRESH_TOKEN_WARNING_MS = 7 * 24 * 60 * 60 * 1000;

export interface StoredTokens {
  accessToken: string;
  /** Epoch milliseconds. */
  accessTokenExpiresAt: number;
  refreshToken: string;
  /** Epoch milliseconds; undefined when Webex did not say. */
  refreshTokenExpiresAt: number | undefined;
}

export function needsRefresh(tokens: Pick<StoredTokens, 'accessTokenExpiresAt'>, now = Date.now()) {
  return tokens.accessTokenExpiresAt - now <= REFRESH_MARGIN_MS;
}

export function refreshTokenExpiresSoon(
  tokens: Pick<StoredTokens, 'refreshTokenExpiresAt'>,
  now = Date.now(),
) {
  return (
    tokens.refreshTokenExpiresAt !== undefined &&
    tokens.refreshTokenExpiresAt - now <= REFRESH_TOKEN_WARNING_MS
  );
}

/**
 * Applies a token-endpoint response to what is stored. Webex may or may not send a new refresh
 * token; when it sends none, the stored one stays.
 */
export function applyTokenResponse(
  previous: StoredTokens | undefined,
  response: {
    access_token: string;
    expires_in: number;
    refresh_token?: string | undefined;
    refresh_token_expires_in?: number | undefined;
  },
  now = Date.now(),
): StoredTokens {
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  if (!refreshToken) throw new Error('the token response has no refresh token and none is stored');
  return {
    accessToken: response.access_token,
    accessTokenExpiresAt: now + response.expires_in * 1000,
    refreshToken,
    refreshTokenExpiresAt:
      response.refresh_token_expires_in !== undefined
        ? now + response.refresh_token_expires_in * 1000
        : previous?.refreshTokenExpiresAt,
  };
}
