/**
 * `GET /authorize` shows the sign-in page; `POST /authorize` is its form. Problems that make the
 * redirect_uri untrustworthy (unknown client, foreign redirect_uri) are a 400 page; everything
 * else goes back to the app as `?error=...&state=...`, as Webex does.
 */
import { isForm, readForm } from './body.js';
import type { Ctx, SandboxDeps, SandboxRouter } from './context.js';
import { PageError } from './errors.js';
import { signInPage } from './authorize-page.js';
import { randomCode } from './ids.js';
import { findPerson, now, type AuthorizationRequest, type CodeChallengeMethod } from './state.js';
import { PKCE_VALUE } from './tokens.js';

const TEN_MINUTES_MS = 10 * 60_000;

export function registerAuthorizeRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  router.get('/sandbox/authorize', (ctx) => {
    const query = new URLSearchParams(ctx.querystring);
    const clientId = query.get('client_id');
    if (clientId !== deps.options.clientId) {
      throw new PageError(
        400,
        'Unknown integration',
        'The client_id is missing or not registered.',
      );
    }
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!isUnder(redirectUri, deps.options.publicBaseUrl)) {
      throw new PageError(
        400,
        'Redirect URI not registered',
        `redirect_uri must be an address under ${deps.options.publicBaseUrl}.`,
      );
    }
    const state = query.get('state') ?? undefined;
    const back = (error: string, description?: string) =>
      redirect(ctx, redirectUri, { error, error_description: description, state });
    if (query.get('response_type') !== 'code') {
      return back('unsupported_response_type', 'response_type must be code');
    }
    const scope = (query.get('scope') ?? '').trim().replace(/\s+/g, ' ');
    const unknown = scope
      .split(' ')
      .filter((s) => !deps.state.settings.registeredScopes.includes(s));
    if (scope === '' || unknown.length > 0) {
      return back(
        'invalid_scope',
        scope === '' ? 'scope is required' : `invalid scope: ${unknown.join(' ')}`,
      );
    }
    const challenge = query.get('code_challenge') ?? undefined;
    const method = query.get('code_challenge_method') ?? (challenge ? 'plain' : undefined);
    if (method !== undefined && method !== 'S256' && method !== 'plain') {
      return back('invalid_request', 'code_challenge_method must be S256 or plain');
    }
    if (method !== undefined && (challenge === undefined || !PKCE_VALUE.test(challenge))) {
      return back('invalid_request', 'code_challenge is missing or malformed');
    }
    const request: AuthorizationRequest = {
      clientId,
      redirectUri,
      scope,
      state,
      codeChallenge: challenge,
      codeChallengeMethod: method as CodeChallengeMethod | undefined,
      loginHint: query.get('login_hint') ?? undefined,
      expiresAt: now(deps.state) + TEN_MINUTES_MS,
    };
    const requestId = randomCode();
    deps.state.authorizationRequests.set(requestId, request);
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = signInPage(requestId, request, deps.state.people);
  });

  router.post('/sandbox/authorize', async (ctx) => {
    if (!isForm(ctx)) throw new PageError(415, 'Unsupported form', 'Expected a form submission.');
    const form = await readForm(ctx);
    const requestId = form.get('request') ?? '';
    const request = deps.state.authorizationRequests.get(requestId);
    if (!request || request.expiresAt <= now(deps.state)) {
      deps.state.authorizationRequests.delete(requestId);
      throw new PageError(
        400,
        'Sign-in expired',
        'This sign-in was already answered or has expired. Go back to the app and start again.',
      );
    }
    const decision = form.get('decision');
    const back = (params: Record<string, string | undefined>) => {
      deps.state.authorizationRequests.delete(requestId);
      redirect(ctx, request.redirectUri, { ...params, state: request.state });
    };
    if (decision === 'decline') return back({ error: 'access_denied' });
    const person = findPerson(deps.state, form.get('personId') ?? '');
    if (decision !== 'accept' || !person) {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = signInPage(requestId, request, deps.state.people, 'Pick a person, then Accept.');
      return;
    }
    const code = randomCode();
    deps.state.authorizationCodes.set(code, {
      personId: person.id,
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      scope: request.scope,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: request.codeChallengeMethod,
      expiresAt: now(deps.state) + TEN_MINUTES_MS,
    });
    back({ code });
  });
}

/** Same origin and a path under the base: `http://localhost:3000.evil.test` must not pass. */
function isUnder(candidate: string, base: string): boolean {
  try {
    const url = new URL(candidate);
    const root = new URL(base);
    const prefix = root.pathname.endsWith('/') ? root.pathname : `${root.pathname}/`;
    return url.origin === root.origin && (url.pathname + '/').startsWith(prefix);
  } catch {
    return false;
  }
}

function redirect(ctx: Ctx, target: string, params: Record<string, string | undefined>): void {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  ctx.status = 302;
  ctx.redirect(url.toString());
}
