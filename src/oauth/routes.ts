/**
 * `/oauth/login` and `/oauth/callback`: the authorization-code flow with PKCE S256. Every way
 * the callback can fail ends on a page that says what happened, with nothing stored.
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Logger } from '../log/logger.js';
import { errorPage } from '../web/pages.js';
import type { Sessions } from '../web/session.js';
import { WebexApiError } from '../webex/errors.js';
import { connectPerson, type ConnectDeps } from './connect.js';
import { codeChallengeS256, createCodeVerifier, randomToken } from './pkce.js';
import { STATE_TTL_SECONDS, type StateStore } from './state-store.js';

const OAUTH_COOKIE = 'deputy_oauth';

export interface OAuthDeps extends ConnectDeps {
  states: StateStore;
  sessions: Sessions;
  clientId: string;
  apiBaseUrl: string;
  scopes: string;
  secureCookies: boolean;
  logger: Logger;
}

export function addOAuthRoutes(router: Router, deps: OAuthDeps): void {
  router.get('/oauth/login', async (ctx) => {
    const state = randomToken();
    const codeVerifier = createCodeVerifier();
    const browserNonce = randomToken();
    await deps.states.save(state, { codeVerifier, browserNonce });
    ctx.cookies.set(OAUTH_COOKIE, browserNonce, {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      maxAge: STATE_TTL_SECONDS * 1000,
      path: '/oauth',
    });
    const url = new URL(`${deps.apiBaseUrl}/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: deps.clientId,
      redirect_uri: `${deps.publicBaseUrl}/oauth/callback`,
      scope: deps.scopes,
      state,
      code_challenge: codeChallengeS256(codeVerifier),
      code_challenge_method: 'S256',
    }).toString();
    ctx.redirect(url.toString());
  });

  router.get('/oauth/callback', async (ctx) => {
    const query = (name: string) => {
      const value = ctx.query[name];
      return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const state = query('state');
    const nonce = ctx.cookies.get(OAUTH_COOKIE, { signed: true });
    ctx.cookies.set(OAUTH_COOKIE, null, { signed: true, path: '/oauth' });
    const taken = state ? await deps.states.take(state, nonce) : undefined;

    const error = query('error');
    if (error) {
      deps.logger.info({ error }, 'authorization not granted');
      return fail(ctx, 400, ...deniedText(error, query('error_description')));
    }
    if (!taken || !taken.ok) {
      const reason = taken?.reason ?? 'missing_state';
      deps.logger.warn({ reason }, 'oauth callback refused');
      return fail(
        ctx,
        400,
        'This sign-in link cannot be used',
        reason === 'other_browser'
          ? 'The sign-in was started in another browser or the cookie was lost. Start again here.'
          : 'The sign-in link has expired, was already used, or did not come from Deputy. Start again.',
      );
    }
    const code = query('code');
    if (!code)
      return fail(ctx, 400, 'Webex sent no authorization code', 'Start the sign-in again.');

    try {
      const person = await connectPerson(deps, code, taken.codeVerifier);
      await deps.sessions.start(ctx, person.id);
      ctx.redirect('/account');
    } catch (failure) {
      if (!(failure instanceof WebexApiError)) throw failure;
      deps.logger.warn(
        { route: failure.route, status: failure.status, trackingId: failure.trackingId },
        'connecting failed',
      );
      if (failure.route.startsWith('POST /access_token')) {
        return fail(
          ctx,
          400,
          'Webex refused the sign-in',
          'The authorization code was not accepted. Start the sign-in again.',
        );
      }
      return fail(
        ctx,
        failure.transient ? 502 : 400,
        'Deputy could not finish connecting',
        `Webex answered ${failure.status || 'nothing'} while Deputy set up your account (tracking id ${failure.trackingId ?? 'none'}). Nothing was saved; try again in a moment.`,
      );
    }
  });
}

function deniedText(error: string, description: string | undefined): [string, string] {
  if (error === 'access_denied') {
    return [
      'You did not allow Deputy',
      'Deputy can only act for you once you accept in Webex. Nothing was saved.',
    ];
  }
  return [
    'Webex did not authorize Deputy',
    `Webex said: ${description ?? error}. Nothing was saved.`,
  ];
}

function fail(ctx: Context, status: number, title: string, explanation: string): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = errorPage(title, explanation);
}
