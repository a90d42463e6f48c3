/**
 * The OAuth grants behind /access_token: exchanging a single-use authorization code (with its PKCE
 * check) and refreshing. Webex keeps the refresh token on refresh; `settings.rotateRefreshTokens`
 * switches to issuing a new one so Deputy is tested against both behaviours.
 */
import { createHash } from 'node:crypto';
import { OAuthError } from './errors.js';
import { opaqueToken } from './ids.js';
import { now, type AuthorizationCode, type SandboxState } from './state.js';

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  token_type: 'Bearer';
  scope: string;
}

export interface Grant {
  response: TokenResponse;
  personId: string;
}

/** RFC 7636: 43 to 128 characters from the unreserved set; challenges use the same alphabet. */
export const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

const invalidGrant = (description: string) => new OAuthError(400, 'invalid_grant', description);
const invalidRequest = (description: string) => new OAuthError(400, 'invalid_request', description);

export function exchangeCode(state: SandboxState, clientId: string, form: URLSearchParams): Grant {
  const code = form.get('code');
  if (!code) throw invalidRequest('code is required');
  const record = state.authorizationCodes.get(code);
  // Burnt on first presentation, whatever the outcome: a code is good for one exchange only.
  state.authorizationCodes.delete(code);
  if (!record || record.expiresAt <= now(state)) {
    throw invalidGrant('The authorization code is invalid, expired or already used.');
  }
  if (record.clientId !== clientId) {
    throw invalidGrant('The authorization code was issued to another client.');
  }
  if (form.get('redirect_uri') !== record.redirectUri) {
    throw invalidGrant('redirect_uri does not match the one sent to /authorize.');
  }
  checkPkce(record, form.get('code_verifier'));
  return issue(state, record.personId, clientId, record.scope);
}

function checkPkce(record: AuthorizationCode, verifier: string | null): void {
  if (record.codeChallenge === undefined) {
    if (verifier !== null) {
      throw invalidGrant('code_verifier was sent but no code_challenge was sent to /authorize.');
    }
    return;
  }
  if (verifier === null || verifier === '') throw invalidRequest('code_verifier is required');
  if (!PKCE_VALUE.test(verifier)) {
    throw invalidRequest('code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~');
  }
  const expected =
    record.codeChallengeMethod === 'plain'
      ? verifier
      : createHash('sha256').update(verifier, 'ascii').digest('base64url');
  if (expected !== record.codeChallenge) {
    throw invalidGrant('code_verifier does not match the code_challenge.');
  }
}

export function refresh(state: SandboxState, clientId: string, form: URLSearchParams): Grant {
  const token = form.get('refresh_token');
  if (!token) throw invalidRequest('refresh_token is required');
  const grant = state.refreshTokens.get(token);
  if (!grant || grant.expiresAt <= now(state)) {
    throw invalidGrant('The refresh token is invalid, expired or revoked.');
  }
  if (grant.clientId !== clientId) {
    throw invalidGrant('The refresh token was issued to another client.');
  }
  let refreshToken = token;
  if (state.settings.rotateRefreshTokens) {
    state.refreshTokens.delete(token);
    refreshToken = opaqueToken(state.org.uuid);
    state.refreshTokens.set(refreshToken, { ...grant });
  }
  const accessToken = issueAccessToken(state, grant.personId, clientId, grant.scope);
  return {
    personId: grant.personId,
    response: {
      access_token: accessToken,
      expires_in: state.settings.accessTokenSeconds,
      refresh_token: refreshToken,
      refresh_token_expires_in: Math.max(0, Math.floor((grant.expiresAt - now(state)) / 1000)),
      token_type: 'Bearer',
      scope: grant.scope,
    },
  };
}

function issue(state: SandboxState, personId: string, clientId: string, scope: string): Grant {
  const accessToken = issueAccessToken(state, personId, clientId, scope);
  const refreshToken = opaqueToken(state.org.uuid);
  state.refreshTokens.set(refreshToken, {
    personId,
    clientId,
    appId: state.apps.integrationId,
    scope,
    expiresAt: now(state) + state.settings.refreshTokenSeconds * 1000,
  });
  return {
    personId,
    response: {
      access_token: accessToken,
      expires_in: state.settings.accessTokenSeconds,
      refresh_token: refreshToken,
      refresh_token_expires_in: state.settings.refreshTokenSeconds,
      token_type: 'Bearer',
      scope,
    },
  };
}

function issueAccessToken(
  state: SandboxState,
  personId: string,
  clientId: string,
  scope: string,
): string {
  const token = opaqueToken(state.org.uuid);
  state.accessTokens.set(token, {
    personId,
    clientId,
    appId: state.apps.integrationId,
    scope,
    expiresAt: now(state) + state.settings.accessTokenSeconds * 1000,
  });
  return token;
}
