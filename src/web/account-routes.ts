/** `/`, `/account` and `/account/disconnect`. */
import type Router from '@koa/router';
import type { Logger } from '../log/logger.js';
import type { ConnectedPerson, PersonStore, WebhookRecord } from '../people/person-store.js';
import { CARDS_WEBHOOK, COMMANDS_WEBHOOK } from '../webhooks/desired.js';
import type { WebexClient } from '../webex/client.js';
import type { PersonTokens } from '../tokens/person-tokens.js';
import { withDeadline } from '../time/deadline.js';
import { accountPage, errorPage, homePage } from './pages.js';
import { csrfMatches, type Sessions } from './session.js';

const LIVE_TIMEOUT_MS = 3000;

export interface AccountDeps {
  people: PersonStore;
  sessions: Sessions;
  tokens: PersonTokens;
  client: WebexClient;
  sandbox: boolean;
  logger: Logger;
}

export function addAccountRoutes(router: Router, deps: AccountDeps): void {
  router.get('/', async (ctx) => {
    const session = await deps.sessions.current(ctx);
    const signedIn = session !== undefined && (await deps.people.isConnected(session.personId));
    ctx.type = 'html';
    ctx.body = homePage({ signedIn, sandbox: deps.sandbox });
  });

  router.get('/account', async (ctx) => {
    const session = await deps.sessions.current(ctx);
    const person = session && (await deps.people.get(session.personId));
    if (!session || !person) {
      ctx.redirect('/');
      return;
    }
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = accountPage({
      person,
      webhooks: await liveWebhooks(deps, person),
      tokens: await deps.people.getTokens(person.id).catch(() => undefined),
      csrfToken: session.csrfToken,
      sandbox: deps.sandbox,
    });
  });

  router.post('/account/disconnect', async (ctx) => {
    const session = await deps.sessions.current(ctx);
    const body = ctx.request.body as Record<string, unknown> | undefined;
    if (!session || !csrfMatches(session, body?.csrf)) {
      deps.logger.warn({ signedIn: session !== undefined }, 'disconnect refused: bad CSRF token');
      ctx.status = 403;
      ctx.type = 'html';
      ctx.body = errorPage(
        'That request could not be checked',
        'The form was out of date or did not come from this page. Open your account page and try again.',
      );
      return;
    }
    const person = await deps.people.get(session.personId);
    if (person) {
      // Removing webhooks at Webex needs a working token; a person whose access is already
      // gone still gets disconnected here.
      try {
        await deps.tokens.withToken(person.id, async (token) => {
          const webhooks = await deps.client.listWebhooks(token);
          const ours = new Set([COMMANDS_WEBHOOK, CARDS_WEBHOOK]);
          for (const webhook of webhooks.filter((w) => ours.has(w.name))) {
            await deps.client.deleteWebhook(token, webhook.id);
          }
        });
      } catch (error) {
        deps.logger.warn(
          { personId: person.id, reason: error instanceof Error ? error.message : String(error) },
          'webhooks could not be removed at Webex during disconnect',
        );
      }
      await deps.people.disconnect(person.id);
      await deps.sessions.endAll(person.id);
      deps.logger.info({ personId: person.id }, 'person disconnected');
    }
    await deps.sessions.end(ctx, session);
    ctx.redirect('/');
  });
}

/**
 * The person's webhooks as Webex reports them now, or as last recorded when Webex cannot be
 * asked (the person must reconnect, or Webex is slow or down).
 */
async function liveWebhooks(
  deps: AccountDeps,
  person: ConnectedPerson,
): Promise<{ webhooks: WebhookRecord[]; live: boolean }> {
  if (person.state !== 'active') return { webhooks: person.webhooks, live: false };
  const ours = new Set([COMMANDS_WEBHOOK, CARDS_WEBHOOK]);
  try {
    const listed = await withDeadline(
      deps.tokens.withToken(person.id, (token) => deps.client.listWebhooks(token)),
      LIVE_TIMEOUT_MS,
      'listing webhooks',
    );
    const webhooks = listed
      .filter((webhook) => ours.has(webhook.name))
      .map((webhook) => ({
        id: webhook.id,
        name: webhook.name,
        status: webhook.status ?? 'active',
      }));
    return { webhooks, live: true };
  } catch (error) {
    deps.logger.info(
      { personId: person.id, reason: error instanceof Error ? error.message : String(error) },
      'webhook status not read from Webex; showing the last recorded one',
    );
    return { webhooks: person.webhooks, live: false };
  }
}
