/**
 * `POST /access_token`: form-encoded only, client authentication by body fields or HTTP Basic,
 * then the authorization-code or refresh grant. Every call is recorded (grant type, time, outcome)
 * so tests can count refreshes; nothing about the tokens themselves is recorded or logged.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isForm, readForm } from './body.js';
import type { Ctx, SandboxDeps, SandboxRouter } from './context.js';
import { ApiError, OAuthError } from './errors.js';
import { isoNow } from './state.js';
import { exchangeCode, refresh, type Grant } from './tokens.js';

export function registerTokenRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  router.post('/sandbox/access_token', async (ctx) => {
    let grantType = '(unknown)';
    try {
      if (!isForm(ctx)) {
        throw new ApiError(415, 'Content type must be application/x-www-form-urlencoded.');
      }
      const form = await readForm(ctx);
      grantType = form.get('grant_type') ?? '(missing)';
      const clientId = authenticateClient(deps, ctx, form);
      let grant: Grant;
      if (grantType === 'authorization_code') {
        grant = exchangeCode(deps.state, clientId, form);
      } else if (grantType === 'refresh_token') {
        grant = refresh(deps.state, clientId, form);
      } else if (grantType === '(missing)') {
        throw new OAuthError(400, 'invalid_request', 'grant_type is required');
      } else {
        throw new OAuthError(
          400,
          'unsupported_grant_type',
          `grant_type ${grantType} is not supported`,
        );
      }
      record(deps, grantType, 200, 'ok', grant.personId);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = grant.response;
    } catch (error) {
      if (error instanceof OAuthError) record(deps, grantType, error.status, error.error);
      else if (error instanceof ApiError) record(deps, grantType, error.status, 'webex_error');
      throw error;
    }
  });
}

function record(
  deps: SandboxDeps,
  grantType: string,
  status: number,
  outcome: string,
  personId?: string,
): void {
  deps.state.tokenCalls.push({
    grantType,
    at: isoNow(deps.state),
    status,
    outcome,
    ...(personId !== undefined ? { personId } : {}),
  });
  deps.logger.debug({ grantType, status, outcome }, 'sandbox token call');
}

/** Returns the authenticated client id. Body fields or HTTP Basic, not both with different ids. */
function authenticateClient(deps: SandboxDeps, ctx: Ctx, form: URLSearchParams): string {
  const basic = parseBasic(ctx.get('Authorization'));
  const bodyId = form.get('client_id');
  const bodySecret = form.get('client_secret');
  if (basic && bodySecret !== null) {
    throw new OAuthError(400, 'invalid_request', 'use one client authentication method, not two');
  }
  if (basic && bodyId !== null && bodyId !== basic.id) {
    throw new OAuthError(400, 'invalid_request', 'client_id differs from the Basic credentials');
  }
  const id = basic?.id ?? bodyId;
  const secret = basic?.secret ?? bodySecret;
  if (!id || !secret) {
    throw new OAuthError(401, 'invalid_client', 'client authentication is required');
  }
  // The Login with Webex guide shows an unknown client id answered in the REST error shape.
  if (id !== deps.options.clientId) throw new ApiError(400, 'Invalid client_id.');
  if (!sameSecret(secret, deps.options.clientSecret)) {
    if (basic) ctx.set('WWW-Authenticate', 'Basic realm="sandbox"');
    throw new OAuthError(401, 'invalid_client', 'client authentication failed');
  }
  return id;
}

function parseBasic(header: string): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  // RFC 6749 §2.3.1: both parts are form-encoded before they are joined.
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return part;
    }
  };
  return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
